"""What the project's reader makes of a text, shared by the spaCy tokenizer and components.

The tokenizer and every component start from one analysis of ``doc.text``:
the project's own stages (clean, metadata, directive-aware segmentation),
word segmentation of each sentence (underthesea, the project's
:func:`~vn_directives.tokenize.word_tokenize`), and for each sentence a map
from its cleaned characters back to ``doc.text``. An analysis depends on the
text only, so the last few are cached by text: underthesea runs once per
document even though the tokenizer and two components all need its words.
The cache is an optimisation, never a source of truth: a miss recomputes.

>>> a = analyse("CHỈ THỊ\\nI. NHIỆM VỤ\\n1. Chủ động\\ntriển khai.")
>>> [(u.item, u.kind, u.text, u.span) for u in a.units]
[('', 'heading', 'CHỈ THỊ', (0, 7)), ('I', 'heading', 'I. NHIỆM VỤ', (8, 19)), \
('I.1', 'sentence', '1. Chủ động triển khai.', (20, 43))]
>>> u = a.units[2]
>>> a.text[slice(*u.original(3, 11))]          # "Chủ động" of the cleaned sentence in the text
'Chủ động'
"""
from __future__ import annotations

from array import array
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from ..records import Document, Metadata, Sentence, Token

CACHE_SIZE = 8
_CACHE: "OrderedDict[str, Analysis]" = OrderedDict()


@dataclass
class SentenceMap:
    """One sentence of the project's segmenter: its cleaned text, item path and
    kind, and for each cleaned character the ``[start, end)`` range of the text
    it came from."""

    text: str
    item: str
    kind: str
    starts: array
    ends: array
    tokens: Optional[List[Token]] = None

    @property
    def span(self) -> Tuple[int, int]:
        """``[start, end)`` of the sentence in the text (``Sentence.start``/``end``)."""
        return self.original(0, len(self.text))

    def original(self, start: int, end: int) -> Tuple[int, int]:
        """The range of the text behind ``self.text[start:end]``."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"empty or out-of-range span ({start}, {end}) of {len(self.text)}")
        return self.starts[start], max(self.ends[start:end])


@dataclass
class Analysis:
    """A text as the project reads it: metadata and sentences with offset maps."""

    text: str
    metadata: Metadata
    units: List[SentenceMap] = field(default_factory=list)

    def ensure_tokens(self) -> "Analysis":
        """Word-segment every sentence that is not yet (underthesea, once per sentence)."""
        from ..tokenize import word_tokenize
        for u in self.units:
            if u.tokens is None:
                u.tokens = word_tokenize(u.text)
        return self

    def document(self, doc_id: str = "doc") -> Document:
        """A fresh project :class:`~vn_directives.records.Document` with tokenized
        sentences, as ``vd.load(components=())`` makes it, ready for the
        project's classifier and extractors."""
        from copy import copy
        self.ensure_tokens()
        doc = Document(id=doc_id, text=self.text, source="<spacy>", metadata=copy(self.metadata))
        for n, u in enumerate(self.units):
            start, end = u.span
            doc.sentences.append(Sentence(
                id=f"{doc_id}:{n:04d}", doc=doc_id, text=u.text, start=start, end=end,
                item=u.item, kind=u.kind, doc_date=self.metadata.date, tokens=list(u.tokens or ())))
        return doc


def _compute(text: str) -> Analysis:
    from ..pipeline import EmptyDocumentError, Pipeline
    from ..reading.decode import replace_unencodable
    from ..segment import segment
    # lone surrogates read as U+FFFD, one for one: the offsets into ``text`` hold
    doc = Document(id="doc", text=replace_unencodable(text)[0], source="<spacy>")
    try:
        Pipeline.clean(doc)
    except EmptyDocumentError:
        return Analysis(text, Metadata())
    Pipeline.metadata(doc)
    units = [SentenceMap(u.text, u.item, u.kind, array("l", u.mapped.starts), array("l", u.mapped.ends))
             for u in segment(doc.layout) if u.text]
    return Analysis(text, doc.metadata, units)


def analyse(text: str) -> Analysis:
    """The analysis of ``text`` (cached by text; the last :data:`CACHE_SIZE` are kept)."""
    if not isinstance(text, str):
        raise TypeError(f"expected a text, got {type(text).__name__}")
    hit = _CACHE.get(text)
    if hit is not None:
        _CACHE.move_to_end(text)
        return hit
    result = _compute(text)
    _CACHE[text] = result
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


def clear_cache() -> None:
    """Forget every cached analysis."""
    _CACHE.clear()
