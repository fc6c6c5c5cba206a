"""Shared fixtures for the theme classifier tests.

Training is the slow part, so every trained model is a session fixture, made
ONCE and shared:

* ``trained`` — a model trained with the CLI (``vn-directives train``) on a
  subset of the labelled and authored data, ``--folds 2``;
* ``evaluated`` — that model evaluated with the CLI on held-out documents
  (``--predictions-out``, ``-o report.json``);
* ``loaded_model`` — the trained model loaded in-process with ``trust=True``.

Tests that change a model work on a copy (``model_copy``), never on these.
"""
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

import pytest

from tests.conftest import ROOT

LABELLED = ROOT / "data" / "labelled"
AUTHORED = ROOT / "data" / "authored"
THEMES = ("covid19", "ctgdpt2018", "digital_transformation", "inspection", "teacher_staffing")

#: the training subset: the five seed documents plus 20 other files (16 real, 4 authored)
TRAIN_FILES: List[Path] = (
    sorted(LABELLED.glob("seed-00*.jsonl"))
    + [LABELLED / f"{n}.jsonl" for n in ("c002", "c006", "c007", "c008", "c010", "c014", "c019", "c027",
                                         "c033", "c035", "c037", "c040", "c048", "c051", "c055", "c056")]
    + [AUTHORED / f"{n}.jsonl" for n in ("authored-ctgdpt-01", "authored-insp-01",
                                         "authored-staff-01", "authored-neg-01")]
)
#: documents the trained model never saw, for evaluation
HELD_OUT_FILES: List[Path] = [LABELLED / f"{n}.jsonl" for n in
                              ("c001", "c013", "c016", "c021", "c028", "c038", "c041", "c043", "c046", "c058")]


def cli(*args, cwd=None):
    """``python -m vn_directives ARGS`` in a subprocess, from the repository root."""
    return subprocess.run([sys.executable, "-m", "vn_directives", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd or ROOT)


def read_jsonl(path) -> List[Dict]:
    return [json.loads(l) for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip()]


def write_jsonl(path, records) -> Path:
    Path(path).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return Path(path)


def snapshot(directory) -> Dict[str, bytes]:
    """Every file under ``directory`` (relative path → bytes)."""
    d = Path(directory)
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


@dataclass
class Trained:
    dir: Path              # the model directory written by `vn-directives train`
    files: List[Path]      # the training files
    stderr: str            # what the CLI said


@dataclass
class Evaluated:
    gold: Path             # the held-out gold, one JSONL file
    report: Dict           # the -o JSON report
    predictions: Path      # the --predictions-out JSONL
    stdout: str


@pytest.fixture(scope="session")
def trained(tmp_path_factory) -> Trained:
    out = tmp_path_factory.mktemp("trained") / "model"
    r = cli("train", *TRAIN_FILES, "-o", out, "--folds", 2)
    assert r.returncode == 0, r.stderr[-3000:]
    return Trained(out, list(TRAIN_FILES), r.stderr)


@pytest.fixture(scope="session")
def evaluated(trained, tmp_path_factory) -> Evaluated:
    d = tmp_path_factory.mktemp("evaluated")
    gold = write_jsonl(d / "gold.jsonl", [rec for p in HELD_OUT_FILES for rec in read_jsonl(p)])
    report, pred = d / "report.json", d / "pred.jsonl"
    r = cli("evaluate", gold, "--model", trained.dir, "--trust-model", "--folds", 0,
            "-o", report, "--predictions-out", pred)
    assert r.returncode == 0, r.stderr[-3000:]
    return Evaluated(gold, json.loads(report.read_text(encoding="utf-8")), pred, r.stdout)


@pytest.fixture(scope="session")
def loaded_model(trained):
    from vn_directives.themes.model import ThemeModel
    return ThemeModel.load(trained.dir, trust=True)


@pytest.fixture
def model_copy(trained, tmp_path) -> Path:
    """A private copy of the trained model directory, free to damage."""
    dst = tmp_path / "copy"
    shutil.copytree(trained.dir, dst)
    return dst


@pytest.fixture(scope="session")
def bundled_model():
    """The bundled models/themes, or a skip while it has not been trained yet."""
    from vn_directives.themes.model import ModelError, ThemeModel
    try:
        return ThemeModel.load()
    except ModelError as e:
        if "no such model directory" in str(e):
            pytest.skip(f"the bundled model is not there yet ({e})")
        raise
