#!/usr/bin/env python3
"""Set up a local environment and run the project's two jobs. Needs only Python 3.10+.

    python3 dev.py demo   # set up .venv, tag the bundled sample directive, print a table, write JSONL
    python3 dev.py test   # set up .venv, run the whole test suite

The environment lives in .venv/ beside this file and is reused when it is
already up to date with setup.cfg.
"""
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".vn_directives-installed"
SAMPLE = ROOT / "data" / "texts" / "seed-002.txt"


def run(*cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, **kw).returncode


def setup(extras: str) -> None:
    if sys.version_info < (3, 10):
        sys.exit(f"vn_directives needs Python 3.10 or newer (this is {sys.version.split()[0]})")
    want = hashlib.sha256((ROOT / "setup.cfg").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want and PY.exists():
        return
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip") != 0:
        sys.exit("pip upgrade failed")
    if run(PY, "-m", "pip", "install", "--quiet", "-e", f".[{extras}]") != 0:
        sys.exit("installing vn_directives failed")
    STAMP.write_text(want)


def demo() -> int:
    setup("parquet")
    out = ROOT / "out"
    out.mkdir(exist_ok=True)
    return run(BIN / "vn-directives", "tag", SAMPLE, "-o", out / "sample.jsonl", "--table")


def test() -> int:
    setup("dev,spacy,dask")
    return run(PY, "-m", "pytest", "-q", *sys.argv[2:])


if __name__ == "__main__":
    jobs = {"demo": demo, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in jobs:
        sys.exit(__doc__)
    sys.exit(jobs[sys.argv[1]]())
