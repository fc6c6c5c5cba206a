"""The labelled corpus: valid records, every bundled document labelled, agreement reproducible."""
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

DATA = ROOT / "data"
LABELLED = sorted((DATA / "labelled").glob("*.jsonl"))


def test_every_labelled_file_is_valid():
    from vn_directives.validate import validate_files
    assert LABELLED
    assert validate_files(LABELLED) == []


def test_authored_sentences_are_valid_marked_and_separate():
    from vn_directives.records import iter_jsonl
    from vn_directives.validate import validate_files
    authored = sorted((DATA / "authored").glob("*.jsonl"))
    assert authored and validate_files(LABELLED + authored) == []
    for p in authored:
        for n, rec in iter_jsonl(p):
            assert rec["source"] == "authored" and rec["doc"].startswith("authored-"), f"{p}:{n}"
    for p in LABELLED:
        for n, rec in iter_jsonl(p):
            assert rec["source"] != "authored", f"{p}:{n}"


def test_every_theme_has_100_positives_real_or_authored():
    from collections import Counter
    from vn_directives.records import THEMES, iter_jsonl
    c = Counter(t for p in LABELLED + sorted((DATA / "authored").glob("*.jsonl"))
                for _, rec in iter_jsonl(p) for t in rec["themes"])
    assert all(c[t] >= 100 for t in THEMES), c


def test_every_bundled_text_is_labelled_with_its_source():
    from vn_directives.records import iter_jsonl
    docs = {p.stem for p in (DATA / "texts").glob("*.txt")}
    assert docs == {p.stem for p in LABELLED}
    for p in LABELLED:
        for n, rec in iter_jsonl(p):
            assert rec["doc"] == p.stem, f"{p}:{n}"
            assert rec.get("source"), f"{p}:{n}: no source address"
            assert "doc_date" in rec, f"{p}:{n}: no doc_date"


def test_validate_command_reports_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "d", "id": "d:1", "text": "lớp 3", "themes": [], "actors": [], '
                   '"grades": [{"start": 0, "end": 5, "text": "lớp 3", "value": [13]}], "deadlines": []}\n'
                   '{"doc": "d", "id": "d:1", "text": "x", "themes": ["covid"], "actors": [], '
                   '"grades": [], "deadlines": [{"start": 0, "end": 1, "text": "x", '
                   '"value": {"start": "2022-13-01", "end": null}}]}\n', encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "vn_directives", "validate", str(bad)],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "bad.jsonl:1: grades[0]: grade value must be" in r.stderr
    assert "bad.jsonl:2: unknown theme 'covid'" in r.stderr
    assert "bad.jsonl:2: deadlines[0]: deadline start '2022-13-01' is not an ISO date" in r.stderr
    assert "bad.jsonl:2: id 'd:1' already used at" in r.stderr


def test_validate_command_passes_the_bundled_data():
    r = subprocess.run([sys.executable, "-m", "vn_directives", "validate", str(DATA / "labelled"),
                        str(DATA / "agreement" / "second")], capture_output=True, text=True)
    # the second labelling repeats ids of the first on purpose: validate each set alone
    r1 = subprocess.run([sys.executable, "-m", "vn_directives", "validate", str(DATA / "labelled")],
                        capture_output=True, text=True)
    r2 = subprocess.run([sys.executable, "-m", "vn_directives", "validate", str(DATA / "agreement" / "second")],
                        capture_output=True, text=True)
    assert r1.returncode == 0, r1.stderr
    assert r2.returncode == 0, r2.stderr
    assert r.returncode == 1 and "already used" in r.stderr


def test_agreement_figures_are_reproducible():
    """agreement.json is what data/labelling/agreement.py computes from the two labellings."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("agreement_script", DATA / "labelling" / "agreement.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    stored = json.loads((DATA / "agreement" / "agreement.json").read_text(encoding="utf-8"))
    assert script.parts() == stored
    assert stored["all"]["n_sentences"] >= 600 and stored["new_155"]["n_sentences"] >= 300
    assert stored["all"]["actor_roles"]["n"] >= 300


def test_a_role_outside_the_guideline_is_reported(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "d", "id": "d:1", "text": "Sở GDĐT chỉ đạo.", "themes": [], "grades": [], '
                   '"actors": [{"start": 0, "end": 7, "text": "Sở GDĐT", "canonical": "Sở Giáo dục và Đào tạo", '
                   '"role": "boss"}], "deadlines": []}\n', encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "vn_directives", "validate", str(bad)], capture_output=True, text=True)
    assert r.returncode == 1 and "bad.jsonl:1: actors[0]: role 'boss' is not one of" in r.stderr


def test_every_real_actor_has_a_role():
    from vn_directives.records import ROLES, iter_jsonl
    for p in LABELLED:
        for n, rec in iter_jsonl(p):
            for a in rec["actors"]:
                assert a.get("role") in ROLES, f"{p}:{n}: {a['text']!r} has no role"


def test_the_held_out_documents_are_labelled_and_listed():
    names = [ln.strip() for ln in (DATA / "heldout.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert len(names) == len(set(names)) >= 40
    assert all((DATA / "labelled" / f"{n}.jsonl").is_file() for n in names)
