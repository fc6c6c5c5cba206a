"""The pipeline: named stages in the order data flows.

``read → clean → metadata → segment → tokenize → classify → extract → items``

Each stage takes a :class:`~vn_directives.records.Document` and returns it
with its part filled in. ``classify`` and ``extract`` hold the components
registered for them (theme classifier, entity extractors); a pipeline without
them leaves ``themes``/``actors``/``grades``/``deadlines`` empty.

>>> import vn_directives as vd
>>> nlp = vd.load(components=())
>>> doc = nlp("CHỈ THỊ\\nI. NHIỆM VỤ\\n1. Chủ động triển khai. Báo cáo kết quả.")
>>> [(s.item, s.text) for s in doc.sentences]
[('', 'CHỈ THỊ'), ('I', 'I. NHIỆM VỤ'), ('I.1', '1. Chủ động triển khai.'), ('I.1', 'Báo cáo kết quả.')]
>>> [t.text for t in doc.sentences[2].tokens]
['1', '.', 'Chủ động', 'triển khai', '.']
"""
from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from .reading.decode import DEFAULT_MAX_BYTES, ReadError, check_length, replace_unencodable
from .records import Document, Sentence

Source = Union[str, Path]
Component = Callable[[Document], Document]

STAGES = ("read", "clean", "metadata", "segment", "tokenize", "classify", "extract", "items")
_PATH_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".docx", ".pdf", ".jsonl"}


class EmptyDocumentError(ReadError):
    """A document with no text left after cleaning."""


def _looks_like_path(s: str) -> bool:
    if "\n" in s or len(s) > 4096:
        return False
    if os.path.exists(s):
        return True
    return Path(s).suffix.lower() in _PATH_SUFFIXES and " " not in Path(s).name


def doc_id_for(source: str) -> str:
    """A document id from a file name: its stem, made safe for ids ("c001")."""
    stem = Path(source).stem
    return re.sub(r"[^\w.-]+", "_", stem) or "doc"


def document_ids(paths: Sequence[Union[str, Path]]) -> Dict[str, str]:
    """Distinct document ids for the files of one run: each file's path relative to
    the folder all of them share, without its suffix, parts joined by ``/``.

    Files of one folder keep their stem ("c001"); the same name in two folders
    is told apart by the folder; two files that differ only by suffix keep it.

    >>> document_ids(["in/angiang/chi-thi.txt", "in/hanoi/chi-thi.txt"])
    {'in/angiang/chi-thi.txt': 'angiang/chi-thi', 'in/hanoi/chi-thi.txt': 'hanoi/chi-thi'}
    >>> document_ids(["a/c001.txt", "a/c001.html", "a/c002.txt"])
    {'a/c001.txt': 'c001.txt', 'a/c001.html': 'c001.html', 'a/c002.txt': 'c002'}
    """
    paths = [str(p) for p in paths]
    if not paths:
        return {}
    absolute = {p: os.path.abspath(p) for p in paths}
    root = os.path.commonpath([os.path.dirname(a) for a in absolute.values()])

    def safe(parts):
        return "/".join(re.sub(r"[^\w.-]+", "_", x) or "_" for x in parts)

    rel = {p: Path(os.path.relpath(a, root)) for p, a in absolute.items()}
    stems = {p: safe(r.with_suffix("").parts) for p, r in rel.items()}
    seen = Counter(stems.values())
    out = {p: stems[p] if seen[stems[p]] == 1 else safe(rel[p].parts) for p in paths}
    count: Counter = Counter()
    for p in paths:                  # names that still make the same safe id are numbered
        count[out[p]] += 1
        if count[out[p]] > 1:
            out[p] = f"{out[p]}~{count[out[p]]}"
    return out


class Pipeline:
    """A configured pipeline. Build it with :func:`vn_directives.load`."""

    def __init__(self, components: Sequence[Tuple[str, str, Component]] = ()):
        #: (stage, name, callable) for the classify and extract stages
        self.components: List[Tuple[str, str, Component]] = []
        for stage, name, fn in components:
            self.add_component(stage, name, fn)

    # ------------------------------------------------------------------ set-up
    def add_component(self, stage: str, name: str, fn: Component) -> None:
        if stage not in ("classify", "extract"):
            raise ValueError(f"components plug into 'classify' or 'extract', not {stage!r}")
        if name in self.component_names:
            raise ValueError(f"a component named {name!r} is already in the pipeline")
        self.components.append((stage, name, fn))

    @property
    def component_names(self) -> List[str]:
        return [name for _, name, _ in self.components]

    @property
    def stage_names(self) -> List[str]:
        return list(STAGES[:5]) + [f"{st}:{name}" for st, name, _ in self.components] + ["items"]

    # ------------------------------------------------------------------ stages
    @staticmethod
    def read_file(path: Union[str, Path], doc_id: Optional[str] = None,
                  max_bytes: Optional[int] = DEFAULT_MAX_BYTES) -> Document:
        """A file → a Document holding its text as read (a path is always a path).
        ``max_bytes`` limits the file's size (50 MB by default; ``None``: no limit)."""
        path = str(path)
        from .reading.formats import read_document_text
        text, n = replace_unencodable(check_length(read_document_text(path, max_bytes), path))
        return Document(id=doc_id or doc_id_for(path), text=text, source=path, replaced=n)

    @staticmethod
    def read_string(text: str, doc_id: Optional[str] = None) -> Document:
        """A text → a Document (a text is always a text, even one that looks like a path)."""
        if not isinstance(text, str):
            raise TypeError(f"expected a text, got {type(text).__name__}")
        text, n = replace_unencodable(check_length(text, "<string>"))
        return Document(id=doc_id or "doc", text=text, source="<string>", replaced=n)

    @classmethod
    def read(cls, source: Source, doc_id: Optional[str] = None,
             max_bytes: Optional[int] = DEFAULT_MAX_BYTES) -> Document:
        """A path (a ``Path``, or a ``str`` that names a file or looks like a file name) or
        a text → a Document. Guesses for ``nlp(x)``; :meth:`read_path` and
        :meth:`read_text` never guess."""
        if isinstance(source, Path) or (isinstance(source, str) and _looks_like_path(source)):
            return cls.read_file(source, doc_id, max_bytes)
        if not isinstance(source, str):
            raise TypeError(f"expected a path or a text, got {type(source).__name__}")
        return cls.read_string(source, doc_id)

    @staticmethod
    def clean(doc: Document) -> Document:
        from .reading.clean import clean
        doc.layout = clean(doc.text)
        doc.dropped = [(d.start, d.end, d.reason) for d in doc.layout.dropped]
        if not doc.layout.blocks:
            raise EmptyDocumentError(f"{doc.source}: no text left after cleaning (empty document?)")
        return doc

    @staticmethod
    def metadata(doc: Document) -> Document:
        from .reading.metadata import extract_metadata
        doc.metadata = extract_metadata([b.text for b in doc.layout.blocks[:40]],
                                        [d.text for d in doc.layout.dropped])
        return doc

    @staticmethod
    def segment(doc: Document) -> Document:
        from .segment import segment
        doc.sentences = []
        for n, unit in enumerate(segment(doc.layout)):
            start, end = unit.original_span()
            doc.sentences.append(Sentence(
                id=f"{doc.id}:{n:04d}", doc=doc.id, text=unit.text, start=start, end=end,
                item=unit.item, kind=unit.kind, doc_date=doc.metadata.date))
        return doc

    @staticmethod
    def tokenize(doc: Document) -> Document:
        from .tokenize import word_tokenize
        for s in doc.sentences:
            s.tokens = word_tokenize(s.text)
        return doc

    # ------------------------------------------------------------------ running
    def __call__(self, source: Source, doc_id: Optional[str] = None,
                 max_bytes: Optional[int] = DEFAULT_MAX_BYTES) -> Document:
        """Read, clean, segment, tokenize, classify and extract one document: ``source``
        is a path or a text (guessed, see :meth:`read`)."""
        return self.run(self.read(source, doc_id, max_bytes))

    def read_path(self, path: Union[str, Path], doc_id: Optional[str] = None,
                  max_bytes: Optional[int] = DEFAULT_MAX_BYTES) -> Document:
        """The whole pipeline on the file at ``path`` (never taken for a text)."""
        return self.run(self.read_file(path, doc_id, max_bytes))

    def read_text(self, text: str, doc_id: Optional[str] = None) -> Document:
        """The whole pipeline on ``text`` (never taken for a path, even "a.txt" or ".")."""
        return self.run(self.read_string(text, doc_id))

    def run(self, doc: Document, doc_date: Optional[str] = None) -> Document:
        """Every stage after reading, on a Document that holds its text; ``doc_date``, when
        given, is the document's date whatever its letterhead says (missing years)."""
        doc = self.metadata(self.clean(doc))
        if doc_date:
            doc.metadata.date = doc_date
        for stage in (self.segment, self.tokenize):
            doc = stage(doc)
        for _, _, fn in self.components:
            doc = fn(doc)
        return self.items(doc)

    @staticmethod
    def items(doc: Document) -> Document:
        """Group the tagged sentences into directive items (``doc.items``)."""
        from .items import group_items
        doc.items = group_items(doc)
        return doc

    def pipe(self, sources: Iterable[Source], errors: str = "raise") -> Iterator[Document]:
        """Stream documents. ``errors="skip"`` yields nothing for a document that fails
        to read (see :mod:`vn_directives.batch` for a run that records failures)."""
        for src in sources:
            try:
                yield self(src)
            except ReadError:
                if errors == "raise":
                    raise

    def tag_sentence(self, text: str, doc_date: Optional[str] = None,
                     id: str = "s:0000", doc: Optional[str] = None) -> Sentence:
        """Tag one sentence as given (it is not re-split or cleaned)."""
        text, n = replace_unencodable(text)
        d = Document(id=doc or id.rsplit(":", 1)[0], text=text, source="<sentence>", replaced=n)
        d.sentences = [Sentence(id=id, doc=d.id, text=text, start=0, end=len(text), doc_date=doc_date)]
        d.metadata.date = doc_date
        self.tokenize(d)
        for _, _, fn in self.components:
            d = fn(d)
        return d.sentences[0]

    def tag_sentences(self, records: Iterable[Dict]) -> Iterator[Sentence]:
        """Tag ``{"id", "text", "doc"?, "doc_date"?, "item"?, "kind"?}`` records, keeping their ids.

        Consecutive records of one ``doc`` are tagged together as one document,
        so the classifier sees each sentence's context (title, item headings,
        neighbours); sentences are used as given, never re-split.
        """
        batch: List[Sentence] = []

        def flush():
            if not batch:
                return []
            d = Document(id=batch[0].doc, text="", source="<sentences>")
            d.sentences = list(batch)
            d.metadata.date = batch[0].doc_date
            self.tokenize(d)
            for _, _, fn in self.components:
                d = fn(d)
            batch.clear()
            return d.sentences

        for rec in records:
            sid = str(rec["id"])
            text = replace_unencodable(rec["text"])[0]
            s = Sentence(id=sid, doc=str(rec.get("doc") or sid.rsplit(":", 1)[0]), text=text,
                         start=0, end=len(text), item=str(rec.get("item") or ""),
                         kind=str(rec.get("kind") or "sentence"), doc_date=rec.get("doc_date"))
            if batch and (s.doc != batch[0].doc or s.doc_date != batch[0].doc_date):
                yield from flush()
            batch.append(s)
        yield from flush()

    def explain(self, sentence: Union[Sentence, str], doc: Optional[Document] = None,
                top: int = 8) -> Dict:
        """Why the classifier gave (or did not give) each theme: per theme the
        calibrated score, the threshold and the features that pushed it up or
        down with their weights. Pass the sentence's ``doc`` for its context."""
        clf = next((fn for _, _, fn in self.components if hasattr(fn, "explain")), None)
        if clf is None:
            raise ValueError("this pipeline has no theme classifier to explain")
        if isinstance(sentence, str):
            sentence = self.tag_sentence(sentence)
        return clf.explain(sentence, doc, top=top)

    def __repr__(self) -> str:
        return f"<Pipeline stages={self.stage_names}>"
