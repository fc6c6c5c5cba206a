"""pandas DataFrames of tagged documents.

* :func:`sentence_frame` — one row per sentence: ``doc``, ``id``, ``item``,
  ``kind``, ``start``, ``end`` (offsets in the document), ``text``, ``themes``
  (list), one boolean column per theme, ``n_actors``, ``n_grades``,
  ``n_deadlines``, ``doc_date``.
* :func:`entity_frame` — one row per entity: ``doc``, ``sentence``, ``label``
  (ACTOR, GRADE, DEADLINE, REFERENCE), ``start``, ``end`` (offsets in the
  sentence), ``text``, ``value`` (canonical name, grade list or interval),
  ``value_start``/``value_end`` for deadlines.

>>> from vn_directives.records import Sentence, Span
>>> s = Sentence(id="d:0000", doc="d", text="Thực hiện đối với lớp 1, 2, 6.")
>>> s.grades.append(Span(18, 29, "lớp 1, 2, 6", "GRADE", [1, 2, 6]))
>>> entity_frame([s])[["label", "text", "value"]].to_dict("records")
[{'label': 'GRADE', 'text': 'lớp 1, 2, 6', 'value': [1, 2, 6]}]
"""
from __future__ import annotations

from typing import Iterable, List, Union

from .records import THEMES, Document, Sentence

Items = Union[Document, Sentence, Iterable[Union[Document, Sentence]]]


def _sentences(items: Items) -> List[Sentence]:
    if isinstance(items, Document):
        return list(items.sentences)
    if isinstance(items, Sentence):
        return [items]
    out: List[Sentence] = []
    for x in items:
        out.extend(_sentences(x))
    return out


def sentence_frame(items: Items):
    """One row per sentence (see the module docstring for the columns)."""
    import pandas as pd
    rows = []
    for s in _sentences(items):
        row = {"doc": s.doc, "id": s.id, "item": s.item, "kind": s.kind,
               "start": s.start, "end": s.end, "text": s.text, "themes": list(s.themes)}
        for t in THEMES:
            row[t] = t in s.themes
        row.update(n_actors=len(s.actors), n_grades=len(s.grades),
                   n_deadlines=len(s.deadlines), doc_date=s.doc_date)
        rows.append(row)
    cols = ["doc", "id", "item", "kind", "start", "end", "text", "themes", *THEMES,
            "n_actors", "n_grades", "n_deadlines", "doc_date"]
    df = pd.DataFrame(rows, columns=cols)
    df["kind"] = df["kind"].astype("category")
    for c in ("start", "end"):
        df[c] = df[c].astype("Int64")
    return df


def entity_frame(items: Items):
    """One row per entity (see the module docstring for the columns)."""
    import pandas as pd
    rows = []
    for s in _sentences(items):
        for e in s.entities:
            v = e.value
            rows.append({"doc": s.doc, "sentence": s.id, "label": e.label, "start": e.start,
                         "end": e.end, "text": e.text, "value": v,
                         "value_start": v.get("start") if isinstance(v, dict) else None,
                         "value_end": v.get("end") if isinstance(v, dict) else None})
    cols = ["doc", "sentence", "label", "start", "end", "text", "value", "value_start", "value_end"]
    df = pd.DataFrame(rows, columns=cols)
    df["label"] = df["label"].astype("category")
    return df
