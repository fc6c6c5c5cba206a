"""The bundled model (models/themes): loads without trust and tags clear sentences sensibly.

Skipped while the bundled model has not been trained yet (``ThemeModel.load()``
says "no such model directory").
"""
import pytest

from vn_directives.records import THEMES

CLEAR_CASES = [
    ("Tổ chức tiêm chủng vắc-xin phòng COVID-19 cho học sinh.", "covid19"),
    ("Triển khai Chương trình giáo dục phổ thông 2018 đối với lớp 3, lớp 7, lớp 10.", "ctgdpt2018"),
    ("Đẩy mạnh chuyển đổi số trong quản lý và dạy học.", "digital_transformation"),
    ("Tăng cường thanh tra, kiểm tra, xử lý nghiêm các vi phạm về dạy thêm, học thêm.", "inspection"),
    ("Tuyển dụng đủ giáo viên theo định mức, bố trí đội ngũ hợp lý.", "teacher_staffing"),
]


def test_the_bundled_model_loads_by_default_without_trust(bundled_model):
    from vn_directives.themes.model import ThemeModel, bundled_model_dir
    assert len(bundled_model.classifiers) == 5 and len(bundled_model.thresholds) == 5
    assert ThemeModel.load(bundled_model_dir()).thresholds == bundled_model.thresholds   # by path, too


def test_the_bundled_card_matches_this_environment(bundled_model):
    import sklearn
    assert bundled_model.card["versions"]["scikit-learn"] == sklearn.__version__
    assert list(bundled_model.card["thresholds"]) == list(THEMES)


@pytest.mark.parametrize("text,theme", CLEAR_CASES, ids=[t for _, t in CLEAR_CASES])
def test_a_clear_sentence_gets_its_theme(bundled_model, text, theme):
    (themes,), (scores,) = bundled_model.predict_texts([text])
    assert theme in themes, f"{theme} score {scores[theme]:.3f} < threshold; got {themes}"


@pytest.mark.parametrize("text,theme", CLEAR_CASES, ids=[t for _, t in CLEAR_CASES])
def test_a_clear_sentence_scores_its_theme_highest(bundled_model, text, theme):
    (_,), (scores,) = bundled_model.predict_texts([text])
    assert max(scores, key=scores.get) == theme, scores


def test_the_letterhead_motto_gets_no_theme(bundled_model):
    (themes,), _ = bundled_model.predict_texts(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    assert themes == []


def test_the_default_pipeline_tags_with_the_bundled_model(bundled_model):
    import vn_directives as vd
    nlp = vd.load(components=("themes",))
    s = nlp.tag_sentence(CLEAR_CASES[0][0])
    assert "covid19" in s.themes
    assert nlp.explain(s)["covid19"]["label"] is True
