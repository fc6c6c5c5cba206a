"""Putting the project's sentences and entities onto a spaCy Doc by character offsets.

The analysis indexes ``doc.text``; spans are cut with
``doc.char_span(..., alignment_mode="expand")``, so they land on whatever
tokens the Doc has (this package's tokenizer makes them exact).

Sentences go to ``doc.spans["sentences"]`` (label: ``sentence``, ``heading``
or ``header``) and set ``doc.sents``: each sentence starts one, and text that
is no sentence (page furniture the cleaner dropped) starts one of its own,
except whitespace, which stays with the sentence before it.

>>> import spacy
>>> from vn_directives.spacy.analysis import analyse
>>> nlp = spacy.blank("xx")
>>> doc = nlp("I. NHIỆM VỤ\\n1. Chủ động triển khai. Báo cáo.")
>>> set_sentences(doc, analyse(doc.text))
>>> [(s.label_, s._.item, s.text) for s in doc.spans["sentences"]]
[('heading', 'I', 'I. NHIỆM VỤ'), ('sentence', 'I.1', '1. Chủ động triển khai.'), ('sentence', 'I.1', 'Báo cáo.')]
>>> [s.text for s in doc.sents]
['I. NHIỆM VỤ\\n', '1. Chủ động triển khai.', 'Báo cáo.']
"""
from __future__ import annotations

from typing import List, Optional

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span

from .analysis import Analysis, SentenceMap
from .extensions import register

SENTENCES_KEY = "sentences"
ENTITIES_KEY = "entities"
THEMES_KEY = "themes"

register()


def sentence_span(doc: Doc, unit: SentenceMap) -> Optional[Span]:
    """The span of one project sentence (label: its kind)."""
    start, end = unit.span
    return doc.char_span(start, end, label=unit.kind, alignment_mode="expand")


def entity_span(doc: Doc, unit: SentenceMap, start: int, end: int, label: str) -> Optional[Span]:
    """The span of an entity at ``[start, end)`` of the sentence's cleaned text."""
    a, b = unit.original(start, end)
    return doc.char_span(a, b, label=label, alignment_mode="expand")


def has_sentences(doc: Doc) -> bool:
    """Whether :func:`set_sentences` has already run on ``doc``."""
    return doc._.metadata is not None and SENTENCES_KEY in doc.spans


def set_sentences(doc: Doc, analysis: Analysis) -> None:
    """Fill ``doc.spans["sentences"]``, ``Span._.item``/``_.clean_text``,
    ``Doc._.metadata`` and the sentence starts."""
    spans: List[Span] = []
    for unit in analysis.units:
        span = sentence_span(doc, unit)
        if span is None:
            continue
        span._.item = unit.item
        span._.clean_text = unit.text
        spans.append(span)
    doc.spans[SENTENCES_KEY] = spans
    doc._.metadata = analysis.metadata.to_dict()
    _set_sent_starts(doc, spans)


def _set_sent_starts(doc: Doc, spans: List[Span]) -> None:
    if not len(doc) or doc.has_annotation("DEP"):
        return      # a parsed Doc keeps the parser's sentences (spaCy refuses the write)
    starts = numpy.full((len(doc), 1), -1, dtype="int64")   # SENT_START: 1 starts, -1 does not
    covered = numpy.zeros(len(doc), dtype=bool)
    for span in spans:
        starts[span.start, 0] = 1
        covered[span.start:span.end] = True
    outside = False         # inside a run of tokens no sentence covers, after its first word
    for i, token in enumerate(doc):
        if covered[i]:
            outside = False
        elif not outside and not token.is_space:
            starts[i, 0] = 1
            outside = True
    starts[0, 0] = 1
    doc.from_array([SENT_START], starts.astype("uint64"))
