"""Thresholds: how each theme's cut is chosen, and that a theme is given exactly at score ≥ cut."""
import numpy as np
import pytest

from vn_directives.records import THEMES
from vn_directives.themes.model import ThemeModel
from vn_directives.themes.train import best_threshold


def f1_at(threshold, scores, y):
    pred = np.asarray(scores) >= threshold
    y = np.asarray(y, bool)
    tp, fp, fn = (pred & y).sum(), (pred & ~y).sum(), (~pred & y).sum()
    return 2 * tp / max(2 * tp + fp + fn, 1)


# --------------------------------------------------------------------------- best_threshold

def test_separable_scores_are_cut_midway_between_the_classes():
    t = best_threshold([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0])
    assert t == pytest.approx(0.55)
    assert f1_at(t, [0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0]) == 1.0


def test_separable_scores_in_any_order_give_the_same_cut():
    assert best_threshold([0.3, 0.9, 0.1, 0.8], [0, 1, 0, 1]) == pytest.approx(0.55)


def test_all_negative_labels_give_one_half():
    assert best_threshold([0.9, 0.4, 0.2], [0, 0, 0]) == 0.5


def test_all_negative_labels_with_no_scores_give_one_half():
    assert best_threshold([], []) == 0.5


def test_a_cut_never_falls_between_tied_scores():
    # the two 0.7s must get the same decision: the best cut is below both
    t = best_threshold([0.7, 0.7, 0.2], [1, 0, 0])
    assert t == pytest.approx(0.45)


def test_tied_scores_are_kept_together_even_when_listed_negative_first():
    assert best_threshold([0.7, 0.2, 0.7], [0, 0, 1]) == pytest.approx(0.45)


def test_equal_f1_cuts_are_broken_towards_one_half():
    # cut after 0.9 (t=0.8) and keeping everything (t=0.05) both give F1 2/3
    scores, y = [0.9, 0.7, 0.3, 0.1], [1, 0, 0, 1]
    assert f1_at(0.8, scores, y) == pytest.approx(2 / 3) == f1_at(0.05, scores, y)
    assert best_threshold(scores, y) == pytest.approx(0.8)


def test_all_positive_labels_keep_every_sentence():
    t = best_threshold([0.9, 0.6, 0.4], [1, 1, 1])
    assert t <= 0.4 and f1_at(t, [0.9, 0.6, 0.4], [1, 1, 1]) == 1.0


@pytest.mark.parametrize("seed", range(5))
def test_the_cut_reaches_the_best_f1_of_any_cut(seed):
    rnd = np.random.default_rng(seed)
    y = rnd.integers(0, 2, 40)
    scores = np.round(np.clip(y * 0.3 + rnd.random(40) * 0.7, 0, 1), 2)   # rounding makes ties
    best_possible = max(f1_at(c, scores, y) for c in np.r_[np.unique(scores), 1.01])
    t = best_threshold(scores, y)
    assert f1_at(t, scores, y) == pytest.approx(best_possible)
    assert not np.any(np.isclose(scores, t))       # a midpoint, never a score itself


# --------------------------------------------------------------------------- decide

def bare_model(thresholds):
    return ThemeModel(vectorizer=None, classifiers=[], calibration=[], thresholds=thresholds, config={})


def test_decide_gives_a_theme_exactly_when_its_score_reaches_its_threshold():
    m = bare_model([0.5, 0.2, 0.9, 0.3, 0.6])
    rows = np.array([[0.5, 0.19999, 0.95, 0.3, 0.59999],     # equal, just below, above, equal, just below
                     [0.49999, 0.2, 0.9, 0.29, 1.0]])
    assert m.decide(rows) == [["covid19", "digital_transformation", "inspection"],
                              ["ctgdpt2018", "digital_transformation", "teacher_staffing"]]


def test_decide_uses_each_themes_own_threshold():
    m = bare_model([0.1, 0.9, 0.1, 0.9, 0.1])
    assert m.decide(np.full((1, 5), 0.5)) == [["covid19", "digital_transformation", "teacher_staffing"]]


SENTENCES = ["Tổ chức tiêm chủng vắc-xin phòng COVID-19 cho học sinh.",
             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Tuyển dụng đủ giáo viên theo định mức."]


@pytest.fixture
def own_model(trained):
    """A private instance of the trained model (thresholds get changed)."""
    from vn_directives.themes.model import ThemeModel
    return ThemeModel.load(trained.dir, trust=True)


def test_threshold_zero_gives_every_theme_to_every_sentence(own_model):
    own_model.thresholds = [0.0] * 5
    themes, _ = own_model.predict_texts(SENTENCES)
    assert themes == [list(THEMES)] * len(SENTENCES)


def test_threshold_above_one_gives_no_theme_at_all(own_model):
    own_model.thresholds = [1.01] * 5
    themes, _ = own_model.predict_texts(SENTENCES)
    assert themes == [[]] * len(SENTENCES)


def test_predicted_themes_are_the_scores_at_or_above_the_thresholds(own_model):
    themes, scores = own_model.predict_texts(SENTENCES)
    for got, sc in zip(themes, scores):
        assert got == [t for t, th in zip(THEMES, own_model.thresholds) if sc[t] >= th]


def test_trained_thresholds_are_proper_probabilities(loaded_model):
    assert len(loaded_model.thresholds) == 5
    assert all(0.0 < t < 1.0 for t in loaded_model.thresholds)
