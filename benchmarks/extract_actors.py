"""ACTOR extractor on the gold sentences of data/labelled (span F1, §4 matching).

    PYTHONPATH=. .venv/bin/python benchmarks/extract_actors.py [--errors]

Tokens come from vn_directives.tokenize.word_tokenize (cached outside the repository,
in <tmp>/vn_directives_bench/actor_tokens.pkl, keyed by the sentence text). Not a test.
"""
from __future__ import annotations

import argparse
import glob
import pickle
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vn_directives.extract.actors import ActorExtractor  # noqa: E402
from vn_directives.records import Token  # noqa: E402
from vn_directives.scoring import load_records, match_spans, score  # noqa: E402
from vn_directives.tokenize import word_tokenize  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "vn_directives_bench" / "actor_tokens.pkl"


def tokens_for(texts):
    cache = pickle.loads(CACHE.read_bytes()) if CACHE.is_file() else {}
    missing = [t for t in texts if t not in cache]
    for t in missing:
        cache[t] = [(k.start, k.end, k.text) for k in word_tokenize(t)]
    if missing:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(pickle.dumps(cache))
    return {t: [Token(*x) for x in cache[t]] for t in texts}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true", help="print false positives and negatives")
    args = ap.parse_args()
    gold = {}
    for f in sorted(glob.glob(str(ROOT / "data" / "labelled" / "*.jsonl"))):
        gold.update(load_records(f))
    toks = tokens_for([r["text"] for r in gold.values()])
    ex = ActorExtractor()
    t0 = time.time()
    pred = {}
    for rid, r in gold.items():
        spans = ex(r["text"], r.get("doc_date"), tokens=toks[r["text"]])
        pred[rid] = dict(r, actors=[s.to_record() for s in spans])
    dt = time.time() - t0
    res = score(gold, pred)
    a = res["actors"] if "actors" in res else res
    print(f"ACTOR spans over {len(gold)} sentences ({dt*1000/len(gold):.2f} ms/sentence without tokenizing)")
    print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in a.items()})
    levels = Counter(s["level"] for p in pred.values() for s in p["actors"])
    print("predicted levels:", dict(levels))
    # the authored sentences (data/authored, not used to write the rules): a held-out check
    authored = {}
    for f in sorted(glob.glob(str(ROOT / "data" / "authored" / "*.jsonl"))):
        authored.update(load_records(f))
    if authored:
        atoks = tokens_for([r["text"] for r in authored.values()])
        apred = {k: dict(r, actors=[s.to_record() for s in ex(r["text"], r.get("doc_date"), tokens=atoks[r["text"]])])
                 for k, r in authored.items()}
        b = score(authored, apred)["actors"]
        print(f"authored sentences ({len(authored)}, held out):",
              {k: (round(v, 3) if isinstance(v, float) else v) for k, v in b.items()})
    if args.errors:
        for rid, r in gold.items():
            g = [(s["start"], s["end"], s) for s in r["actors"]]
            p = [(s["start"], s["end"], s) for s in pred[rid]["actors"]]
            m = match_spans(g, p)
            mg = {id(x[0]) for x in m}
            mp = {id(x[1]) for x in m}
            for s in r["actors"]:
                if id(s) not in mg:
                    print("FN", rid, "|", s["text"], "||", r["text"][:160])
            for s in pred[rid]["actors"]:
                if id(s) not in mp:
                    print("FP", rid, "|", s["text"], "||", r["text"][:160])


if __name__ == "__main__":
    main()
