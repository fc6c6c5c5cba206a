#!/usr/bin/env python3
"""Write ``data/agreement/agreement.json``: first labelling (data/labelled) against the
independent second one (data/agreement/second), over the sentences both share.

    python3 data/labelling/agreement.py      # from the repository root, in the project's venv

Parts: ``all``; ``first_63`` (seeds and c001–c058, second labelled before roles existed,
roles added later by an independent role labeller); ``first_63_without_c047`` (see
data/README.md); ``new_155`` (c059–c213, both labellings made from the same units).
"""
import json
from pathlib import Path

from vn_directives.scoring import agreement, load_records

DATA = Path(__file__).resolve().parents[1]


def part(names):
    first, second = {}, {}
    for n in names:
        second.update(load_records(DATA / "agreement" / "second" / f"{n}.jsonl"))
        first.update(load_records(DATA / "labelled" / f"{n}.jsonl"))
    return agreement(first, second)


def parts():
    names = [p.stem for p in sorted((DATA / "agreement" / "second").glob("*.jsonl"))]
    old = [n for n in names if n.startswith("seed") or int(n[1:]) <= 58]
    return {"all": part(names), "first_63": part(old),
            "first_63_without_c047": part([n for n in old if n != "c047"]),
            "new_155": part([n for n in names if n not in old])}


if __name__ == "__main__":
    out = DATA / "agreement" / "agreement.json"
    out.write_text(json.dumps(parts(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written {out}")
