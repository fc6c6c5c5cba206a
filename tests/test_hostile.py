"""Hostile inputs and hostile conditions lose nothing and crash nothing (issue 15).

Every case is built here by the test (no binary blobs): file names that are not UTF-8 or
hold a newline or a tab, special entries in a folder (FIFO, a link to nothing, a loop of
links), a full disk (a 2 MB tmpfs) and a second run on the same output.
"""
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, TEXTS

GOOD = ["c001.txt", "c003.txt", "c010.txt"]


def cli(*args, cwd=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "vn_directives", *map(os.fsdecode, args)],
                          capture_output=True, text=True, cwd=cwd or ROOT, timeout=timeout)


def rows(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def errors(path):
    """The errors file as (input, reason) pairs, fields unescaped."""
    def unescape(v):
        return v.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\")
    text = Path(path).read_bytes().decode("utf-8", "surrogateescape")
    lines = text.split("\n")[1:]
    return [tuple(unescape(f) for f in ln.split("\t")) for ln in lines if ln]


@pytest.fixture
def hostile_names(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    names = [b"bad\xff\xfe.txt", b"with\nnewline.txt", b"with\ttab.txt", b"good.txt"]
    for n, src in zip(names, GOOD + GOOD):
        with open(os.path.join(os.fsencode(d), n), "wb") as fh:
            fh.write((TEXTS / src).read_bytes())
    return d


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_file_names_that_are_not_utf8_or_hold_newlines_or_tabs_are_tagged(hostile_names, tmp_path, jobs):
    out = tmp_path / "o.jsonl"
    r = cli("tag", hostile_names, "-o", out, "-j", jobs)
    assert r.returncode == 0, r.stderr
    got = rows(out)                                      # valid UTF-8 JSON, every line
    assert len({x["doc"] for x in got}) == 4
    sources = {x["source"] for x in got}
    assert any(s.endswith("bad\\xff\\xfe.txt") for s in sources)
    assert any("with\nnewline.txt" in s for s in sources)        # a path, not taken for text
    assert all(x["text"] != str(hostile_names / "with\nnewline.txt") for x in got)


def test_resume_after_a_stop_with_hostile_names_completes(hostile_names, tmp_path):
    out = tmp_path / "o.jsonl"
    (hostile_names / "hang.txt").write_bytes((TEXTS / "c001.txt").read_bytes())
    r = cli("tag", hostile_names, "-o", out, "-j", "1")
    assert r.returncode == 0, r.stderr
    first = rows(out)
    r = cli("tag", hostile_names, "-o", out, "-j", "1", "--resume")
    assert r.returncode == 0, r.stderr
    assert rows(out) == first


def test_a_tab_and_a_newline_in_a_failing_name_keep_the_errors_file_parseable(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    bad = [b"broken\tone.docx", b"broken\ntwo.pdf", b"broken\xff.docx"]
    for n in bad:
        with open(os.path.join(os.fsencode(d), n), "wb") as fh:
            fh.write(b"not a real file")
    (d / "good.txt").write_bytes((TEXTS / "c001.txt").read_bytes())
    out = tmp_path / "o.jsonl"
    r = cli("tag", d, "-o", out, "-j", "2")
    assert r.returncode == 0, r.stderr
    errs = errors(str(out) + ".errors.tsv")
    assert len(errs) == 3 and all(len(e) == 2 for e in errs)
    assert {os.path.basename(p) for p, _ in errs} == {os.fsdecode(n) for n in bad}


def test_special_entries_in_a_folder_each_get_an_errors_line_and_the_rest_is_tagged(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_bytes((TEXTS / "c001.txt").read_bytes())
    os.mkfifo(d / "pipe.txt")
    (d / "dangling.txt").symlink_to(tmp_path / "nothing.txt")
    (d / "loop.txt").symlink_to(d / "loop.txt")
    (d / "sub").mkdir()
    (d / "sub" / "up").symlink_to(d, target_is_directory=True)        # a loop of folders
    out = tmp_path / "o.jsonl"
    r = cli("tag", d, "-o", out, "-j", "2", "--timeout", "60")
    assert r.returncode == 0, r.stderr
    assert {x["doc"] for x in rows(out)} == {"good"}
    reasons = {os.path.basename(p): why for p, why in errors(str(out) + ".errors.tsv")}
    assert "FIFO" in reasons["pipe.txt"] and "link to nothing" in reasons["dangling.txt"]
    assert "loop" in reasons["loop.txt"]


def test_a_fifo_given_by_name_is_refused_at_once_not_waited_for(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    t0 = time.monotonic()
    r = cli("tag", fifo, "-o", tmp_path / "o.jsonl", "--timeout", "120", timeout=100)
    assert r.returncode == 1 and "not a regular file (a FIFO)" in r.stderr
    assert time.monotonic() - t0 < 90


@pytest.fixture
def tiny_disk(tmp_path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + done.stderr.decode(errors="replace"))
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_a_full_disk_stops_the_run_and_resume_loses_nothing(tmp_path, tiny_disk):
    d = tmp_path / "in"
    d.mkdir()
    srcs = sorted(TEXTS.glob("*.txt"))[:60]
    for p in srcs:
        shutil.copy(p, d / p.name)
    ballast = tiny_disk / "ballast"
    ballast.write_bytes(b"\0" * (1536 * 1024))            # leave about 0.5 MB: the run cannot finish
    out = tiny_disk / "o.jsonl"
    r = cli("tag", d, "-o", out, "-j", "2")
    assert r.returncode == 2, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and "No space left on device" in lines[0] and "--resume" in lines[0], r.stderr
    assert "Traceback" not in r.stderr
    journal = Path(str(out) + ".parts") / "journal.jsonl"
    if journal.exists():
        assert not any(json.loads(ln).get("status") == "failed"
                       for ln in journal.read_text(encoding="utf-8").splitlines() if ln.strip())
    ballast.unlink()
    r = cli("tag", d, "-o", out, "-j", "2", "--resume")
    assert r.returncode == 0, r.stderr
    ref = tmp_path / "ref.jsonl"
    assert cli("tag", d, "-o", ref, "-j", "1").returncode == 0
    assert rows(out) == rows(ref)


def test_a_read_only_output_folder_is_refused_before_any_work(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(ro)],
                             capture_output=True).returncode == 0
    if not mounted:
        ro.chmod(0o555)
    try:
        if os.access(ro, os.W_OK):
            pytest.skip("the folder is writable after all (root without mount)")
        r = cli("tag", TEXTS / "c001.txt", "-o", ro / "o.jsonl")
        assert r.returncode == 2 and "cannot be written to" in r.stderr and "Traceback" not in r.stderr
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(ro)], capture_output=True)
        else:
            ro.chmod(0o755)


def test_a_second_run_on_the_same_output_is_refused_naming_the_first(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(40):
        shutil.copy(TEXTS / "seed-002.txt", d / f"s{i:02d}.txt")
    out = tmp_path / "o.jsonl"
    first = subprocess.Popen([sys.executable, "-m", "vn_directives", "tag", str(d), "-o", str(out), "-j", "1"],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lock_info = Path(str(out) + ".lock.json")
        for _ in range(600):
            if lock_info.exists():
                break
            time.sleep(0.1)
        assert lock_info.exists(), "the first run never took its lock"
        r = cli("tag", d, "-o", out, "-j", "1")
        assert r.returncode == 2 and "another run is writing this output" in r.stderr
        assert f"pid {first.pid}" in r.stderr
    finally:
        _, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert len({x["doc"] for x in rows(out)}) == 40
    assert not Path(str(out) + ".lock").exists()


def test_files_made_to_exhaust_memory_are_errors_lines_and_the_good_ones_are_tagged(tmp_path):
    from tests.hostile_files import BUILDERS
    d = tmp_path / "in"
    d.mkdir()
    for name, build in BUILDERS.items():
        build(d / name)
    for name in GOOD:
        shutil.copy(TEXTS / name, d / name)
    out = tmp_path / "o.jsonl"
    r = cli("tag", d, "-o", out, "-j", "2", "--max-memory", "3072", "--timeout", "200", timeout=900)
    assert r.returncode == 0, r.stderr
    assert {x["doc"] for x in rows(out)} == {Path(n).stem for n in GOOD}
    reasons = {os.path.basename(p): why for p, why in errors(str(out) + ".errors.tsv")}
    assert set(reasons) == set(BUILDERS), reasons
    assert "text too long" in reasons["long.txt"] and "unpacks to" in reasons["huge_header.docx"]


def test_a_doctype_with_an_internal_subset_leaves_no_text(tmp_path):
    from vn_directives.reading.formats import read_document_text
    p = tmp_path / "dt.html"
    p.write_text('<!DOCTYPE html [<!ENTITY x "y">]>\n<html><body><p>Sở GDĐT triển khai kế hoạch.</p>'
                 '</body></html>', encoding="utf-8")
    assert read_document_text(p) == "Sở GDĐT triển khai kế hoạch."


def test_a_killed_removal_of_the_run_folder_does_not_stop_the_next_resume(tmp_path):
    out = tmp_path / "o.jsonl"
    assert cli("tag", TEXTS / "c001.txt", TEXTS / "c002.txt", "-o", out, "-j", "1").returncode == 0
    half = tmp_path / "o.jsonl.parts.removing-99999"          # what a kill during the removal leaves
    (half / "parts").mkdir(parents=True)
    r = cli("tag", TEXTS / "c001.txt", TEXTS / "c002.txt", "-o", out, "-j", "1", "--resume")
    assert r.returncode == 0, r.stderr
    assert not half.exists()


def test_a_killed_training_run_leaves_nothing_the_next_one_keeps(tmp_path):
    from vn_directives.themes.train import _sweep_stale_runs
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = tmp_path / f".train-{dead}-abc"
    live = tmp_path / f".train-{os.getpid()}-def"
    stale.mkdir()
    live.mkdir()
    _sweep_stale_runs(tmp_path)
    assert not stale.exists() and live.exists()


def test_training_data_that_is_not_utf8_is_named_by_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": "a:1", "doc": "a", "text": "x", "themes": []}\n{"id": "a:2", "text": "\xff"}\n')
    r = cli("train", bad, "-o", tmp_path / "m")
    assert r.returncode != 0 and f"{bad}:2: not UTF-8 text (byte 0xff" in r.stderr, r.stderr


def test_hostile_names_on_a_dask_cluster(hostile_names, tmp_path):
    pytest.importorskip("distributed")
    out, ref = tmp_path / "dask.jsonl", tmp_path / "one.jsonl"
    r = cli("tag", hostile_names, "-o", out, "--scheduler", "local:2")
    assert r.returncode == 0, r.stderr
    assert cli("tag", hostile_names, "-o", ref, "-j", "1").returncode == 0
    assert rows(out) == rows(ref) and len({x["doc"] for x in rows(out)}) == 4
