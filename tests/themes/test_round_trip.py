"""train → evaluate → load: the CLI's model, card, report and predictions agree with the library."""
import hashlib
import json
import subprocess
import sys

import pytest
import sklearn

from vn_directives.records import THEMES
from tests.conftest import ROOT
from tests.themes.conftest import HELD_OUT_FILES, read_jsonl

REFERENCE = ROOT.parent / "shared" / "tools" / "score.py"


def counts_of(files):
    recs = [r for f in files for r in read_jsonl(f)]
    return {"documents": len({r["doc"] for r in recs}), "sentences": len(recs),
            **{t: sum(t in r["themes"] for r in recs) for t in THEMES}}


# --------------------------------------------------------------------------- the model card

@pytest.fixture(scope="module")
def card(trained):
    return json.loads((trained.dir / "model-card.json").read_text(encoding="utf-8"))


def test_train_writes_the_model_and_both_cards(trained):
    assert {p.name for p in trained.dir.iterdir()} >= {"model-card.json", "model-card.md", "model.joblib"}
    assert [p.name for p in trained.dir.parent.iterdir()] == ["model"]        # no temporary or .old left
    assert "model written to" in trained.stderr


def test_the_model_directory_gets_the_usual_permissions(trained):
    """Written through a private temporary directory, the model must not stay private (0700)."""
    import os
    mask = os.umask(0)
    os.umask(mask)
    assert oct(trained.dir.stat().st_mode & 0o777) == oct(0o777 & ~mask)
    for f in trained.dir.iterdir():
        assert oct(f.stat().st_mode & 0o777) == oct(0o666 & ~mask)


def test_card_checksum_is_the_model_files_sha256(trained, card):
    assert card["sha256"] == hashlib.sha256((trained.dir / "model.joblib").read_bytes()).hexdigest()
    assert card["model_file"] == "model.joblib"


def test_card_has_a_threshold_for_each_of_the_five_themes(card, loaded_model):
    assert list(card["thresholds"]) == list(THEMES)
    assert list(card["thresholds"].values()) == [round(t, 4) for t in loaded_model.thresholds]


def test_card_records_the_versions(card):
    assert card["versions"]["scikit-learn"] == sklearn.__version__
    assert card["versions"]["python"] == "{}.{}.{}".format(*sys.version_info[:3])


def test_card_counts_the_training_data(trained, card):
    real = [f for f in trained.files if f.parent.name == "labelled"]
    authored = [f for f in trained.files if f.parent.name == "authored"]
    assert card["training"]["files"] == [str(f) for f in trained.files]
    for part, files in (("real", real), ("authored", authored)):
        expected = counts_of(files)
        assert {k: card["training"][part].get(k) for k in expected} == expected, part
    assert card["training"]["seed"] == 0 and card["training"]["authored_used"] is True


def test_card_reports_the_grouped_cross_validation_asked_for(card):
    cv = card["cross_validation"]
    assert cv["folds"] == 2 and len(cv["per_fold_macro_f1"]) == 2
    assert cv["documents"] == 21                     # real documents only; authored ones only train
    assert set(cv["themes"]) == set(THEMES) and 0.0 <= cv["macro_f1"] <= 1.0


def test_markdown_card_shows_checksum_thresholds_and_versions(trained, card):
    md = (trained.dir / "model-card.md").read_text(encoding="utf-8")
    assert md.startswith("# Model card:")
    assert card["sha256"] in md
    assert all(t in md for t in THEMES)
    assert f"scikit-learn {sklearn.__version__}" in md
    assert f"{card['cross_validation']['macro_f1']:.3f}" in md


# --------------------------------------------------------------------------- evaluate

def test_evaluate_predicts_every_gold_sentence_once_with_its_id(evaluated):
    gold_ids = [r["id"] for r in read_jsonl(evaluated.gold)]
    pred_ids = [r["id"] for r in read_jsonl(evaluated.predictions)]
    assert pred_ids == gold_ids
    assert evaluated.report["sentences"] == len(gold_ids)
    assert evaluated.report["scores"]["n_missing_pred"] == 0


def test_evaluate_with_folds_0_does_no_cross_validation(evaluated):
    assert "cross_validation" not in evaluated.report
    assert "predictions" not in evaluated.report          # they went to --predictions-out


def test_evaluate_prints_the_figures_it_reports(evaluated):
    macro = evaluated.report["scores"]["themes_macro_f1"]
    assert f"themes macro-F1 {macro:.3f}" in evaluated.stdout


def test_in_process_predictions_equal_the_cli_predictions(trained, evaluated):
    from vn_directives.themes.data import read_labelled
    from vn_directives.themes.model import ThemeModel
    from vn_directives.themes.train import tokenize_documents
    model = ThemeModel.load(trained.dir, trust=True)
    docs = read_labelled([evaluated.gold])
    tokenize_documents(docs)
    model.predict_documents(docs)
    cli_pred = {r["id"]: r for r in read_jsonl(evaluated.predictions)}
    ours = {s.id: s for d in docs for s in d}
    assert list(ours) == list(cli_pred)
    assert {i: s.themes for i, s in ours.items()} == {i: r["themes"] for i, r in cli_pred.items()}
    for i, s in ours.items():
        assert cli_pred[i]["theme_scores"] == {t: round(v, 4) for t, v in s.theme_scores.items()}


def test_the_held_out_predictions_are_not_trivial(evaluated):
    """The model gives every theme somewhere and is right more often than not."""
    preds = read_jsonl(evaluated.predictions)
    for t in THEMES:
        assert any(t in r["themes"] for r in preds), t
    assert any(not r["themes"] for r in preds)
    assert evaluated.report["scores"]["themes_macro_f1"] > 0.5


# --------------------------------------------------------------------------- the reference scorer

@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/tools/score.py is not beside the repository")
def test_evaluate_figures_equal_the_reference_scorer(evaluated, tmp_path):
    out = tmp_path / "ref.json"
    r = subprocess.run([sys.executable, str(REFERENCE), str(evaluated.gold), str(evaluated.predictions),
                        "--json", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    reference = json.loads(out.read_text(encoding="utf-8"))
    assert evaluated.report["scores"] == reference
    # and the printed lines agree with the reference's printed lines for themes
    for line in r.stdout.splitlines():
        if line.startswith("theme ") or line.startswith("themes macro-F1"):
            assert line in evaluated.stdout


def test_evaluate_with_pred_scores_a_predictions_file(evaluated, tmp_path):
    from tests.themes.conftest import cli
    out = tmp_path / "r.json"
    r = cli("evaluate", evaluated.gold, "--pred", evaluated.predictions, "--folds", 0, "-o", out)
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["scores"] == evaluated.report["scores"]


# --------------------------------------------------------------------------- reproducibility

@pytest.fixture(scope="module")
def small_docs():
    from vn_directives.themes.data import read_labelled
    from vn_directives.themes.train import tokenize_documents
    docs = read_labelled([ROOT / "data" / "labelled" / f"{n}.jsonl" for n in ("seed-000", "seed-002", "seed-003")]
                         + [ROOT / "data" / "authored" / "authored-neg-01.jsonl"])
    tokenize_documents(docs)
    return docs


def test_training_twice_with_the_same_seed_gives_the_same_model(small_docs):
    from vn_directives.themes.train import TrainConfig, fit
    from vn_directives.themes.data import read_labelled
    from vn_directives.themes.train import tokenize_documents
    a = fit(small_docs, TrainConfig(seed=3))
    b = fit(small_docs, TrainConfig(seed=3))
    assert a.thresholds == b.thresholds
    assert a.calibration == b.calibration
    held_out = read_labelled(HELD_OUT_FILES[:4])
    tokenize_documents(held_out)
    a.predict_documents(held_out)
    first = [(s.themes, s.theme_scores) for d in held_out for s in d]
    b.predict_documents(held_out)
    assert [(s.themes, s.theme_scores) for d in held_out for s in d] == first
