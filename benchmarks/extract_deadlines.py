"""DEADLINE (and REFERENCE sanity) figures on the labelled corpus, §4 scoring.

Run: PYTHONPATH=. .venv/bin/python benchmarks/extract_deadlines.py [-v]
(-v prints every false positive, false negative and wrong value.)
"""
import glob
import sys
import time
from pathlib import Path

from vn_directives.extract.deadlines import DeadlineExtractor
from vn_directives.records import iter_jsonl
from vn_directives.scoring import match_spans, score

ROOT = Path(__file__).resolve().parents[1]


def main(verbose: bool = False) -> dict:
    gold, pred = {}, {}
    for path in sorted(glob.glob(str(ROOT / "data" / "labelled" / "*.jsonl"))):
        for _, rec in iter_jsonl(path):
            gold[rec["id"]] = rec
    ex = DeadlineExtractor()
    t0 = time.time()
    for i, rec in gold.items():
        spans = ex(rec["text"], rec.get("doc_date"))
        pred[i] = {"id": i, "text": rec["text"], "themes": [], "actors": [], "grades": [],
                   "deadlines": [s.to_record() for s in spans]}
    dt = time.time() - t0
    res = score(gold, pred)
    d = res["deadlines"]
    print(f"DEADLINE  P {d['p']:.3f}  R {d['r']:.3f}  F1 {d['f1']:.3f}  "
          f"(tp {d['tp']}, fp {d['fp']}, fn {d['fn']})")
    print(f"exact value on {res['deadline_value_accuracy']:.3f} of {res['deadline_value_n']} matched spans")
    print(f"{len(gold)} sentences in {dt:.2f} s")
    if verbose:
        for i, g in gold.items():
            gs = [(s["start"], s["end"], s) for s in g["deadlines"]]
            ps = [(s["start"], s["end"], s) for s in pred[i]["deadlines"]]
            pairs = match_spans(gs, ps)
            mg = {id(a) for a, _ in pairs}
            mp = {id(b) for _, b in pairs}
            for s in g["deadlines"]:
                if id(s) not in mg:
                    print("FN", i, g.get("doc_date"), repr(s["text"]), s["value"], "|", g["text"][:160])
            for s in pred[i]["deadlines"]:
                if id(s) not in mp:
                    print("FP", i, g.get("doc_date"), repr(s["text"]), s["value"], "|", g["text"][:160])
            for a, b in pairs:
                if a["value"] != b["value"]:
                    print("VAL", i, g.get("doc_date"), repr(a["text"]), a["value"], "pred", repr(b["text"]), b["value"])
    return res


if __name__ == "__main__":
    main("-v" in sys.argv)
