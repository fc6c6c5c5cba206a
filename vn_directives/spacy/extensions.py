"""The custom attributes the spaCy components fill (``Doc._``, ``Span._``).

========================  ====================================================
``Doc._.metadata``        the document's metadata as a dict: number, doc_type,
                          issuer, place, date (ISO), province, province_2025, title
``Span._.item``           sentence spans: item path ("I.3.b"); ``""`` outside items
``Span._.clean_text``     sentence and entity spans: the text as the project reads
                          it (NFC, hard wraps joined) — ``span.text`` is the raw text
``Span._.themes``         sentence spans: themes over their threshold (list)
``Span._.theme_scores``   sentence spans: calibrated score per theme (dict)
``Span._.value``          entity spans: normalised value — canonical name (ACTOR),
                          sorted grade list (GRADE), ``{"start", "end"}`` ISO
                          interval (DEADLINE), parsed citation (REFERENCE)
``Span._.attrs``          entity spans: anything else the extractor reports
                          (an actor's ``level``, ``group`` and ``role``), a dict
``Span._.role``           ACTOR spans: directs, lead, cooperate, addressee or
                          mentioned (ANNOTATION.md §2); ``None`` on other spans
========================  ====================================================

Values are plain JSON-like data, so Docs serialise (``to_bytes``, pickling,
``nlp.pipe(n_process=2)``). A span's extension values are keyed by its
offsets and label: read them from the spans in ``doc.spans`` or ``doc.ents``.

>>> register()
>>> from spacy.tokens import Doc, Span
>>> Doc.has_extension("metadata") and Span.has_extension("value")
True
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = ("metadata",)
SPAN_EXTENSIONS = ("item", "clean_text", "themes", "theme_scores", "value", "attrs", "role")


def register() -> None:
    """Declare the extensions (default ``None``); calling it again does nothing."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
