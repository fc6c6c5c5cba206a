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
  the date of an unsigned document is not guessed. A date that does not exist
  (31/02) is rejected. A web page's own ISO date may be reduced ("date 2021-12"
  gives ``"2021-12"``), which is still ISO 8601.
* Provinces come from the maintained list of the ``vietnamadminunits`` package
  (63 provinces before the 2025 merger, 34 after, and the old → new mapping),
  read from its JSON files without importing the package (which pulls in
  geopy and shapely). ``province`` is the pre-merger province named by the
  issuer, else by the place of the date line, else (news) by the first strong
  mention: a body followed by its province ("Sở GD&ĐT Hà Tĩnh", "UBND tỉnh
  Phú Yên", "TP.HCM"), not a bare name, nor a name in a list of provinces.
  Names match case- and accent-insensitively; written with accents, they must
  carry the same tones (tone-mark placement aside), so "Huệ" is not "Huế".
* Central issuers (Bộ, Chính phủ, Thủ tướng) have no province: their "Hà Nội"
  is where they sit.

The keyword tables are data: ``resources/vi/doc_types.tsv`` and
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
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ..records import Metadata
from ..resources import read_tsv, resource_path

#: the letterhead and title are looked for in this many first lines
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
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\d,;:/()]{2,60}?)\s*,\s*ngày\s*(?P<d>\d{1,2})?[\s….·_]*tháng\s*"
    r"(?P<m>\d{1,2})?[\s….·_]*(?:n[ăa]m|m)\s*(?P<y>\d{4})", re.IGNORECASE)
_DMY = r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
_TIME = r"\d{1,2}\s*[:h]\s*\d{2}"
#: a news item's own date line, in the forms news sites print
_NEWS_DATES = (
    # "Thứ năm - 09/02/2023 20:01", "Thứ ba, 15/9/2020, 20h42", "Chủ nhật: 09:38 ngày 01/10/2023"
    re.compile(rf"(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s+nhật)\s*[-,:–]?\s*"
               rf"(?:{_TIME}\s*(?:,\s*)?(?:ngày\s*)?)?{_DMY}", re.IGNORECASE),
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

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")   # grave, acute, tilde, hook, dot below
_SEP = r"[\s.&\-–—]+"                                  # between words of a folded name


# ---------------------------------------------------------------------------- text helpers

@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


def _fold(text: str) -> str:
    """Lower case without diacritics, one character for one (offsets carry over)."""
    return "".join(_fold_char(ch) for ch in text)


def _tone_key(word: str) -> Tuple[str, Tuple[str, ...]]:
    """A syllable's letters and tones, wherever the tone mark sits ("hoà" == "hòa")."""
    nfd = unicodedata.normalize("NFD", word.lower())
    letters = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    return letters, tuple(c for c in nfd if c in _TONES)


def _is_upper(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def _words_pattern(text: str) -> str:
    """A regex for ``text`` folded, any run of spaces or dashes between its words."""
    return _SEP.join(re.escape(w) for w in re.findall(r"[^\W_]+", _fold(text)))


def _starts_with(line: str, words: str) -> bool:
    return re.match(rf"{_words_pattern(words)}(?!\w)", _fold(line)) is not None


def _iso(y: str, m: Optional[str], d: Optional[str]) -> Optional[str]:
    """A checked ISO date, or None for a blank or impossible one."""
    if not (y and m and d):
        return None
    try:
        return datetime.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------------------- rule tables

@dataclass(frozen=True)
class _DocTypes:
    titles: Tuple[Tuple[str, str], ...]     # (name, doc_type), longest first
    codes: Dict[str, str]                    # "CT" -> chi_thi
    subjects: Tuple[Tuple[str, str], ...]    # ("V/v", cong_van)

    def title_type(self, line: str) -> Optional[str]:
        return next((t for name, t in self.titles if _starts_with(line, name)), None)

    def subject_type(self, line: str) -> Optional[str]:
        return next((t for s, t in self.subjects if _fold(line).startswith(_fold(s))), None)


@lru_cache(maxsize=1)
def _doc_types() -> _DocTypes:
    rows = read_tsv(resource_path("doc_types.tsv"))
    by_kind = lambda kind: [(r["text"], r["doc_type"]) for r in rows if r["kind"] == kind]  # noqa: E731
    return _DocTypes(titles=tuple(sorted(by_kind("title"), key=lambda p: -len(p[0]))),
                     codes=dict(by_kind("code")), subjects=tuple(by_kind("subject")))


@dataclass(frozen=True)
class _Issuers:
    starter: "re.Pattern[str]"   # a letterhead issuer, in capitals
    central: "re.Pattern[str]"
    school: "re.Pattern[str]"
    mention: str                 # regex source, folded: a body named before its province


def _alternation(texts: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(t) for t in texts), key=len, reverse=True))


@lru_cache(maxsize=1)
def _issuers() -> _Issuers:
    rows = read_tsv(resource_path("issuers.tsv"))
    kind = lambda k: [r["text"] for r in rows if r["kind"] == k]  # noqa: E731
    heads = kind("central") + kind("local") + kind("school")
    return _Issuers(
        starter=re.compile(rf"(?:^|(?<=[.!?:]\s))(?:{_alternation(heads)})(?!\w)"),
        central=re.compile(rf"^(?:{_alternation(kind('central'))})(?!\w)"),
        school=re.compile(rf"(?<!\w)(?:{_alternation(kind('school'))})(?!\w)"),
        mention="|".join(sorted({_words_pattern(t) for t in kind("mention")}, key=len, reverse=True)))


# ---------------------------------------------------------------------------- administrative units

def _admin_data(name: str) -> dict:
    """A JSON file of ``vietnamadminunits``, read without importing the package."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "vn_directives needs the 'vietnamadminunits' package (pip install vietnamadminunits)")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


class _Names:
    """Names (folded regexes) of places, each with its province key and the tones its
    words carry; searched leftmost, longest first, on word boundaries."""

    def __init__(self, names: Dict[str, Tuple[str, frozenset]]):
        self.patterns = sorted(names, key=len, reverse=True)
        self._entries = [names[p] for p in self.patterns]
        self.regex = re.compile(rf"(?<!\w)(?:{'|'.join(f'({p})' for p in self.patterns)})(?!\w)")

    @property
    def alternation(self) -> str:
        return "|".join(self.patterns)

    def search(self, text: str) -> Optional[str]:
        """The key of the first name in ``text``: unaccented words match any tones,
        accented ones must carry the name's own ("Khánh Hoà" is "Khánh Hòa", "Huệ" is not "Huế")."""
        for m in self.regex.finditer(_fold(text)):
            key, tones = self._entries[m.lastindex - 1]
            written = re.findall(r"[^\W_]+", text[m.start():m.end()])
            if all(w.isascii() or _tone_key(w) in tones for w in written):
                return key
        return None


def _tones_of(name: str) -> frozenset:
    return frozenset(_tone_key(w) for w in re.findall(r"[^\W_]+", name))


def _province_names(p: dict) -> List[str]:
    """Patterns for a province: its short name ("Bà Rịa - Vũng Tàu") and the package's
    short keywords ("hcm", "hn", "vungtau"); a keyword spelling out some of the name's
    words is matched as those words ("vung tau")."""
    words = re.findall(r"[^\W_]+", _fold(p["provinceShort"]))
    spans = {"".join(words[i:j]): _SEP.join(words[i:j])
             for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    long_form = _fold(p["province"]).replace(" ", "")
    return [_SEP.join(words)] + [spans.get(kw, re.escape(kw))
                                 for kw in p["provinceKeywords"] if kw != long_form]


class _Gazetteer:
    """The 63 pre-2025 provinces and their districts, and the 2025 province of each."""

    def __init__(self) -> None:
        legacy = _admin_data("parser_legacy.json")
        merged = _admin_data("parser_from_2025.json")["DICT_PROVINCE"]
        self.short = {k: v["provinceShort"] for k, v in legacy["DICT_PROVINCE"].items()}
        self.after_2025 = {old: merged[new]["provinceShort"]
                           for new, olds in _admin_data("converter_2025.json")["DICT_PROVINCE"].items()
                           for old in olds}
        provinces = {pattern: (key, _tones_of(p["province"]))
                     for key, p in legacy["DICT_PROVINCE"].items() for pattern in _province_names(p)}
        typed: Dict[str, set] = {}   # "huyen le thuy" -> {(key, tones)}
        bare: Dict[str, set] = {}    # "le thuy" -> {(key, tones)}
        for key, units in legacy["DICT_PROVINCE_DISTRICT"].items():
            for d in units.values():
                entry = (key, _tones_of(d["district"]))
                name = _words_pattern(d["districtShort"])
                typed.setdefault(f"{_words_pattern(d['districtType'])}{_SEP}{name}", set()).add(entry)
                bare.setdefault(name, set()).add(entry)
        self.provinces = _Names(provinces)
        self.districts = _Names(_unique(typed))
        self.bare_districts = _Names(_unique(bare))
        self._mentions(_issuers().mention)

    def _mentions(self, bodies: str) -> None:
        """Regexes for "<body> <province or district>" and for lists of provinces."""
        names = self.provinces.alternation
        body = rf"(?:{bodies})(?:\s*\([^()]{{1,20}}\))?(?:{_SEP}(?:{bodies}))?"
        self._mention = re.compile(
            rf"(?<!\w){body}[\s.]*(?P<name>{names}|{self.bare_districts.alternation})(?!\w)")
        self._list_before = re.compile(rf"(?:{names})\s*[,;]\s*(?:va\s+)?$")
        self._list_after = re.compile(rf"^\s*[,;]\s*(?:va\s+)?(?:(?:{bodies})[\s.]*)?(?:{names})(?!\w)")

    def named(self, text: str) -> Optional[str]:
        """The province named in ``text`` (an issuer, a place), else that of its district."""
        return (self.provinces.search(text) or self.districts.search(text)
                or self.bare_districts.search(text))

    def mentioned(self, text: str) -> Optional[str]:
        """The first province (or district) named after a body ("UBND tỉnh Phú Yên",
        "Ngành Giáo dục Lệ Thủy"), names in a list of provinces aside."""
        folded = _fold(text)
        for m in self._mention.finditer(folded):
            if self._list_before.search(folded[:m.start()]) or self._list_after.match(folded[m.end():]):
                continue
            key = self.named(text[m.start("name"):m.end("name")])
            if key:
                return key
        return None


def _unique(table: Dict[str, set]) -> Dict[str, Tuple[str, frozenset]]:
    """Names that belong to one province only."""
    out = {}
    for pattern, entries in table.items():
        if len({key for key, _ in entries}) == 1:
            key = next(iter(entries))[0]
            out[pattern] = (key, frozenset().union(*(tones for _, tones in entries)))
    return out


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    return _Gazetteer()


# ---------------------------------------------------------------------------- fields

def _clean_lines(lines: Sequence[str]) -> List[str]:
    """Stripped, non-blank lines; an info-panel label is joined to its value on the next line."""
    out: List[str] = []
    for line in (ln.strip(" \t*#_") for ln in lines):
        if not line:
            continue
        if out and _PANEL_LABEL.match(out[-1]):
            out[-1] = f"{out[-1].rstrip(':')}: {line}"
        else:
            out.append(line)
    return out


def _number(lines: Sequence[str]) -> Tuple[Optional[int], Optional[str], Optional[str]]:
    """(line index, number, type code) of the first "Số: …" line; number None if blank."""
    for i, line in enumerate(lines[:_HEAD_SPAN]):
        m = _NUMBER.match(line)
        if not m:
            continue
        rest = re.sub(r"\s+", "", m.group("rest")).rstrip(".")
        code = next((seg for seg in re.split(r"[-/]", rest) if seg and not seg.isdigit()), None)
        number = f"{m.group('n').strip()}/{rest}" if m.group("n").strip().isdigit() else None
        return i, number, code
    return None, None, None


def _issuer(lines: Sequence[str]) -> Tuple[Optional[int], Optional[str]]:
    """(line index, text) of the letterhead's issuer block, its lines joined."""
    rules = _issuers()
    for i, line in enumerate(lines[:_HEAD_SPAN]):
        m = rules.starter.search(line)
        if not m:
            continue
        first = _ISSUER_END.sub("", line[m.start():])
        if not _is_upper(first):
            continue
        parts = [first]
        for nxt in lines[i + 1:i + 5]:
            if _MOTTO.match(nxt):
                continue
            if (not _is_upper(nxt) or len(nxt) > 80 or _NUMBER.match(nxt)
                    or _doc_types().title_type(nxt)):
                break
            parts.append(_ISSUER_END.sub("", nxt))
        return i, " ".join(p for p in parts if p)
    return None, None


def _place_date(lines: Sequence[str]) -> Tuple[Optional[int], Optional[str], Optional[str], bool]:
    """(line index, place, ISO date, found) from "An Giang, ngày 14 tháng 9 năm 2021"."""
    for i, line in enumerate(lines[:_HEAD_SPAN]):
        number = _NUMBER.match(line)
        m = _PLACE_DATE.match(line[number.end():].strip() if number else line)
        if m:
            return i, m.group("place").strip(" -–"), _iso(m.group("y"), m.group("m"), m.group("d")), True
    return None, None, None, False


def _news_date(lines: Sequence[str]) -> Tuple[Optional[int], Optional[re.Match], Optional[str]]:
    """(line index, match, ISO date) of the first valid news date line."""
    for i, line in enumerate(lines):
        for rx in _NEWS_DATES:
            for m in rx.finditer(line):
                iso = _iso(m.group("y"), m.group("m"), m.group("d"))
                if iso:
                    return i, m, iso
    return None, None, None


def _dropped_date(dropped: Sequence[str]) -> Optional[str]:
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


def _title_index(lines: Sequence[str]) -> Tuple[Optional[int], Optional[str]]:
    """(index, doc_type) of the title line: a type's name in capitals ("CHỈ THỊ", "KẾ HOẠCH …").

    The enacting line ("QUYẾT ĐỊNH:") is not a title."""
    for i, line in enumerate(lines[:_HEAD_SPAN]):
        doc_type = _doc_types().title_type(line)
        if doc_type and _is_upper(line.split(" ", 2)[0]) and _is_upper(line[:12]) \
                and not line.endswith(":"):
            return i, doc_type
    return None, None


def _panel_type(lines: Sequence[str]) -> Optional[str]:
    """The type a legal site's info panel states ("Loại văn bản: Công văn")."""
    for line in lines[:_HEAD_SPAN]:
        m = re.search(r"Loại văn bản\s*:\s*(.+)", line, re.IGNORECASE)
        if m:
            return _doc_types().title_type(m.group(1))
    return None


# ---------------------------------------------------------------------------- titles

def _upper_run(lines: Sequence[str], start: int) -> List[str]:
    """Lines in capitals from ``start`` on: a title's continuation (items and signers stop it)."""
    out = []
    for line in lines[start:start + 4]:
        if (not _is_upper(line) or _ITEM_START.match(line) or _MOTTO.match(line)
                or _issuers().starter.match(line) or re.match(r"CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG", line)):
            break
        out.append(line)
    return out


def _document_title(lines: Sequence[str], i: int) -> str:
    """The title line and its subject: the next line if the title line is the type alone."""
    parts = [lines[i]]
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    bare = len(lines[i].split()) <= 3
    if bare and nxt and not _is_upper(nxt) and not _BODY_OPENER.match(nxt) \
            and not _SENTENCE_END.search(nxt) and not _ITEM_START.match(nxt):
        parts.append(nxt)
        parts += _upper_run(lines, i + 2)
    else:
        parts += _upper_run(lines, i + 1)
    return " ".join(parts)


def _looks_like_headline(line: str) -> bool:
    return (0 < len(line) <= 250 and not _SENTENCE_END.search(line)
            and not _ITEM_START.match(line) and not _MOTTO.match(line))


def _headline(lines: Sequence[str], date_at: Optional[int], date_match) -> Optional[str]:
    """A news item's headline: by its date line, else the first line if it reads as one."""
    candidates: List[str] = []
    if date_at is not None and date_at < 8:
        before = lines[date_at][:date_match.start()].strip(" -–|,")
        candidates = [before] if before else (
            [lines[date_at - 1]] if date_at > 0 else lines[1:2])
    elif lines:
        candidates = lines[:1]
    for line in candidates:
        number = _NUMBER.match(line)
        line = line[number.end():].strip() if number else line
        if _looks_like_headline(line):
            return line
    return None


# ---------------------------------------------------------------------------- the whole

def _doc_type(lines, code, title_type, has_letterhead, is_news) -> str:
    types = _doc_types()
    if code in types.codes:
        return types.codes[code]
    if title_type or _panel_type(lines):
        return title_type or _panel_type(lines)
    if code or any(types.subject_type(ln) for ln in lines[:_HEAD_SPAN]):
        return "cong_van"
    if is_news:
        return "tin_tuc"
    if lines and not has_letterhead and types.title_type(lines[0]):
        return types.title_type(lines[0])        # a portal's headline "Chỉ thị của UBND tỉnh …"
    return "khac" if has_letterhead else "tin_tuc"


def _province_key(lines: Sequence[str], issuer: Optional[str], place: Optional[str]) -> Optional[str]:
    gaz = _gazetteer()
    if issuer:
        if _issuers().central.match(issuer):
            return None
        school = _issuers().school.search(issuer)
        key = gaz.named(issuer[:school.start()] if school else issuer)
        if key:
            return key
    if place:
        key = gaz.named(place)
        if key:
            return key
    for finder in (gaz.mentioned, gaz.districts.search):
        for line in lines:
            key = finder(line)
            if key:
                return key
    return None


def extract_metadata(lines: Sequence[str], dropped: Sequence[str] = ()) -> Metadata:
    """Metadata from a document's first cleaned blocks (and dropped web furniture)."""
    lines = _clean_lines(lines)
    num_at, number, code = _number(lines)
    issuer_at, issuer = _issuer(lines)
    date_at, place, date, has_date_line = _place_date(lines)
    title_at, title_type = _title_index(lines)
    has_letterhead = issuer is not None or has_date_line or any(_MOTTO.match(ln) for ln in lines[:_HEAD_SPAN])
    news_at, news_match, news_date = (None, None, None) if has_date_line else _news_date(lines)
    if not has_date_line:
        date = news_date or _dropped_date(dropped)
    is_news = not has_letterhead and (news_date is not None or _dropped_date(dropped) is not None)

    if title_at is not None:
        title = _document_title(lines, title_at)
    elif any(_doc_types().subject_type(ln) for ln in lines[:_HEAD_SPAN]):
        title = next(ln for ln in lines[:_HEAD_SPAN] if _doc_types().subject_type(ln))
    elif has_letterhead:
        last = max(i for i in (num_at, issuer_at, date_at) if i is not None)
        title = " ".join(_upper_run(lines, last + 1)) or None
    else:
        title = _headline(lines, news_at, news_match)

    key = _province_key(lines, issuer, place)
    gaz = _gazetteer() if key else None
    return Metadata(
        number=number, doc_type=_doc_type(lines, code, title_type, has_letterhead, is_news),
        issuer=issuer, place=place, date=date,
        province=gaz.short[key] if gaz else None,
        province_2025=gaz.after_2025.get(key) if gaz else None,
        title=title)
