"""The record model: :class:`Document`, :class:`Sentence`, :class:`Span`, :class:`Token`.

Plain dataclasses, the only objects that cross stage boundaries. Offsets:

* ``Sentence.start``/``Sentence.end`` index the document's original text
  (``Document.text``, the file as decoded);
* ``Span`` and ``Token`` offsets index ``Sentence.text`` (the cleaned sentence),
  so ``sentence.text[span.start:span.end] == span.text`` always holds.

The JSON Lines form is the record format of ANNOTATION.md §3, one sentence a
line, read and written by :func:`read_jsonl` / :func:`write_jsonl`.

>>> s = Sentence(id="d:0001", doc="d", text="Triển khai đối với lớp 1, 2, 6.")
>>> s.grades.append(Span(19, 30, "lớp 1, 2, 6", "GRADE", [1, 2, 6]))
>>> Sentence.from_record(s.to_record()) == s
True
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

THEMES = ("covid19", "ctgdpt2018", "digital_transformation", "inspection", "teacher_staffing")
#: what a sentence makes of an actor (ANNOTATION.md §2, "ACTOR role")
ROLES = ("directs", "lead", "cooperate", "addressee", "mentioned")

#: record key -> span label, in the order of ANNOTATION.md §3
ENTITY_KEYS = {"actors": "ACTOR", "grades": "GRADE", "deadlines": "DEADLINE"}
#: document columns every sentence and item row carries (what researchers compare by)
DOCUMENT_FIELDS = ("source", "doc_number", "doc_type", "issuer", "province", "doc_date")
#: the key under which each label keeps its normalised value in a record
VALUE_KEY = {"ACTOR": "canonical", "GRADE": "value", "DEADLINE": "value", "REFERENCE": "value"}


class RecordError(ValueError):
    """A record that does not follow the format; the message names file and line."""


@dataclass
class Span:
    """An entity inside a sentence: ``[start, end)`` into ``Sentence.text``.

    ``value`` is the canonical name (ACTOR), the sorted grade list (GRADE), the
    ``{"start", "end"}`` interval (DEADLINE) or the parsed citation (REFERENCE).
    ``attrs`` holds anything else a component wants to report (e.g. an actor's level).
    """

    start: int
    end: int
    text: str
    label: str
    value: Any = None
    attrs: Dict[str, Any] = field(default_factory=dict)

    def to_record(self) -> Dict[str, Any]:
        rec: Dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        rec[VALUE_KEY.get(self.label, "value")] = self.value
        rec.update(self.attrs)
        return rec

    @classmethod
    def from_record(cls, rec: Dict[str, Any], label: str) -> "Span":
        key = VALUE_KEY.get(label, "value")
        attrs = {k: v for k, v in rec.items() if k not in ("start", "end", "text", key)}
        return cls(int(rec["start"]), int(rec["end"]), rec["text"], label, rec.get(key), attrs)


@dataclass(slots=True)
class Token:
    """A word from word segmentation (may span several syllables), offsets into the sentence."""

    start: int
    end: int
    text: str


@dataclass
class Sentence:
    """One sentence (or heading, or header line) of a document."""

    id: str
    doc: str
    text: str
    start: Optional[int] = None          # offsets into Document.text
    end: Optional[int] = None
    item: str = ""                       # item path, e.g. "I.3.b"
    kind: str = "sentence"               # sentence | heading | header
    tokens: List[Token] = field(default_factory=list)
    themes: List[str] = field(default_factory=list)
    theme_scores: Dict[str, float] = field(default_factory=dict)
    actors: List[Span] = field(default_factory=list)
    grades: List[Span] = field(default_factory=list)
    deadlines: List[Span] = field(default_factory=list)
    references: List[Span] = field(default_factory=list)
    doc_date: Optional[str] = None
    extra: Dict[str, Any] = field(default_factory=dict)  # unknown record keys, kept on round trip

    @property
    def entities(self) -> List[Span]:
        return sorted(self.actors + self.grades + self.deadlines + self.references,
                      key=lambda s: (s.start, s.end))

    def to_record(self) -> Dict[str, Any]:
        """The ANNOTATION.md §3 record (plus optional keys that are set)."""
        rec: Dict[str, Any] = {"doc": self.doc, "id": self.id, "text": self.text,
                               "themes": list(self.themes)}
        for key, label in ENTITY_KEYS.items():
            rec[key] = [s.to_record() for s in getattr(self, key)]
        if self.references:
            rec["references"] = [s.to_record() for s in self.references]
        if self.theme_scores:
            rec["theme_scores"] = {k: round(v, 4) for k, v in self.theme_scores.items()}
        if self.item:
            rec["item"] = self.item
        if self.kind != "sentence":
            rec["kind"] = self.kind
        if self.start is not None:
            rec["span"] = [self.start, self.end]
        if self.doc_date:
            rec["doc_date"] = self.doc_date
        rec.update(self.extra)
        return rec

    @classmethod
    def from_record(cls, rec: Dict[str, Any]) -> "Sentence":
        known = {"doc", "id", "text", "themes", "actors", "grades", "deadlines", "references",
                 "theme_scores", "item", "kind", "span", "doc_date"}
        span = rec.get("span") or [None, None]
        return cls(
            id=str(rec["id"]),
            doc=str(rec.get("doc") or str(rec["id"]).rsplit(":", 1)[0]),
            text=rec["text"],
            start=span[0], end=span[1],
            item=rec.get("item", ""),
            kind=rec.get("kind", "sentence"),
            themes=list(rec.get("themes") or []),
            theme_scores=dict(rec.get("theme_scores") or {}),
            actors=[Span.from_record(r, "ACTOR") for r in rec.get("actors") or []],
            grades=[Span.from_record(r, "GRADE") for r in rec.get("grades") or []],
            deadlines=[Span.from_record(r, "DEADLINE") for r in rec.get("deadlines") or []],
            references=[Span.from_record(r, "REFERENCE") for r in rec.get("references") or []],
            doc_date=rec.get("doc_date"),
            extra={k: v for k, v in rec.items() if k not in known},
        )


@dataclass
class Metadata:
    """What the letterhead or a news item's date line says about the document."""

    number: Optional[str] = None      # "04/CT-UBND"
    doc_type: Optional[str] = None    # chi_thi | thong_bao | ke_hoach | cong_van | quyet_dinh | tin_tuc | ...
    issuer: Optional[str] = None      # "ỦY BAN NHÂN DÂN TỈNH AN GIANG"
    place: Optional[str] = None       # "An Giang"
    date: Optional[str] = None        # ISO "2021-09-14"
    province: Optional[str] = None    # "An Giang" (name at the time of issue)
    province_2025: Optional[str] = None  # the province it belongs to after the 2025 merger
    title: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


@dataclass
class Document:
    """A read, cleaned and segmented document."""

    id: str
    text: str                          # the original text as decoded
    source: str = "<string>"
    metadata: Metadata = field(default_factory=Metadata)
    sentences: List[Sentence] = field(default_factory=list)
    #: ranges of the text left out as page furniture: (start, end, reason)
    dropped: List[tuple] = field(default_factory=list)
    #: characters no encoding can write (lone surrogates) replaced by U+FFFD at reading
    replaced: int = 0
    #: the directive items (:class:`vn_directives.items.Item`), in document order: filled by
    #: the pipeline's last stage (:func:`vn_directives.items.group_items`), from the sentences
    items: List[Any] = field(default_factory=list, repr=False, compare=False)
    #: the cleaned layout (blocks) the sentences were cut from; not serialised
    layout: Any = field(default=None, repr=False, compare=False)

    def __iter__(self) -> Iterator[Sentence]:
        return iter(self.sentences)

    def __len__(self) -> int:
        return len(self.sentences)

    def document_fields(self) -> Dict[str, Any]:
        """The document's columns of every row (:data:`DOCUMENT_FIELDS`): where it came
        from and what its letterhead says.

        >>> Document("d", "", source="in/d.txt", metadata=Metadata(number="04/CT-UBND")).document_fields()["doc_number"]
        '04/CT-UBND'
        """
        md = self.metadata or Metadata()
        return {"source": printable_path(self.source), "doc_number": md.number, "doc_type": md.doc_type,
                "issuer": md.issuer, "province": md.province, "doc_date": md.date}

    def to_records(self) -> List[Dict[str, Any]]:
        """One record per sentence (ANNOTATION.md §3), each with the document's columns;
        a sentence's own ``doc_date`` (given with ``tag_sentences``) is kept."""
        fields = self.document_fields()
        out = []
        for s in self.sentences:
            rec = s.to_record()
            for k, v in fields.items():
                if rec.get(k) is None:
                    rec[k] = v
            out.append(rec)
        return out


def printable_path(path: str) -> str:
    """A path as it goes into records: bytes of the name that are not UTF-8 (Python keeps
    them as surrogate escapes) written as ``\\xNN``, so every record is valid UTF-8.

    >>> print(printable_path("in/bad" + chr(0xDCFF) + ".txt"))
    in/bad\\xff.txt
    """
    if path.isascii() or not any(0xDC80 <= ord(c) <= 0xDCFF for c in path):
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# --------------------------------------------------------------------------- JSON Lines

def parse_jsonl_lines(lines: Iterable[str]) -> Iterator[tuple]:
    """``(line_number, record, problem)`` for each non-blank line: the record as a
    dict and ``None``, or ``None`` and what is wrong with the line."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield n, None, f"not valid JSON ({e.msg})"
            continue
        if not isinstance(rec, dict):
            yield n, None, "a record must be a JSON object"
            continue
        yield n, rec, None


def iter_jsonl(path: Union[str, Path]) -> Iterator[tuple]:
    """Yield ``(line_number, dict)`` for each non-blank line; errors name file and line."""
    path = Path(path)
    try:
        fh = path.open(encoding="utf-8-sig")
    except OSError as e:
        raise RecordError(f"{path}: cannot open ({e.strerror})") from e
    with fh:
        for n, rec, problem in parse_jsonl_lines(fh):
            if problem:
                raise RecordError(f"{path}:{n}: {problem}")
            yield n, rec


def read_jsonl(path: Union[str, Path]) -> List[Sentence]:
    """Read sentence records (ANNOTATION.md §3) from a JSON Lines file."""
    out = []
    for n, rec in iter_jsonl(path):
        try:
            out.append(Sentence.from_record(rec))
        except (KeyError, TypeError, ValueError, IndexError) as e:
            raise RecordError(f"{path}:{n}: bad record ({e!r})") from e
    return out


def dumps(sentence: Sentence) -> str:
    return json.dumps(sentence.to_record(), ensure_ascii=False)


def write_jsonl(sentences: Iterable[Sentence], path: Union[str, Path]) -> int:
    """Write sentences as JSON Lines; returns the number written."""
    n = 0
    with Path(path).open("w", encoding="utf-8") as fh:
        for s in sentences:
            fh.write(dumps(s) + "\n")
            n += 1
    return n
