"""Loading a model is verified before any byte is unpickled: trust, checksum, scikit-learn version."""
import json

import joblib
import pytest
import sklearn

from vn_directives.themes.model import (CARD_FILE, MODEL_FILE, ChecksumError, ModelError, ModelVersionError,
                                        ThemeModel, UntrustedModelError, bundled_model_dir)
from tests.themes.conftest import cli, write_jsonl


@pytest.fixture
def no_unpickling(monkeypatch):
    """Records (and stops) any attempt to unpickle: joblib.load, pickle.load(s), joblib's unpickler."""
    import pickle
    calls = []

    def refuse(name):
        def f(*a, **k):
            calls.append(name)
            raise AssertionError(f"{name} was called: the model file was unpickled")
        return f

    monkeypatch.setattr(joblib, "load", refuse("joblib.load"))
    monkeypatch.setattr(joblib.numpy_pickle, "load", refuse("joblib.numpy_pickle.load"))
    monkeypatch.setattr(pickle, "load", refuse("pickle.load"))
    monkeypatch.setattr(pickle, "loads", refuse("pickle.loads"))
    monkeypatch.setattr(pickle._Unpickler, "load", refuse("pickle._Unpickler.load"))
    return calls


def test_the_no_unpickling_guard_does_catch_a_load(model_copy, no_unpickling):
    with pytest.raises((AssertionError, ModelError)):
        ThemeModel.load(model_copy, trust=True)
    assert no_unpickling == ["joblib.load"]


def flip_one_byte(path, offset=None):
    data = bytearray(path.read_bytes())
    i = len(data) // 2 if offset is None else offset
    data[i] ^= 0x01
    path.write_bytes(bytes(data))


def edit_card(directory, change):
    p = directory / CARD_FILE
    card = json.loads(p.read_text(encoding="utf-8"))
    change(card)
    p.write_text(json.dumps(card, ensure_ascii=False, indent=2), encoding="utf-8")


# --------------------------------------------------------------------------- trust

def test_a_trusted_copy_loads(model_copy):
    m = ThemeModel.load(model_copy, trust=True)
    assert len(m.classifiers) == 5 and len(m.thresholds) == 5


def test_a_directory_other_than_the_bundled_one_needs_trust(model_copy, no_unpickling):
    with pytest.raises(UntrustedModelError) as e:
        ThemeModel.load(model_copy)
    msg = str(e.value)
    assert str(model_copy) in msg
    assert "pickle" in msg and "runs code" in msg            # why
    assert "trust=True" in msg and "--trust-model" in msg    # how to opt in
    assert no_unpickling == []


def test_the_model_file_path_itself_needs_trust_too(model_copy, no_unpickling):
    with pytest.raises(UntrustedModelError):
        ThemeModel.load(model_copy / MODEL_FILE)


def test_untrusted_is_a_model_error(model_copy):
    with pytest.raises(ModelError):
        ThemeModel.load(model_copy)


def test_a_missing_directory_is_a_model_error_naming_it(tmp_path):
    with pytest.raises(ModelError, match="no such model directory"):
        ThemeModel.load(tmp_path / "nowhere", trust=True)


def test_the_bundled_directory_is_models_themes_of_the_checkout():
    from tests.conftest import ROOT
    assert bundled_model_dir() == ROOT / "models" / "themes"


# --------------------------------------------------------------------------- checksum

@pytest.mark.parametrize("where", ["middle", "first", "last"])
def test_one_changed_byte_is_refused_by_checksum_naming_the_file(model_copy, no_unpickling, where):
    model_file = model_copy / MODEL_FILE
    size = model_file.stat().st_size
    flip_one_byte(model_file, {"middle": size // 2, "first": 0, "last": size - 1}[where])
    with pytest.raises(ChecksumError) as e:
        ThemeModel.load(model_copy, trust=True)
    assert str(model_file) in str(e.value)
    assert "SHA-256" in str(e.value)
    assert no_unpickling == []


def test_a_swapped_model_file_is_refused(model_copy, no_unpickling):
    joblib.dump({"format": 1, "evil": True}, model_copy / MODEL_FILE)
    with pytest.raises(ChecksumError):
        ThemeModel.load(model_copy, trust=True)
    assert no_unpickling == []


def test_a_card_without_checksum_is_refused(model_copy, no_unpickling):
    edit_card(model_copy, lambda c: c.pop("sha256"))
    with pytest.raises(ChecksumError):
        ThemeModel.load(model_copy, trust=True)


def test_a_missing_card_is_a_model_error(model_copy, no_unpickling):
    (model_copy / CARD_FILE).unlink()
    with pytest.raises(ModelError) as e:
        ThemeModel.load(model_copy, trust=True)
    assert CARD_FILE in str(e.value)
    assert no_unpickling == []


def test_a_missing_model_file_is_a_model_error(model_copy):
    (model_copy / MODEL_FILE).unlink()
    with pytest.raises(ModelError, match=MODEL_FILE):
        ThemeModel.load(model_copy, trust=True)


def test_an_unreadable_card_is_a_model_error_naming_it(model_copy, no_unpickling):
    (model_copy / CARD_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError) as e:
        ThemeModel.load(model_copy, trust=True)
    assert str(model_copy / CARD_FILE) in str(e.value)


# --------------------------------------------------------------------------- scikit-learn version

def test_another_scikit_learn_version_is_refused_with_how_to_retrain(model_copy, no_unpickling):
    edit_card(model_copy, lambda c: c["versions"].__setitem__("scikit-learn", "0.0.1"))
    with pytest.raises(ModelVersionError) as e:
        ThemeModel.load(model_copy, trust=True)
    msg = str(e.value)
    assert "0.0.1" in msg and sklearn.__version__ in msg       # both versions
    assert "vn-directives train" in msg                         # how to retrain
    assert no_unpickling == []


def test_a_card_without_scikit_learn_version_is_refused(model_copy, no_unpickling):
    edit_card(model_copy, lambda c: c["versions"].pop("scikit-learn"))
    with pytest.raises(ModelVersionError):
        ThemeModel.load(model_copy, trust=True)


# --------------------------------------------------------------------------- the CLI

@pytest.fixture(scope="module")
def sentences_in(tmp_path_factory):
    return write_jsonl(tmp_path_factory.mktemp("in") / "in.jsonl",
                       [{"id": "x:0", "doc": "x", "text": "Đẩy mạnh chuyển đổi số trong quản lý và dạy học."}])


@pytest.mark.parametrize("command", ["tag", "evaluate", "suggest"])
def test_cli_refuses_another_model_directory_without_trust_model(command, trained, sentences_in, tmp_path):
    args = {"tag": ["tag", "--sentences", sentences_in, "-o", tmp_path / "o.jsonl"],
            "evaluate": ["evaluate", sentences_in, "--folds", 0],
            "suggest": ["suggest", sentences_in, "-n", 1]}[command]
    r = cli(*args, "--model", trained.dir)
    assert r.returncode == 1, r.stderr
    assert "--trust-model" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_cli_trust_model_opts_in(trained, sentences_in, tmp_path):
    out = tmp_path / "o.jsonl"
    r = cli("tag", "--sentences", sentences_in, "-o", out, "--model", trained.dir, "--trust-model")
    assert r.returncode == 0, r.stderr
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["id"] == "x:0" and set(rec["theme_scores"]) == {
        "covid19", "ctgdpt2018", "digital_transformation", "inspection", "teacher_staffing"}


def test_cli_reports_a_checksum_failure_without_a_traceback(model_copy, sentences_in, tmp_path):
    flip_one_byte(model_copy / MODEL_FILE)
    r = cli("tag", "--sentences", sentences_in, "-o", tmp_path / "o.jsonl", "--model", model_copy, "--trust-model")
    assert r.returncode == 1
    assert str(model_copy / MODEL_FILE) in r.stderr and "Traceback" not in r.stderr


def test_cli_tags_under_another_scikit_learn_but_evaluate_reports_the_mismatch(model_copy, sentences_in, tmp_path):
    edit_card(model_copy, lambda c: c["versions"].__setitem__("scikit-learn", "0.0.1"))
    r = cli("tag", "--sentences", sentences_in, "-o", tmp_path / "o.jsonl", "--model", model_copy, "--trust-model")
    assert r.returncode == 0, r.stderr          # tagging reads scorer.json.gz: no pickle, no version match
    r = cli("evaluate", sentences_in, "--folds", 0, "--model", model_copy, "--trust-model")
    assert r.returncode == 1
    assert "0.0.1" in r.stderr and sklearn.__version__ in r.stderr and "vn-directives train" in r.stderr
    assert "Traceback" not in r.stderr


# --------------------------------------------------------------------------- the pipeline

def test_the_pipeline_refuses_an_untrusted_model_directory(model_copy, no_unpickling):
    import vn_directives as vd
    with pytest.raises(UntrustedModelError):
        vd.load(components=("themes",), model=model_copy)


def test_the_pipeline_refuses_a_corrupted_model_when_it_is_built(model_copy, no_unpickling):
    """Checked at vd.load(), not at the first document."""
    import vn_directives as vd
    flip_one_byte(model_copy / MODEL_FILE)
    with pytest.raises(ChecksumError):
        vd.load(components=("themes",), model=model_copy, trust_model=True)


def test_the_pipeline_with_a_trusted_directory_uses_that_model(trained, loaded_model):
    import vn_directives as vd
    nlp = vd.load(components=("themes",), model=trained.dir, trust_model=True)
    s = nlp.tag_sentence("Tuyển dụng đủ giáo viên theo định mức.")
    themes, scores = loaded_model.predict_texts(["Tuyển dụng đủ giáo viên theo định mức."])
    assert s.themes == themes[0]
    assert s.theme_scores == pytest.approx(scores[0])
