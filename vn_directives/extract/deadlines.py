"""DEADLINE extraction: time expressions that set when a directed action happens.

Three steps, each driven by data files in ``resources/vi/``:

1. **Expressions.** School years, terms, summers, years, periods, quarters,
   months, days in every written form ("ngày 15 tháng 3 năm 2022", "15/3/2022",
   "15-3", "ngày 5.9"), day ranges ("13-25/12") and Tết Nguyên đán (by year or
   can-chi name), with the preposition before them
   (``deadlines_prepositions.tsv``) and joined into ranges ("từ ngày 10/01 đến
   ngày 20/01/2022", "từ nay đến năm 2026").
2. **Context.** An expression is dropped when it only dates something else:
   inside a cited document (the REFERENCE extractor's spans), in a cited
   programme's or event's title, a past event or a past reporting period, a
   statistic's period, a headline's time stamp, the place-and-date line
   (cues in ``deadlines_context.tsv``). A period in the document's own title is
   kept (§5.1).
3. **Values.** ``{"start", "end"}`` by the §2 conventions (``calendar.py``); a
   missing year comes from a year named in the sentence, then from ``doc_date``,
   else the value stays null (§5.6).

>>> ex = DeadlineExtractor()
>>> [(s.text, s.value) for s in ex("Hoàn thành trước ngày 15/3/2022.")]
[('trước ngày 15/3/2022', {'start': None, 'end': '2022-03-14'})]
>>> [s.text for s in ex("Thực hiện Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021 của Bộ GDĐT.")]
[]
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

from ..records import Span
from ..resources import read_tsv, resolve
from .calendar import NULL, Calendar, Interval, PartialDate
from .references import ReferenceExtractor


#: characters read before and after an expression to decide whether it is a deadline
LOOK_BACK = 400
LOOK_AHEAD = 400


@dataclass(frozen=True)
class _Facts:
    """What is true of the whole sentence, computed once per call (not per expression)."""

    upper: bool
    past: bool
    narrative_opening: bool


class _Years:
    """The years named in a sentence, ``(position, kind, year)`` in text order, with the
    nearest one to a position found by bisection (the first in text order on a tie, as
    ``min`` over the list gives), so that a long sentence costs n log n, not n²."""

    def __init__(self, items: List[Tuple[int, str, int]]):
        self.items = items
        self.pos = [t[0] for t in items]
        self._by_kind: Dict[str, "_Years"] = {}

    def __bool__(self) -> bool:
        return bool(self.items)

    def of_kind(self, kind: str) -> "_Years":
        if kind not in self._by_kind:
            self._by_kind[kind] = _Years([t for t in self.items if t[1] == kind])
        return self._by_kind[kind]

    def nearest(self, pos: int) -> Tuple[int, str, int]:
        i = bisect.bisect_left(self.pos, pos)
        if i == 0:
            return self.items[0]
        if i == len(self.pos):
            return self.items[bisect.bisect_left(self.pos, self.pos[-1])]
        left, right = self.pos[i - 1], self.pos[i]
        if pos - left <= right - pos:
            return self.items[bisect.bisect_left(self.pos, left)]
        return self.items[i]

_Y = r"(?:19|20)\d{2}"
_DASH = r"\s*[-–—]\s*"
_M = r"(?:1[0-2]|0?[1-9])"
_DIGIT = re.compile(r"\d")
_WORDS_ONLY = {"term", "quarter", "tet"}      # kinds of expression that may have no digit
_D = r"(?:3[01]|[12]\d|0?[1-9])"


@dataclass
class _Expr:
    start: int
    end: int
    kind: str
    f: Dict[str, Optional[str]] = field(default_factory=dict)
    shift: str = "within"
    prep: str = ""           # the preposition as written ("" if none)
    has_ngay: bool = False
    end_expr: Optional["_Expr"] = None   # the second end of a range
    from_now: bool = False               # "từ nay đến X"
    next_prepped: bool = False           # directly followed by an expression with a preposition


_YEAR_KEYS = ("y", "dy", "ry", "moy", "moy2", "qy", "qy2", "ty", "p1", "b1", "sy1", "tsy1", "cc")


def _year_written(e: _Expr) -> bool:
    """Whether the expression writes its own year (else it was taken from elsewhere)."""
    return any(e.f.get(k) for k in _YEAR_KEYS)


def _add_years(d: Optional[_dt.date], years: int) -> Optional[_dt.date]:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + years)
    except ValueError:                      # 29 February
        return d.replace(year=d.year + years, day=28)


def _words(s: str) -> str:
    return re.escape(s).replace(r"\ ", r"\s+")


class DeadlineExtractor:
    """DEADLINE spans with ``{"start", "end"}`` values.

    >>> ex = DeadlineExtractor()
    >>> [(s.text, s.value) for s in ex("Tổ chức dạy học trực tiếp sau Tết Nguyên đán Nhâm Dần.", "2022-01-10")]
    [('sau Tết Nguyên đán Nhâm Dần', {'start': '2022-02-02', 'end': None})]
    >>> [s.value for s in ex("Triển khai trong học kỳ II.", "2023-02-09")]
    [{'start': '2023-01-16', 'end': '2023-05-31'}]
    """

    label = "DEADLINE"

    def __init__(self, rules: Union[str, Path] = "default", context: Union[str, Path] = "default",
                 calendar: Union[str, Path] = "default", references: Optional[ReferenceExtractor] = None,
                 reference_year: Optional[int] = None):
        self.cal = Calendar(calendar)
        self.refs = references or ReferenceExtractor()
        #: the year a can-chi name is resolved near when neither the document nor the
        #: sentence gives one; by default none, and the value stays null (never guessed)
        self.reference_year = reference_year
        preps = read_tsv(resolve(rules, "deadlines_prepositions.tsv"))
        self.prep_shift = {re.sub(r"\s+", " ", r["text"].strip().lower()): r["shift"].strip() for r in preps}
        self.range_words = [re.sub(r"\s+", " ", r["text"].strip().lower()) for r in preps
                            if (r.get("range") or "").strip() == "yes"]
        ctx: Dict[str, List[str]] = {}
        for r in read_tsv(resolve(context, "deadlines_context.tsv")):
            ctx.setdefault(r["kind"].strip(), []).append(r["text"].strip())
        self.ctx = ctx
        self._cues: Dict[tuple, re.Pattern] = {}
        self._compile()

    # ------------------------------------------------------------------ patterns
    def _alt(self, words, flags=re.IGNORECASE):
        return "|".join(_words(w) for w in sorted(words, key=len, reverse=True))

    def _compile(self) -> None:
        from lunar_vn.can_chi import CAN, CHI
        can = set(CAN) | set(self.cal._can.values()) | set(self.cal.alias_forms["can"])
        chi = set(CHI) | set(self.cal._chi.values()) | set(self.cal.alias_forms["chi"])
        cc = r"(?:" + "|".join(sorted(can, key=len, reverse=True)) + r")\s+(?:" + \
             "|".join(sorted(chi, key=len, reverse=True)) + r")"
        sy = r"năm\s+học\s+(?P<A>" + _Y + r")\s*[-–—/]\s*(?P<B>(?:19|20)?\d\d)(?!\d)"
        pats = [
            ("school_year", sy.replace("<A>", "<sy1>").replace("<B>", "<sy2>")),
            ("term", r"học\s+k[ỳìyi]\s+(?P<t>II|I|1|2)(?![\w])(?:\s*[,(-]?\s*(?:của\s+)?"
                     + sy.replace("<A>", "<tsy1>").replace("<B>", "<tsy2>") + r")?"),
            ("summer", r"(?:(?:dịp|kỳ\s+nghỉ|kì\s+nghỉ)\s+)?hè\s+(?:năm\s+)?(?:học\s+)?(?P<h1>" + _Y
                       + r")(?:" + _DASH + r"(?P<h2>" + _Y + r"))?(?!\d)"),
            ("period", r"giai\s+đoạn\s+(?:từ\s+(?:năm\s+)?)?(?P<p1>" + _Y + r")(?:" + _DASH
                       + r"|\s+(?:đến|tới)\s+(?:năm\s+)?)(?P<p2>" + _Y + r")(?!\d)"),
            ("bare_period", r"^\s*(?P<b1>" + _Y + r")" + _DASH + r"(?P<b2>" + _Y + r")(?!\d)"),
            ("year", r"năm\s+(?P<y>" + _Y + r")(?!\d|\s*[-–—]\s*\d)"),
            ("quarter", r"quý\s+(?P<q>IV|III|II|I|[1-4])(?![\w])(?:\s*/\s*(?P<qy>" + _Y
                        + r")|\s+(?:năm\s+)?(?P<qy2>" + _Y + r"))?(?!\d)"),
            ("month", r"tháng\s+(?P<mo>" + _M + r")(?:\s*[/.\-]\s*(?P<moy>" + _Y + r")|\s+năm\s+(?P<moy2>"
                      + _Y + r"))?(?P<nay>\s+này)?(?![\d/.]\d)"),
            ("day", r"(?P<ngay>ngày\s+(?:ngày\s+)?)?(?<![\d/.,])(?P<dd>" + _D + r")\s+tháng\s+(?P<dm>" + _M
                    + r")(?:\s*(?:năm|,)\s*(?P<dy>" + _Y + r"))?(?!\d)"),
            ("day", r"(?P<ngay>ngày\s+(?:ngày\s+)?)?(?<![\d/.,])(?P<dd>" + _D + r")\s*(?P<sep>[/.\-])\s*(?P<dm>"
                    + _M + r")(?:\s*(?P=sep)\s*(?P<dy>" + _Y + r"))?(?![\d]|[/.\-]\d)"),
            ("day_range", r"(?P<ngay>ngày\s+)?(?<![\d/.,])(?P<rd1>" + _D + r")\s*[-–]\s*(?P<rd2>" + _D
                          + r")\s*[/.]\s*(?P<rm>" + _M + r")(?:\s*[/.]\s*(?P<ry>" + _Y + r"))?(?![\d]|[/.]\d)"),
            ("day_only", r"ngày\s+(?P<od>" + _D + r")(?!\s*[/.\-]\s*\d|\d|\s+tháng)"),
            ("tet", r"(?:(?:kỳ|kì)\s+nghỉ\s+)?tết(?:\s+nguyên\s+đán|\s+âm\s+lịch)?(?!\s+dương)"
                    r"(?:\s+năm)?(?:\s+(?P<cc>" + cc + r"))?(?:\s+(?P<ty>" + _Y + r"))?(?!\d)"),
        ]
        # a word every match of the pattern contains (in lower case): the pattern is not run
        # on text without it; None for the patterns of numbers only
        gates = ["học", "học", "hè", "giai", None, "năm", "quý", "tháng", "tháng", None, None, "ngày", "tết"]
        if len(gates) != len(pats):
            raise AssertionError("one gate word per deadline pattern")
        self._pats = [(k, re.compile(r"(?<![\w])" + p, re.IGNORECASE), g) for (k, p), g in zip(pats, gates)]
        # the expressions that can be written without a digit ("học kỳ II", "quý I", "Tết");
        # every other one contains a day, month or year number
        self._pats_without_digits = [p for p in self._pats if p[0] in _WORDS_ONLY]
        self._prep_re = re.compile(r"(?<![\w])(?P<p>" + self._alt(self.prep_shift) + r")\s+$", re.IGNORECASE)
        self._multi_prep_re = re.compile(
            r"(?<![\w])(?:trước|trong|sau)(?:\s*,\s*(?:trước|trong|sau))*\s+(?:và|hoặc)\s+(?:trước|trong|sau)\s+$",
            re.IGNORECASE)
        self._range_re = re.compile(r"^\s*(?:\([^()]{0,80}\)\s*)?,?\s*(?P<c>" + self._alt(self.range_words)
                                    + r"|[-–])\s+", re.IGNORECASE)
        self._from_now_re = re.compile(r"(?<![\w])(?:kể\s+)?từ\s+nay\s+(?:" + self._alt(self.range_words)
                                       + r")\s+$", re.IGNORECASE)
        c = self.ctx
        self._past_re = re.compile(r"(?<![\w])(?:" + self._alt(c.get("past", [])) + r")(?![\w])", re.IGNORECASE)
        self._stat_re = re.compile(r"(?<![\w])(?:" + self._alt(c.get("statistic", [])) + r")\s+(?:\S+\s+){0,2}[\d.,]*\d",
                                   re.IGNORECASE)
        self._name_head_re = re.compile(r"(?<![\w])(?:" + self._alt(c.get("name_head", [])) + r")\s*$",
                                        re.IGNORECASE)
        self._title_noun_re = re.compile(r"(?<![\w])(?:" + "|".join(_words(w) for w in c.get("title_noun", []))
                                         + r")(?![\w])")
        self._doc_title_re = re.compile(r"^\W*(?:" + self._alt(c.get("doc_title", [])) + r")(?![\w])",
                                        re.IGNORECASE)
        self._event_time_re = re.compile(r"(?<![\w])(?:" + self._alt(c.get("event_time", [])) + r")[\s:,]*$",
                                         re.IGNORECASE)
        self._boundary_re = re.compile(r"[;:)]|(?<![\w])(?:" + self._alt(c.get("boundary", [])) + r")(?![\w])",
                                       re.IGNORECASE)

    # ------------------------------------------------------------------ step 1
    def _find(self, text: str) -> List[_Expr]:
        found: List[_Expr] = []
        low = text.lower()
        for kind, rx, gate in (self._pats if _DIGIT.search(text) else self._pats_without_digits):
            if gate is not None and gate not in low:
                continue
            for m in rx.finditer(text):
                f = {k: v for k, v in m.groupdict().items() if v is not None}
                if kind == "tet" and not (f.get("cc") or f.get("ty") or re.search(r"nguyên\s+đán", m.group(0), re.I)):
                    f["bare"] = "1"
                found.append(_Expr(m.start(), m.end(), kind, f, has_ngay=bool(f.get("ngay"))))
        # longest first, no overlaps
        found.sort(key=lambda e: (-(e.end - e.start), e.start))
        chosen_by_start: Dict[int, _Expr] = {}
        starts: List[int] = []                 # starts of the chosen, sorted (they never overlap)
        for e in found:
            i = bisect.bisect_left(starts, e.start)
            if i > 0 and chosen_by_start[starts[i - 1]].end > e.start:
                continue
            if i < len(starts) and starts[i] < e.end:
                continue
            starts.insert(i, e.start)
            chosen_by_start[e.start] = e
        return [chosen_by_start[st] for st in starts]

    def _attach(self, text: str, exprs: List[_Expr]) -> List[_Expr]:
        """Prepositions before expressions, then ranges."""
        for e in exprs:
            before = text[max(0, e.start - 40):e.start]
            m = self._multi_prep_re.search(before)
            if m:
                e.prep, e.shift = m.group(0), "mixed"
                e.start -= len(before) - m.start()
                continue
            m = self._from_now_re.search(before)
            if m:
                e.from_now, e.shift, e.prep = True, "until", m.group(0)
                e.start -= len(before) - m.start()
                continue
            m = self._prep_re.search(before)
            if m:
                p = re.sub(r"\s+", " ", m.group("p").lower())
                e.prep, e.shift = m.group("p"), self.prep_shift.get(p, "within")
                e.start -= len(before) - m.start()
                if e.kind == "day_range" and e.shift == "from":
                    e.shift = "within"            # "từ 13-25/12" is the range itself
                # a framing "trong thời gian" before "từ ... đến ..." stays in the span
                m2 = self._prep_re.search(text[max(0, e.start - 30):e.start])
                if m2 and re.sub(r"\s+", " ", m2.group("p").lower()) in ("trong", "trong thời gian", "trong suốt"):
                    e.start -= len(text[max(0, e.start - 30):e.start]) - m2.start()
        for a, b in zip(exprs, exprs[1:]):
            if b.prep and b.shift != "mixed" and re.fullmatch(r"\s*", text[a.end:b.start]):
                a.next_prepped = True
        out: List[_Expr] = []
        i = 0
        while i < len(exprs):
            e = exprs[i]
            if i + 1 < len(exprs) and e.shift in ("from", "within") and e.kind != "tet":
                nxt = exprs[i + 1]
                gap_full = text[e.end:nxt.start + len(nxt.prep)] if nxt.prep else text[e.end:nxt.start]
                m = self._range_re.match(text[e.end:nxt.end])
                joined = False
                if m and e.end + m.end() <= nxt.start + len(nxt.prep) + 1:
                    joined = True
                elif nxt.prep and self.prep_shift.get(re.sub(r"\s+", " ", nxt.prep.lower())) == "until" \
                        and re.fullmatch(r"\s*(?:\([^()]{0,80}\)\s*)?,?\s*", text[e.end:nxt.start]):
                    joined = True
                if joined and (e.shift == "from" or e.kind in ("day", "day_only", "month")) \
                        and len(gap_full) < 100:
                    e.end_expr = nxt
                    e.end = nxt.end
                    e.shift = "range"
                    out.append(e)
                    i += 2
                    continue
            out.append(e)
            i += 1
        return out

    # ------------------------------------------------------------------ step 2
    def _clause_before(self, text: str, pos: int) -> str:
        seg = text[max(0, pos - LOOK_BACK):pos]
        cut = max(seg.rfind(";"), seg.rfind(":"), seg.rfind(". "))
        return seg[cut + 1:]

    def _cue(self, kind: str, s: str, anchor: str = "") -> bool:
        rx = self._cues.get((kind, anchor))
        if rx is None:
            words = self.ctx.get(kind, [])
            if not words:
                return False
            body = r"(?<![\w])(?:" + self._alt(words) + r")(?![\w])"
            rx = re.compile(body + r"\s*$" if anchor == "end" else ("^\\s*" + body if anchor == "start" else body),
                            re.IGNORECASE)
            self._cues[(kind, anchor)] = rx
        return bool(rx.search(s))

    def _keep(self, text: str, e: _Expr, refs: List[Span], doc: PartialDate, own_title: bool,
              iv: Interval, facts: "_Facts") -> bool:
        # what is read around the expression is bounded (LOOK_BACK, LOOK_AHEAD), so a long
        # sentence costs time in proportion to its length, not to its length squared
        before = text[max(0, e.start - LOOK_BACK):e.start]
        after = text[e.end:e.end + LOOK_AHEAD]
        clause = self._clause_before(text, e.start)
        # inside a cited document (its number and date)
        if any(r.start < e.end and e.start < r.end for r in refs):
            return False
        # a lone "ngày D" counts only inside a range; Tết only with a preposition
        if e.kind == "day_only" and not e.end_expr:
            return False
        if e.kind == "tet" and not e.prep:
            return False
        # days and months without a year need "ngày", a preposition or a range
        if e.kind in ("day", "month", "day_range") and not e.prep and not e.end_expr:
            if e.kind != "day" or not e.has_ngay:
                if not e.f.get("dy") and not e.f.get("ry") and not e.f.get("moy") and not e.f.get("moy2"):
                    return False
            if e.kind == "day":
                # a bare date is an event's date unless the clause looks ahead ("sẽ tổ chức ... ngày 5.9")
                if not e.has_ngay or not self._cue("directive", clause):
                    return False
        if e.kind in ("day", "day_range") and self._event_time_re.search(before):
            return False
        # a name, or a measure of the past, just before ("tổng kết năm học ...", "tính đến ...")
        if not e.prep and self._name_head_re.search(before):
            return False
        if self._cue("measure_head", before.rstrip(" (").rstrip(), "end"):
            return False
        # the past: "đã" in the clause before with no directing word after it, or right after
        if e.shift in ("within", "from", "range") and not e.from_now:
            if facts.narrative_opening:
                return False
            m = None
            for m in self._past_re.finditer(clause):
                pass
            if m is not None:
                rest = clause[m.end():].split()
                if not self._cue("directive", " ".join(rest[3:])):
                    return False
            window = " ".join(re.findall(r"[\w/]+", clause.rsplit(",", 1)[-1])[-10:])
            lead = re.match(r"\W*(?:\w+\s+){0,2}\w+\s*,", clause)      # "Nhìn chung, ..."
            if self._cue("review", window) or (lead and self._cue("review", lead.group(0))):
                return False
            nxt = " ".join(re.findall(r"\w+", after)[:4])
            if self._cue("past_after", nxt, "start") or self._cue("past_later", re.split(r"[;.]", after, 1)[0]):
                return False
        # an opening period followed by a comma and a past or statistical clause
        opening = not re.sub(r"^.*[,:]|^[^\w]*\w+\s+[-–]\s", "", before).strip() or \
            len(re.findall(r"\w+", before)) <= 1
        if opening and e.shift in ("within", "from"):
            cl = re.split(r"[;.]", after, 1)[0][:90]
            if self._past_re.search(cl) or self._stat_re.search(cl):
                return False
        # a period that only says which round ("tuyển sinh năm học 2025-2026 trong tháng 2/2025")
        if not e.prep and e.next_prepped:
            return False
        if re.match(r"\s*(?:" + self._alt(self.ctx.get("statistic", [])) + r")\s+[\d.,]*\d", after, re.I):
            return False
        # inside the title of a cited programme, document or event
        if self._in_cited_title(text, e, refs, own_title, facts):
            return False
        # a period wholly before the document's date (with some grace for year-end reports)
        ref_date = doc.date or (_dt.date(doc.year, 1, 1) if doc.year else None)
        base_end = iv[1]
        if ref_date and base_end and e.shift not in ("before",) and not e.from_now:
            if base_end < ref_date - _dt.timedelta(days=45):
                return False
        return True

    def _in_cited_title(self, text: str, e: _Expr, refs: List[Span], own_title: bool,
                        facts: "_Facts") -> bool:
        base = max(0, e.start - LOOK_BACK)
        before = text[base:e.start]
        upper = facts.upper
        # inside quotes
        q_open = max(before.rfind("“"), before.rfind('"') if before.count('"') % 2 == 1 else -1)
        in_quotes = q_open > before.rfind("”")
        # the document's own plan ("UBND tỉnh ban hành Kế hoạch thực hiện ..."), not inside a cited subject
        own = -1
        clause_start = max(before.rfind(";"), before.rfind(". "))
        for m in re.finditer(r"(?<![\w])(?:" + self._alt(self.ctx.get("own_plan", [])) + r")(?![\w])",
                             before, re.IGNORECASE if upper else 0):
            if m.start() > clause_start and not re.search(r"(?:về|về việc|V/v)\s*$", before[:m.start()], re.I):
                own = m.start()
        trig, trig_kind = -1, ""
        rx = self._title_noun_re if not upper else re.compile(self._title_noun_re.pattern, re.IGNORECASE)
        for m in rx.finditer(before):
            rest = text[base + m.end():base + m.end() + 6]
            if re.match(r"\s*(?:[,.;:]|này\b)", rest):
                continue          # a bare mention or this very document, not a title
            if base + m.start() > trig:
                trig, trig_kind = base + m.start(), m.group(0)
        for r in refs:
            if r.end <= e.start and r.start >= trig:
                trig, trig_kind = r.start, "reference"
        if own >= 0:
            return False
        if in_quotes and not own_title:
            return True
        if trig < 0:
            return False
        if own_title and not in_quotes:
            return False          # a period in the document's own title frames its tasks (§5.1)
        if e.prep and e.shift not in ("until",) and trig_kind != "reference" and not in_quotes \
                and trig_kind.lower() != "về việc":
            return False          # "... trong năm học X" attaches to the verb, titles rarely say so
        between = re.sub(r"\([^()]*\)", "", text[trig:e.start])
        event = trig_kind.lower() in [w.lower() for w in self.ctx.get("event_title", [])]
        if self._boundary_re.search(between) or (not event and self._cue("directive", between)):
            return False
        if event:
            # "Hội nghị ... triển khai nhiệm vụ năm 2022": the tasks' period, when nothing is narrated
            if self._cue("task_head", " ".join(between.split()[-4:])) and not facts.past \
                    and not re.search(r"(?:^|\s[-–]\s)\W*(?:ngày|sáng|chiều)\s+\d", text[:60], re.I):
                return False
        return len(between) < 260

    # ------------------------------------------------------------------ step 3
    def _years_in(self, exprs: List[_Expr]) -> "_Years":
        """(position, kind, year) of every year named in the sentence; school years give their first year."""
        out = []
        for e in exprs:
            for x in (e, e.end_expr):
                if x is None:
                    continue
                f = x.f
                if f.get("sy1") or f.get("tsy1"):
                    out.append((x.start, "sy", int(f.get("sy1") or f.get("tsy1"))))
                for k in ("y", "dy", "moy", "moy2", "qy", "qy2", "ry", "ty", "p1", "b1"):
                    if f.get(k):
                        out.append((x.start, "y", int(f[k])))
        return _Years(sorted(out, key=lambda t: t[0]))

    def _year_for_month(self, month: int, pos: int, years, doc: PartialDate) -> Optional[int]:
        if years:
            p, kind, y = years.nearest(pos)
            if kind == "sy":
                return y if month >= 9 else y + 1
            return y
        if doc.year:
            y = doc.year
            if doc.month and doc.month - month >= 6:
                return y + 1          # a deadline lies after the document: January in a December document
            return y
        return None

    def _school_year(self, pos: int, years, doc: PartialDate, term: Optional[int] = None) -> Optional[int]:
        sy = years.of_kind("sy")
        if sy:
            return sy.nearest(pos)[2]
        plain = years.of_kind("y")
        if plain and term:
            y = plain.nearest(pos)[2]
            return y if term == 1 else y - 1
        return self.cal.school_year_of(doc.year, doc.month)

    def _interval(self, e: _Expr, years, doc: PartialDate, doc_date: Optional[str]) -> Interval:
        f, k, cal = e.f, e.kind, self.cal
        if k == "school_year":
            return cal.school_year(int(f["sy1"]))
        if k == "term":
            t = int(f["t"]) if f["t"].isdigit() else cal.roman[f["t"].upper()]
            y = int(f["tsy1"]) if f.get("tsy1") else self._school_year(e.start, years, doc, t)
            return cal.term(t, y)
        if k == "summer":
            return cal.summer(int(f.get("h2") or f["h1"]))
        if k == "year":
            return cal.year(int(f["y"]))
        if k == "period":
            return cal.period(int(f["p1"]), int(f["p2"]))
        if k == "bare_period":
            return cal.period(int(f["b1"]), int(f["b2"]))
        if k == "quarter":
            q = int(f["q"]) if f["q"].isdigit() else cal.roman[f["q"].upper()]
            y = f.get("qy") or f.get("qy2")
            y = int(y) if y else (years and years.nearest(e.start)[2]) or doc.year
            return cal.quarter(q, y)
        if k == "month":
            mo = int(f["mo"])
            y = f.get("moy") or f.get("moy2")
            y = int(y) if y else self._year_for_month(mo, e.start, years, doc)
            return cal.month(mo, y)
        if k == "day":
            d, mo = int(f["dd"]), int(f["dm"])
            y = int(f["dy"]) if f.get("dy") else self._year_for_month(mo, e.start, years, doc)
            return cal.day(d, mo, y)
        if k == "day_range":
            mo = int(f["rm"])
            y = int(f["ry"]) if f.get("ry") else self._year_for_month(mo, e.start, years, doc)
            return (cal.day(int(f["rd1"]), mo, y)[0], cal.day(int(f["rd2"]), mo, y)[1])
        if k == "tet":
            if f.get("ty"):
                return cal.tet_interval(int(f["ty"]))
            if f.get("cc"):
                ref = doc.year
                if ref is None and years:
                    ref = years.nearest(e.start)[2]
                ref = ref or self.reference_year
                if ref is None:
                    return NULL
                return cal.tet_interval(cal.can_chi_year(f["cc"], ref))
            if years:
                return cal.tet_interval(years.nearest(e.start)[2])
            # no year anywhere in the sentence: the Tết of the school year that contains the
            # document's date (§2 missing year, §5.6; a letter of October 2021 means Tết 2022)
            sy = cal.school_year_of(doc.year, doc.month)
            return cal.tet_interval(sy + 1) if sy is not None else NULL
        return NULL

    def _value(self, e: _Expr, years, doc: PartialDate, doc_date: Optional[str]) -> Tuple[Interval, Interval]:
        """(base interval of the expression, shifted value)."""
        if e.shift == "mixed":
            return NULL, NULL
        if e.end_expr is not None:
            a = self._interval(e, years, doc, doc_date)
            nxt = e.end_expr
            b = self._interval(nxt, years, doc, doc_date)
            if e.kind == "day_only":
                # "từ ngày 17 đến hết ngày 31.3": the first day takes the second's month and year
                b_start = b[0]
                a = (b_start.replace(day=int(e.f["od"])) if b_start and int(e.f["od"]) <= 28 else None, None) \
                    if b_start else NULL
            elif a[0] is None and b[0] is not None and e.kind == "day" and nxt.kind == "day":
                a = self.cal.day(int(e.f["dd"]), int(e.f["dm"]), b[0].year)
            a, b = self._across_new_year(e, nxt, a, b)
            end = b[1]
            if nxt.shift == "before" and b[0]:
                end = b[0] - _dt.timedelta(days=1)
            return (a[0], b[1]), (a[0], end)
        if e.from_now:
            base = self._interval(e, years, doc, doc_date)
            start = doc.date
            return base, (start, base[1])
        base = self._interval(e, years, doc, doc_date)
        return base, self.cal.shift(base, e.shift)

    @staticmethod
    def _across_new_year(e: _Expr, nxt: _Expr, a: Interval, b: Interval) -> Tuple[Interval, Interval]:
        """A range whose second end has an earlier month than its first and whose year was
        not written for one of them crosses New Year: "từ tháng 12/2021 đến tháng 1" ends in
        January 2022, "từ ngày 28/12 đến ngày 3/1/2022" starts in December 2021."""
        if not (a[0] and b[1] and a[0] > b[1]) or not b[0] or a[0].month <= b[0].month:
            return a, b

        def moved(iv: Interval, years: int) -> Interval:
            return tuple(_add_years(d, years) for d in iv)   # type: ignore[return-value]

        if not _year_written(nxt):
            return a, moved(b, 1)
        if not _year_written(e):
            return moved(a, -1), b
        return a, b

    # ------------------------------------------------------------------ call
    def __call__(self, text: str, doc_date: Optional[str] = None, tokens=None) -> List[Span]:
        if not text:
            return []
        doc = PartialDate.parse(doc_date)
        refs = self.refs(text)
        exprs = self._attach(text, self._find(text))
        years = self._years_in(exprs)
        letters = sum(map(str.isalpha, text))
        own_title = (letters > 10 and text.upper() == text) or bool(re.match(r"^\W*(?:V/v|về việc)", text, re.I))
        # the place-and-date line of the letterhead ("Khánh Hòa, ngày 25 tháng 8 năm 2022")
        if re.match(r"^[^\d,;:]{2,40},\s*ngày\b", text) and len(text) < 60:
            return []
        spans: List[Span] = []
        facts = _Facts(upper=text.upper() == text, past=bool(self._past_re.search(text)),
                       narrative_opening=self._cue("narrative_opening", text[:LOOK_AHEAD], "start"))
        for e in exprs:
            try:
                base, iv = self._value(e, years, doc, doc_date)
            except (ValueError, OverflowError, KeyError, TypeError):
                base, iv = NULL, NULL
            if not self._keep(text, e, refs, doc, own_title, base, facts):
                continue
            attrs = {}
            if iv[0] and iv[1] and iv[0] > iv[1]:
                # written backwards ("từ ngày 20/3 đến ngày 10/3/2022"): kept, flagged, not inverted
                attrs = {"backwards": True, "written": self.cal.value(iv)}
                iv = NULL
            spans.append(Span(e.start, e.end, text[e.start:e.end], self.label, self.cal.value(iv), attrs))
        return spans
