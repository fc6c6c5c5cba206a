"""End-to-end tagging speed against underthesea's word segmentation alone (run on demand).

    PYTHONPATH=. .venv/bin/python benchmarks/pipeline_speed.py [--repeat 3]

In one process, one core, on the bundled texts (data/texts/*.txt):

* the floor: ``underthesea.word_tokenize`` on every sentence the pipeline
  cuts, and nothing else;
* the full pipeline (``vd.load()``: read, clean, metadata, segment, tokenize,
  themes, entities) on the same documents, and the time of each stage;
* the pipeline's throughput as a share of the floor's (the issue asks ≥ 0.8);
* how the cost grows with document length: the texts joined into documents
  of 1, 2, 4 and 8 times the length (ms per sentence should stay flat).

Best of ``--repeat`` runs for each figure. Not a test: nothing is asserted.
"""
import argparse
import glob
import resource
import time
from collections import defaultdict

import vn_directives as vd
from vn_directives.pipeline import Pipeline


def best(fn, repeat):
    t = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        t = min(t, time.perf_counter() - t0)
    return t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from underthesea import word_tokenize

    nlp = vd.load()
    files = sorted(glob.glob("data/texts/*.txt"))
    nlp(files[0])                     # model and underthesea loaded outside the timings
    docs = [nlp(f) for f in files]
    sents = [s.text for d in docs for s in d.sentences]
    chars = sum(map(len, sents))

    # interleaved, so that a change in the machine's load hits both alike
    floor = full = float("inf")
    for _ in range(args.repeat):
        floor = min(floor, best(lambda: [word_tokenize(s) for s in sents], 1))
        full = min(full, best(lambda: [nlp(f) for f in files], 1))

    stages = defaultdict(lambda: float("inf"))
    for _ in range(args.repeat):
        run = defaultdict(float)
        for f in files:
            t = time.perf_counter(); d = Pipeline.read(f); run["read"] += time.perf_counter() - t
            for name in ("clean", "metadata", "segment", "tokenize"):
                t = time.perf_counter(); d = getattr(Pipeline, name)(d); run[name] += time.perf_counter() - t
            for _, name, fn in nlp.components:
                t = time.perf_counter(); d = fn(d); run[name] += time.perf_counter() - t
        for k, v in run.items():
            stages[k] = min(stages[k], v)

    n = len(sents)
    print(f"{len(files)} documents, {n} sentences, {chars} characters; best of {args.repeat}")
    print(f"word_tokenize alone   {floor:7.3f} s  {n / floor:7.0f} sentences/s")
    print(f"full pipeline         {full:7.3f} s  {n / full:7.0f} sentences/s")
    print(f"pipeline / word_tokenize throughput = {floor / full:.2f}")
    print("stages (s, share of the tokenize stage):")
    for k, v in stages.items():
        print(f"  {k:10s} {v:7.3f}  {v / stages['tokenize']:5.2f}")

    print("cost against document length (texts joined):")
    texts = [open(f, encoding="utf-8").read() for f in files]
    for k in (1, 2, 4, 8):
        joined = ["\n".join(texts[i:i + k]) for i in range(0, len(texts) - k + 1, k)]
        t = best(lambda: [nlp(x) for x in joined], args.repeat)
        m = sum(len(nlp(x).sentences) for x in joined)
        print(f"  x{k}: {len(joined):3d} documents of ~{sum(map(len, joined)) // len(joined):6d} chars  "
              f"{1000 * t / m:6.3f} ms/sentence")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
