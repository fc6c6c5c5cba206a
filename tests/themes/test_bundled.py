"""The bundled model is vouched for by the package's code, and tags under any scikit-learn."""
import hashlib
import json
import shutil

import pytest

import vn_directives as vd
from vn_directives.themes.bundled import BUNDLED_SHA256, bundled_model_dir, source_model_dir
from vn_directives.themes.model import CARD_FILE, MODEL_FILE, ChecksumError, ModelVersionError, ThemeModel
from vn_directives.themes.scorer_file import SCORER_FILE


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_constants_in_code_are_the_hashes_of_the_bundled_files():
    for name, digest in BUNDLED_SHA256.items():
        assert sha(bundled_model_dir() / name) == digest, f"{name}: update BUNDLED_SHA256 after retraining"


def test_the_repository_models_folder_is_what_is_bundled():
    for name, digest in BUNDLED_SHA256.items():
        assert sha(source_model_dir() / name) == digest


def test_the_card_agrees_with_the_constants():
    card = json.loads((bundled_model_dir() / CARD_FILE).read_text(encoding="utf-8"))
    assert card["sha256"] == BUNDLED_SHA256[MODEL_FILE]
    assert card["scorer_sha256"] == BUNDLED_SHA256[SCORER_FILE]


@pytest.fixture
def swapped_bundle(tmp_path, monkeypatch):
    """A bundled model folder whose model file was replaced and whose card was updated to match."""
    d = tmp_path / "themes"
    shutil.copytree(bundled_model_dir(), d)
    data = bytearray((d / MODEL_FILE).read_bytes())
    data[len(data) // 2] ^= 1
    (d / MODEL_FILE).write_bytes(bytes(data))
    card = json.loads((d / CARD_FILE).read_text(encoding="utf-8"))
    card["sha256"] = hashlib.sha256(bytes(data)).hexdigest()
    (d / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    import vn_directives.themes.bundled as b
    monkeypatch.setattr(b, "bundled_model_dir", lambda: d)
    monkeypatch.setattr("vn_directives.themes.model.bundled_model_dir", lambda: d)
    return d


def test_a_swapped_bundled_file_is_refused_although_its_card_was_updated(swapped_bundle):
    with pytest.raises(ChecksumError, match="expected " + BUNDLED_SHA256[MODEL_FILE]):
        ThemeModel.verify("default")


@pytest.fixture
def other_sklearn_copy(tmp_path):
    """A trusted model folder whose card says it was pickled under another scikit-learn."""
    d = tmp_path / "m"
    shutil.copytree(bundled_model_dir(), d)
    card = json.loads((d / CARD_FILE).read_text(encoding="utf-8"))
    card["versions"]["scikit-learn"] = "0.0.1"
    (d / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    return d


def test_tagging_needs_no_scikit_learn_match(other_sklearn_copy):
    nlp = vd.load(model=other_sklearn_copy, trust_model=True)
    s = nlp.tag_sentence("Thực hiện nghiêm các biện pháp phòng, chống dịch COVID-19 trong trường học.")
    assert "covid19" in s.themes


def test_explain_unpickles_so_it_checks_the_version_and_says_what_a_pip_user_can_do(other_sklearn_copy):
    nlp = vd.load(model=other_sklearn_copy, trust_model=True)
    doc = nlp("Thực hiện nghiêm các biện pháp phòng, chống dịch COVID-19.")
    with pytest.raises(ModelVersionError) as e:
        nlp.explain(doc.sentences[0], doc)
    msg = str(e.value)
    assert "pip install scikit-learn==0.0.1" in msg and "--trust-model" in msg


def test_a_missing_bundled_model_says_how_to_get_one(tmp_path, monkeypatch):
    monkeypatch.setattr("vn_directives.themes.model.bundled_model_dir", lambda: tmp_path / "gone")
    from vn_directives.themes.model import ModelError
    with pytest.raises(ModelError, match="reinstall the package"):
        ThemeModel.verify("default")
