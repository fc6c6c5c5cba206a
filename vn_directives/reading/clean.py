"""Page furniture out, layout undone: text → :class:`Block` list with offsets.

What real files carry and what happens to it:

* web boilerplate (menus, counters, rating widgets, "Ý kiến bạn đọc", lists of
  other news): dropped by the patterns of ``resources/vi/boilerplate.tsv``;
  ``tail`` patterns drop everything after them. Every dropped range is
  reported (:attr:`Cleaned.dropped`), so nothing goes unseen;
* table pipes and rule lines ("|", "-------") from converted layouts: a pipe
  ends a table cell, and a short cell's lines are one unit ("An\\nGiang, ngày …");
* hard-wrapped lines (fixed-width converters cut sentences and words: "ĐỔI\\nMỚI",
  "Kế\\nhoạch"): rejoined with a space where the layout says the line runs on;
* stray whitespace: runs become one space.

Each block keeps, character by character, where it came from in the text as
read (:class:`~vn_directives.offsets.MappedText`).

>>> c = clean("CHỈ THỊ\\nVỀ VIỆC THỰC HIỆN ĐỔI\\nMỚI\\n\\nLượt xem:\\n1. Chủ động   triển khai.")
>>> [b.text for b in c.blocks]
['CHỈ THỊ VỀ VIỆC THỰC HIỆN ĐỔI MỚI', '1. Chủ động triển khai.']
>>> c.dropped[0].reason
'boilerplate'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Sequence, Tuple, Union

from ..offsets import MappedText
from ..resources import read_tsv, resolve
from .normalize import normalize

_RULE_LINE = re.compile(r"^[\s\-_=*~.·─━–—|]{3,}$")
_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000\ufeff]+|\s{2,}")
_SENT_END = re.compile(r"[.!?…]['\"”’»)]*$|\./\.$")
_DOC_TYPE = re.compile(r"(CHỈ THỊ|KẾ HOẠCH|THÔNG BÁO|QUYẾT ĐỊNH|CÔNG VĂN|NGHỊ QUYẾT|HƯỚNG DẪN|BÁO CÁO|"
                       r"TỜ TRÌNH|CÔNG ĐIỆN|THÔNG TƯ|NGHỊ ĐỊNH|CHƯƠNG TRÌNH)")
# a line ending like this has not ended its sentence ("Sở Giáo dục và\nĐào tạo")
_OPEN_END = re.compile(r"(,|\s(và|của|các|về|cho|với|trong|để|tại|theo|từ|đến|những|là|hoặc|nhằm))$")
_MARKER_START = re.compile(
    r"^(?:[IVXLC]{1,6}[.)]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[-–+•●▪◦*]|"
    r"(?:Phần|Mục|Chương|Điều)\s+[\dIVXLC]+)(?:\s|$)")


@dataclass
class Dropped:
    start: int
    end: int
    reason: str
    text: str


@dataclass
class Block:
    """A unit of layout: a paragraph, a list item, a heading or a letterhead cell."""

    mapped: MappedText
    indent: int = 0
    cell: bool = False          # came from a table cell of a converted letterhead

    @property
    def text(self) -> str:
        return self.mapped.text


@dataclass
class Cleaned:
    blocks: List[Block]
    dropped: List[Dropped] = field(default_factory=list)
    wrapped: bool = False       # the layout was detected as hard-wrapped


@dataclass
class _Line:
    m: MappedText               # stripped line
    indent: int
    kind: str                   # content | blank | rule | pipe
    pipe_end: bool = False      # the line ended a table cell

    @property
    def text(self) -> str:
        return self.m.text


class BoilerplateRules:
    """Whole-line patterns for web furniture, read from a TSV (``rules="default"`` or a path)."""

    def __init__(self, rules: Union[str, Path] = "default"):
        self.path = resolve(rules, "boilerplate.tsv")
        self.drop: List[re.Pattern] = []
        self.tail: List[re.Pattern] = []
        self.prefix: List[re.Pattern] = []
        for row in read_tsv(self.path):
            pat = re.compile(r"(?:%s)" % row["pattern"], re.I | re.U)
            action = row["action"].strip()
            if action not in ("drop", "tail", "prefix"):
                raise ValueError(f"{self.path}: unknown action {action!r} for {row['pattern']!r}")
            getattr(self, action).append(pat)
        self._tail_any = _any_of(self.tail)
        self._drop_any = _any_of(self.drop)

    def prefix_length(self, line: str) -> int:
        """Length of page furniture glued to the start of a line ("date 2021-12 …")."""
        for p in self.prefix:
            m = p.match(line)
            if m and m.end() > 0:
                return m.end()
        return 0

    def action(self, line: str) -> Optional[str]:
        s = line.strip().rstrip(":").strip()
        if not s or len(s) > 120:
            return None
        whole = line.strip()
        if self._tail_any(s) or self._tail_any(whole):
            return "tail"
        if self._drop_any(s) or self._drop_any(whole):
            return "drop"
        return None


def _any_of(patterns: List["re.Pattern"]):
    """``text → bool``: does one of the patterns match the whole text. One alternation,
    compiled once (a whole-text match of ``A|B`` is one of A or of B), or the patterns one
    by one if they cannot be joined (group names used twice)."""
    if not patterns:
        return lambda text: False
    try:
        joined = re.compile("|".join(p.pattern for p in patterns), re.I | re.U)
        return lambda text: joined.fullmatch(text) is not None
    except re.error:
        return lambda text: any(p.fullmatch(text) for p in patterns)


@lru_cache(maxsize=4)
def _default_rules() -> BoilerplateRules:
    return BoilerplateRules()


def _split_lines(m: MappedText) -> List[Tuple[MappedText, int]]:
    """Lines of ``m`` (without terminators), each with its indentation width."""
    out = []
    for match in re.finditer(r"[^\n\r\u2028\u2029]*", m.text):
        if match.start() == match.end() and match.start() > 0 and \
                m.text[match.start() - 1] not in "\n\r\u2028\u2029":
            continue
        raw = m.slice(match.start(), match.end())
        body = raw.text
        indent = len(body) - len(body.lstrip(" \t\u00a0"))
        out.append((raw, indent))
    return out


def is_caps(text: str) -> bool:
    """Mostly capital letters: a heading or letterhead line ("CHỈ THỊ", "I. NHIỆM VỤ")."""
    letters = list(filter(str.isalpha, text))
    return len(letters) >= 3 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def _wrap_width(lines: Sequence[_Line]) -> Optional[float]:
    """The fixed width of a hard-wrapped layout, or None for one paragraph a line."""
    lens = sorted(len(l.text) for l in lines if l.kind == "content" and len(l.text) >= 20)
    if len(lens) < 6:
        return None
    p90 = lens[int(0.9 * (len(lens) - 1))]
    if not 55 <= p90 <= 130:
        return None
    near = sum(0.8 * p90 <= x <= 1.1 * p90 for x in lens)
    return float(p90) if near >= 0.4 * len(lens) else None


def _collapse(m: MappedText) -> MappedText:
    out = m
    for match in reversed(list(_WS.finditer(m.text))):
        if match.group() != " ":
            out = out.replace_span(match.start(), match.end(), " ")
    return out.strip()


def _lines(m: MappedText, rules: BoilerplateRules, dropped: List[Dropped]) -> List[_Line]:
    lines: List[_Line] = []
    for raw, indent in _split_lines(m):
        cut = rules.prefix_length(raw.text)
        if cut:
            dropped.append(Dropped(*raw.original_span(0, cut), "boilerplate", raw.text[:cut]))
            raw = raw.slice(cut, len(raw))
        stripped = raw.strip()
        t = stripped.text
        if not t:
            lines.append(_Line(stripped, indent, "blank"))
            continue
        act = rules.action(t)
        if act == "tail":
            s = raw.starts[0] if len(raw) else 0
            end = m.ends[-1] if len(m) else s
            dropped.append(Dropped(s, end, "boilerplate-tail", t))
            break
        if act == "drop":
            dropped.append(Dropped(*stripped.original_span(0, len(t)), "boilerplate", t))
            continue
        if set(t) == {"|"}:
            dropped.append(Dropped(*stripped.original_span(0, len(t)), "table-pipe", t))
            lines.append(_Line(stripped, indent, "pipe"))
            continue
        if _RULE_LINE.match(t):
            dropped.append(Dropped(*stripped.original_span(0, len(t)), "rule-line", t))
            lines.append(_Line(stripped, indent, "rule"))
            continue
        # inline pipes: each cell its own line
        if "|" in t:
            pos = 0
            for cm in re.finditer(r"\|", t):
                dropped.append(Dropped(*stripped.original_span(cm.start(), cm.end()), "table-pipe", "|"))
                cell = stripped.slice(pos, cm.start()).strip()
                if cell.text:
                    lines.append(_Line(cell, indent, "content", pipe_end=True))
                pos = cm.end()
            rest = stripped.slice(pos, len(t)).strip()
            if rest.text:
                lines.append(_Line(rest, indent, "content"))
            continue
        lines.append(_Line(stripped, indent, "content"))
    return lines


def _cell_groups(lines: List[_Line]) -> List[Tuple[int, int]]:
    """Index ranges ``[i, j)`` of short table cells: ≤ 4 content lines closed by a pipe."""
    groups, start = [], 0
    for k, ln in enumerate(lines):
        if ln.kind == "pipe" or ln.pipe_end:
            end = k + 1 if ln.pipe_end else k
            content = [x for x in lines[start:end] if x.kind == "content"]
            if 1 < len(content) <= 4 and all(len(x.text) <= 80 for x in content):
                groups.append((start, end))
            start = k + 1
    return groups


def clean(text: str, rules: Union[str, Path, BoilerplateRules] = "default") -> Cleaned:
    """Normalise, drop furniture and undo the layout of a document's text."""
    if not isinstance(rules, BoilerplateRules):
        rules = _default_rules() if rules == "default" else BoilerplateRules(rules)
    dropped: List[Dropped] = []
    lines = _lines(normalize(text), rules, dropped)
    width = _wrap_width(lines)
    cells = {}
    for i, j in _cell_groups(lines):
        for k in range(i, j):
            cells[k] = (i, j)

    blocks: List[Block] = []
    cur: List[_Line] = []
    cur_cell = False

    def flush():
        nonlocal cur, cur_cell
        if cur:
            parts = []
            for n, ln in enumerate(cur):
                if n:
                    parts.append(MappedText(" ", (ln.m.starts[0],), (ln.m.starts[0],)))
                parts.append(ln.m)
            blocks.append(Block(_collapse(MappedText.join(parts)), cur[0].indent, cur_cell))
        cur, cur_cell = [], False

    def long(ln: _Line) -> bool:
        return width is not None and len(ln.text) >= 0.8 * width

    def first_line(k: int) -> bool:
        """Line k opens a paragraph of a wrapped layout: short, then a full line."""
        if width is None or long(lines[k]):
            return False
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        return nxt is not None and nxt.kind == "content" and long(nxt) \
            and not _MARKER_START.match(nxt.text)

    blank_before = False
    for k, ln in enumerate(lines):
        if ln.kind == "blank":
            blank_before = True
            continue
        if ln.kind != "content":
            flush()
            continue
        if blank_before and cur and not cur_cell and not _continues(cur[-1], ln) \
                and not _title_continues(cur, ln):
            flush()
        blank_before = False
        if k in cells:
            if cur and (not cur_cell or cells.get(k - 1) != cells[k]):
                flush()
            if cur and cur_cell and (_MARKER_START.match(ln.text)):
                flush()
            cur.append(ln)
            cur_cell = True
            if ln.pipe_end:
                flush()
            continue
        if cur and cur_cell:
            flush()
        if cur and _joins(cur[-1], ln, k, long, first_line, lines):
            cur.append(ln)
        else:
            flush()
            cur.append(ln)
        if ln.pipe_end:
            flush()
    flush()
    return Cleaned(blocks, dropped, wrapped=width is not None)


def _title_continues(cur: List[_Line], ln: _Line) -> bool:
    """A document-type line ("CHỈ THỊ", "KẾ HOẠCH") and the capitalised subject under
    it are one title: "CHỈ THỊ VỀ VIỆC THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022"."""
    return len(cur) == 1 and bool(_DOC_TYPE.fullmatch(cur[0].text)) and is_caps(ln.text) \
        and not _MARKER_START.match(ln.text)


def _continues(prev: _Line, ln: _Line) -> bool:
    """``ln`` can only be the rest of ``prev``'s sentence: it starts in lower case or
    with a number that is no item marker, and ``prev`` has not ended its sentence
    (a paragraph never starts that way; "CTGDPT\n\n2018 trong năm học")."""
    if _MARKER_START.match(ln.text) or _SENT_END.search(prev.text) or is_caps(prev.text):
        return False
    if _OPEN_END.search(prev.text):
        return True
    first = ln.text[0]
    return first.islower() or (first.isdigit() and not re.match(r"\d{1,2}[.)]\s", ln.text))


def _joins(prev: _Line, ln: _Line, k: int, long, first_line, lines) -> bool:
    """Does line ``k`` run on from ``prev`` (a hard wrap) rather than start a unit?"""
    if _MARKER_START.match(ln.text) or _SENT_END.search(prev.text):
        return False
    if _title_continues([prev], ln) or (is_caps(prev.text) and is_caps(ln.text)
                                        and not prev.text.endswith(":")):
        return True
    if _continues(prev, ln):
        return True
    if is_caps(prev.text) and not is_caps(ln.text):
        return False
    if first_line(k):
        return False
    return long(prev) or first_line(k - 1)
