"""The spaCy pipeline's cost next to the plain pipeline (run on demand).

    PYTHONPATH=. .venv/bin/python benchmarks/spacy_speed.py [--repeat 3] [--glob 'data/texts/seed-*.txt']

Tags the same texts with ``vd.load()`` and with ``vn_directives.spacy.load()``
(best of ``--repeat`` runs, models loaded beforehand, the analysis cache
cleared before each run so nothing is reused across runs), and also times the
spaCy tokenizer alone and ``nlp.pipe(n_process=2)``. Not a test: nothing is asserted.
"""
import argparse
import glob
import time

import vn_directives as vd
import vn_directives.spacy as vds
from vn_directives.spacy.analysis import clear_cache


def best(fn, texts, repeat):
    """Best wall-clock and CPU seconds (this process only) over ``repeat`` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        clear_cache()
        t0, c0 = time.perf_counter(), time.process_time()
        fn(texts)
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--glob", default="data/texts/seed-*.txt")
    args = ap.parse_args()
    texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(args.glob))]
    plain, nlp = vd.load(), vds.load()
    plain(texts[0]), nlp(texts[0])     # load models outside the timing
    rows = [
        ("vd.load()", best(lambda ts: [plain(t) for t in ts], texts, args.repeat)),
        ("spaCy pipeline", best(lambda ts: [nlp(t) for t in ts], texts, args.repeat)),
        ("spaCy tokenizer only", best(lambda ts: [nlp.make_doc(t) for t in ts], texts, args.repeat)),
        ("spaCy nlp.pipe(n_process=2)", best(lambda ts: list(nlp.pipe(ts, n_process=2, batch_size=1)),
                                             texts, args.repeat)),
    ]
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} texts, {chars} characters")
    print(f"{'':30s} {'wall s':>8s} {'CPU s':>8s}  (CPU of this process; the workers' is not counted)")
    for name, (wall, cpu) in rows:
        print(f"{name:30s} {wall:8.3f} {cpu:8.3f}  wall x{wall / rows[0][1][0]:.2f}  CPU x{cpu / rows[0][1][1]:.2f}")


if __name__ == "__main__":
    main()
