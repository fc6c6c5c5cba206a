"""Where a sentence stands in its document: title, item headings, neighbours.

A theme often lives in the context (ANNOTATION.md §1 anaphors, §5.7 closures
in an epidemic document), so the classifier sees, beside the sentence:

* the **title**: the first sentences of the document (letterhead, title,
  subject line or a news headline and lead);
* the **headings**: for each item the sentence stands under (``I``, ``I.3``,
  ``I.3.b``), the first sentence of that item — its heading, or the lead
  sentence of a numbered paragraph — when that is not the sentence itself;
* the **neighbours**: the sentences just before and after.

Works on any sequence of one document's sentences in reading order; without
item paths (sentences from elsewhere) only title and neighbours remain.

>>> from vn_directives.records import Sentence
>>> sents = [Sentence("d:0", "d", "KẾ HOẠCH phòng, chống dịch"),
...          Sentence("d:1", "d", "I. NHIỆM VỤ", item="I", kind="heading"),
...          Sentence("d:2", "d", "1. Về dạy học", item="I.1"),
...          Sentence("d:3", "d", "Dạy học trên truyền hình.", item="I.1")]
>>> c = sentence_contexts(sents)[3]
>>> c.title, c.headings, c.prev, c.next
([0, 1, 2, 3], [1, 2], 2, None)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Sequence

#: how many sentences from the top of a document stand for its title
TITLE_SENTENCES = 6


@dataclass
class SentenceContext:
    """Indices (into the document's sentence list) of a sentence's context."""

    title: List[int] = field(default_factory=list)
    headings: List[int] = field(default_factory=list)
    prev: Optional[int] = None
    next: Optional[int] = None


def _ancestors(path: str) -> List[str]:
    """``"I.3.b"`` → ``["I", "I.3", "I.3.b"]``."""
    parts = [p for p in (path or "").split(".") if p]
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def sentence_contexts(sentences: Sequence, title_size: int = TITLE_SENTENCES) -> List[SentenceContext]:
    """One :class:`SentenceContext` per sentence of one document (in reading order)."""
    first_of_item = {}
    for i, s in enumerate(sentences):
        item = getattr(s, "item", "") or ""
        if item and item not in first_of_item:
            first_of_item[item] = i
    n = len(sentences)
    title = list(range(min(title_size, n)))
    out = []
    for i, s in enumerate(sentences):
        heads = []
        for anc in _ancestors(getattr(s, "item", "") or ""):
            j = first_of_item.get(anc)
            if j is not None and j != i and j not in heads:
                heads.append(j)
        out.append(SentenceContext(title=title, headings=heads,
                                   prev=i - 1 if i > 0 else None,
                                   next=i + 1 if i + 1 < n else None))
    return out
