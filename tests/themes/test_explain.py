"""explain: per theme the score, threshold, decision and the features that pushed it up and down,
adding up (with the intercept) to the model's raw decision value."""
import numpy as np
import pytest

from vn_directives.records import THEMES
from tests.conftest import ROOT

KEYS = {"score", "threshold", "label", "up", "down"}


@pytest.fixture(scope="module")
def doc(loaded_model):
    """A held-out document, tokenized and tagged by the trained model."""
    from vn_directives.themes.data import read_labelled
    from vn_directives.themes.train import tokenize_documents
    docs = read_labelled([ROOT / "data" / "labelled" / "c021.jsonl"])
    tokenize_documents(docs)
    loaded_model.predict_documents(docs)
    return docs[0]


@pytest.fixture(scope="module")
def nlp(trained):
    import vn_directives as vd
    return vd.load(components=("themes",), model=trained.dir, trust_model=True)


def test_explain_gives_score_threshold_label_up_and_down_for_each_theme(nlp):
    out = nlp.explain("Tăng cường thanh tra, kiểm tra, xử lý nghiêm các vi phạm về dạy thêm, học thêm.")
    assert list(out) == list(THEMES)
    for t, e in out.items():
        assert KEYS <= set(e), t
        assert 0.0 <= e["score"] <= 1.0 and 0.0 < e["threshold"] < 1.0
        assert e["label"] == (e["score"] >= e["threshold"])


def test_explained_labels_are_the_tagged_themes(nlp):
    text = "Tổ chức tiêm chủng vắc-xin phòng COVID-19 cho học sinh."
    s = nlp.tag_sentence(text)
    out = nlp.explain(s)
    assert [t for t in THEMES if out[t]["label"]] == s.themes
    for t in THEMES:
        assert out[t]["score"] == pytest.approx(s.theme_scores[t], abs=1e-4)


def test_up_features_push_up_and_down_features_push_down_strongest_first(nlp):
    out = nlp.explain("Đẩy mạnh chuyển đổi số trong quản lý và dạy học.", top=5)
    for t, e in out.items():
        ups, downs = [c for _, c in e["up"]], [c for _, c in e["down"]]
        assert all(c > 0 for c in ups) and all(c < 0 for c in downs), t
        assert ups == sorted(ups, reverse=True) and downs == sorted(downs)
        assert len(ups) <= 5 and len(downs) <= 5
    assert any(name.startswith("words__") for name, _ in out["digital_transformation"]["up"])


def test_explain_in_context_needs_the_sentence_in_its_document(nlp, doc):
    from vn_directives.records import Document, Sentence
    d = Document(id=doc[0].doc, text="", source="<test>")
    d.sentences = list(doc)
    stranger = Sentence(id="elsewhere:0001", doc="elsewhere", text="Câu khác.")
    with pytest.raises(ValueError, match="elsewhere:0001"):
        nlp.explain(stranger, d)


@pytest.mark.parametrize("index", [0, 3, 7])
def test_contributions_and_intercept_add_up_to_the_decision_value(loaded_model, doc, index):
    from vn_directives.themes.features import feature_frame
    decision = loaded_model.decision(feature_frame([doc]).iloc[[index]])[0]
    out = loaded_model.explain(doc, index, top=10 ** 6)
    for k, t in enumerate(THEMES):
        e = out[t]
        total = e["intercept"] + sum(c for _, c in e["up"]) + sum(c for _, c in e["down"])
        assert total == pytest.approx(decision[k], abs=1e-6), t


@pytest.mark.parametrize("index", [0, 3, 7])
def test_explained_scores_are_the_predicted_scores_in_context(loaded_model, doc, index):
    out = loaded_model.explain(doc, index)
    s = doc[index]
    for t in THEMES:
        assert out[t]["score"] == pytest.approx(s.theme_scores[t], abs=1e-4)
        assert out[t]["label"] == (t in s.themes)


def test_calibrated_score_is_the_sigmoid_of_the_calibrated_decision(loaded_model, doc):
    from vn_directives.themes.features import feature_frame
    frame = feature_frame([doc])
    d = loaded_model.decision(frame)
    a = np.array([c[0] for c in loaded_model.calibration])
    b = np.array([c[1] for c in loaded_model.calibration])
    assert np.allclose(loaded_model.scores(frame), 1 / (1 + np.exp(-(a * d + b))))
