"""The cached CRF decoder against underthesea's own word segmentation (run on demand).

    PYTHONPATH=. .venv/bin/python benchmarks/wordseg_speed.py [--repeat 5]

On every sentence the pipeline cuts from the bundled texts, in one process:
``underthesea.word_tokenize(s, use_token_normalize=False)`` and
``CRFWordSegmenter.words(s)`` (the same words), the decoder timed with its
caches emptied first (cold) and again with them filled by that pass (warm);
interleaved, best of ``--repeat``. Not a test: nothing is asserted.
"""
import argparse
import gc
import glob
import time

import vn_directives as vd
from vn_directives.wordseg.decoder import CRFWordSegmenter


def timed(fn, texts):
    gc.collect()
    t = time.perf_counter()
    out = [fn(x) for x in texts]
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from underthesea import word_tokenize
    nlp = vd.load()
    sents = [s.text for f in sorted(glob.glob("data/texts/*.txt")) for s in nlp(f).sentences]
    seg = CRFWordSegmenter.load()
    ut = lambda s: word_tokenize(s, use_token_normalize=False)  # noqa: E731
    ut(sents[0])
    best = {"underthesea": float("inf"), "cold": float("inf"), "warm": float("inf")}
    same = True
    for _ in range(args.repeat):
        t, ref = timed(ut, sents)
        best["underthesea"] = min(best["underthesea"], t)
        seg.clear_caches()
        t, mine = timed(seg.words, sents)
        best["cold"] = min(best["cold"], t)
        t, _ = timed(seg.words, sents)
        best["warm"] = min(best["warm"], t)
        same = same and mine == ref
    n = len(sents)
    print(f"{n} sentences; best of {args.repeat}; same words as underthesea: {same}")
    for k, v in best.items():
        print(f"  {k:12s} {v:6.3f} s  {n / v:6.0f} sentences/s  {best['underthesea'] / v:4.1f}x underthesea")


if __name__ == "__main__":
    main()
