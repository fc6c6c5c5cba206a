"""The notebooks in notebooks/ (issue 7) run from top to bottom, as stored.

Each notebook is executed with nbclient in a fresh kernel of this very
interpreter (the project's venv), with the notebook's folder as working
directory, as Jupyter and nbmake do, and matplotlib on the Agg backend. A
failing cell fails the test with that cell's source and traceback.
02_corpus_analysis writes its figures to a temporary folder here
(``VN_DIRECTIVES_FIGURES``), so a test run never rewrites the committed PNGs
in notebooks/figures/.
"""
import json
import re
import struct
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_quickstart.ipynb", "02_corpus_analysis.ipynb", "03_retraining.ipynb"]
FIGURES = ["02_themes_by_province.png", "02_themes_by_school_year.png", "02_grades_by_theme.png",
           "02_deadline_timeline.png", "02_top_actors_by_level.png"]
CELL_TIMEOUT = 300  # seconds per cell: only a hang gets near it


def _png_size(path: Path):
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


def _run(name: str, monkeypatch, figures: Path):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    # the kernel must be this interpreter, not some "python3" registered elsewhere on the machine,
    # and matplotlib must draw off-screen
    nb.cells.insert(0, nbformat.v4.new_code_cell(
        f"import sys\nassert sys.prefix == {sys.prefix!r}, 'kernel runs ' + sys.executable\n"
        "import matplotlib\nassert matplotlib.get_backend().lower() == 'agg', matplotlib.get_backend()"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("VN_DIRECTIVES_FIGURES", str(figures))
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        error = re.sub(r"\x1b\[[0-9;]*m", "", str(e))  # the cell's source and traceback, no colour codes
    if error:
        pytest.fail(f"{name} failed:\n{error}", pytrace=False)
    return nb


def test_the_three_notebooks_exist():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_without_outputs(name):
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    assert [c["outputs"] for c in code] == [[] for _ in code]
    assert {c["execution_count"] for c in code} == {None}


@pytest.mark.parametrize("name", NAMES)
def test_notebook_has_no_absolute_paths(name):
    source = "\n".join("".join(c["source"]) for c in
                       json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"])
    assert str(ROOT) not in source
    for prefix in ("/work/", "/home/", "/Users/", "C:\\"):
        assert prefix not in source


def test_01_quickstart_runs(monkeypatch, tmp_path):
    nb = _run("01_quickstart.ipynb", monkeypatch, tmp_path)
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert re.search(r"^\d+ sentences, \d+ items, tagged in", text, re.M)
    assert re.search(r"^ctgdpt2018: score [01]\.\d{3} ≥ threshold [01]\.\d{3}", text, re.M)


def test_02_corpus_analysis_runs_and_writes_its_figures(monkeypatch, tmp_path):
    nb = _run("02_corpus_analysis.ipynb", monkeypatch, tmp_path)
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert re.search(r"^218 documents, \d+ sentences tagged in", text, re.M)
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(FIGURES)
    for name in FIGURES:
        width, height = _png_size(tmp_path / name)
        assert 600 <= width <= 2000 and 300 <= height <= 2500, (name, width, height)
    # the committed figures are the ones the notebook writes (no stale or missing file)
    assert sorted(p.name for p in (NOTEBOOKS / "figures").glob("*.png")) == sorted(FIGURES)


def test_03_retraining_runs_and_leaves_nothing_behind(monkeypatch, tmp_path):
    import tempfile
    before = set(Path(tempfile.gettempdir()).glob("vn-retrain-*"))
    nb = _run("03_retraining.ipynb", monkeypatch, tmp_path)
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "8 records written and valid" in text
    assert "temporary folder removed" in text
    assert set(Path(tempfile.gettempdir()).glob("vn-retrain-*")) == before
