"""Batch scaling: ``vn-directives tag -j 1`` against ``-j 2`` and the Dask path (run on demand).

    PYTHONPATH=. .venv/bin/python benchmarks/scaling.py [--copies 4] [--dask]

Copies the bundled texts ``--copies`` times into a temporary folder and tags
it with the command line, as a user would (wall-clock time of the whole
command, worker start-up included), with one and with two worker processes,
and with ``--dask`` also on a local Dask cluster of two worker processes
(cluster start-up included). Best of ``--repeat`` runs of each.
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _segment(texts):
    from underthesea import word_tokenize
    word_tokenize("khởi động")
    t0 = time.perf_counter()
    for t in texts:
        word_tokenize(t)
    return time.perf_counter() - t0


def ceiling(repeat):
    """The machine's own two-process speed-up on the floor of our work: underthesea
    word segmentation of the bundled texts' lines, in one process and split over two."""
    import multiprocessing as mp
    lines = [l for f in sorted(Path("data/texts").glob("*.txt"))
             for l in f.read_text(encoding="utf-8").splitlines() if l.strip()] * 3
    best = 0.0
    for _ in range(repeat):
        one = _segment(lines)
        with mp.get_context("spawn").Pool(2) as pool:
            two = max(pool.map(_segment, [lines[::2], lines[1::2]]))
        best = max(best, one / two)
    return best


def tag(folder, out, *extra):
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vn_directives", "tag", str(folder), "-o", str(out), "-q",
                    "--no-progress", *extra], check=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--dask", action="store_true")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each command; the best is kept")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for k in range(args.copies):
            for f in sorted(Path("data/texts").glob("*.txt")):
                shutil.copy(f, folder / f"{f.stem}-{k}.txt")
        n = len(list(folder.iterdir()))
        t1 = min(tag(folder, Path(tmp) / "j1.jsonl", "-j", "1") for _ in range(args.repeat))
        t2 = min(tag(folder, Path(tmp) / "j2.jsonl", "-j", "2") for _ in range(args.repeat))
        same = (Path(tmp) / "j1.jsonl").read_bytes() == (Path(tmp) / "j2.jsonl").read_bytes()
        ref = ceiling(args.repeat)
        print(f"{n} documents")
        print(f"reference: word_tokenize alone, 2 processes vs 1, same run: {ref:.2f}x")
        print(f"-j 1   {t1:7.2f} s  {n / t1:6.1f} documents/s")
        print(f"-j 2   {t2:7.2f} s  {n / t2:6.1f} documents/s   speed-up {t1 / t2:.2f}x ({t1 / t2 / ref:.2f} of the reference)  identical output: {same}")
        if args.dask:
            td = min(tag(folder, Path(tmp) / "dask.jsonl", "--scheduler", "local:2") for _ in range(args.repeat))
            same = (Path(tmp) / "j1.jsonl").read_bytes() == (Path(tmp) / "dask.jsonl").read_bytes()
            print(f"dask local:2 {td:7.2f} s  {n / td:6.1f} documents/s   vs -j 2 {t2 / td:.2f}x  identical: {same}")


if __name__ == "__main__":
    main()
