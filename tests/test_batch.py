"""The batch command: parallel, resumable, nothing lost (vn_directives/batch.py).

One test per promise of the issue: a folder with a broken file is tagged and
the broken file reported; rows come in input order whatever ``-j``; a run
killed in the middle resumes without redoing or duplicating documents; a
document that hangs, crashes its worker or raises is reported and the run goes
on; size limits; a resume with other settings is refused.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT
from vn_directives.batch import BatchError, Limits, tag_files, tag_path

TEXTS = ROOT / "data" / "texts"
SMALL = ["seed-002", "c001", "c004", "c007", "c013"]


def _rows(path):
    return [json.loads(l) for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip()]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("batch_in")
    for n in SMALL:
        shutil.copy(TEXTS / f"{n}.txt", d / f"{n}.txt")
    (d / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8 not text")
    return d


@pytest.fixture(scope="module")
def reference(folder, tmp_path_factory):
    """The folder tagged with one worker."""
    out = tmp_path_factory.mktemp("batch_ref") / "ref.jsonl"
    summary = tag_files(sorted(folder.glob("*.txt")), out, jobs=1, progress=False)
    return out, summary


def test_a_broken_file_is_reported_and_the_rest_tagged(reference, folder):
    out, summary = reference
    assert summary.documents == len(SMALL)
    assert [Path(p).name for p, _ in summary.failures] == ["broken.txt"]
    errors = Path(str(out) + ".errors.tsv").read_text(encoding="utf-8").splitlines()
    assert errors[0] == "input\treason" and "broken.txt" in errors[1] and "UTF-16" in errors[1]
    assert {r["doc"] for r in _rows(out)} == set(SMALL)


def test_rows_are_in_input_order_and_equal_to_tagging_one_by_one(reference, folder):
    out, _ = reference
    rows = _rows(out)
    docs = list(dict.fromkeys(r["doc"] for r in rows))
    assert docs == sorted(SMALL)
    import vn_directives as vd
    nlp = vd.load()
    assert rows[:len(nlp(folder / "c001.txt").sentences)] == nlp(folder / "c001.txt").to_records()


def test_two_workers_give_the_same_output(reference, folder, tmp_path):
    out2 = tmp_path / "j2.jsonl"
    tag_files(sorted(folder.glob("*.txt")), out2, jobs=2, progress=False)
    assert out2.read_bytes() == reference[0].read_bytes()


def test_run_folder_is_removed_after_a_finished_run(reference):
    out, _ = reference
    assert not Path(str(out) + ".parts").exists()


def test_csv_output_has_one_row_per_sentence(reference, folder, tmp_path):
    import pandas as pd
    out = tmp_path / "o.csv"
    tag_files([folder / "c001.txt"], out, jobs=1, progress=False)
    assert len(pd.read_csv(out)) == sum(1 for r in _rows(reference[0]) if r["doc"] == "c001")


def test_the_garbage_collector_is_left_as_found(folder, tmp_path):
    """The run freezes what it loaded for its forked workers, and gives it back after."""
    import gc
    assert gc.get_freeze_count() == 0
    tag_files([folder / "c001.txt"], tmp_path / "o.jsonl", jobs=1, progress=False)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_file_over_the_size_limit_is_reported(folder, tmp_path):
    out = tmp_path / "o.jsonl"
    files = sorted(p for p in folder.glob("*.txt") if p.name != "broken.txt")
    sizes = {p.name: p.stat().st_size for p in files}
    limit = (min(sizes.values()) + max(sizes.values())) // 2
    s = tag_files(files, out, jobs=1, progress=False, limits=Limits(max_bytes=limit))
    too_big = {Path(p).name for p, r in s.failures if "file too large" in r}
    assert too_big == {n for n, size in sizes.items() if size > limit} and too_big


# --------------------------------------------------------------------------- a document that misbehaves

def misbehaving_worker(path, level, config, max_bytes, doc_id=None):
    """Stands in for tag_path in the workers: hangs, crashes or raises on cue."""
    name = Path(path).name
    if name == "hang.txt":
        time.sleep(3600)
    if name == "crash.txt":
        os._exit(9)
    if name == "bug.txt":
        raise ZeroDivisionError("a bug met by one document")
    return tag_path(path, level, config, max_bytes)


def test_a_hang_a_crash_and_a_bug_cost_only_their_own_document(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for n in ("hang", "crash", "bug"):
        (d / f"{n}.txt").write_text("CHỈ THỊ\nMột câu.", encoding="utf-8")
    shutil.copy(TEXTS / "seed-002.txt", d / "seed-002.txt")
    out = tmp_path / "o.jsonl"
    s = tag_files(sorted(d.glob("*.txt")), out, jobs=2, progress=False, limits=Limits(timeout=20),
                  worker=misbehaving_worker)
    reasons = {Path(p).name: r for p, r in s.failures}
    assert set(reasons) == {"hang.txt", "crash.txt", "bug.txt"}
    assert "stopped after 20 s" in reasons["hang.txt"]
    assert "worker process died" in reasons["crash.txt"]
    assert "ZeroDivisionError" in reasons["bug.txt"]
    assert s.documents == 1 and {r["doc"] for r in _rows(out)} == {"seed-002"}


# --------------------------------------------------------------------------- resuming

def _cli(*args, **kw):
    return subprocess.Popen([sys.executable, "-m", "vn_directives", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, **kw)


def test_a_killed_run_resumes_without_redoing_or_duplicating(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    names = sorted(p.stem for p in TEXTS.glob("c0*.txt"))[:30]
    for n in names:
        shutil.copy(TEXTS / f"{n}.txt", d / f"{n}.txt")
    out = tmp_path / "o.jsonl"
    journal = Path(str(out) + ".parts") / "journal.jsonl"
    proc = _cli("tag", d, "-o", out, "-j", "1", "--no-progress")
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if journal.exists() and len(journal.read_text(encoding="utf-8").splitlines()) >= 5:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)          # the command and its workers, mid-run
    proc.wait()
    assert not out.exists()
    done_before = {json.loads(l)["source"] for l in journal.read_text(encoding="utf-8").splitlines()
                   if l.endswith("}")}
    assert 5 <= len(done_before) < len(names)

    r = _cli("tag", d, "-o", out, "-j", "2", "--resume", "--no-progress")
    _, err = r.communicate(timeout=300)
    assert r.returncode == 0, err
    assert f"({len(done_before)} from an earlier run)" in err or \
        f"({len(done_before) + 1} from an earlier run)" in err   # one more may land before the kill
    rows = _rows(out)
    counts = Counter(r["id"] for r in rows)
    assert max(counts.values()) == 1                      # no row twice
    assert list(dict.fromkeys(r["doc"] for r in rows)) == names   # every document, in order

    ref = tmp_path / "ref.jsonl"
    tag_files(sorted(d.glob("*.txt")), ref, jobs=2, progress=False)
    assert out.read_bytes() == ref.read_bytes()


def test_resume_with_other_settings_is_refused(tmp_path):
    out = tmp_path / "o.jsonl"
    run = Path(str(out) + ".parts")
    (run / "parts").mkdir(parents=True)
    (run / "run.json").write_text(json.dumps({"level": "item", "model_sha256": "x", "version": "0"}))
    with pytest.raises(BatchError, match="other settings"):
        tag_files([TEXTS / "c001.txt"], out, jobs=1, resume=True, progress=False)


def test_resume_needs_an_output_file():
    with pytest.raises(BatchError, match="output file"):
        tag_files([TEXTS / "c001.txt"], "-", resume=True, progress=False)


# --------------------------------------------------------------------------- the folder

def test_a_folder_of_mixed_formats_in_parallel(tmp_path):
    """.txt, .html, .docx, .pdf, a TCVN3-encoded .txt and a broken file, with -j 2."""
    docx = pytest.importorskip("docx")
    fpdf = pytest.importorskip("fpdf")
    from tests.reading.test_legacy import encodable
    from vn_directives.reading.legacy import encode
    d = tmp_path / "in"
    d.mkdir()
    src = (TEXTS / "c010.txt").read_text(encoding="utf-8")
    (d / "a_plain.txt").write_text(src, encoding="utf-8")
    body = "".join(f"<p>{line}</p>" for line in src.splitlines() if line.strip())
    (d / "b_page.html").write_text(f"<html><head><script>var x=1;</script></head><body><nav>Trang chủ</nav>"
                                   f"<article>{body}</article><footer>Bản quyền</footer></body></html>",
                                   encoding="utf-8")
    w = docx.Document()
    for line in src.splitlines():
        w.add_paragraph(line)
    w.save(d / "c_word.docx")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in ("CHI THI", "I. NHIEM VU", "1. So GDDT chu tri trien khai truoc ngay 15/9/2022."):
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    (d / "d_scan.pdf").write_bytes(bytes(pdf.output()))
    legacy = encodable(src, "tcvn3")
    (d / "e_vntime.txt").write_bytes(encode(legacy, "tcvn3"))
    (d / "f_broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "o.jsonl"
    s = tag_files(sorted(d.iterdir()), out, jobs=2, progress=True)
    assert [Path(p).name for p, _ in s.failures] == ["f_broken.docx"]
    rows = _rows(out)
    assert list(dict.fromkeys(r["doc"] for r in rows)) == ["a_plain", "b_page", "c_word", "d_scan", "e_vntime"]
    texts = {doc: " ".join(r["text"] for r in rows if r["doc"] == doc) for doc in ("a_plain", "e_vntime")}
    assert texts["e_vntime"] == encodable(texts["a_plain"], "tcvn3")   # decoded back to Unicode
    assert not any("Trang chủ" in r["text"] or "var x" in r["text"] for r in rows if r["doc"] == "b_page")


def test_a_part_cut_short_is_redone_on_resume(tmp_path):
    # a journaled document whose part file lost its end (a crash of the machine, not
    # only of the process) is tagged again, once
    src = TEXTS / "c001.txt"
    out = tmp_path / "o.jsonl"
    ref = tmp_path / "ref.jsonl"
    tag_files([src], ref, jobs=1, progress=False)
    from vn_directives.batch import RunFolder, _version
    from vn_directives.themes.model import ThemeModel
    _, card = ThemeModel.verify("default")
    run = RunFolder(out, {"level": "sentence", "model_sha256": card.get("sha256"), "version": _version()})
    run.start(resume=False)
    rows = _rows(ref)
    run.record(str(src), rows)
    part = next((run.path / "parts").glob("*.jsonl"))
    part.write_text(part.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    s = tag_files([src], out, jobs=1, resume=True, progress=False)
    assert s.resumed == 0 and out.read_bytes() == ref.read_bytes()
