"""GRADE extractor against the gold (ANNOTATION.md §4: micro P/R/F1 over (sentence, grade) pairs).

Run on demand: ``PYTHONPATH=. python benchmarks/extract_grades.py [--errors] [--authored]``.
Prints the figures on data/labelled (and data/authored with --authored, not an
evaluation set) and, with --errors, every sentence where prediction and gold differ.
"""
from __future__ import annotations

import argparse
import glob
import time
from pathlib import Path

from vn_directives.extract.grades import GradeExtractor
from vn_directives.scoring import load_records, score

ROOT = Path(__file__).resolve().parents[1]


def run(pattern: str, extractor: GradeExtractor, show_errors: bool) -> dict:
    gold = {}
    for f in sorted(glob.glob(str(ROOT / pattern))):
        gold.update(load_records(f))
    pred = {}
    t0 = time.perf_counter()
    for k, rec in gold.items():
        spans = extractor(rec["text"], rec.get("doc_date"))
        pred[k] = {"id": k, "text": rec["text"], "grades": [s.to_record() for s in spans]}
    dt = time.perf_counter() - t0
    res = score(gold, pred)["grades"]
    print(f"{pattern}: {len(gold)} sentences, {dt * 1000 / max(1, len(gold)):.3f} ms/sentence")
    print(f"  GRADE P {res['p']:.4f} R {res['r']:.4f} F1 {res['f1']:.4f} "
          f"(tp {res['tp']} fp {res['fp']} fn {res['fn']})")
    if show_errors:
        for k, rec in gold.items():
            g = sorted({v for s in rec.get("grades") or [] for v in s["value"]})
            p = sorted({v for s in pred[k]["grades"] for v in s["value"]})
            if g != p:
                print(f"  {k}: gold {g} pred {p}\n    {rec['text'][:300]}")
                print(f"    gold spans {[s['text'] for s in rec.get('grades') or []]} "
                      f"pred spans {[s['text'] for s in pred[k]['grades']]}")
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list sentences that differ from the gold")
    ap.add_argument("--authored", action="store_true", help="also score data/authored (not for evaluation)")
    args = ap.parse_args()
    ex = GradeExtractor()
    run("data/labelled/*.jsonl", ex, args.errors)
    if args.authored:
        run("data/authored/*.jsonl", ex, args.errors)


if __name__ == "__main__":
    main()
