"""GRADE: explicit mentions of school grades 1–12 (ANNOTATION.md §2).

A mention opens with a grade word ("lớp", "khối", "khối lớp") followed by a
number, written in digits or in words ("lớp Một"), and continues through
lists and ranges: "lớp 1, 2, 6", "các lớp 3, lớp 7 và lớp 10", "lớp 4,8,11",
"từ lớp 6 đến lớp 9", "lớp 6-9", "khối 9 và 12". One list is one span; its
value is the sorted list of grade numbers.

Span conventions (read from the gold of ``data/labelled``):

* a "các" right before the first grade word is inside the span (the guideline's
  example "các lớp 3, lớp 7, lớp 10"); "từ" is inside only when a range follows;
* a school level after the last number stays outside ("lớp 10 THPT" → "lớp 10");
* a class name gives its grade: "lớp 2A", "lớp 6A1", "lớp 10/3" → the span takes
  the whole name, the value is the grade (gold c025:0001 "lớp 2A" → [2]);
* a list stops where anything but a separator, a grade word or a school level
  comes between two numbers ("lớp 3 gồm 16 sách, lớp 7 …" → two spans).

Nothing is taken for a class or a course ("lớp học", "lớp tập huấn", "lớp bồi
dưỡng", "lớp mẫu giáo 5-6 tuổi"), ages and head-counts ("lớp 5-6 tuổi", "lớp 15
học viên", "mỗi lớp 2 giáo viên"), counts of classes ("10 lớp": the number comes
before the word), numbers above 12 ("lớp 13"), Roman numerals, or school levels
and "cuối cấp" with no number. A bare number after a comma continues a list
only when it is larger than the one before and counts nothing ("lớp 10, 2
trường" is grade 10 and two schools).

>>> extract = GradeExtractor()
>>> [(s.text, s.value) for s in extract("Triển khai ở các lớp 4, 8, 11 và từ lớp 6 đến lớp 9.")]
[('các lớp 4, 8, 11', [4, 8, 11]), ('từ lớp 6 đến lớp 9', [6, 7, 8, 9])]
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

from ..reading.normalize import compose
from ..records import Span
from ..resources import read_tsv, resolve

__all__ = ["GradeExtractor", "extract_grades"]

_KINDS = ("head", "collective", "range_from", "modifier", "number", "list_sep", "range_sep",
          "trap_next", "trap_before", "age_unit", "count_noun", "not_number", "not_number_next",
          "school_level")

_MIN_GRADE, _MAX_GRADE = 1, 12
#: characters before a grade word searched for a trap word ("mỗi lớp", "tầng lớp"): bounded, so
#: that a long sentence costs linear time
_TRAP_WINDOW = 80


def _alternation(forms: Sequence[str]) -> str:
    """A regex alternation of ``forms``, longest first, any whitespace run between words;
    a form that ends in a letter or digit must end a word there ("lớp" is not "lớpx")."""
    parts = []
    for f in sorted(set(forms), key=len, reverse=True):
        pat = r"\s+".join(re.escape(w) for w in f.split())
        parts.append(pat + r"(?!\w)" if f[-1:].isalnum() else pat)
    return "(?:%s)" % "|".join(parts) if parts else r"(?!)"


def _words(forms: Sequence[str], flags: int = re.IGNORECASE) -> "re.Pattern[str]":
    """Any of ``forms`` at a position (``match``), longest first."""
    return re.compile(_alternation(forms), flags)


class GradeExtractor:
    """Finds GRADE spans in one sentence; value = sorted list of ints 1–12.

    ``rules`` is ``"default"`` (``resources/vi/grades.tsv``) or the path of a
    file of the same format (columns ``kind``, ``form``, ``value``).

    >>> g = GradeExtractor()
    >>> [(s.text, s.value) for s in g("Học sinh khối lớp 3 – 12 học trực tuyến; riêng lớp Một học qua truyền hình.")]
    [('khối lớp 3 – 12', [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), ('lớp Một', [1])]
    >>> g("Tổ chức lớp học, lớp tập huấn và lớp mẫu giáo 5-6 tuổi; trường có 10 lớp.")
    []
    """

    label = "GRADE"

    def __init__(self, rules: Union[str, Path] = "default") -> None:
        rows = read_tsv(resolve(rules, "grades.tsv"))
        by_kind: Dict[str, List[Tuple[str, str]]] = {k: [] for k in _KINDS}
        for row in rows:
            kind, form = (row.get("kind") or "").strip(), (row.get("form") or "").strip()
            if kind not in by_kind:
                raise ValueError(f"grades rules: unknown kind {kind!r}")
            if form:
                by_kind[kind].append((form, (row.get("value") or "").strip()))
        forms = {k: [f for f, _ in v] for k, v in by_kind.items()}
        if not forms["head"]:
            raise ValueError("grades rules: no `head` row")
        self.number_words = {" ".join(f.lower().split()): int(v) for f, v in by_kind["number"]}
        self.school_levels = {f: v for f, v in by_kind["school_level"]}

        heads = _alternation(forms["head"])
        # the opening of a mention: [collective] head
        self._head_re = re.compile(
            r"(?<!\w)(?:(?P<coll>%s)\s+)?(?P<head>%s)" % (_alternation(forms["collective"]), heads),
            re.IGNORECASE)
        self._head_only = _words(forms["head"])
        self._range_from = re.compile(r"(?:%s)\s+$" % _alternation(forms["range_from"]), re.IGNORECASE)
        self._trap_before = re.compile(r"(?<!\w)(?:%s)\s+$" % _alternation(forms["trap_before"]), re.IGNORECASE)
        self._trap_next = _words(forms["trap_next"])
        self._modifier = _words(forms["modifier"])
        self._list_sep = _words(forms["list_sep"])
        self._range_sep = _words(forms["range_sep"])
        self._age_unit = _words(forms["age_unit"])
        self._count_noun = _words(forms["count_noun"])
        self._not_number = _words(forms["not_number"])
        self._not_number_next = _words(forms["not_number_next"])
        self._school_level = _words(forms["school_level"])
        self._number_word = _words(list(self.number_words))
        self._digits = re.compile(r"\d+")
        # a class name after the grade number: "2A", "6A1", "10/3"
        self._class_suffix = re.compile(r"(?:[A-Za-z]\d{0,2}|/\d{1,2})(?![\w/])")
        self._ws = re.compile(r"\s*")

    # ------------------------------------------------------------------ parsing

    def _skip_ws(self, text: str, pos: int) -> int:
        return self._ws.match(text, pos).end()

    def _number(self, text: str, pos: int, *, bare: bool, suffix: bool) -> Optional[Tuple[int, int]]:
        """``(grade, end)`` of a grade number at ``pos``, or None.

        ``bare``: the number has no grade word of its own (a list or range item);
        ``suffix``: a class name may follow ("lớp 6A1").
        """
        m = self._digits.match(text, pos)
        if m:
            value, end = int(m.group()), m.end()
            if not _MIN_GRADE <= value <= _MAX_GRADE or len(m.group()) > 2:
                return None
            if suffix:
                s = self._class_suffix.match(text, end)
                if s:
                    return value, s.end()
            nxt = text[end:end + 2]
            if nxt[:1].isalnum() or nxt[:1] == "_" or re.match(r"[./:]\d", nxt):
                return None            # "10km", "1.000", "12/2022", "10:30"
            return value, end
        m = self._number_word.match(text, pos)
        if not m or self._not_number.match(text, pos):
            return None                # "năm học", "một số", "ba mẹ"
        if bare and not m.group()[:1].isupper():
            return None                # "lớp Một, Hai" but not "lớp 1, hai"
        after = self._skip_ws(text, m.end())
        if (self._not_number_next.match(text, after) or self._number_word.match(text, after)
                or text[after:after + 1].isdigit()):
            return None                # "hai buổi", "mười lăm", "năm 2022"
        return self.number_words[" ".join(m.group().lower().split())], m.end()

    def _item(self, text: str, pos: int, *, allow_bare: bool) -> Optional[Tuple[int, int, bool]]:
        """An item after a separator: ``[head [modifier]] number`` → ``(grade, end, bare)``."""
        p = self._skip_ws(text, pos)
        h = self._head_only.match(text, p)
        if h:
            p = self._skip_ws(text, h.end())
            if self._trap_next.match(text, p):
                return None
            mod = self._modifier.match(text, p)
            if mod:
                p = self._skip_ws(text, mod.end())
            n = self._number(text, p, bare=False, suffix=True)
            return (n[0], n[1], False) if n else None
        if not allow_bare:
            return None
        n = self._number(text, p, bare=True, suffix=False)
        return (n[0], n[1], True) if n else None

    def _counts(self, text: str, end: int) -> bool:
        """A count noun right after a bare number: "2 trường", "10 học sinh"."""
        return bool(self._count_noun.match(text, self._skip_ws(text, end)))

    def _mention(self, text: str, m: "re.Match[str]") -> Optional[Span]:
        start = m.start()
        head_start = m.start("head")
        trap_end = head_start if m.group("coll") is None else m.start()
        if self._trap_before.search(text, max(0, trap_end - _TRAP_WINDOW), trap_end):
            return None                # "mỗi lớp 2 giáo viên", "tầng lớp"
        p = self._skip_ws(text, m.end())
        if self._trap_next.match(text, p):
            return None                # "lớp học", "lớp mẫu giáo 5-6 tuổi"
        mod = self._modifier.match(text, p)
        if mod:
            p = self._skip_ws(text, mod.end())
        first = self._number(text, p, bare=False, suffix=True)
        if first is None:
            return None
        grades = {first[0]}
        last, end = first[0], first[1]
        first_sep = None               # "range" or "list": what follows the first number
        while True:
            q = self._skip_ws(text, end)
            # a range: "6-9", "6 đến 9", "6 đến lớp 9"
            r = self._range_sep.match(text, q)
            if r:
                item = self._item(text, r.end(), allow_bare=True)
                if item and item[0] > last and not (item[2] and self._counts(text, item[1])):
                    grades.update(range(last + 1, item[0] + 1))
                    first_sep = first_sep or "range"
                    last, end = item[0], item[1]
                    continue
            # a list: ", 7", " và lớp 10", "; " stops
            lv = self._school_level.match(text, q)
            q2 = self._skip_ws(text, lv.end()) if lv else q
            s = self._list_sep.match(text, q2)
            if s:
                item = self._item(text, s.end(), allow_bare=lv is None)
                if item:
                    value, iend, bare = item
                    if not bare or (value > last and not self._counts(text, iend)):
                        grades.add(value)
                        first_sep = first_sep or "list"
                        last, end = value, iend
                        continue
            break
        if self._age_unit.match(text, self._skip_ws(text, end)):
            return None                # "lớp 5-6 tuổi", "lớp 10 học viên"
        if first_sep == "range" and m.group("coll") is None:
            fr = self._range_from.search(text, max(0, start - 12), start)
            if fr and (fr.start() == 0 or not text[fr.start() - 1].isalnum()):
                start = fr.start()
        return Span(start, end, text[start:end], self.label, sorted(grades))

    # ------------------------------------------------------------------ public

    def __call__(self, text: str, doc_date: Optional[str] = None, tokens=None) -> List[Span]:
        """GRADE spans of ``text``, sorted, not overlapping. ``doc_date`` and ``tokens`` are unused."""
        if not text:
            return []
        mapped = compose(text)
        work = mapped.text
        spans: List[Span] = []
        pos = 0
        while True:
            m = self._head_re.search(work, pos)
            if not m:
                break
            span = self._mention(work, m)
            if span is None and m.group("coll") is not None:
                # "các" may belong to something else; try the head alone
                m2 = self._head_re.search(work, m.start("head"))
                span = self._mention(work, m2) if m2 and m2.start() == m.start("head") else None
            if span is None:
                pos = m.end()
                continue
            spans.append(span)
            pos = span.end
        if work == text:
            return spans
        out = []
        for s in spans:
            a, b = mapped.original_span(s.start, s.end)
            out.append(Span(a, b, text[a:b], s.label, s.value))
        return out


_DEFAULT: Optional[GradeExtractor] = None


def extract_grades(text: str, doc_date: Optional[str] = None, tokens=None) -> List[Span]:
    """GRADE spans with the packaged rules (the extractor is built once).

    >>> [s.value for s in extract_grades("lớp 3,7,10")]
    [[3, 7, 10]]
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = GradeExtractor()
    return _DEFAULT(text, doc_date, tokens)
