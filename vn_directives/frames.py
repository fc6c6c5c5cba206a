"""pandas DataFrames of tagged documents: per sentence, entity, item, document and theme.

Every function takes a :class:`~vn_directives.records.Document`, a
:class:`~vn_directives.records.Sentence` (items also an
:class:`~vn_directives.items.Item`) or an iterable of them, and returns a
frame with a fresh ``RangeIndex``. The columns and dtypes are fixed: a frame of
an empty input has the same columns and dtypes, with no rows.

Dtypes, the same in every frame: text → ``string``; offsets → ``Int64``
(nullable: sentences read from JSON Lines may have none); counts → ``int64``;
one ``bool`` column per theme of ``THEMES`` (named after the theme); shares →
``float64``; small closed sets (``kind``, ``label``, ``role``, ``theme``,
``doc_type``) → ``category``; lists and dicts → ``object``.

:func:`sentence_frame` — one row per sentence:

============== ======== ==========================================================
doc, id        string   document id, sentence id ("seed-002:0012")
item           string   item path ("I.3.b"; "" outside items)
kind           category sentence | heading | header
start, end     Int64    offsets into ``Document.text``
text           string   the cleaned sentence
themes         object   list of theme labels
<theme> ×5     bool     the theme is assigned (covid19, ctgdpt2018, …)
score_<theme>  Float64  its calibrated score ×5 (score_covid19, …; <NA> if not scored)
n_actors …     int64    n_actors, n_grades, n_deadlines, n_references
doc_date       string   ISO date of the document (or <NA>)
item_id        string   id of the :class:`~vn_directives.items.Item` it belongs to
source         string   the file it was read from
doc_number     string   the document's number ("04/CT-UBND")
doc_type       string   chi_thi, ke_hoach, cong_van, tin_tuc, …
issuer         string   the issuing body as its letterhead writes it
province       string   the province of the issuer (at the time of issue)
============== ======== ==========================================================

:func:`entity_frame` — one row per entity:

============================ ======== ===============================================
doc, sentence                string   document id, sentence id
label                        category ACTOR | GRADE | DEADLINE | REFERENCE
start, end                   Int64    offsets into the sentence's text
text                         string   the span's text
value                        object   canonical name, grade list, interval or citation
value_start, value_end       string   a deadline's ISO interval (else <NA>)
item                         string   the sentence's item path
level                        string   an actor's level (central, province, …; else <NA>)
group                        string   an actor's grouping key (``ActorExtractor.group``: case,
                                      "các", counts, scope and place names folded; else <NA>)
============================ ======== ===============================================

:func:`item_frame` — one row per directive item (how items are formed and
nested: :mod:`vn_directives.items`): ``doc``, ``id`` ("seed-002#007"),
``index`` (int64), ``path``, ``role`` (category: preamble | item | unnumbered | closing),
``depth`` (int64), ``parent`` (string; <NA> outside items), ``leaf``,
``continued`` (bool), ``heading``, ``context`` (list of the headings above),
``start``/``end`` (Int64, into ``Document.text``), ``n_sentences``,
``sentence_ids`` (list), ``text``, ``themes`` (list) and one bool per theme
(union over its sentences), ``actors`` (canonical names, each once),
``directs``, ``lead``, ``cooperate`` (the canonical names of the actors in each
role: who orders, who must act, who takes part),
``grades`` (sorted union of grade numbers), ``deadlines`` (span texts),
``deadline_start``/``deadline_end`` (string: earliest start and latest end of
its deadline intervals), ``references`` (citation texts), ``n_actors``,
``n_grades``, ``n_deadlines``, ``n_references`` (int64: mentions),
``score_<theme>`` (Float64: the highest score of its sentences), and the
document's ``doc_date``, ``source``, ``doc_number``, ``doc_type``,
``issuer``, ``province`` (string), as on sentence rows.

:func:`document_frame` — one row per document: ``doc``, ``source``, the
metadata (``number``, ``doc_type`` (category), ``issuer``, ``place``,
``date``, ``province``, ``province_2025``, ``title``), ``n_sentences`` (all
units), ``n_content`` (units other than letterhead ``header`` lines),
``n_items`` (numbered items), ``n_actors``, ``n_grades``, ``n_deadlines``,
``n_references``, ``grades`` (sorted union), ``themes`` (themes of any
sentence) and ``share_<theme>`` (float64: the share of content units tagged
with the theme; NaN for a document with none).

:func:`theme_frame` — tidy themes, one row per sentence and theme: ``doc``,
``id``, ``item``, ``theme`` (category over ``THEMES``), ``score`` (float64, NaN
without scores), ``assigned`` (bool).

>>> from vn_directives.records import Sentence, Span
>>> s = Sentence(id="d:0000", doc="d", text="Thực hiện đối với lớp 1, 2, 6.")
>>> s.grades.append(Span(18, 29, "lớp 1, 2, 6", "GRADE", [1, 2, 6]))
>>> entity_frame([s])[["label", "text", "value"]].to_dict("records")
[{'label': 'GRADE', 'text': 'lớp 1, 2, 6', 'value': [1, 2, 6]}]
>>> list(item_frame([])[["path", "role", "covid19"]].dtypes.astype(str))
['string', 'category', 'bool']
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Sequence, Tuple, Union

from .records import DOCUMENT_FIELDS, THEMES, Document, Sentence

if TYPE_CHECKING:  # pragma: no cover
    from .items import Item

Items = Union[Document, Sentence, Iterable[Union[Document, Sentence]]]

KINDS = ("sentence", "heading", "header")
LABELS = ("ACTOR", "GRADE", "DEADLINE", "REFERENCE")
ROLES = ("preamble", "item", "unnumbered", "closing")
METADATA = ("number", "doc_type", "issuer", "place", "date", "province", "province_2025", "title")

_THEME_BOOLS: List[Tuple[str, str]] = [(t, "bool") for t in THEMES]
#: one calibrated score column per theme ("score_covid19", …; <NA> where not scored)
_THEME_SCORES: List[Tuple[str, str]] = [(f"score_{t}", "Float64") for t in THEMES]
#: the document's columns on every sentence and item row (records.DOCUMENT_FIELDS)
#: (``doc_date`` stands apart, where it always stood)
_DOC_COLUMNS: List[Tuple[str, str]] = [(c, "string") for c in DOCUMENT_FIELDS if c != "doc_date"]

SENTENCE_COLUMNS: List[Tuple[str, str]] = [
    ("doc", "string"), ("id", "string"), ("item", "string"), ("kind", "category"),
    ("start", "Int64"), ("end", "Int64"), ("text", "string"), ("themes", "object"),
    *_THEME_BOOLS, *_THEME_SCORES,
    ("n_actors", "int64"), ("n_grades", "int64"), ("n_deadlines", "int64"),
    ("n_references", "int64"), ("doc_date", "string"), ("item_id", "string"), *_DOC_COLUMNS]

ENTITY_COLUMNS: List[Tuple[str, str]] = [
    ("doc", "string"), ("sentence", "string"), ("label", "category"), ("start", "Int64"),
    ("end", "Int64"), ("text", "string"), ("value", "object"), ("value_start", "string"),
    ("value_end", "string"), ("item", "string"), ("level", "string"), ("group", "string")]

ITEM_COLUMNS: List[Tuple[str, str]] = [
    ("doc", "string"), ("id", "string"), ("index", "int64"), ("path", "string"),
    ("role", "category"), ("depth", "int64"), ("parent", "string"), ("leaf", "bool"),
    ("continued", "bool"), ("heading", "string"), ("context", "object"), ("start", "Int64"),
    ("end", "Int64"), ("n_sentences", "int64"), ("sentence_ids", "object"), ("text", "string"),
    ("themes", "object"), *_THEME_BOOLS, *_THEME_SCORES,
    ("actors", "object"), ("directs", "object"), ("lead", "object"), ("cooperate", "object"),
    ("grades", "object"), ("deadlines", "object"),
    ("deadline_start", "string"), ("deadline_end", "string"), ("references", "object"),
    ("n_actors", "int64"), ("n_grades", "int64"), ("n_deadlines", "int64"), ("n_references", "int64"),
    ("doc_date", "string"), *_DOC_COLUMNS]

DOCUMENT_COLUMNS: List[Tuple[str, str]] = [
    ("doc", "string"), ("source", "string"),
    *[(m, "category" if m == "doc_type" else "string") for m in METADATA],
    ("n_sentences", "int64"), ("n_content", "int64"), ("n_items", "int64"),
    ("n_actors", "int64"), ("n_grades", "int64"), ("n_deadlines", "int64"), ("n_references", "int64"),
    ("grades", "object"), ("themes", "object"), *[(f"share_{t}", "float64") for t in THEMES]]

THEME_COLUMNS: List[Tuple[str, str]] = [
    ("doc", "string"), ("id", "string"), ("item", "string"), ("theme", "category"),
    ("score", "float64"), ("assigned", "bool")]

_CATEGORIES = {"kind": KINDS, "label": LABELS, "role": ROLES, "theme": THEMES}


def _frame(rows: List[Dict[str, Any]], schema: Sequence[Tuple[str, str]]):
    """A frame with exactly ``schema``'s columns and dtypes (also with no rows)."""
    import pandas as pd
    cols = [c for c, _ in schema]
    data = {c: pd.Series([r[c] for r in rows], dtype="object") for c in cols}
    df = pd.DataFrame(data, columns=cols)
    for c, dtype in schema:
        if dtype == "category":
            known = list(_CATEGORIES.get(c, ()))
            extra = sorted({v for v in df[c] if isinstance(v, str) and v not in known})
            df[c] = pd.Categorical(df[c], categories=known + extra)
        elif dtype in ("string", "Int64", "Float64"):
            df[c] = df[c].astype(dtype)
        elif dtype in ("int64", "float64", "bool"):
            df[c] = df[c].astype(dtype)
    return df


def _sentences(items: Items) -> List[Sentence]:
    if isinstance(items, Document):
        return list(items.sentences)
    if isinstance(items, Sentence):
        return [items]
    out: List[Sentence] = []
    for x in items:
        out.extend(_sentences(x))
    return out


def _document_fields(items: Items) -> Dict[str, Dict[str, Any]]:
    """doc id → the document's columns, for the Documents among ``items``."""
    if isinstance(items, Document):
        return {items.id: items.document_fields()}
    if isinstance(items, Sentence):
        return {}
    out: Dict[str, Dict[str, Any]] = {}
    for x in items:
        if isinstance(x, Document):
            out[x.id] = x.document_fields()
    return out


def _documents(docs) -> List[Document]:
    if isinstance(docs, Document):
        return [docs]
    out = list(docs)
    for d in out:
        if not isinstance(d, Document):
            raise TypeError(f"document_frame takes Documents (it needs their metadata), "
                            f"not {type(d).__name__}")
    return out


def sentence_frame(items: Items):
    """One row per sentence (see the module docstring for the columns).

    >>> from vn_directives.records import Sentence
    >>> df = sentence_frame([Sentence(id="d:0", doc="d", text="Dạy học trực tuyến.", themes=["covid19"])])
    >>> df[["id", "covid19", "ctgdpt2018", "item_id"]].to_dict("records")
    [{'id': 'd:0', 'covid19': True, 'ctgdpt2018': False, 'item_id': 'd#000'}]
    """
    from .items import group_items
    sents = _sentences(items)
    fields = _document_fields(items)
    item_of = {id(s): it.id for it in group_items(sents) for s in it.sentences}
    rows = []
    for s in sents:
        row = {"doc": s.doc, "id": s.id, "item": s.item, "kind": s.kind,
               "start": s.start, "end": s.end, "text": s.text, "themes": list(s.themes)}
        for t in THEMES:
            row[t] = t in s.themes
            row[f"score_{t}"] = s.theme_scores.get(t)
        row.update(n_actors=len(s.actors), n_grades=len(s.grades), n_deadlines=len(s.deadlines),
                   n_references=len(s.references), doc_date=s.doc_date, item_id=item_of[id(s)])
        doc_fields = fields.get(s.doc) or s.extra
        for col, _ in _DOC_COLUMNS:
            row[col] = doc_fields.get(col)
        rows.append(row)
    return _frame(rows, SENTENCE_COLUMNS)


def entity_frame(items: Items):
    """One row per entity (see the module docstring for the columns)."""
    rows = []
    for s in _sentences(items):
        for e in s.entities:
            v = e.value
            rows.append({"doc": s.doc, "sentence": s.id, "label": e.label, "start": e.start,
                         "end": e.end, "text": e.text, "value": v,
                         "value_start": v.get("start") if isinstance(v, dict) and e.label == "DEADLINE" else None,
                         "value_end": v.get("end") if isinstance(v, dict) and e.label == "DEADLINE" else None,
                         "item": s.item, "level": e.attrs.get("level"), "group": e.attrs.get("group")})
    return _frame(rows, ENTITY_COLUMNS)


def item_frame(items: Union["Item", Items, Iterable["Item"], Iterable[Dict[str, Any]]]):
    """One row per directive item (see the module docstring for the columns).

    Takes Items, Documents or Sentences (grouped into items), or item records
    (the dicts of :meth:`~vn_directives.items.Item.to_record`, e.g. read back
    from JSON Lines); both give the same rows.

    >>> import vn_directives as vd
    >>> doc = vd.load(components=())("I. NHIỆM VỤ\\n1. Triển khai. Báo cáo.\\n2. Kiểm tra.")
    >>> item_frame(doc)[["path", "role", "depth", "parent", "leaf", "n_sentences"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'path': 'I', 'role': 'item', 'depth': 1, 'parent': '', 'leaf': False, 'n_sentences': 1},
     {'path': 'I.1', 'role': 'item', 'depth': 2, 'parent': 'I', 'leaf': True, 'n_sentences': 2},
     {'path': 'I.2', 'role': 'item', 'depth': 2, 'parent': 'I', 'leaf': True, 'n_sentences': 1}]
    """
    from .items import items_of
    if isinstance(items, dict):
        records = [items]
    elif isinstance(items, (Document, Sentence)) or not isinstance(items, Iterable):
        records = [it.to_record() for it in items_of(items)]
    else:
        items = list(items)
        records = items if items and all(isinstance(x, dict) for x in items) else \
            [it.to_record() for it in items_of(items)]
    return _frame([_item_row(r) for r in records], ITEM_COLUMNS)


def _item_row(rec: Dict[str, Any]) -> Dict[str, Any]:
    """An item record (``Item.to_record()``) → a row of the item frame."""
    span = rec.get("span") or [None, None]
    themes = list(rec.get("themes") or [])
    row = {k: rec.get(k) for k in ("doc", "id", "index", "path", "role", "depth", "parent",
                                   "leaf", "continued", "heading", "text")}
    path = rec.get("path") or ""
    defaults = {"index": 0, "path": path, "role": "item" if path else "preamble", "leaf": True,
                "depth": len(path.split(".")) if path else 0, "continued": False, "heading": "", "text": ""}
    row.update({k: v for k, v in defaults.items() if row[k] is None})
    row.update(context=list(rec.get("context") or []), start=span[0], end=span[1],
               n_sentences=len(rec.get("sentence_ids") or []),
               sentence_ids=list(rec.get("sentence_ids") or []), themes=themes)
    for col in DOCUMENT_FIELDS:
        row[col] = rec.get(col)
    scores = rec.get("theme_scores") or {}
    for t in THEMES:
        row[f"score_{t}"] = scores.get(t)
    for t in THEMES:
        row[t] = t in themes
    actors, grades = rec.get("actors") or [], rec.get("grades") or []
    deadlines, refs = rec.get("deadlines") or [], rec.get("references") or []
    values = [d.get("value") for d in deadlines if isinstance(d.get("value"), dict)]
    starts = [v["start"] for v in values if v.get("start")]
    ends = [v["end"] for v in values if v.get("end")]
    for role in ("directs", "lead", "cooperate"):
        row[role] = list(dict.fromkeys(a.get("canonical") or a["text"] for a in actors if a.get("role") == role))
    row.update(actors=list(dict.fromkeys(a.get("canonical") or a["text"] for a in actors)),
               grades=sorted({g for x in grades for g in (x.get("value") or [])}),
               deadlines=[d["text"] for d in deadlines],
               deadline_start=min(starts) if starts else None, deadline_end=max(ends) if ends else None,
               references=list(dict.fromkeys(r["text"] for r in refs)),
               n_actors=len(actors), n_grades=len(grades), n_deadlines=len(deadlines), n_references=len(refs))
    return row


def document_frame(docs: Union[Document, Iterable[Document]]):
    """One row per document: metadata, counts, theme shares (see the module docstring).

    >>> import vn_directives as vd
    >>> doc = vd.load(components=())("1. Triển khai. Báo cáo.\\n2. Kiểm tra.")
    >>> document_frame(doc)[["doc", "n_sentences", "n_items", "share_covid19"]].to_dict("records")
    [{'doc': 'doc', 'n_sentences': 3, 'n_items': 2, 'share_covid19': 0.0}]
    """
    from .items import group_items
    rows = []
    for d in _documents(docs):
        sents = d.sentences
        content = [s for s in sents if s.kind != "header"]
        row: Dict[str, Any] = {"doc": d.id, "source": d.source}
        row.update({m: getattr(d.metadata, m) for m in METADATA})
        row.update(n_sentences=len(sents), n_content=len(content),
                   n_items=sum(1 for i in group_items(d) if i.role == "item"),
                   n_actors=sum(len(s.actors) for s in sents), n_grades=sum(len(s.grades) for s in sents),
                   n_deadlines=sum(len(s.deadlines) for s in sents),
                   n_references=sum(len(s.references) for s in sents),
                   grades=sorted({g for s in sents for sp in s.grades for g in (sp.value or [])}),
                   themes=[t for t in THEMES if any(t in s.themes for s in sents)])
        for t in THEMES:
            row[f"share_{t}"] = (sum(t in s.themes for s in content) / len(content)) if content else float("nan")
        rows.append(row)
    return _frame(rows, DOCUMENT_COLUMNS)


def theme_frame(items: Items):
    """Tidy themes: one row per sentence and theme (see the module docstring).

    >>> from vn_directives.records import Sentence
    >>> s = Sentence(id="d:0", doc="d", text="…", themes=["covid19"], theme_scores={"covid19": 0.9})
    >>> theme_frame(s)[["theme", "score", "assigned"]].head(2).to_dict("records")
    [{'theme': 'covid19', 'score': 0.9, 'assigned': True}, {'theme': 'ctgdpt2018', 'score': nan, 'assigned': False}]
    """
    rows = [{"doc": s.doc, "id": s.id, "item": s.item, "theme": t,
             "score": float(s.theme_scores.get(t, float("nan"))), "assigned": t in s.themes}
            for s in _sentences(items) for t in THEMES]
    return _frame(rows, THEME_COLUMNS)
