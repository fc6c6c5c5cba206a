"""Directive items: who must do what, for which grades, by when.

A directive is a tree of numbered items ("I.", "1.", "a)", "•" …); the
segmenter gives every sentence the path of the item it stands in
(``Sentence.item``, e.g. ``"I.3.b"``). :func:`group_items` turns the sentences
of a document into :class:`Item` objects, one per directive item, each with
the union of its sentences' themes, actors, grades, deadlines and references.

How sentences are grouped (every sentence is in exactly one item, items
follow the document's order):

* An item is a maximal run of consecutive sentences with the same path. A
  sentence that opens an item (it starts with an item marker, see
  :func:`vn_directives.segment.match_marker`) starts a new item even when the
  path repeats ("1." after "1." where the numbering restarts).
* Nested items do **not** roll up: "I.3" holds only the sentences written
  under "3." before "a)" starts, and "I.3.a" holds its own. So no sentence is
  counted twice, and the item table has one row per item that holds
  sentences. The headings above an item are in ``Item.context`` (outermost
  first) and its parent's path in ``Item.parent``; ``Item.leaf`` tells whether
  sub-items follow it.
* For coarser rows pass ``depth``: ``group_items(doc, depth=1)`` cuts every
  path to its first ``depth`` parts first, so "I" holds everything from "I."
  to "II." (its sub-items rolled up into it).
* A run that resumes an item after its sub-items (text under "2" after "2.•9")
  is an item of its own with ``continued=True`` and the heading of the item it
  resumes.
* Sentences outside any numbered item (path ``""``) form the item
  ``role="preamble"`` before the first numbered item (letterhead, title,
  opening paragraph; the whole text of a document without numbered items) and
  ``role="closing"`` after the last one (the "Nơi nhận" list and signature),
  and ``role="unnumbered"`` between numbered items (unnumbered lines between
  an addressee list and section "I.", a letterhead line inside the text).
  Numbered items have ``role="item"``.

>>> from vn_directives.records import Sentence, Span
>>> sents = [Sentence(id="d:0", doc="d", text="CHỈ THỊ"),
...          Sentence(id="d:1", doc="d", text="I. NHIỆM VỤ", item="I", kind="heading"),
...          Sentence(id="d:2", doc="d", text="1. Dạy lớp 1, 2.", item="I.1", themes=["ctgdpt2018"]),
...          Sentence(id="d:3", doc="d", text="Báo cáo.", item="I.1")]
>>> sents[2].grades.append(Span(8, 15, "lớp 1, 2", "GRADE", [1, 2]))
>>> [(i.path, i.role, i.sentence_ids, i.grade_values) for i in group_items(sents)]
[('', 'preamble', ['d:0'], []), ('I', 'item', ['d:1'], []), ('I.1', 'item', ['d:2', 'd:3'], [1, 2])]
>>> group_items(sents)[2].context, group_items(sents)[2].themes
(['I. NHIỆM VỤ'], ['ctgdpt2018'])
>>> [(i.path, i.sentence_ids) for i in group_items(sents, depth=1)]
[('', ['d:0']), ('I', ['d:1', 'd:2', 'd:3'])]
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union

from .records import DOCUMENT_FIELDS, THEMES, Document, Sentence, Span
from .segment import match_marker

ENTITY_FIELDS = ("actors", "grades", "deadlines", "references")


class Mention(NamedTuple):
    """An entity of an item: the sentence it is in and the span (offsets into that sentence)."""

    sentence: str
    span: Span


@dataclass
class Item:
    """One directive item: a run of sentences under one item path (see the module docstring)."""

    doc: str
    index: int                     # position among the document's items, from 0
    path: str                      # "I.3.b"; "" for the preamble and the closing
    role: str                      # preamble | item | unnumbered | closing
    heading: str = ""              # text of the sentence that opens the item ("" if none)
    heading_id: Optional[str] = None
    sentences: List[Sentence] = field(default_factory=list, repr=False)
    parent: Optional[str] = None   # the parent item's path ("" at the top level; None outside items)
    context: List[str] = field(default_factory=list)   # headings of the enclosing items, outermost first
    leaf: bool = True              # no sub-item follows inside this item
    continued: bool = False        # resumes an item opened earlier, after its sub-items
    #: the document's columns (:data:`~vn_directives.records.DOCUMENT_FIELDS`), when known
    document: Dict[str, Any] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ derived
    @property
    def id(self) -> str:
        """``"<doc>#<index>"``: unique in a document, where paths may repeat."""
        return f"{self.doc}#{self.index:03d}"

    @property
    def depth(self) -> int:
        """Number of parts in the path: 0 outside items, 1 for "I", 3 for "I.3.b"."""
        return len(self.path.split(".")) if self.path else 0

    @property
    def sentence_ids(self) -> List[str]:
        return [s.id for s in self.sentences]

    @property
    def start(self) -> Optional[int]:
        """Offset of the item's first character in ``Document.text`` (None if unknown)."""
        starts = [s.start for s in self.sentences if s.start is not None]
        return min(starts) if starts else None

    @property
    def end(self) -> Optional[int]:
        ends = [s.end for s in self.sentences if s.end is not None]
        return max(ends) if ends else None

    @property
    def text(self) -> str:
        """The item's sentences joined by a space."""
        return " ".join(s.text for s in self.sentences)

    @property
    def themes(self) -> List[str]:
        """Union of the sentences' themes, in the order of ``THEMES`` (others after)."""
        seen = {t for s in self.sentences for t in s.themes}
        extra = [t for s in self.sentences for t in s.themes if t not in THEMES]
        return [t for t in THEMES if t in seen] + list(dict.fromkeys(extra))

    @property
    def theme_scores(self) -> Dict[str, float]:
        """Per theme, the highest score of any of the item's sentences."""
        out: Dict[str, float] = {}
        for s in self.sentences:
            for t, v in s.theme_scores.items():
                out[t] = max(out.get(t, v), v)
        return out

    def _mentions(self, key: str) -> List[Mention]:
        return [Mention(s.id, sp) for s in self.sentences for sp in getattr(s, key)]

    @property
    def actors(self) -> List[Mention]:
        return self._mentions("actors")

    @property
    def grades(self) -> List[Mention]:
        return self._mentions("grades")

    @property
    def deadlines(self) -> List[Mention]:
        return self._mentions("deadlines")

    @property
    def references(self) -> List[Mention]:
        return self._mentions("references")

    @property
    def actor_names(self) -> List[str]:
        """Canonical names of the actors, each once, in order of first mention."""
        return self.actors_in_role(None)

    def actors_in_role(self, role: Optional[str]) -> List[str]:
        """Canonical names of the actors with ``role`` (ANNOTATION.md §2; ``None``: every
        actor), each once, in order of first mention."""
        return list(dict.fromkeys((m.span.value or m.span.text) for m in self.actors
                                  if role is None or m.span.attrs.get("role") == role))

    @property
    def directs(self) -> List[str]:
        """Who gives the item's orders (or issued what it rests on)."""
        return self.actors_in_role("directs")

    @property
    def lead(self) -> List[str]:
        """Who must act: the answer to "of whom"."""
        return self.actors_in_role("lead")

    @property
    def cooperate(self) -> List[str]:
        """Who takes part in what another leads."""
        return self.actors_in_role("cooperate")

    @property
    def grade_values(self) -> List[int]:
        """The grades named anywhere in the item, sorted, each once."""
        return sorted({g for m in self.grades for g in (m.span.value or [])})

    @property
    def deadline_window(self) -> Tuple[Optional[str], Optional[str]]:
        """``(earliest start, latest end)`` over the item's deadline intervals (ISO dates)."""
        vals = [m.span.value for m in self.deadlines if isinstance(m.span.value, dict)]
        starts = [v["start"] for v in vals if v.get("start")]
        ends = [v["end"] for v in vals if v.get("end")]
        return (min(starts) if starts else None, max(ends) if ends else None)

    @property
    def reference_texts(self) -> List[str]:
        return list(dict.fromkeys(m.span.text for m in self.references))

    def to_record(self) -> Dict[str, Any]:
        """A JSON-ready dict: the item's fields, its entities as sentence records
        (ANNOTATION.md §3) with the ``sentence`` id added."""
        rec: Dict[str, Any] = {
            "doc": self.doc, "id": self.id, "index": self.index, "path": self.path,
            "role": self.role, "depth": self.depth, "parent": self.parent, "leaf": self.leaf,
            "continued": self.continued, "heading": self.heading, "heading_id": self.heading_id,
            "context": list(self.context), "sentence_ids": self.sentence_ids,
            "span": [self.start, self.end], "text": self.text, "themes": self.themes,
            "theme_scores": {k: round(v, 4) for k, v in self.theme_scores.items()},
        }
        for key in ENTITY_FIELDS:
            rec[key] = [{"sentence": m.sentence, **m.span.to_record()} for m in getattr(self, key)]
        fields = self.document or {}
        for k in DOCUMENT_FIELDS:
            rec[k] = fields.get(k)
        if rec["doc_date"] is None:
            rec["doc_date"] = next((x.doc_date for x in self.sentences if x.doc_date), None)
        return rec


# --------------------------------------------------------------------------- grouping

def _opens_item(s: Sentence) -> bool:
    return s.kind != "header" and match_marker(s.text) is not None


def _cut(path: str, depth: Optional[int]) -> str:
    return path if depth is None or not path else ".".join(path.split(".")[:depth])


def _by_doc(sentences: Sequence[Sentence]) -> List[List[Sentence]]:
    groups: List[List[Sentence]] = []
    for s in sentences:
        if groups and groups[-1][0].doc == s.doc:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def group_items(doc: Union[Document, Sequence[Sentence]], depth: Optional[int] = None) -> List[Item]:
    """The directive items of ``doc`` (a Document, or its sentences), in document order.

    ``depth`` cuts item paths to their first ``depth`` parts before grouping,
    rolling sub-items up into their ancestors (``depth=1``: one item per
    top-level section). Sentences of several documents are grouped per
    document, one run of a document after the other.

    >>> import vn_directives as vd
    >>> doc = vd.load(components=())("I. NHIỆM VỤ\\n1. Triển khai. Báo cáo.\\n2. Kiểm tra.")
    >>> [(i.path, i.heading, len(i.sentences)) for i in group_items(doc)]
    [('I', 'I. NHIỆM VỤ', 1), ('I.1', '1. Triển khai.', 2), ('I.2', '2. Kiểm tra.', 1)]
    """
    if depth is not None and depth < 1:
        raise ValueError(f"depth must be 1 or more (or None), not {depth!r}")
    sentences = list(doc.sentences if isinstance(doc, Document) else doc)
    out: List[Item] = []
    for group in _by_doc(sentences):
        out.extend(_group_one(group, depth))
    if isinstance(doc, Document):
        fields = doc.document_fields()
        for it in out:
            it.document = fields
    return out


def _group_one(sentences: List[Sentence], depth: Optional[int]) -> List[Item]:
    runs: List[Tuple[str, List[Sentence]]] = []
    for s in sentences:
        path = _cut(s.item or "", depth)
        opens = bool(path) and _opens_item(s) and (depth is None or len((s.item or "").split(".")) <= depth)
        if runs and runs[-1][0] == path and not opens:
            runs[-1][1].append(s)
        else:
            runs.append((path, [s]))

    items: List[Item] = []
    stack: List[Tuple[str, str, Optional[str]]] = []   # open items: (path, heading, heading id)
    numbered = [n for n, (path, _) in enumerate(runs) if path]
    for n, (path, sents) in enumerate(runs):
        doc_id = sents[0].doc
        if not path:
            stack.clear()
            role = ("preamble" if not numbered or n < numbered[0] else
                    "closing" if n > numbered[-1] else "unnumbered")
            items.append(Item(doc=doc_id, index=n, path="", sentences=sents, role=role))
            continue
        first = sents[0]
        continued = not (_opens_item(first) or first.kind == "heading")
        while stack and not (path.startswith(stack[-1][0] + ".") or (continued and stack[-1][0] == path)):
            stack.pop()
        if continued and stack and stack[-1][0] == path:
            _, heading, heading_id = stack.pop()
        elif continued:
            heading, heading_id = "", None
        else:
            heading, heading_id = first.text, first.id
        parent = path.rsplit(".", 1)[0] if "." in path else ""
        items.append(Item(doc=doc_id, index=n, path=path, role="item", heading=heading,
                          heading_id=heading_id, sentences=sents, parent=parent,
                          context=[h for _, h, _ in stack if h], continued=continued))
        stack.append((path, heading, heading_id))
    for a, b in zip(items, items[1:]):
        a.leaf = not (a.path and b.path.startswith(a.path + "."))
    return items


# --------------------------------------------------------------------------- from anything to items

def items_of(x: Union[Item, Document, Sentence, Iterable]) -> List[Item]:
    if isinstance(x, Item):
        return [x]
    if isinstance(x, Document):
        return group_items(x)
    if isinstance(x, Sentence):
        return group_items([x])
    out: List[Item] = []
    pending: List[Sentence] = []
    for y in x:
        if isinstance(y, Sentence):
            pending.append(y)
            continue
        if pending:
            out.extend(group_items(pending))
            pending = []
        out.extend(items_of(y))
    if pending:
        out.extend(group_items(pending))
    return out
