"""Labelled sentences for training and evaluation, read with errors that name file and line.

Accepts JSON Lines in the record format of ANNOTATION.md §3 and CSV files with
``text`` and ``themes`` columns (themes separated by ``;``, ``,`` or ``|``, or a
JSON list; optional ``doc``, ``id``, ``item``, ``kind``, ``source``). Sentences
are grouped into documents in reading order, since the classifier reads each
sentence in its document's context; records without ``doc`` form one
document per file.

>>> import tempfile, os
>>> d = tempfile.mkdtemp(); p = os.path.join(d, "x.csv")
>>> _ = open(p, "w", encoding="utf-8").write("text,themes\\nTuyển dụng giáo viên.,teacher_staffing\\n")
>>> docs = read_labelled([p])
>>> [(s.doc, s.text, s.themes) for s in docs[0]]
[('x', 'Tuyển dụng giáo viên.', ['teacher_staffing'])]
>>> _ = open(p, "w", encoding="utf-8").write("text,themes\\nTuyển dụng giáo viên.,teachers\\n")
>>> read_labelled([p])
Traceback (most recent call last):
...
vn_directives.themes.data.TrainingDataError: .../x.csv:2: unknown theme 'teachers' (known: covid19, ctgdpt2018, digital_transformation, inspection, teacher_staffing)
"""
from __future__ import annotations

import csv
import json
from collections import OrderedDict
from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Tuple, Union

from ..records import THEMES, Sentence, parse_jsonl_lines

MAX_REPORTED = 20


class TrainingDataError(ValueError):
    """Labelled data that cannot be used; the message names each file and line."""


def expand_paths(paths: Iterable[Union[str, Path]]) -> List[Path]:
    """Files as given; folders become their ``*.jsonl`` and ``*.csv`` files, sorted."""
    out: List[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix.lower() in (".jsonl", ".csv")))
        else:
            out.append(p)
    return out


def _themes_of(value, where: str, problems: List[str]):
    if value is None:
        problems.append(f"{where}: missing 'themes'")
        return None
    if isinstance(value, str):
        v = value.strip()
        if v.startswith("["):
            try:
                value = json.loads(v)
            except json.JSONDecodeError:
                problems.append(f"{where}: 'themes' is not a valid JSON list")
                return None
        else:
            for sep in ";|":
                v = v.replace(sep, ",")
            value = [t.strip() for t in v.split(",") if t.strip()]
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        problems.append(f"{where}: 'themes' must be a list of theme names")
        return None
    bad = [t for t in value if t not in THEMES]
    if bad:
        problems.append(f"{where}: unknown theme {bad[0]!r} (known: {', '.join(THEMES)})")
        return None
    return sorted(set(value), key=THEMES.index)


def _records(path: Path, problems: List[str]) -> List[Tuple[int, Dict]]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(f"{path}: no such file")
        return []
    except UnicodeDecodeError as e:
        line = e.object[:e.start].count(b"\n") + 1
        problems.append(f"{path}:{line}: not UTF-8 text (byte {e.object[e.start]:#04x} at offset {e.start})")
        return []
    except OSError as e:
        problems.append(f"{path}: cannot read ({e.strerror})")
        return []
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(raw.splitlines())
        cols = reader.fieldnames or []
        missing = [c for c in ("text", "themes") if c not in cols]
        if missing:
            problems.append(f"{path}:1: CSV needs the columns 'text' and 'themes' (missing {', '.join(missing)})")
            return []
        return [(n, dict(row)) for n, row in enumerate(reader, start=2)]
    if path.suffix.lower() != ".jsonl":
        problems.append(f"{path}: not a .jsonl or .csv file")
        return []
    out = []
    for n, rec, problem in parse_jsonl_lines(raw.splitlines()):
        if problem:
            problems.append(f"{path}:{n}: {problem}")
        else:
            out.append((n, rec))
    return out


def read_labelled(paths: Iterable[Union[str, Path]]) -> List[List[Sentence]]:
    """Documents (lists of :class:`Sentence` with ``themes``) from labelled files.

    Raises :class:`TrainingDataError` listing every problem found (file:line).
    """
    files = expand_paths(paths)
    problems: List[str] = []
    if not files:
        raise TrainingDataError("no labelled files given (folders are searched for *.jsonl and *.csv)")
    docs: "OrderedDict[str, List[Sentence]]" = OrderedDict()
    for path in files:
        recs = _records(path, problems)
        if not recs and not any(p.startswith(str(path)) for p in problems):
            problems.append(f"{path}: empty file (no records)")
        for n, rec in recs:
            where = f"{path}:{n}"
            text = rec.get("text")
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{where}: missing text")
                continue
            themes = _themes_of(rec.get("themes"), where, problems)
            if themes is None:
                continue
            doc = str(rec.get("doc") or path.stem)
            sid = str(rec.get("id") or f"{doc}:{n:04d}")
            s = Sentence(id=sid, doc=doc, text=text, item=str(rec.get("item") or ""),
                         kind=str(rec.get("kind") or "sentence"), themes=themes,
                         doc_date=rec.get("doc_date") or None)
            s.extra["source"] = rec.get("source") or ""
            s.extra["where"] = where
            docs.setdefault(doc, []).append(s)
    if problems:
        shown = problems[:MAX_REPORTED]
        more = len(problems) - len(shown)
        raise TrainingDataError("\n".join(shown + ([f"… and {more} more"] if more > 0 else [])))
    return list(docs.values())


def is_authored(doc: Sequence[Sentence]) -> bool:
    """Authored sentences (``source: "authored"``) train the model but are never evaluated on."""
    return bool(doc) and all(s.extra.get("source") == "authored" for s in doc)


def check_trainable(docs: Sequence[Sequence[Sentence]]) -> None:
    """Every theme needs positive and negative sentences; else name the theme and the files."""
    sents = [s for d in docs for s in d]
    files = sorted({s.extra.get("where", "").rsplit(":", 1)[0] for s in sents})
    shown = ", ".join(files[:5]) + (" …" if len(files) > 5 else "")
    for t in THEMES:
        pos = sum(t in s.themes for s in sents)
        if pos == 0 or pos == len(sents):
            kind = "no sentence has it" if pos == 0 else "every sentence has it"
            raise TrainingDataError(f"{shown}: theme {t!r} has one class only ({kind} among "
                                    f"{len(sents)} sentences); a classifier needs both")
