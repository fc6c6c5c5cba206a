"""Tag a text column of an existing pandas DataFrame: ``vd.tag_frame(df, text_col=…)``.

(The module is not named after the function, so that ``vd.tag_frame`` is
always the function, never this module.)

The result is the input frame with the tags joined on as new columns, on the
input's own index, so the researcher's other columns (province, source,
year …) stay next to the tags. ``level`` says what a cell is and what a row of
the result is:

``"sentence"`` (default)
    Each cell is tagged as one sentence, as given (not split, not cleaned);
    one result row per input row. Columns: ``themes`` (list) and one bool per
    theme, ``actors`` (canonical names), ``grades`` (sorted numbers),
    ``deadlines`` (span texts), ``deadline_start``/``deadline_end`` (ISO, the
    window of its deadlines), ``references`` (citation texts) and ``n_actors``,
    ``n_grades``, ``n_deadlines``, ``n_references`` — the entity and theme
    columns of :func:`vn_directives.frames.item_frame`.
``"document"``
    Each cell is a whole document (read from the text: cleaned, segmented,
    tagged); one result row per input row with the columns of
    :func:`vn_directives.frames.document_frame` (metadata, counts, grades,
    themes, ``share_<theme>``), without ``doc`` and ``source``.
``"item"``
    Each cell is a document; one result row per directive item
    (:mod:`vn_directives.items`), the input row's index label repeated on each
    of its items; the columns of :func:`~vn_directives.frames.item_frame`
    without ``doc`` and ``id``.

``date_col`` names a column with each row's document date (ISO strings,
``datetime``/``Timestamp`` or day-first strings like "14/9/2021"); it
resolves relative deadlines ("trước ngày 20/10") and, at the ``document`` and
``item`` levels, replaces the date read from the text. A missing text
(None/NaN) gets empty tags at the ``sentence`` and ``document`` levels and one
row of missing values at the ``item`` level (the join is a left join: every
input row is kept). A tag column whose name is already in ``df`` is an error;
pass ``prefix="vd_"`` to rename the new columns.

>>> import pandas as pd, vn_directives as vd
>>> df = pd.DataFrame({"region": ["An Giang"], "text": ["Giám đốc Sở GDĐT chỉ đạo dạy lớp 1, 2."]})
>>> out = vd.tag_frame(df, nlp=vd.load(components=("entities",)))   # default: the whole pipeline
>>> out.loc[0, ["region", "grades", "actors"]].tolist()
['An Giang', [1, 2], ['Giám đốc Sở Giáo dục và Đào tạo']]
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, List, Optional

from .records import Document, Sentence

LEVELS = ("sentence", "document", "item")


@lru_cache(maxsize=1)
def _default_nlp():
    import vn_directives as vd
    return vd.load()


def _document_columns() -> List[str]:
    """The document columns of item rows (source, number, type, …): a row of the user's
    frame is not a document of ours, and its own columns say where it came from."""
    from .records import DOCUMENT_FIELDS
    return list(DOCUMENT_FIELDS)


def _sentence_columns() -> List[str]:
    """The theme and entity columns of the item frame: ``themes`` to the end, less the
    document's columns."""
    from .frames import ITEM_COLUMNS
    start = [c for c, _ in ITEM_COLUMNS].index("themes")
    return [c for c, _ in ITEM_COLUMNS[start:] if c not in _document_columns()]


def _iso_date(value: Any, label: Any, date_col: str) -> Optional[str]:
    import pandas as pd
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        v = value.strip()
        if not v:
            return None
        if re.match(r"^\d{4}-\d{2}-\d{2}", v):
            return v[:10]
        try:
            return pd.to_datetime(v, dayfirst=True).date().isoformat()
        except (ValueError, TypeError):
            raise ValueError(f"{date_col!r} row {label!r}: cannot read {value!r} as a date") from None
    try:
        return pd.Timestamp(value).date().isoformat()
    except (ValueError, TypeError):
        raise ValueError(f"{date_col!r} row {label!r}: cannot read {value!r} as a date") from None


def _text(value: Any, label: Any, text_col: str) -> Optional[str]:
    import pandas as pd
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if not isinstance(value, str):
        raise ValueError(f"{text_col!r} row {label!r}: expected a text, got {type(value).__name__}")
    return value if value.strip() else None


def _document(nlp, text: Optional[str], doc_id: str, date: Optional[str], source: str) -> Document:
    """Run the pipeline's stages on a text (never taken for a path), with ``date`` if given."""
    from .reading.decode import ReadError
    if text is None:
        return Document(id=doc_id, text="", source=source)
    doc = nlp.read_string(text, doc_id)
    doc.source = source
    try:
        return nlp.run(doc, doc_date=date)
    except ReadError:          # nothing left after cleaning: no sentences
        doc.sentences = []
        return doc


def tag_frame(df, text_col: str = "text", date_col: Optional[str] = None, nlp=None,
              level: str = "sentence", prefix: str = ""):
    """Tag ``df[text_col]`` and return ``df`` with the tags joined on (see the module docstring).

    ``nlp`` is a pipeline from :func:`vn_directives.load` (default: the default
    pipeline, loaded once and kept).
    """
    import pandas as pd
    from .frames import document_frame, item_frame
    from .items import group_items
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"tag_frame takes a pandas DataFrame, not {type(df).__name__}")
    for col, what in ((text_col, "text_col"), (date_col, "date_col")):
        if col is not None and col not in df.columns:
            raise KeyError(f"{what}={col!r} is not a column of the frame (columns: {', '.join(map(str, df.columns))})")
    if not df.index.is_unique:
        raise ValueError("the frame's index has repeated labels; tags are joined on the index "
                         "(call df.reset_index() first)")
    nlp = nlp or _default_nlp()
    labels = list(df.index)
    texts = [_text(v, lab, text_col) for v, lab in zip(df[text_col], labels)]
    dates = ([_iso_date(v, lab, date_col) for v, lab in zip(df[date_col], labels)]
             if date_col else [None] * len(df))

    if level == "sentence":
        records = [{"id": f"row{n}:0000", "doc": f"row{n}", "text": t, "doc_date": d}
                   for n, (t, d) in enumerate(zip(texts, dates)) if t is not None]
        tagged = {s.doc: s for s in nlp.tag_sentences(records)}
        sents = [tagged.get(f"row{n}") or Sentence(id=f"row{n}:0000", doc=f"row{n}", text="")
                 for n in range(len(df))]
        tags = item_frame([it for s in sents for it in group_items([s])])[_sentence_columns()]
        tags.index = df.index
    else:
        docs = [_document(nlp, t, f"row{n}", d, f"<{text_col} row {lab}>")
                for n, (t, d, lab) in enumerate(zip(texts, dates, labels))]
        if level == "document":
            tags = document_frame(docs).drop(columns=["doc", "source"])
            tags.index = df.index
        else:
            pos = {d.id: n for n, d in enumerate(docs)}
            tags = item_frame(docs)
            tags.index = pd.Index([labels[pos[d]] for d in tags["doc"]], name=df.index.name)
            tags = tags.drop(columns=["doc", "id", *_document_columns()])
    tags = tags.add_prefix(prefix) if prefix else tags
    clash = [c for c in tags.columns if c in df.columns]
    if clash:
        raise ValueError(f"the frame already has column(s) {', '.join(map(str, clash))}; "
                         f"pass prefix=\"vd_\" (or another) to name the tag columns apart")
    return df.join(tags, how="left")
