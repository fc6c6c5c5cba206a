"""Entity extractors, one module per entity type (LexNLP-style).

``grades.py`` (GRADE), ``deadlines.py`` (DEADLINE, with ``calendar.py`` for school
years, terms and Tết), ``actors.py`` (ACTOR), ``references.py`` (REFERENCE).

Every extractor is a small class built from rules kept as data files in
``vn_directives/resources/vi/`` (``rules="default"`` or a path to a file of the
same format), loaded once, and called on one sentence::

    extractor(text, doc_date=None, tokens=None) -> list[Span]

Spans index the sentence text: ``text[span.start:span.end] == span.text``.
"""
