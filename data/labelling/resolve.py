#!/usr/bin/env python3
"""Turn a labeller's draft (spans given by their text) into ANNOTATION.md §3 records.

    python3 resolve.py DRAFT_DIR_OR_FILE [--sentences /work/labelling/drafts] [--out DIR] [--check]

Draft line: {"id": "c059:0003", "doc_date": "2022-01-10" | null, "themes": [...],
  "actors":    [{"text": "...", "canonical": "...", "role": "lead", "at": 0}],
  "grades":    [{"text": "...", "value": [3, 7]}],
  "deadlines": [{"text": "...", "value": {"start": "YYYY-MM-DD"|null, "end": ...}}]}
"at" (optional) is the 0-based occurrence of the text in the sentence; without it the first
occurrence not already taken by a span of the same kind is used.
"""
import argparse, datetime as dt, json, sys
from pathlib import Path

THEMES = {"covid19", "ctgdpt2018", "digital_transformation", "inspection", "teacher_staffing"}
ROLES = {"directs", "lead", "cooperate", "addressee", "mentioned"}
ORDER = ("doc", "id", "text", "themes", "actors", "grades", "deadlines", "kind", "item", "source", "doc_date")


def iso(v):
    if v is None:
        return True
    try:
        return isinstance(v, str) and len(v) == 10 and bool(dt.date.fromisoformat(v))
    except ValueError:
        return False


def occurrences(text, sub):
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def resolve(sent, draft, where, errors, need_roles=True):
    text = sent["text"]
    rec = {k: sent.get(k) for k in ORDER if k in sent}
    themes = draft.get("themes", [])
    for t in themes:
        if t not in THEMES:
            errors.append(f"{where}: unknown theme {t!r}")
    rec["themes"] = sorted(set(t for t in themes if t in THEMES))
    for key in ("actors", "grades", "deadlines"):
        taken, spans = [], []
        for n, sp in enumerate(draft.get(key, []) or []):
            w = f"{where}: {key}[{n}]"
            if not isinstance(sp, dict) or not isinstance(sp.get("text"), str) or not sp["text"]:
                errors.append(f"{w}: needs a non-empty 'text'"); continue
            occ = occurrences(text, sp["text"])
            if not occ:
                errors.append(f"{w}: {sp['text']!r} is not in the sentence"); continue
            if "at" in sp:
                if not isinstance(sp["at"], int) or not 0 <= sp["at"] < len(occ):
                    errors.append(f"{w}: 'at' {sp.get('at')!r} but {len(occ)} occurrence(s)"); continue
                start = occ[sp["at"]]
            else:
                free = [o for o in occ if not any(o < e and s < o + len(sp["text"]) for s, e in taken)]
                if not free:
                    errors.append(f"{w}: every occurrence of {sp['text']!r} is already taken; give 'at'"); continue
                start = free[0]
            end = start + len(sp["text"])
            taken.append((start, end))
            out = {"start": start, "end": end, "text": sp["text"]}
            if key == "actors":
                if not isinstance(sp.get("canonical"), str) or not sp["canonical"].strip():
                    errors.append(f"{w}: needs 'canonical'")
                out["canonical"] = sp.get("canonical")
                if need_roles or "role" in sp:
                    if sp.get("role") not in ROLES:
                        errors.append(f"{w}: role {sp.get('role')!r} not one of {sorted(ROLES)}")
                    out["role"] = sp.get("role")
            elif key == "grades":
                v = sp.get("value")
                if not (isinstance(v, list) and v and all(type(g) is int and 1 <= g <= 12 for g in v)
                        and v == sorted(set(v))):
                    errors.append(f"{w}: grade value must be a sorted list of distinct ints 1-12, got {v!r}")
                out["value"] = v
            else:
                v = sp.get("value")
                if not (isinstance(v, dict) and set(v) == {"start", "end"} and iso(v["start"]) and iso(v["end"])):
                    errors.append(f"{w}: value must be {{'start','end'}} ISO dates or null, got {v!r}")
                elif v["start"] and v["end"] and v["start"] > v["end"]:
                    errors.append(f"{w}: start after end {v!r}")
                out["value"] = v
            spans.append(out)
        rec[key] = sorted(spans, key=lambda s: (s["start"], s["end"]))
    if "doc_date" in draft:
        if not iso(draft["doc_date"]):
            errors.append(f"{where}: doc_date {draft['doc_date']!r} is not ISO or null")
        rec["doc_date"] = draft["doc_date"]
    return {k: rec[k] for k in ORDER if k in rec}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("draft")
    ap.add_argument("--sentences", default=str(Path(__file__).parent / "drafts"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--no-roles", action="store_true")
    a = ap.parse_args()
    p = Path(a.draft)
    files = sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    errors, total = [], 0
    for f in files:
        sents = {}
        sp = Path(a.sentences) / f.name
        for line in sp.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line); sents[r["id"]] = r
        drafts = {}
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{f}:{n}: bad JSON ({e})"); continue
            if d.get("id") not in sents:
                errors.append(f"{f}:{n}: unknown id {d.get('id')!r}"); continue
            if d["id"] in drafts:
                errors.append(f"{f}:{n}: id {d['id']} labelled twice"); continue
            drafts[d["id"]] = (n, d)
        missing = [i for i in sents if i not in drafts]
        if missing:
            errors.append(f"{f}: {len(missing)} sentence(s) not labelled: {missing[:5]}")
        dates = {json.dumps(d.get('doc_date')) for _, d in drafts.values()}
        if len(dates) > 1:
            errors.append(f"{f}: doc_date differs between lines: {sorted(dates)}")
        recs = [resolve(sents[i], drafts[i][1], f"{f}:{drafts[i][0]}", errors, not a.no_roles)
                for i in sents if i in drafts]
        total += len(recs)
        if a.out and not a.check:
            Path(a.out).mkdir(parents=True, exist_ok=True)
            with open(Path(a.out) / f.name, "w", encoding="utf-8") as fh:
                for r in recs:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for e in errors:
        print(e)
    print(f"{len(files)} file(s), {total} record(s), {len(errors)} problem(s)")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
