"""Writing tagged sentences and directive items: JSON Lines, a JSON array, CSV, Parquet, and a table for people.

The format follows the output file's extension (:func:`format_of`): ``.jsonl``
is the ANNOTATION.md record, one a line; ``.json`` the same records as one
JSON array; ``.csv`` and ``.parquet`` hold the sentence frame of
:mod:`vn_directives.frames` (one score column per theme, the document's
columns). In CSV the themes are joined by ";" and the entity lists are JSON
text; Parquet keeps them as real columns: ``themes`` a list of strings and
each entity column a list of structs (``start``, ``end``, ``text``, the value,
and attributes such as ``level`` and ``role``).

>>> from vn_directives.records import Sentence, Span
>>> s = Sentence(id="d:0001", doc="d", text="Triển khai với lớp 3, 7, 10.", item="2")
>>> s.grades.append(Span(15, 27, "lớp 3, 7, 10", "GRADE", [3, 7, 10]))
>>> print(format_table([s], width=60))
id      item  text                        themes  actors  grades        deadlines
d:0001  2     Triển khai với lớp 3, 7, 10.  -       -       [3, 7, 10]    -
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Union

from .items import items_of
from .records import Document, Sentence, dumps

if TYPE_CHECKING:  # pragma: no cover
    from .items import Item

FORMATS = {".jsonl": "jsonl", ".json": "json", ".csv": "csv", ".parquet": "parquet"}


class OutputFormatError(ValueError):
    pass


def format_of(path: Union[str, Path]) -> str:
    suffix = Path(path).suffix.lower()
    if str(path) == "-":
        return "jsonl"
    if suffix not in FORMATS:
        raise OutputFormatError(
            f"{path}: unknown output format {suffix or '(none)'}; use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def check_writable(path: Union[str, Path]) -> None:
    """Refuse, before any work, an output that cannot be written: an unknown format, a
    format whose library is missing (Parquet needs pyarrow), a folder that cannot be made
    or written to (a missing folder is made). Raises :class:`OutputFormatError` with the reason."""
    import os
    if format_of(path) == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise OutputFormatError(f"{path}: writing Parquet needs pyarrow (pip install "
                                    f"'vn_directives[parquet]'), or choose .jsonl, .json or .csv") from None
    if str(path) == "-":
        return
    folder = Path(path).resolve().parent
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputFormatError(f"{path}: the folder {folder} cannot be made ({e.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputFormatError(f"{path}: the folder {folder} cannot be written to")


def _flat_frame(sentences: List[Sentence], nested: bool = False):
    """The sentence frame with the entity lists: as records (``nested``, for Parquet)
    or as JSON text (CSV)."""
    from .frames import sentence_frame
    df = sentence_frame(sentences)
    if not nested:
        df["themes"] = df["themes"].map(lambda t: ";".join(t))
    for key in ("actors", "grades", "deadlines", "references"):
        cells = [[e.to_record() for e in getattr(s, key)] for s in sentences]
        df[key] = cells if nested else [json.dumps(c, ensure_ascii=False) for c in cells]
    return df


def write_json_array(lines: Iterable[str], path: Union[str, Path]) -> int:
    """Write JSON-line records as one JSON array (``.json``); returns the number of records."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("[")
        for line in lines:
            fh.write(("\n" if n == 0 else ",\n") + line.rstrip("\n"))
            n += 1
        fh.write("\n]\n" if n else "]\n")
    return n


def write_lines(lines: Iterable[str], path: Union[str, Path]) -> int:
    """Write text lines (each ending in a newline) to ``path``, or to stdout for
    ``-``; returns the number of lines."""
    n = 0
    if str(path) == "-":
        import sys
        for line in lines:
            sys.stdout.write(line)
            n += 1
        sys.stdout.flush()
        return n
    with open(path, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line)
            n += 1
    return n


def write_table(df, path: Union[str, Path]) -> None:
    """Write a DataFrame as CSV or Parquet, as ``path``'s extension names."""
    if format_of(path) == "csv":
        df.to_csv(path, index=False)
        return
    try:
        df.to_parquet(path, index=False)
    except ImportError as e:
        raise OutputFormatError(
            f"{path}: writing Parquet needs pyarrow (pip install 'vn_directives[parquet]')") from e


def write(sentences: Iterable[Sentence], path: Union[str, Path]) -> int:
    """Write sentences to ``path`` in the format its extension names; returns the count."""
    sentences = list(sentences)
    fmt = format_of(path)
    if fmt == "jsonl":
        return write_lines((dumps(s) + "\n" for s in sentences), path)
    if fmt == "json":
        return write_json_array((dumps(s) for s in sentences), path)
    write_table(_flat_frame(sentences, nested=fmt == "parquet"), path)
    return len(sentences)


def write_items(items: Union[Iterable["Item"], Document, Iterable[Document]], path: Union[str, Path]) -> int:
    """Write items (or the items of documents, or of sentences) to ``path``:
    ``.jsonl`` (one :meth:`Item.to_record` a line; ``-`` for stdout), ``.csv``
    or ``.parquet`` (the :func:`vn_directives.frames.item_frame`, list cells as
    JSON text and ``themes`` joined by ";" in CSV). Returns the number of items written.

    >>> import tempfile, os, vn_directives as vd
    >>> doc = vd.load(components=())("1. Triển khai. Báo cáo.\\n2. Kiểm tra.")
    >>> out = os.path.join(tempfile.mkdtemp(), "items.jsonl")
    >>> write_items(doc, out)
    2
    """
    return write_item_records([i.to_record() for i in items_of(items)], path)


def write_item_records(records: Iterable[Dict[str, Any]], path: Union[str, Path]) -> int:
    """Write item records (:meth:`Item.to_record` dicts) like :func:`write_items`;
    returns the count.

    >>> import tempfile, os, pandas as pd
    >>> out = os.path.join(tempfile.mkdtemp(), "items.csv")
    >>> write_item_records([{"doc": "d", "id": "d#000", "index": 0, "path": "1", "role": "item",
    ...                      "grades": [{"sentence": "d:0", "start": 0, "end": 5, "text": "lớp 1",
    ...                                  "value": [1]}]}], out)
    1
    >>> pd.read_csv(out)[["path", "grades", "n_grades"]].to_dict("records")
    [{'path': 1, 'grades': '[1]', 'n_grades': 1}]
    """
    records = list(records)
    fmt = format_of(path)
    if fmt == "jsonl":
        return write_lines((json.dumps(r, ensure_ascii=False) + "\n" for r in records), path)
    if fmt == "json":
        return write_json_array((json.dumps(r, ensure_ascii=False) for r in records), path)
    from .frames import item_frame
    df = item_frame(records) if records else item_frame([])
    if fmt == "csv":
        df["themes"] = df["themes"].map(";".join)          # as in the sentence CSV
        for col in ("context", "sentence_ids", "actors", "directs", "lead", "cooperate", "grades", "deadlines",
                    "references"):
            df[col] = df[col].map(lambda v: json.dumps(v, ensure_ascii=False))
    write_table(df, path)
    return len(records)


def _cell(spans, attr: Callable) -> str:
    return "; ".join(attr(s) for s in spans) or "-"


def _deadline(s) -> str:
    v = s.value or {}
    return f"{s.text} → {v.get('start') or '…'}/{v.get('end') or '…'}"


def format_table(sentences: Iterable[Sentence], width: int = 70) -> str:
    """A plain-text table, one row per sentence: id, item, text (cut to ``width``),
    themes, actors, grades, deadlines."""
    header = ["id", "item", "text", "themes", "actors", "grades", "deadlines"]
    rows = []
    for s in sentences:
        text = s.text if len(s.text) <= width else s.text[: width - 1] + "…"
        rows.append([s.id, s.item or "", text,
                     ",".join(s.themes) or "-",
                     _cell(s.actors, lambda a: a.text),
                     _cell(s.grades, lambda g: str(g.value)),
                     _cell(s.deadlines, _deadline)])
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    lines = []
    for r in [header] + rows:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    return "\n".join(lines)
