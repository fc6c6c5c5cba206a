"""Calendar arithmetic for DEADLINE values (ANNOTATION.md §2 table, §5.5, §5.6).

Intervals are ``(start, end)`` pairs of :class:`datetime.date` (either may be
``None``). The conventions (school year 1 Sep – 31 May, terms split on 15/16
Jan, summer June–August) are read from ``resources/vi/calendar.tsv``; Tết
Nguyên đán comes from the Vietnamese lunar calendar of ``lunar_vn`` (computed
for UTC+7, so it differs from the Chinese new year where the two calendars
disagree, e.g. 1985); a can-chi year name resolves to the 60-year cycle nearest
a reference year.

>>> cal = Calendar()
>>> cal.value(cal.school_year(2022))
{'start': '2022-09-01', 'end': '2023-05-31'}
>>> cal.value(cal.shift(cal.day(15, 3, 2022), "before"))
{'start': None, 'end': '2022-03-14'}
>>> cal.tet(cal.can_chi_year("Nhâm Dần", 2021))
datetime.date(2022, 2, 1)
>>> cal.value(cal.term(2, None))
{'start': None, 'end': None}
"""
from __future__ import annotations

import calendar as _stdcal
import datetime as _dt
import re
import unicodedata
from pathlib import Path
from typing import Dict, Optional, Tuple, Union

from ..resources import read_tsv, resolve

Interval = Tuple[Optional[_dt.date], Optional[_dt.date]]
NULL: Interval = (None, None)

#: preposition shifts of ANNOTATION.md §2
SHIFTS = ("within", "before", "until", "from", "after")


def fold(s: str) -> str:
    """Lower case without tone marks (đ kept apart as d), for matching names."""
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


class PartialDate:
    """A document date that may give only a year, or a year and a month.

    >>> d = PartialDate.parse("2022-08")
    >>> (d.year, d.month, d.day)
    (2022, 8, None)
    >>> PartialDate.parse("nonsense").year is None
    True
    """

    def __init__(self, year: Optional[int] = None, month: Optional[int] = None,
                 day: Optional[int] = None):
        self.year, self.month, self.day = year, month, day

    @classmethod
    def parse(cls, s: Optional[str]) -> "PartialDate":
        if not s or not isinstance(s, str):
            return cls()
        m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", s)
        if not m:
            return cls()
        y = int(m.group(1))
        mo = int(m.group(2)) if m.group(2) else None
        d = int(m.group(3)) if m.group(3) else None
        if mo is not None and not 1 <= mo <= 12:
            mo, d = None, None
        if d is not None:
            try:
                _dt.date(y, mo, d)
            except (ValueError, TypeError):
                d = None
        return cls(y, mo, d)

    @property
    def date(self) -> Optional[_dt.date]:
        if self.year and self.month and self.day:
            return _dt.date(self.year, self.month, self.day)
        return None


def _date(y: Optional[int], m: int, d: int) -> Optional[_dt.date]:
    if y is None:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


class Calendar:
    """The §2 conventions, as functions from numbers to intervals."""

    def __init__(self, rules: Union[str, Path] = "default"):
        rows = read_tsv(resolve(rules, "calendar.tsv"))
        self.roman: Dict[str, int] = {}
        self.units: Dict[str, str] = {}
        aliases: Dict[str, str] = {}
        #: variant spellings as written, by kind ("can"/"chi"), for building patterns
        self.alias_forms: Dict[str, list] = {"can": [], "chi": []}
        for r in rows:
            kind, text, value = r["kind"].strip(), r["text"].strip(), r["value"].strip()
            if kind == "roman":
                self.roman[text.upper()] = int(value)
            elif kind in ("can", "chi"):
                aliases[fold(text)] = value
                self.alias_forms[kind].append(text)
            elif kind == "unit":
                self.units[text] = value
        from lunar_vn import can_chi
        self._can = {fold(c): c for c in can_chi.CAN}
        self._chi = {fold(c): c for c in can_chi.CHI}
        for k, v in aliases.items():
            if fold(v) in self._can:
                self._can[k] = v
            elif fold(v) in self._chi:
                self._chi[k] = v
        self.first_sy_month = int(self.units.get("school_year_first_month", "6"))

    # ------------------------------------------------------------------ units
    def _unit(self, name: str, year: Optional[int]) -> Optional[_dt.date]:
        spec = self.units[name]
        add = 0
        if spec.startswith("+"):
            add_s, spec = spec[1:].split(":", 1)
            add = int(add_s)
        m, d = (int(x) for x in spec.split("-"))
        return _date(year + add if year is not None else None, m, d)

    def school_year(self, y: Optional[int]) -> Interval:
        return (self._unit("school_year_start", y), self._unit("school_year_end", y))

    def term(self, n: int, y: Optional[int]) -> Interval:
        """Term ``n`` (1 or 2) of the school year starting in ``y``."""
        k = "term1" if n == 1 else "term2"
        return (self._unit(k + "_start", y), self._unit(k + "_end", y))

    def summer(self, y: Optional[int]) -> Interval:
        return (self._unit("summer_start", y), self._unit("summer_end", y))

    def year(self, y: Optional[int]) -> Interval:
        return (_date(y, 1, 1), _date(y, 12, 31))

    def period(self, y1: Optional[int], y2: Optional[int]) -> Interval:
        return (_date(y1, 1, 1), _date(y2, 12, 31))

    def quarter(self, q: int, y: Optional[int]) -> Interval:
        if not 1 <= q <= 4:
            return NULL
        m1 = 3 * (q - 1) + 1
        return self.month(m1, y)[0], self.month(m1 + 2, y)[1]

    def month(self, m: int, y: Optional[int]) -> Interval:
        if y is None or not 1 <= m <= 12:
            return NULL
        return (_date(y, m, 1), _date(y, m, _stdcal.monthrange(y, m)[1]))

    def day(self, d: int, m: int, y: Optional[int]) -> Interval:
        x = _date(y, m, d)
        return (x, x)

    def tet(self, y: Optional[int]) -> Optional[_dt.date]:
        """Lunar new year's day (Vietnamese calendar) of year ``y``."""
        if y is None:
            return None
        from lunar_vn import convert_lunar_to_solar
        try:
            return convert_lunar_to_solar(1, 1, y, 0, 7.0)
        except ValueError:
            return None

    def tet_interval(self, y: Optional[int]) -> Interval:
        x = self.tet(y)
        return (x, x)

    def can_chi_year(self, name: str, ref_year: Optional[int]) -> Optional[int]:
        """The year named ``name`` ("Nhâm Dần") in the 60-year cycle nearest ``ref_year``.

        >>> Calendar().can_chi_year("Quý Mão", 2025)
        2023
        >>> Calendar().can_chi_year("Quý Mão", 1990)
        1963
        """
        if ref_year is None:
            return None
        parts = fold(name).split()
        if len(parts) != 2 or parts[0] not in self._can or parts[1] not in self._chi:
            return None
        from lunar_vn.can_chi import CAN, CHI
        ci, bi = CAN.index(self._can[parts[0]]), CHI.index(self._chi[parts[1]])
        # the library names year y as CAN[(y + 6) % 10] CHI[(y + 8) % 12]
        best = None
        for y in range(ref_year - 30, ref_year + 31):
            if (y + 6) % 10 == ci and (y + 8) % 12 == bi:
                if best is None or abs(y - ref_year) < abs(best - ref_year):
                    best = y
        return best

    def is_can_chi(self, name: str) -> bool:
        parts = fold(name).split()
        return len(parts) == 2 and parts[0] in self._can and parts[1] in self._chi

    def school_year_of(self, year: Optional[int], month: Optional[int]) -> Optional[int]:
        """First year of the school year containing that month (§5.6)."""
        if year is None or month is None:
            return None
        return year if month >= self.first_sy_month else year - 1

    # ------------------------------------------------------------------ shifts
    @staticmethod
    def shift(iv: Interval, how: str) -> Interval:
        """Apply a preposition's shift (§2): before, until, from, after, within."""
        start, end = iv
        one = _dt.timedelta(days=1)
        if how == "before":
            return (None, start - one if start else None)
        if how == "until":
            return (None, end)
        if how == "from":
            return (start, None)
        if how == "after":
            return (end + one if end else None, None)
        return iv

    @staticmethod
    def value(iv: Interval) -> Dict[str, Optional[str]]:
        s, e = iv
        return {"start": s.isoformat() if s else None, "end": e.isoformat() if e else None}
