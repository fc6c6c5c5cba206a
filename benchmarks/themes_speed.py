"""The theme classifier's share of tagging time, next to word segmentation (run on demand).

    PYTHONPATH=. .venv/bin/python benchmarks/themes_speed.py [--repeat 3]

Tags every document in data/texts/ stage by stage and reports, in the same
run, seconds spent in word segmentation (underthesea) and in the classifier
(features + model), and their ratio. Not a test: nothing is asserted.
"""
import argparse
import glob
import time

import vn_directives as vd
from vn_directives.pipeline import Pipeline


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    nlp = vd.load(components=("themes",))
    clf = nlp.components[0][2]
    files = sorted(glob.glob("data/texts/*.txt"))
    docs = []
    for f in files:
        d = Pipeline.read(f)
        for stage in (Pipeline.clean, Pipeline.metadata, Pipeline.segment):
            d = stage(d)
        docs.append(d)
    n = sum(len(d.sentences) for d in docs)
    clf(docs[0])  # unpickle the model outside the timing
    seg = cls = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for d in docs:
            Pipeline.tokenize(d)
        t1 = time.perf_counter()
        for d in docs:
            clf(d)
        t2 = time.perf_counter()
        seg, cls = min(seg, t1 - t0), min(cls, t2 - t1)
    print(f"{len(docs)} documents, {n} sentences (best of {args.repeat})")
    print(f"word segmentation  {seg:7.3f} s  {1000 * seg / n:6.2f} ms/sentence")
    print(f"theme classifier   {cls:7.3f} s  {1000 * cls / n:6.2f} ms/sentence")
    print(f"classifier / segmentation = {cls / seg:.2f}")


if __name__ == "__main__":
    main()
