"""The compiled scorer (scorer.json.gz) tags as the full model does, verified, without scikit-learn.

* its decision values equal scikit-learn's ``ColumnTransformer.transform(...) @ coef``
  on every labelled document and on random text;
* the word analyzer equals scikit-learn's ``build_analyzer()``;
* a changed file is refused; a directory without one is refused for tagging (never unpickled);
* tagging a document in a fresh process imports no scikit-learn.
"""
import json
import shutil
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from vn_directives.records import Sentence
from vn_directives.themes.features import feature_frame, feature_rows
from vn_directives.themes.model import ChecksumError, ThemeModel, bundled_model_dir
from vn_directives.themes.scorer_file import SCORER_FILE, CompiledThemeModel, scorer_payload
from vn_directives.tokenize import word_tokenize

LABELLED = ROOT / "data" / "labelled"


@pytest.fixture(scope="module")
def model():
    return ThemeModel.load(bundled_model_dir())


@pytest.fixture(scope="module")
def compiled():
    return CompiledThemeModel.load(bundled_model_dir())


def _docs():
    docs = []
    for path in sorted(LABELLED.glob("*.jsonl")):
        recs = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        docs.append([Sentence(id=r["id"], doc=r["doc"], text=r["text"], item=r.get("item", ""),
                              kind=r.get("kind", "sentence"), tokens=word_tokenize(r["text"])) for r in recs])
    return docs


def test_the_bundled_scorer_is_the_bundled_models(model):
    """The shipped file holds exactly what the shipped model.joblib gives (not a stale copy)."""
    import gzip
    shipped = json.loads(gzip.decompress((bundled_model_dir() / SCORER_FILE).read_bytes()))
    assert shipped == json.loads(json.dumps(scorer_payload(model)))


def test_decisions_equal_scikit_learns_on_every_labelled_document(model, compiled):
    docs = _docs()
    assert len(docs) >= 60
    fast = np.vstack([compiled.decision(feature_rows(d)) for d in docs])
    slow = model.decision(feature_frame(docs))
    np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-9)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạ ờớởỡợ19-_.,\n ", max_size=60),
                min_size=1, max_size=4))
def test_decisions_equal_on_random_text(model, compiled, texts):
    docs = [[Sentence(id=f"r:{i}", doc="r", text=t, tokens=[]) for i, t in enumerate(texts)]]
    np.testing.assert_allclose(compiled.decision(feature_rows(docs[0])), model.decision(feature_frame(docs)),
                               rtol=0, atol=1e-9)


def test_the_word_analyzer_is_scikit_learns(model):
    from vn_directives.themes.decision import WordAnalyzer
    from vn_directives.themes.features import sentence_words
    checked = 0
    for name, tr, _ in model.vectorizer.transformers_:
        if getattr(tr, "analyzer", None) != "word":
            continue
        mine = WordAnalyzer(tr.token_pattern, tr.ngram_range, tr.lowercase)
        theirs = tr.build_analyzer()
        for doc in _docs()[:20]:
            for s in doc:
                for text in (sentence_words(s), s.text, "<ctx> " + sentence_words(s), "", "  a  b "):
                    assert mine(text) == theirs(text), (name, text)
                    checked += 1
    assert checked > 1000


def test_a_changed_scorer_file_is_refused(tmp_path):
    d = tmp_path / "m"
    shutil.copytree(bundled_model_dir(), d)
    data = bytearray((d / SCORER_FILE).read_bytes())
    data[100] ^= 1
    (d / SCORER_FILE).write_bytes(bytes(data))
    with pytest.raises(ChecksumError, match="scorer.json.gz"):
        CompiledThemeModel.load(d)


def test_without_a_scorer_file_tagging_is_refused_and_nothing_is_unpickled(tmp_path, monkeypatch):
    import joblib
    from vn_directives.themes.component import ThemeClassifier
    from vn_directives.themes.model import ModelError
    d = tmp_path / "m"
    shutil.copytree(bundled_model_dir(), d)
    (d / SCORER_FILE).unlink()
    monkeypatch.setattr(joblib, "load", lambda *a, **k: pytest.fail("the model file was unpickled"))
    clf = ThemeClassifier(d, trust=True)
    with pytest.raises(ModelError, match="never the pickle"):
        clf.tagger
    assert isinstance(ThemeClassifier().tagger, CompiledThemeModel)


def test_both_tag_a_document_alike(nlp, tmp_path):
    from vn_directives.themes.component import ThemeClassifier
    d = tmp_path / "m"
    shutil.copytree(bundled_model_dir(), d)
    (d / SCORER_FILE).unlink()
    doc_a = nlp(ROOT / "data" / "texts" / "seed-002.txt")
    doc_b = nlp(ROOT / "data" / "texts" / "seed-002.txt")
    ThemeClassifier(d, trust=True).model.predict_documents([doc_b.sentences])   # the full model
    assert [s.themes for s in doc_a.sentences] == [s.themes for s in doc_b.sentences]
    for a, b in zip(doc_a.sentences, doc_b.sentences):
        assert a.theme_scores == pytest.approx(b.theme_scores, abs=1e-12)


def test_tagging_imports_no_scikit_learn():
    code = ("import sys, vn_directives as vd; nlp = vd.load(); "
            "d = nlp('Các trường triển khai Chương trình giáo dục phổ thông 2018 đối với lớp 3, 7, 10.'); "
            "print(d.sentences[0].themes, 'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "['ctgdpt2018'] False", out.stdout + out.stderr
