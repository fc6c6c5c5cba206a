"""REFERENCE extraction: cited legal and administrative documents.

A reference is a document type name, its number and, when given, its date of
issue: "Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021", "Nghị định số
71/2020/NĐ-CP", "Nghị quyết số 29-NQ/TW", "Luật Giáo dục ngày 14/6/2019".
Its value gives the number, the type code (``resources/vi/reference_types.tsv``),
the issuer's code read from the number and the ISO date (or ``None``).
The DEADLINE extractor uses these spans to keep citation dates out.

>>> ex = ReferenceExtractor()
>>> [(s.text, s.value) for s in ex("Thực hiện Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021 của Bộ trưởng.")]
[('Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021', {'number': '800/CT-BGDĐT', 'type': 'chi_thi', 'issuer': 'BGDĐT', 'date': '2021-08-24'})]
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Optional, Union

from ..records import Span
from ..resources import read_tsv, resolve
from .calendar import Calendar

# a document number: "800/CT-BGDĐT", "71/2020/NĐ-CP", "29-NQ/TW", "1056 /SGDĐT-HSSV",
# "131/QĐ- TTg", "29/2024/TT BGDĐT" (a space for the hyphen), "29/2024" (number/year only)
_CODE = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
_NUMBER = (r"(?P<number>\d{1,5}(?:\s?/\s?(?:19|20)\d{2})?"
           r"(?:(?:\s?[/-]\s?" + _CODE + r")(?:\s?[-/]\s?" + _CODE + r"|\s(?=[A-ZĐ]{2,}\b)" + _CODE + r")*)?)")
_DAY = (r"(?P<date>(?P<d1>\d{1,2})\s*[/.\-]\s*(?P<m1>\d{1,2})\s*[/.\-]\s*(?P<y1>\d{4})"
        r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))")
_DATE_TAIL = r"(?P<datepart>\s*,?\s*(?:(?:ban\s+hành|ký)\s+)?ngày(?:\s+ngày)?\s+" + _DAY + r")?"


class ReferenceExtractor:
    """Cited documents as REFERENCE spans (value: number, type, issuer, date).

    >>> ex = ReferenceExtractor()
    >>> [s.value["issuer"] for s in ex("theo Nghị định số 71/2020/NĐ-CP và Quyết định 131/QĐ-TTg")]
    ['CP', 'TTg']
    """

    label = "REFERENCE"

    def __init__(self, rules: Union[str, Path] = "default"):
        rows = read_tsv(resolve(rules, "reference_types.tsv"))
        self.name_type: Dict[str, str] = {}
        self.code_type: Dict[str, str] = {}
        for r in rows:
            name, typ, code = r["name"].strip(), r["type"].strip(), (r.get("code") or "").strip()
            self.name_type[name.lower()] = typ
            if code:
                self.code_type[code] = typ
        names = sorted(self.name_type, key=len, reverse=True)
        name_re = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        self._num_re = re.compile(
            r"(?<![\w])(?P<name>" + name_re + r")\s+(?:(?P<so>số|số:)\s*)?" + _NUMBER + _DATE_TAIL,
            re.IGNORECASE)
        # "Luật Giáo dục ngày 14/6/2019": a law named, with its date
        self._law_re = re.compile(
            r"(?<![\w])(?P<name>Bộ\s+luật|Luật)\s+(?P<title>(?:[^\W\d]+\s+){0,14}?)ngày(?:\s+ngày)?\s+" + _DAY)
        self.cal = Calendar()

    @staticmethod
    def _clean_number(number: str) -> str:
        """Spacing taken out around / and -, a space between two codes read as a hyphen."""
        number = re.sub(r"\s*([/-])\s*", r"\1", number.strip())
        return re.sub(r"\s+", "-", number)

    def _parse_number(self, number: str):
        """(type from code, issuer) of a document number."""
        num = self._clean_number(number)
        parts = [p for p in re.split(r"[/-]", num) if p]
        codes = [p for p in parts if not p.isdigit()]
        if not codes:
            return None, None
        first = codes[0]
        typ = self.code_type.get(first)
        if typ is None:
            # a type code glued to the issuer ("TTBGDĐT")
            for c in sorted(self.code_type, key=len, reverse=True):
                if first.startswith(c) and len(first) > len(c) and first[len(c):].isupper():
                    return self.code_type[c], first[len(c):]
            return None, first
        rest = codes[1:]
        return typ, ("-".join(rest) if rest else None)

    def _date(self, m) -> Optional[str]:
        if not m.group("date"):
            return None
        if m.group("d1"):
            d, mo, y = m.group("d1"), m.group("m1"), m.group("y1")
        else:
            d, mo, y = m.group("d2"), m.group("m2"), m.group("y2")
        x = self.cal.day(int(d), int(mo), int(y))[0]
        return x.isoformat() if x else None

    def __call__(self, text: str, doc_date: Optional[str] = None, tokens=None) -> List[Span]:
        spans: List[Span] = []
        for m in self._num_re.finditer(text):
            number = m.group("number").rstrip()
            name = re.sub(r"\s+", " ", m.group("name")).lower()
            has_code = not re.fullmatch(r"\d+(\s?/\s?\d{4})?", number)
            if not has_code and not m.group("so") and not m.group("date") and "/" not in number:
                continue          # "Quyết định 2" is no citation
            # a name in lower case inside a sentence is a common noun unless a number follows with "số"/a code
            code_type, issuer = self._parse_number(number) if has_code else (None, None)
            typ = self.name_type.get(name) or code_type or "khac"
            if name in ("văn bản", "công văn") and code_type:
                typ = code_type
            end = m.end() if m.group("date") else m.start("number") + len(number)
            spans.append(Span(m.start(), end, text[m.start():end], self.label,
                              {"number": self._clean_number(number) if has_code else number,
                               "type": typ, "issuer": issuer, "date": self._date(m)}))
        for m in self._law_re.finditer(text):
            if any(s.start <= m.start() < s.end for s in spans):
                continue
            spans.append(Span(m.start(), m.end(), m.group(0), self.label,
                              {"number": None, "type": "luat", "issuer": None, "date": self._date(m)}))
        spans.sort(key=lambda s: (s.start, -s.end))
        out: List[Span] = []
        for s in spans:
            if out and s.start < out[-1].end:
                continue
            out.append(s)
        return out
