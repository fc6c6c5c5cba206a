"""Document metadata from the letterhead, or from a news item's date line and headline.

:func:`extract_metadata` reads the first cleaned blocks of a document (and the
lines dropped as web furniture, which may carry a date) and fills
:class:`~vn_directives.records.Metadata`:

>>> m = extract_metadata(["ỦY BAN NHÂN DÂN", "TỈNH BÌNH THUẬN",
...                       "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 2797/KH-UBND",
...                       "Bình Thuận, ngày 24 tháng 8 năm 2022", "KẾ HOẠCH",
...                       "TRIỂN KHAI ĐỀ ÁN CHUYỂN ĐỔI SỐ TRONG GIÁO DỤC"])
>>> m.number, m.doc_type, m.issuer
('2797/KH-UBND', 'ke_hoach', 'ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN')
>>> m.place, m.date, m.province, m.province_2025
('Bình Thuận', '2022-08-24', 'Bình Thuận', 'Lâm Đồng')
>>> m.title
'KẾ HOẠCH TRIỂN KHAI ĐỀ ÁN CHUYỂN ĐỔI SỐ TRONG GIÁO DỤC'
>>> news = extract_metadata(["Học sinh Hà Tĩnh nghỉ Tết 11 ngày", "Thứ năm - 09/02/2023 20:01",
...                          "Sở GD&ĐT Hà Tĩnh vừa công bố lịch nghỉ Tết."])
>>> news.doc_type, news.date, news.province, news.title
('tin_tuc', '2023-02-09', 'Hà Tĩnh', 'Học sinh Hà Tĩnh nghỉ Tết 11 ngày')

Decisions:

* A blank number ("Số: /TB-SGDĐT", "Số: …/KH-UBND") gives ``number=None``: the
  document was not numbered yet. Its code still gives the type (thong_bao).
* A blank day or month ("Đắk Lắk, ngày tháng 01 năm 2022") gives ``date=None``:
  the date of an unsigned document is not guessed, nor taken from its body.
  A date that does not exist (31/02) is rejected. A web page's own ISO date
  may be reduced ("date 2021-12" gives ``"2021-12"``, still ISO 8601).
* The type comes, by strength of evidence, from the number's code, the title
  line ("CHỈ THỊ"), a legal site's "Loại văn bản", a number without a type
  code or a "V/v" subject (công văn), a news date line (tin_tuc), a portal
  headline that opens with a type ("Chỉ thị của UBND tỉnh …"); what is left is
  ``khac`` with a letterhead and ``tin_tuc`` (a web article) without one.
* Provinces come from the maintained list of the ``vietnamadminunits`` package
  (63 provinces and their districts before the 2025 merger, the 34 after, and
  the old → new mapping), read from its JSON files without importing the
  package (which pulls in geopy and shapely). ``province`` is the pre-merger
  province named by the issuer, else by the place of the date line, else by
  the first strong mention in the text: a body followed by its province or
  district ("Sở GD&ĐT Hà Tĩnh", "UBND tỉnh Phú Yên", "TP.HCM", "Ngành Giáo dục
  Lệ Thủy"), not a bare name ("tư tưởng Hồ Chí Minh") nor a name in a list of
  provinces. Names match case- and accent-insensitively; written with
  accents, they must carry the same tones (tone-mark placement aside:
  "Khánh Hoà" is "Khánh Hòa"), so "Huệ" is not "Huế".
* Central issuers (Bộ, Chính phủ, Thủ tướng) have no province: their "Hà Nội"
  is where they sit.

The keyword tables are data, read once: ``resources/vi/doc_types.tsv`` and
``resources/vi/issuers.tsv``.
"""
from __future__ import annotations

import datetime
import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from ..records import Metadata
from ..resources import read_tsv, resource_path

#: the letterhead and the title are looked for in this many first lines
_HEAD_SPAN = 25

# ---------------------------------------------------------------------------- patterns

_MOTTO = re.compile(r"^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA|Độc lập\s*[-–])", re.IGNORECASE)
#: what may follow an issuer in the same table row
_ISSUER_END = re.compile(r"\s*(CỘNG HÒA XÃ HỘI|Số\s*(hiệu)?\s*:|Độc lập\s*[-–]).*$")
_NUMBER = re.compile(
    r"^Số(?:\s*hiệu)?\s*:?\s*(?P<n>\d+|[.…_\s]*)\s*/\s*"
    r"(?P<rest>[^\W_][\w&.]*(?:\s*-\s*[^\W_][\w&.]*|/[^\W_][\w&.]*)*)", re.IGNORECASE)
#: labels of a legal site's info panel, whose value may sit on the next line
_PANEL_LABEL = re.compile(r"^(Số hiệu|Ngày ban hành|Loại văn bản)\s*:?$", re.IGNORECASE)
_PANEL_TYPE = re.compile(r"Loại văn bản\s*:\s*(.+)", re.IGNORECASE)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\d,;:/()]{2,60}?)\s*,\s*ngày\s*(?P<d>\d{1,2})?[\s….·_]*tháng\s*"
    r"(?P<m>\d{1,2})?[\s….·_]*(?:n[ăa]m|m)\s*(?P<y>\d{4})\W*$", re.IGNORECASE)
_DMY = r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
_TIME = r"\d{1,2}\s*[:h]\s*\d{2}"
#: a news item's own date line, in the forms news sites print
_NEWS_DATES = (
    # "Thứ năm - 09/02/2023 20:01", "Thứ ba, 15/9/2020, 20h42", "Chủ nhật: 09:38 ngày 01/10/2023"
    re.compile(rf"(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s+nhật)\s*[-,:–]?\s*"
               rf"(?:{_TIME}\s*,?\s*(?:ngày\s*)?)?{_DMY}", re.IGNORECASE),
    # "Thời gian đăng: 27/05/2023", "Ngày ban hành: 27/03/2024"
    re.compile(rf"(?:Thời gian đăng|Ngày đăng|Đăng ngày|Ngày cập nhật|Cập nhật|Đăng lúc|"
               rf"Ngày ban hành)\s*:?\s*(?:{_TIME}\s*,?\s*)?{_DMY}", re.IGNORECASE),
    # "07/04/2022 17:05" closing a line (often the headline's)
    re.compile(rf"{_DMY}\s*[-,]?\s*{_TIME}\s*(?:\(?GMT\s*\+\s*7\)?)?\s*$"),
)
#: a web page's date in the dropped furniture: "date 2025-09-12", "date 2021-12"
_ISO_DATE = re.compile(r"\bdate\s+(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?\b")
#: lines that open a body, never a title's subject line
_BODY_OPENER = re.compile(r"^(Căn cứ|Thực hiện|Theo|Kính gửi|Ngày|Nhằm|Để)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.:;!?…]['\"”’)]*$")
_ITEM_START = re.compile(r"^(?:[IVXLC]+|\d+|[a-zđ])[.)]\s")
#: the signer's title line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"): not the title
_AUTHORITY = re.compile(r"^(CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG|HIỆU TRƯỞNG)\b")

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")   # grave, acute, tilde, hook, dot below
_SEP = r"[\s.&\-–—]+"                                  # between the words of a folded name
_SEP_RX = re.compile(_SEP)
_WORD = re.compile(r"[^\W_]+")
_WORDCHAR = re.compile(r"\w")


# ---------------------------------------------------------------------------- text helpers

@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


class _FoldTable(dict):
    """``str.translate`` table of :func:`_fold_char`, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def _fold(text: str) -> str:
    """Lower case without diacritics, one character for one (offsets carry over)."""
    return text.translate(_FOLD_TABLE)


def _words(text: str) -> List[str]:
    return re.findall(r"[^\W_]+", text)


def _tone_key(word: str) -> Tuple[str, Tuple[str, ...]]:
    """A syllable's letters and tones, wherever the tone mark sits ("hoà" == "hòa")."""
    nfd = unicodedata.normalize("NFD", word.lower())
    letters = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    return letters, tuple(c for c in nfd if c in _TONES)


def _is_upper(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def _words_pattern(text: str) -> str:
    """A regex for ``text`` folded, any run of spaces, dots or dashes between its words."""
    return _SEP.join(re.escape(w) for w in _words(_fold(text)))


def _alternation(patterns: Iterable[str]) -> str:
    return "|".join(sorted(set(patterns), key=len, reverse=True))


def _iso(y: str, m: Optional[str], d: Optional[str]) -> Optional[str]:
    """A checked ISO date, or None for a blank or impossible one."""
    if not (y and m and d):
        return None
    try:
        return datetime.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------------------- rule tables

class _DocTypes:
    """``resources/vi/doc_types.tsv``: type names, number codes and subject markers."""

    def __init__(self, rows: List[Dict[str, str]]):
        titles = [(r["text"], r["doc_type"]) for r in rows if r["kind"] == "title"]
        self._title_rx = re.compile(rf"(?:{'|'.join(f'({_words_pattern(t)})' for t, _ in titles)})(?!\w)")
        self._title_types = [t for _, t in titles]
        self.codes = {r["text"]: r["doc_type"] for r in rows if r["kind"] == "code"}
        self._subjects = [(_fold(r["text"]), r["doc_type"]) for r in rows if r["kind"] == "subject"]

    def title(self, line: str) -> Tuple[Optional[str], int]:
        """(doc_type, length) of the type name opening ``line`` ("Chỉ thị", "KẾ HOẠCH")."""
        m = self._title_rx.match(_fold(line))
        return (self._title_types[m.lastindex - 1], m.end()) if m else (None, 0)

    def subject(self, line: str) -> Optional[str]:
        folded = _fold(line)
        return next((t for s, t in self._subjects if folded.startswith(s)), None)


@lru_cache(maxsize=1)
def _doc_types() -> _DocTypes:
    return _DocTypes(read_tsv(resource_path("doc_types.tsv")))


@dataclass(frozen=True)
class _Issuers:
    """``resources/vi/issuers.tsv``: letterhead issuers and the bodies named in running text."""

    starter: "re.Pattern[str]"   # an issuer opening a letterhead line, in capitals
    central: "re.Pattern[str]"
    school: "re.Pattern[str]"
    mention: str                 # regex source on folded text: a body named before its place


@lru_cache(maxsize=1)
def _issuers() -> _Issuers:
    rows = read_tsv(resource_path("issuers.tsv"))
    kind = lambda k: [re.escape(r["text"]) for r in rows if r["kind"] == k]  # noqa: E731
    letterhead = _alternation(kind("central") + kind("local") + kind("school"))
    return _Issuers(
        starter=re.compile(rf"(?:^|(?<=[.!?:]\s))(?:{letterhead})(?!\w)"),
        central=re.compile(rf"^(?:{_alternation(kind('central'))})(?!\w)"),
        school=re.compile(rf"(?<!\w)(?:{_alternation(kind('school'))})(?!\w)"),
        mention=_alternation(_words_pattern(r["text"]) for r in rows if r["kind"] == "mention"))


# ---------------------------------------------------------------------------- administrative units

def _admin_data(name: str) -> dict:
    """A JSON file of ``vietnamadminunits``, read without importing the package."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "vn_directives needs the 'vietnamadminunits' package (pip install vietnamadminunits)")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


_Entry = Tuple[str, frozenset]   # (province key, tone keys of the name's words)


class _Names:
    """Place names, each with its province; searched on the folded text leftmost,
    longest first, on word boundaries, any run of spaces, dots or dashes
    between a name's words.

    A dictionary of word sequences, not one regex: a regex alternation of the
    ~700 district names costs milliseconds a line.
    """

    def __init__(self, names: Dict[str, _Entry]):
        self.patterns = sorted(names, key=len, reverse=True)
        self._by_words: Dict[Tuple[str, ...], _Entry] = {}
        for p in self.patterns:   # longest pattern first, as the alternation would try them
            words = tuple(w for part in p.split(_SEP) for w in _words(re.sub(r"\\(.)", r"\1", part)))
            self._by_words.setdefault(words, names[p])
        self._longest = max((len(w) for w in self._by_words), default=0)
        self._firsts = {w[0] for w in self._by_words if w}

    @property
    def alternation(self) -> str:
        return "|".join(self.patterns)

    def _matches(self, folded: str) -> Iterator[Tuple[int, int, _Entry]]:
        """``(start, end, entry)`` of each name in folded text, leftmost first, not overlapping."""
        toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
        i = 0
        while i < len(toks):
            start = toks[i][0]
            found = None
            if toks[i][2] in self._firsts and not (start and _WORDCHAR.match(folded, start - 1)):
                # the longest run of words from i joined by separators only
                j = i + 1
                while j < len(toks) and j - i < self._longest and _SEP_RX.fullmatch(folded, toks[j - 1][1], toks[j][0]):
                    j += 1
                for k in range(j, i, -1):
                    entry = self._by_words.get(tuple(t[2] for t in toks[i:k]))
                    end = toks[k - 1][1]
                    if entry is not None and not _WORDCHAR.match(folded, end):
                        found = (start, end, entry, k)
                        break
            if found:
                yield found[:3]
                i = found[3]
            else:
                i += 1

    def _keys(self, text: str) -> Iterator[str]:
        """The province of each name in ``text``. Unaccented words match any tones;
        accented ones must carry the name's own ("Khánh Hoà" is "Khánh Hòa", "Huệ" is not "Huế")."""
        for start, end, (key, tones) in self._matches(_fold(text)):
            if all(w.isascii() or _tone_key(w) in tones for w in _words(text[start:end])):
                yield key

    def search(self, text: str) -> Optional[str]:
        """The province of the first name in ``text``."""
        return next(self._keys(text), None)

    def all_in(self, text: str) -> Set[str]:
        """The provinces of all names in ``text``."""
        return set(self._keys(text))


def _tones_of(name: str) -> frozenset:
    return frozenset(_tone_key(w) for w in _words(name))


def _province_patterns(p: dict) -> List[str]:
    """A province's short name ("Bà Rịa - Vũng Tàu") and the package's short keywords
    ("hcm", "hn", "vungtau"); a keyword spelling out some of the name's words is
    matched as those words ("vung tau")."""
    words = _words(_fold(p["provinceShort"]))
    spans = {"".join(words[i:j]): _SEP.join(words[i:j])
             for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    long_form = "".join(_words(_fold(p["province"])))
    return [_SEP.join(words)] + [spans.get(kw, re.escape(kw))
                                 for kw in p["provinceKeywords"] if kw != long_form]


def _unique(table: Dict[str, List[_Entry]]) -> Dict[str, _Entry]:
    """The names that belong to one province only."""
    out = {}
    for pattern, entries in table.items():
        if len({key for key, _ in entries}) == 1:
            out[pattern] = (entries[0][0], frozenset().union(*(tones for _, tones in entries)))
    return out


class _Gazetteer:
    """The 63 pre-2025 provinces and their districts, and the 2025 province of each."""

    def __init__(self) -> None:
        legacy = _admin_data("parser_legacy.json")
        merged = _admin_data("parser_from_2025.json")["DICT_PROVINCE"]
        self.short = {k: v["provinceShort"] for k, v in legacy["DICT_PROVINCE"].items()}
        self.after_2025 = {old: merged[new]["provinceShort"]
                           for new, olds in _admin_data("converter_2025.json")["DICT_PROVINCE"].items()
                           for old in olds}
        self.provinces = _Names({pattern: (key, _tones_of(p["province"]))
                                 for key, p in legacy["DICT_PROVINCE"].items()
                                 for pattern in _province_patterns(p)})
        typed: Dict[str, List[_Entry]] = {}   # "huyen le thuy" -> entries
        bare: Dict[str, List[_Entry]] = {}    # "le thuy" -> entries
        for key, units in legacy["DICT_PROVINCE_DISTRICT"].items():
            for d in units.values():
                entry = (key, _tones_of(d["district"]))
                name = _words_pattern(d["districtShort"])
                typed.setdefault(f"{_words_pattern(d['districtType'])}{_SEP}{name}", []).append(entry)
                if re.search(r"[a-z]", name):          # not "Quận 1"
                    bare.setdefault(name, []).append(entry)
        self.districts = _Names(_unique(typed))
        self.bare_districts = _Names(_unique(bare))
        self._compile_mentions(_issuers().mention)

    def _compile_mentions(self, bodies: str) -> None:
        """Regexes for "<body> <province or district>" and for lists of provinces."""
        names = self.provinces.alternation
        body = rf"(?:{bodies})(?:\s*\([^()]{{1,20}}\))?(?:{_SEP}(?:{bodies}))?"
        self._mention = re.compile(
            rf"(?<!\w){body}[\s.]*(?P<name>{names}|{self.bare_districts.alternation})(?!\w)")
        self._list_before = re.compile(rf"(?:{names})\s*[,;]\s*(?:va\s+)?$")
        self._list_after = re.compile(rf"\s*[,;]\s*(?:va\s+)?(?:(?:{bodies})[\s.]*)?(?:{names})(?!\w)")

    def named(self, text: str) -> Optional[str]:
        """The province named in ``text`` (an issuer, a place), else that of its district."""
        return (self.provinces.search(text) or self.districts.search(text)
                or self.bare_districts.search(text))

    def mentioned(self, text: str) -> Optional[str]:
        """The first province (or district) named after a body ("UBND tỉnh Phú Yên",
        "Ngành Giáo dục Lệ Thủy"), names in a list of provinces aside."""
        folded = _fold(text)
        for m in self._mention.finditer(folded):
            # a list of provinces just before (a window: the whole text before would be quadratic)
            if self._list_before.search(folded[max(0, m.start() - 120):m.start()]) \
                    or self._list_after.match(folded, m.end()):
                continue
            key = self.named(text[m.start("name"):m.end("name")])
            if key:
                return key
        return None


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    return _Gazetteer()


# ---------------------------------------------------------------------------- the letterhead

@dataclass
class _Letterhead:
    number: Optional[str] = None
    code: Optional[str] = None           # the number's type code ("CT"), even if the number is blank
    number_at: Optional[int] = None
    issuer: Optional[str] = None
    issuer_at: Optional[int] = None
    place: Optional[str] = None
    date: Optional[str] = None
    date_at: Optional[int] = None        # the place-date line, even if its date is blank
    title_type: Optional[str] = None
    title_at: Optional[int] = None
    motto_at: Optional[int] = None

    @property
    def present(self) -> bool:
        return self.issuer is not None or self.date_at is not None or self.motto_at is not None

    @property
    def end(self) -> int:
        """The index of its last line (title aside)."""
        return max((i for i in (self.number_at, self.issuer_at, self.date_at, self.motto_at)
                    if i is not None), default=-1)


def _clean_lines(lines: Sequence[str]) -> List[str]:
    """Stripped, non-blank lines; an info-panel label is joined to its value on the next line."""
    out: List[str] = []
    for line in (ln.strip().strip("*#_ ") for ln in lines):
        if not line:
            continue
        if out and _PANEL_LABEL.match(out[-1]):
            out[-1] = f"{out[-1].rstrip(':')}: {line}"
        else:
            out.append(line)
    return out


def _read_number(head: _Letterhead, lines: Sequence[str]) -> None:
    """The first "Số: 04/CT-UBND" or "Số hiệu: …" line; a blank number keeps its code only."""
    for i, line in enumerate(lines):
        m = _NUMBER.match(line)
        if m:
            rest = re.sub(r"\s+", "", m.group("rest")).rstrip(".")
            head.code = next((seg for seg in re.split(r"[-/]", rest) if seg and not seg.isdigit()), None)
            n = m.group("n").strip()
            head.number, head.number_at = (f"{n}/{rest}" if n.isdigit() else None), i
            return


def _read_place_date(head: _Letterhead, lines: Sequence[str]) -> None:
    """"An Giang, ngày 14 tháng 9 năm 2021" (possibly after the number, in one row)."""
    for i, line in enumerate(lines):
        number = _NUMBER.match(line)
        m = _PLACE_DATE.match(line[number.end():].strip() if number else line)
        if m:
            head.place = m.group("place").strip(" -–")
            head.date, head.date_at = _iso(m.group("y"), m.group("m"), m.group("d")), i
            return


def _read_title_line(head: _Letterhead, lines: Sequence[str]) -> None:
    """A type's name in capitals opening a line ("CHỈ THỊ", "KẾ HOẠCH THỰC HIỆN …");
    the enacting line ("QUYẾT ĐỊNH:") is not a title."""
    for i, line in enumerate(lines):
        doc_type, length = _doc_types().title(line)
        if doc_type and _is_upper(line[:length]) and not line.endswith(":"):
            head.title_type, head.title_at = doc_type, i
            return


def _read_issuer(head: _Letterhead, lines: Sequence[str]) -> None:
    """The issuer block in capitals, above the letterhead's other lines, its lines joined
    ("ỦY BAN NHÂN DÂN" + "TỈNH NGHỆ AN")."""
    anchors = [i for i in (head.number_at, head.date_at, head.title_at, head.motto_at) if i is not None]
    for i, line in enumerate(lines[:max(anchors, default=-1) + 1]):
        m = _issuers().starter.search(line)
        first = _ISSUER_END.sub("", line[m.start():]) if m else ""
        if not _is_upper(first):
            continue
        parts = [first]
        for nxt in lines[i + 1:i + 5]:
            if _MOTTO.match(nxt):
                continue
            if not _is_upper(nxt) or len(nxt) > 80 or _NUMBER.match(nxt) or _doc_types().title(nxt)[0]:
                break
            parts.append(_ISSUER_END.sub("", nxt))
        head.issuer, head.issuer_at = " ".join(p for p in parts if p), i
        return


def _letterhead(lines: Sequence[str]) -> _Letterhead:
    head = _Letterhead()
    top = lines[:_HEAD_SPAN]
    _read_number(head, top)
    _read_place_date(head, top)
    _read_title_line(head, top)
    head.motto_at = next((i for i, ln in enumerate(top) if _MOTTO.match(ln)), None)
    _read_issuer(head, top)
    return head


# ---------------------------------------------------------------------------- news

def _news_date(lines: Sequence[str]) -> Tuple[Optional[int], Optional["re.Match[str]"], Optional[str]]:
    """(line index, match, ISO date) of the first valid news date line."""
    for i, line in enumerate(lines[:_HEAD_SPAN]):
        for rx in _NEWS_DATES:
            for m in rx.finditer(line):
                iso = _iso(m.group("y"), m.group("m"), m.group("d"))
                if iso:
                    return i, m, iso
    return None, None, None


def _dropped_date(dropped: Sequence[str]) -> Optional[str]:
    """A web page's ISO date ("date 2025-09-12"; "date 2021-12" stays a month)."""
    for text in dropped:
        m = _ISO_DATE.search(text)
        if not m:
            continue
        if m.group("d"):
            iso = _iso(m.group("y"), m.group("m"), m.group("d"))
        else:
            iso = f"{m.group('y')}-{m.group('m')}" if 1 <= int(m.group("m")) <= 12 else None
        if iso:
            return iso
    return None


def _looks_like_headline(line: str) -> bool:
    return (0 < len(line) <= 250 and not _SENTENCE_END.search(line)
            and not _ITEM_START.match(line) and not _MOTTO.match(line))


def _headline(lines: Sequence[str], date_at: Optional[int], date_match) -> Optional[str]:
    """A news item's headline: what its date line closes, else the line above the date
    line (below it, if the date comes first), else the first line, if it reads as a headline."""
    if date_at is None:
        candidates = lines[:1]
    else:
        before = lines[date_at][:date_match.start()].strip(" -–|,")
        candidates = [before] if before else ([lines[date_at - 1]] if date_at else lines[1:2])
    for line in candidates:
        number = _NUMBER.match(line)
        line = line[number.end():].strip() if number else line
        if _looks_like_headline(line):
            return line
    return None


# ---------------------------------------------------------------------------- the fields

def _upper_run(lines: Sequence[str], start: int) -> List[str]:
    """Lines in capitals from ``start`` on, a title's continuation (items, signer lines stop it)."""
    out = []
    for line in lines[start:start + 4]:
        if (not _is_upper(line) or _ITEM_START.match(line) or _MOTTO.match(line)
                or _issuers().starter.match(line) or _AUTHORITY.match(line)):
            break
        out.append(line)
    return out


def _subject_line(line: str) -> bool:
    """The sentence-case subject under a bare type line ("THÔNG BÁO" / "Kết luận của …")."""
    return not (_is_upper(line) or _BODY_OPENER.match(line) or _SENTENCE_END.search(line)
                or _ITEM_START.match(line))


def _title(lines: Sequence[str], head: _Letterhead, news_at, news_match) -> Optional[str]:
    if head.title_at is not None:
        i = head.title_at
        parts = [lines[i]]
        if len(lines[i].split()) <= 3 and i + 1 < len(lines) and _subject_line(lines[i + 1]):
            parts.append(lines[i + 1])
            i += 1
        return " ".join(parts + _upper_run(lines, i + 1))
    subject = next((ln for ln in lines[:_HEAD_SPAN] if _doc_types().subject(ln)), None)
    if subject:
        return subject
    if head.present:
        return " ".join(_upper_run(lines, head.end + 1)) or None
    return _headline(lines, news_at, news_match)


def _doc_type(lines: Sequence[str], head: _Letterhead, is_news: bool) -> str:
    types = _doc_types()
    if head.code in types.codes:
        return types.codes[head.code]
    if head.title_type:
        return head.title_type
    panel = next((m.group(1) for m in map(_PANEL_TYPE.search, lines[:_HEAD_SPAN]) if m), None)
    if panel and types.title(panel)[0]:
        return types.title(panel)[0]
    if head.code or any(types.subject(ln) for ln in lines[:_HEAD_SPAN]):
        return "cong_van"
    if is_news:
        return "tin_tuc"
    if lines and not head.present and types.title(lines[0])[0]:
        return types.title(lines[0])[0]           # a portal's headline: "Chỉ thị của UBND tỉnh …"
    return "khac" if head.present else "tin_tuc"


def _province_key(lines: Sequence[str], head: _Letterhead) -> Optional[str]:
    gaz = _gazetteer()
    if head.issuer:
        if _issuers().central.match(head.issuer):
            return None
        school = _issuers().school.search(head.issuer)
        key = gaz.named(head.issuer[:school.start()] if school else head.issuer)
        if key:
            return key
    if head.place:
        key = gaz.named(head.place)
        if key:
            return key
    for find in (gaz.mentioned, gaz.districts.search):
        key = next((k for k in map(find, lines) if k), None)
        if key:
            return key
    return None


def extract_metadata(lines: Sequence[str], dropped: Sequence[str] = ()) -> Metadata:
    """Metadata from a document's first cleaned blocks (and its dropped web furniture)."""
    lines = _clean_lines(lines)
    if not lines:
        return Metadata(date=_dropped_date(dropped))
    head = _letterhead(lines)
    news_at, news_match, news_date = _news_date(lines) if head.date_at is None else (None, None, None)
    web_date = news_date or _dropped_date(dropped)
    key = _province_key(lines, head)
    return Metadata(
        number=head.number,
        doc_type=_doc_type(lines, head, is_news=not head.present and web_date is not None),
        issuer=head.issuer,
        place=head.place,
        date=head.date if head.date_at is not None else web_date,
        province=_gazetteer().short[key] if key else None,
        province_2025=_gazetteer().after_2025.get(key) if key else None,
        title=_title(lines, head, news_at, news_match))
