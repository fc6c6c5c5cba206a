"""Peak memory of a batch over files made to exhaust memory (issue 15), against good files.

Run: PYTHONPATH=. .venv/bin/python benchmarks/hostile_memory.py

Builds the files of tests/hostile_files.py (a .docx with a 300 MB header, one with a
600 MB image, one lying about its sizes, a PDF of 40 pages of 70 MB streams, a 48 MB
.txt) beside three good documents, tags the folder with ``-j 2``, and reports the
peak resident memory of the largest process (``resource.getrusage(RUSAGE_CHILDREN)``
of a fresh child) and the wall time, with the same run over the three good documents
alone as the reference measured in the same session.
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.hostile_files import BUILDERS  # noqa: E402

GOOD = ["c001.txt", "c003.txt", "c010.txt"]

MEASURE = r"""
import resource, subprocess, sys, time
t0 = time.perf_counter()
rc = subprocess.run(sys.argv[1:], capture_output=True).returncode
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, round(time.perf_counter() - t0, 1))
"""


def run(folder: Path, out: Path):
    cmd = [sys.executable, "-c", MEASURE, sys.executable, "-m", "vn_directives", "tag", str(folder),
           "-o", str(out), "-j", "2", "--no-progress"]
    rc, mb, s = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    return int(rc), int(mb), float(s)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        good, bad = tmp / "good", tmp / "bad"
        good.mkdir()
        bad.mkdir()
        for name in GOOD:
            shutil.copy(ROOT / "data" / "texts" / name, good / name)
            shutil.copy(ROOT / "data" / "texts" / name, bad / name)
        for name, build in BUILDERS.items():
            build(bad / name)
        sizes = {p.name: p.stat().st_size for p in bad.iterdir()}
        ref = run(good, tmp / "good.jsonl")
        hostile = run(bad, tmp / "bad.jsonl")
        errors = (tmp / "bad.jsonl.errors.tsv").read_text(encoding="utf-8").splitlines()[1:]
    print("files:", ", ".join(f"{n} {s / 2**20:.1f} MB" for n, s in sorted(sizes.items())))
    print(f"{'run':28s} {'exit':>4s} {'peak RSS MB':>12s} {'seconds':>8s}")
    print(f"{'3 good documents':28s} {ref[0]:4d} {ref[1]:12d} {ref[2]:8.1f}")
    print(f"{'the same + 5 hostile files':28s} {hostile[0]:4d} {hostile[1]:12d} {hostile[2]:8.1f}")
    print(f"ratio of peaks: {hostile[1] / ref[1]:.2f}; errors lines: {len(errors)}")
    for line in errors:
        print("  ", line[:160])


if __name__ == "__main__":
    main()
