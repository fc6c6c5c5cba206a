"""Directive structure → sentences with item paths.

Numbered and lettered items ("I.", "1.", "2)", "1.1.", "a)", "•", "-", "+",
"Điều 3.") always start a new unit and are never glued to the sentence before
them; headings are units of their own; letterhead lines (issuer, motto,
number, place-and-date line, signature, "Nơi nhận" list) are ``header``
units. Inside an item, underthesea's ``sent_tokenize`` finds the sentence
ends (it is given the text after the item marker, so "1." is not cut off).

Every sentence keeps its span in the original text and its item path:

>>> from vn_directives.reading.clean import clean
>>> text = "I. NHIỆM VỤ\\n1. Chủ động triển khai. Báo cáo kết quả.\\na) Lớp 1;\\n2. Kiểm tra."
>>> [(u.item, u.kind, u.text) for u in segment(clean(text))]
... # doctest: +NORMALIZE_WHITESPACE
[('I', 'heading', 'I. NHIỆM VỤ'), ('I.1', 'sentence', '1. Chủ động triển khai.'),
 ('I.1', 'sentence', 'Báo cáo kết quả.'), ('I.1.a', 'sentence', 'a) Lớp 1;'),
 ('I.2', 'sentence', '2. Kiểm tra.')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Tuple, Union

from .offsets import MappedText
from .reading.clean import Block, Cleaned, is_caps
from .resources import read_tsv, resolve

# (type, regex): the label is group 1; order matters
_MARKERS: List[Tuple[str, re.Pattern]] = [
    ("part", re.compile(r"(?:Phần|PHẦN|Chương|CHƯƠNG)\s+([IVXLC]+|\d{1,2})\b[.:]?\s*")),
    ("section", re.compile(r"(?:Mục|MỤC)\s+([IVXLC]+|\d{1,2})\b[.:]?\s*")),
    ("article", re.compile(r"(?:Điều|ĐIỀU)\s+(\d{1,3})\b[.:]?\s*")),
    ("roman", re.compile(r"([IVXLC]{1,6})[.)]\s+")),
    ("dotted", re.compile(r"(\d{1,2}(?:\.\d{1,2})+)\.?\)?\s+")),
    ("num.", re.compile(r"(\d{1,2})\.(?!\d)\s*")),
    ("num)", re.compile(r"(\d{1,2})\)\s*")),
    ("alpha)", re.compile(r"([a-zđ])\)\s*")),
    ("alpha.", re.compile(r"([a-zđ])[.,]\s+(?=[A-ZĐÀ-Ỹ])")),
    ("bullet", re.compile(r"([-–—+•●▪◦*])\s+")),
]
# an item marker inside a paragraph, after ":", ";" or "." ("… như sau: 1. Chủ động …")
_INLINE = re.compile(r"(?<=[:;.])\s+(?=(?:\d{1,2}[.)]|[a-zđ]\)|[IVX]{1,4}\.)\s+[A-ZĐÀ-Ỹ])")
_SUBJECT = re.compile(r"(V/v|Về việc|Kính gửi|Đồng kính gửi)\b", re.I)
_PLACE_DATE = re.compile(r"[^\n,]{2,40},\s*ngày\b.{0,30}\bnăm\s*\d{4}\s*$")
_STRONG_END = re.compile(r"[.!?]['\"”’»)]*$|\./\.$")


@dataclass
class Unit:
    """A sentence-sized piece of the document, before word segmentation."""

    mapped: MappedText
    item: str
    kind: str            # sentence | heading | header

    @property
    def text(self) -> str:
        return self.mapped.text

    def original_span(self) -> Tuple[int, int]:
        return self.mapped.original_span(0, len(self.mapped))


class LetterheadRules:
    """Patterns of letterhead lines (``rules="default"`` or a TSV path)."""

    def __init__(self, rules: Union[str, Path] = "default"):
        self.path = resolve(rules, "letterhead.tsv")
        self.rows = [(re.compile(r["pattern"]), r["scope"].strip()) for r in read_tsv(self.path)]

    def scope(self, text: str) -> Optional[str]:
        for pat, scope in self.rows:
            if pat.match(text):
                return scope
        return None


@lru_cache(maxsize=1)
def _default_letterhead() -> LetterheadRules:
    return LetterheadRules()


def match_marker(text: str) -> Optional[Tuple[str, str, int]]:
    """``(type, label, length)`` of the item marker that opens ``text``, if any.

    >>> match_marker("1.1. Tăng cường")
    ('dotted', '1.1', 5)
    >>> match_marker("2021-2022 là năm") is None
    True
    """
    for typ, pat in _MARKERS:
        m = pat.match(text)
        if not m:
            continue
        rest = text[m.end():]
        if typ in ("num.", "num)", "alpha)") and rest[:1].isdigit():
            continue          # "1.234", "3)4"
        if typ == "bullet" and not rest:
            continue
        label = m.group(1)
        if typ == "bullet":
            label = {"–": "-", "—": "-", "●": "•", "▪": "•", "◦": "•", "*": "•"}.get(label, label)
        return typ, label, m.end()
    return None


class _ItemStack:
    """The open items, each keyed by (marker type, indentation)."""

    def __init__(self):
        self.stack: List[Tuple[Tuple[str, int], str]] = []
        self.bullets: dict = {}

    def push(self, typ: str, label: str, indent: int) -> None:
        key = (typ if typ != "bullet" else "bullet" + label, indent)
        keys = [k for k, _ in self.stack]
        if key in keys:
            del self.stack[keys.index(key):]
        if typ == "bullet":
            parent = self.path()
            n = self.bullets.get((parent, key), 0) + 1
            self.bullets[(parent, key)] = n
            label = f"{label}{n}"
        elif typ == "dotted":
            label = label.split(".")[-1]
        self.stack.append((key, label))

    def end_bullets(self) -> None:
        while self.stack and self.stack[-1][0][0].startswith("bullet"):
            self.stack.pop()

    def reset(self) -> None:
        self.stack.clear()

    def path(self) -> str:
        return ".".join(label for _, label in self.stack)


def _split_sentences(m: MappedText) -> List[MappedText]:
    """underthesea's sentence splitter, mapped back onto ``m``."""
    from underthesea import sent_tokenize
    out, pos = [], 0
    for s in sent_tokenize(m.text):
        s = s.strip()
        if not s:
            continue
        at = m.text.find(s, pos)
        if at < 0:          # the splitter changed the text: keep the rest whole
            rest = m.slice(pos, len(m)).strip()
            return out + ([rest] if rest.text else [])
        gap = m.text[pos:at]
        if gap.strip() and out:   # text the splitter skipped stays with the previous sentence
            prev = out.pop()
            out.append(m.slice(_start_of(prev, m), at).strip())
        out.append(m.slice(at, at + len(s)))
        pos = at + len(s)
    out = _merge_false_breaks(out, m)
    rest = m.slice(pos, len(m)).strip()
    if rest.text:
        if out:
            last = out.pop()
            out.append(m.slice(_start_of(last, m), len(m)).strip())
        else:
            out.append(rest)
    return out or ([m] if m.text else [])


def _merge_false_breaks(pieces: List[MappedText], m: MappedText) -> List[MappedText]:
    """Undo splits that are no sentence end: no space after the dot ("Dienbien.edu.vn",
    "TS.Phạm"), a next piece in lower case ("“Đơn vị học tập”. tham mưu …"), or a
    piece of bare punctuation ("/." closing a directive)."""
    merged: List[MappedText] = []
    for p in pieces:
        if merged:
            prev = merged[-1]
            a = _start_of(prev, m) + len(prev)
            b = _start_of(p, m)
            glued = a == b
            lower = p.text[:1].islower()
            bare = not any(c.isalnum() for c in p.text)
            if glued or lower or bare:
                merged[-1] = m.slice(_start_of(prev, m), b + len(p))
                continue
        merged.append(p)
    return merged


def _start_of(piece: MappedText, whole: MappedText) -> int:
    """Index in ``whole`` where ``piece`` (a slice of it) begins."""
    return whole.starts.index(piece.starts[0]) if piece.text else 0


def _inline_pieces(m: MappedText) -> List[MappedText]:
    cuts = [0] + [x.end() for x in _INLINE.finditer(m.text)] + [len(m)]
    return [m.slice(a, b).strip() for a, b in zip(cuts, cuts[1:]) if m.text[a:b].strip()]


def _letterhead_top(blocks: List[Block], letterhead: LetterheadRules) -> int:
    """Blocks before this index are the issuer's letterhead: everything up to the
    place-and-date line ("An Giang, ngày 14 tháng 9 năm 2021") when the document
    opens with one among its first blocks, the subject line ("V/v …") excepted."""
    for n, block in enumerate(blocks[:12]):
        if _PLACE_DATE.match(block.text) and len(block.text) < 80:
            return n + 1
    return 0


def segment(cleaned: Cleaned, letterhead: Union[str, Path, LetterheadRules] = "default") -> List[Unit]:
    """Turn cleaned blocks into units (sentences, headings, header lines) with item paths."""
    if not isinstance(letterhead, LetterheadRules):
        letterhead = _default_letterhead() if letterhead == "default" else LetterheadRules(letterhead)
    units: List[Unit] = []
    items = _ItemStack()
    in_tail = False
    top = _letterhead_top(cleaned.blocks, letterhead)
    for n, block in enumerate(cleaned.blocks):
        scope = None if in_tail else letterhead.scope(block.text)
        if scope == "tail":
            in_tail = True
            items.reset()
        if in_tail or scope == "line" or (n < top and not _SUBJECT.match(block.text)):
            units.append(Unit(block.mapped, "", "header"))
            continue
        for piece in _inline_pieces(block.mapped):
            units.extend(_units_of(piece, block, items))
    return units


def _units_of(piece: MappedText, block: Block, items: _ItemStack) -> List[Unit]:
    marker = match_marker(piece.text)
    if marker:
        typ, label, length = marker
        items.push(typ, label, block.indent)
        body = piece.slice(length, len(piece))
    else:
        items.end_bullets()
        body, length = piece, 0
    path = items.path()
    text = piece.text
    heading = (is_caps(text) and len(text) < 300) or not body.text.strip() or (
        marker is not None and marker[0] not in ("bullet",) and len(text) < 200
        and not _STRONG_END.search(text) and not text.rstrip().endswith((";", ",")))
    if heading or block.cell:
        return [Unit(piece, path, "heading" if heading else "sentence")]
    sents = _split_sentences(body) if body.text else []
    if not sents:
        return [Unit(piece, path, "sentence")]
    if length:  # the marker belongs to the first sentence
        first = piece.slice(0, _start_of(sents[0], piece) + len(sents[0]))
        sents[0] = first
    return [Unit(s, path, "sentence") for s in sents]
