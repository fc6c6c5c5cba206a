"""The tagging fast path (themes/decision.py) gives scikit-learn's numbers.

The bundled model's decision values through ``LinearScorer`` must equal
``ColumnTransformer.transform(frame) @ coef + intercept`` — on the labelled
documents, on text the vocabulary has never seen, and on odd whitespace.
"""
import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from vn_directives.records import Sentence
from vn_directives.themes.decision import LinearScorer, _TfidfBlock
from vn_directives.themes.features import feature_frame, feature_rows
from vn_directives.themes.model import ThemeModel, bundled_model_dir
from vn_directives.tokenize import word_tokenize


@pytest.fixture(scope="module")
def model():
    return ThemeModel.load(bundled_model_dir())


def _sklearn_decision(model, docs):
    return model.decision(feature_frame(docs))


def _fast_decision(model, docs):
    return LinearScorer.from_model(model).decision([r for d in docs for r in feature_rows(d)])


def _doc(path, limit=None):
    recs = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()][:limit]
    return [Sentence(id=r["id"], doc=r["doc"], text=r["text"], item=r.get("item", ""),
                     kind=r.get("kind", "sentence"), tokens=word_tokenize(r["text"])) for r in recs]


def test_equal_to_sklearn_on_labelled_documents(model):
    docs = [_doc(ROOT / "data" / "labelled" / f"{n}.jsonl", 25) for n in ("seed-000", "c013", "c041")]
    fast, slow = _fast_decision(model, docs), _sklearn_decision(model, docs)
    assert fast.shape == slow.shape == (sum(map(len, docs)), 5)
    np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-9)


def test_equal_on_unseen_words_and_odd_whitespace(model):
    texts = ["Xyzzy qwerty   plugh\tfoo-bar 12345.", "   ", "Đ", "COVID-19  COVID-19\n\nCOVID-19",
             "Chương trình GDPT 2018 lớp 3, 7, 10 – thực hiện từ năm học 2022-2023."]
    docs = [[Sentence(id=f"x:{i}", doc="x", text=t, tokens=word_tokenize(t)) for i, t in enumerate(texts)]]
    np.testing.assert_allclose(_fast_decision(model, docs), _sklearn_decision(model, docs), rtol=0, atol=1e-9)


def test_repeated_context_strings_are_vectorised_once_and_equal(model):
    doc = _doc(ROOT / "data" / "labelled" / "seed-002.jsonl", 12)
    twice = [doc, doc]
    fast = _fast_decision(model, twice)
    np.testing.assert_allclose(fast[:12], fast[12:], rtol=0, atol=0)
    np.testing.assert_allclose(fast, _sklearn_decision(model, twice), rtol=0, atol=1e-9)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạ ờớởỡợ19-_.,\n ", max_size=60),
                min_size=1, max_size=4))
def test_equal_on_random_text(model, texts):
    docs = [[Sentence(id=f"r:{i}", doc="r", text=t, tokens=[]) for i, t in enumerate(texts)]]
    np.testing.assert_allclose(_fast_decision(model, docs), _sklearn_decision(model, docs), rtol=0, atol=1e-9)


def test_refuses_settings_it_does_not_reproduce():
    from sklearn.feature_extraction.text import TfidfVectorizer
    tf = TfidfVectorizer(binary=True).fit(["ab bc", "bc cd"])
    with pytest.raises(ValueError, match="unsupported"):
        _TfidfBlock.from_vectorizer(tf, "text", 1.0)
