"""Check labelled JSON Lines against the record format of ANNOTATION.md §3.

Every problem is reported as ``FILE:LINE: message``; nothing stops at the
first one. Checked: valid JSON objects; ``id``, ``doc`` and ``text``
present; ids unique across all files given; themes from the five labels;
each span's ``text`` equal to the sentence slice ``[start, end)``; actors with
a canonical name and, when given, a role of
ANNOTATION.md §2; grade values sorted, unique integers 1–12; deadline values
``{"start", "end"}`` of ISO dates (or null) with start ≤ end; ``doc_date`` ISO.

>>> import json, tempfile, os
>>> rec = {"doc": "d", "id": "d:1", "text": "lớp 3", "themes": ["x"], "actors": [],
...        "grades": [{"start": 0, "end": 5, "text": "lớp 3", "value": [3]}], "deadlines": []}
>>> p = os.path.join(tempfile.mkdtemp(), "d.jsonl")
>>> _ = open(p, "w", encoding="utf-8").write(json.dumps(rec) + "\\n")
>>> [e.split(": ", 1)[1] for e in validate_files([p])]
["unknown theme 'x'"]
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple, Union

from .records import ROLES, THEMES, parse_jsonl_lines

_KEYS = ("actors", "grades", "deadlines")


def _iso(v) -> bool:
    if not isinstance(v, str) or len(v) != 10:
        return False
    try:
        dt.date.fromisoformat(v)
        return True
    except ValueError:
        return False


def check_record(rec: Dict) -> List[str]:
    """Problems with one record (empty when it is valid)."""
    errs: List[str] = []
    for key in ("doc", "id", "text"):
        if not isinstance(rec.get(key), str) or not rec.get(key):
            errs.append(f"missing or empty {key!r}")
    text = rec.get("text") if isinstance(rec.get("text"), str) else ""
    themes = rec.get("themes", [])
    if not isinstance(themes, list):
        errs.append("'themes' must be a list")
        themes = []
    for t in themes:
        if t not in THEMES:
            errs.append(f"unknown theme {t!r}")
    if len(set(themes)) != len(themes):
        errs.append("a theme is listed twice")
    for key in _KEYS:
        spans = rec.get(key, [])
        if not isinstance(spans, list):
            errs.append(f"{key!r} must be a list")
            continue
        for n, sp in enumerate(spans):
            where = f"{key}[{n}]"
            try:
                start, end = int(sp["start"]), int(sp["end"])
            except (KeyError, TypeError, ValueError):
                errs.append(f"{where}: needs integer start and end")
                continue
            if not 0 <= start < end <= len(text):
                errs.append(f"{where}: offsets [{start}, {end}) outside the sentence (length {len(text)})")
            elif text[start:end] != sp.get("text"):
                errs.append(f"{where}: text {sp.get('text')!r} is not the sentence slice {text[start:end]!r}")
            if key == "actors":
                if not isinstance(sp.get("canonical"), str) or not sp["canonical"].strip():
                    errs.append(f"{where}: an actor needs a canonical name")
                if "role" in sp and sp["role"] not in ROLES:
                    errs.append(f"{where}: role {sp['role']!r} is not one of {', '.join(ROLES)}")
            elif key == "grades":
                v = sp.get("value")
                if not (isinstance(v, list) and v and all(isinstance(g, int) and not isinstance(g, bool)
                                                          and 1 <= g <= 12 for g in v)):
                    errs.append(f"{where}: grade value must be a non-empty list of integers 1-12, got {v!r}")
                elif v != sorted(set(v)):
                    errs.append(f"{where}: grade value must be sorted without repeats, got {v!r}")
            else:
                v = sp.get("value")
                if not isinstance(v, dict) or set(v) != {"start", "end"}:
                    errs.append(f"{where}: deadline value must be {{'start', 'end'}}, got {v!r}")
                    continue
                for k in ("start", "end"):
                    if v[k] is not None and not _iso(v[k]):
                        errs.append(f"{where}: deadline {k} {v[k]!r} is not an ISO date (YYYY-MM-DD) or null")
                if _iso(v["start"]) and _iso(v["end"]) and v["start"] > v["end"]:
                    errs.append(f"{where}: deadline starts after it ends ({v['start']} > {v['end']})")
    if rec.get("doc_date") is not None and not _iso(rec.get("doc_date")):
        errs.append(f"doc_date {rec.get('doc_date')!r} is not an ISO date or null")
    return errs


def validate_files(paths: Iterable[Union[str, Path]]) -> List[str]:
    """All problems in the files, as ``FILE:LINE: message`` strings."""
    return check_files(paths)[0]


def check_files(paths: Iterable[Union[str, Path]]) -> Tuple[List[str], int]:
    """``(problems, number of records read)`` for the files."""
    problems: List[str] = []
    seen: Dict[str, Tuple[str, int]] = {}
    n_records = 0
    for path in paths:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            problems.append(f"{path}:0: cannot read ({e})")
            continue
        if not any(l.strip() for l in lines):
            problems.append(f"{path}:0: empty file")
        for n, rec, problem in parse_jsonl_lines(lines):
            if problem:
                problems.append(f"{path}:{n}: {problem}")
                continue
            n_records += 1
            problems.extend(f"{path}:{n}: {e}" for e in check_record(rec))
            rid = rec.get("id")
            if isinstance(rid, str):
                if rid in seen:
                    f0, n0 = seen[rid]
                    problems.append(f"{path}:{n}: id {rid!r} already used at {f0}:{n0}")
                else:
                    seen[rid] = (str(path), n)
    return problems, n_records


def expand(paths: Iterable[Union[str, Path]]) -> List[Path]:
    """JSONL files named or found under folders."""
    out: List[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.jsonl")) if p.is_dir() else [p])
    return out
