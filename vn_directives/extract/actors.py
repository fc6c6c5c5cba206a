"""ACTOR: agencies, units, institutions and office-holders (ANNOTATION.md §2, §5.2–§5.4).

A generic NER finds few of these (underthesea's ORG entities miss most), so the
extractor is a small noun-phrase grammar over the word-segmented tokens, built
from rules kept as data:

* ``actor_heads.tsv`` — agency heads and office titles, each with its level and
  what it needs to be an actor on its own ("Sở" with a capital, "các trường");
* ``actor_scope.tsv`` — determiners, unit names ("Giáo dục và Đào tạo"),
  institution modifiers ("mầm non", "ngoài công lập"), place words, scope
  words ("trực thuộc", "trên địa bàn", "có liên quan");
* ``abbreviations.tsv`` — abbreviations expanded before matching and in the
  canonical name (GDĐT, UBND, THCS, GDNN-GDTX, TP.HCM, …);
* province and district names from the maintained ``vietnamadminunits`` lists.

A phrase is ``[determiner] [office title] [determiner] head complement* scope*``;
the span is the whole noun phrase with its scope, its value the canonical name
(abbreviations expanded, bracketed abbreviations dropped, one tone-mark form)
and ``attrs["level"]`` one of central, province, district, school, other.

>>> ex = ActorExtractor()
>>> [(s.text, s.value, s.attrs["level"]) for s in ex("UBND các huyện, thị xã, thành phố chỉ đạo học sinh.")]
[('UBND các huyện, thị xã, thành phố', 'Ủy ban nhân dân các huyện, thị xã, thành phố', 'district')]
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence, Set, Tuple, Union

from ..reading.normalize import normalize_str, normalize_syllable
from ..records import Span, Token
from ..resources import read_tsv, resolve

LEVELS = ("central", "province", "district", "school", "other")

_PART = re.compile(r"[^\s\-–]+|[\-–]")           # syllables, hyphens on their own
_LETTER = re.compile(r"[^\W\d_]")
_NUMBER = re.compile(r"^\d+(?:[.,]\d{3})*(?:/\d+)?$|^\d+[.,]\d+$")
_ROMAN = re.compile(r"^[ivxlc]+$")
# a cited document: a document type and its number ("Quyết định số 131/QĐ-TTg",
# "Chỉ thị 14/CT-UBND", "Nghị quyết số 29-NQ/TW")
_DOC_TYPES = (r"Nghị quyết|Quyết định|Thông tư(?: liên tịch)?|Chỉ thị|Nghị định|Công văn|Kế hoạch|"
              r"Đề án|Chương trình(?: hành động)?|Luật|Công điện|Hướng dẫn|Thông báo|Kết luận|"
              r"Văn bản|Pháp lệnh|Hiến pháp|Quy định|Điều lệ|Quy chế")
_DOC_REF = re.compile(
    rf"(?<!\w)(?:{_DOC_TYPES})\s+(?:số\s+)?\d+[\w/.\-–]*(?:\s+ngày\s+\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}"
    rf"|\s+ngày\s+\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}})?", re.IGNORECASE)
_TITLE_OPEN = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?:của|do)\s+[^;:()“”\"]{0,80}?\s*)?"
                         r"(?P<kw>về\s+việc|về|V/v|quy\s+định|ban\s+hành|phê\s+duyệt|hướng\s+dẫn|[“\"])(?=\s|\w)",
                         re.IGNORECASE)
_TITLE_END = re.compile(r"[;”\")]|\s[-–]\s|$")
# a document cited by its name, with no number ("Luật Tổ chức chính quyền địa phương",
# "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh"): the name runs to "ngày", "của" or a stop
_NAMED_DOC = re.compile(rf"(?<!\w)(?:Luật|Nghị quyết|Chỉ thị|Chương trình|Đề án|Kết luận)\s+(?P<name>[A-ZĐÀ-Ỹ])")
_NAMED_END = re.compile(r"\s(?:ngày|của|năm\s+\d)\s|[;,.:“”\"()]|$")
_QUOTE = re.compile(r"[“\"][^“”\"]{3,300}[”\"]")
# lines that only list bodies (letterhead, distribution list, web metadata)
_NO_ACTOR_LINE = re.compile(r"^\s*(?:Nơi nhận|Nơi ban hành|Cơ quan ban hành|Người ký|Số hiệu)\b|"
                            r"\(\s*để\s+\w{1,3}/\w{1,3}\s*\)", re.IGNORECASE)


# ---------------------------------------------------------------------------- normal form

@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """NFC, one tone-mark convention, lower case: the form every rule is matched in."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(normalize_syllable(w) for w in text.split()).lower().replace("\u0110".lower(), "đ")


_RULE_PART = re.compile(r"[^\s,;:()\-–]+|[,;:()\-–]")


def _fold_words(text: str) -> Tuple[str, ...]:
    """The folded words of a phrase of a rules file (punctuation as words of its own)."""
    return tuple(_fold(p) for p in _RULE_PART.findall(text))


@dataclass(slots=True)
class _Word:
    """One word of the expanded sentence: a syllable, or one word of an expanded abbreviation."""

    f: str            # folded form
    start: int        # offsets of the written part it comes from
    end: int
    cap: bool         # the written part begins with a capital
    can_start: bool   # an actor may begin here (first word of a token)
    can_end: bool     # a phrase may end here (last word of a part that ends a token or comes
                      # before a capital: "Bộ Giáo dục và Đào tạo" is one token)
    part: int         # index of the written part
    tok: int = 0      # index of the token


class _Lexicon:
    """Phrases (tuples of folded words) → payload, looked up longest first."""

    def __init__(self) -> None:
        self.table: Dict[Tuple[str, ...], object] = {}
        self._prefixes: Set[Tuple[str, ...]] = set()   # every proper prefix of a phrase
        self._firsts: Set[str] = set()                  # every phrase's first word
        self.longest = 0

    def add(self, words: Tuple[str, ...], payload: object = True) -> None:
        if words:
            self.table.setdefault(words, payload)
            self._prefixes.update(words[:n] for n in range(1, len(words)))
            self._firsts.add(words[0])
            self.longest = max(self.longest, len(words))

    @property
    def firsts(self) -> Set[str]:
        """The first word of every phrase."""
        return self._firsts

    def end_at(self, words: Sequence[str], i: int) -> int:
        """End of the longest phrase at ``words[i]`` of plain folded words (a name, not a
        sentence: no word boundaries to respect), else 0."""
        if i >= len(words) or words[i] not in self._firsts:
            return 0
        best = 0
        for n in range(1, min(self.longest, len(words) - i) + 1):
            key = tuple(words[i:i + n])
            if key in self.table:
                best = i + n
            elif key not in self._prefixes:
                break
        return best

    def match(self, ws: Sequence[_Word], i: int, aligned: bool = True) -> Optional[Tuple[int, object]]:
        """(end, payload) of the longest phrase at ``i``, ending on a word boundary when ``aligned``
        (a token's end, before a capital, or inside an expanded abbreviation)."""
        if i >= len(ws) or ws[i].f not in self._firsts:   # the common case: no phrase starts here
            return None
        best = None
        key: Tuple[str, ...] = ()
        for n in range(1, min(self.longest, len(ws) - i) + 1):
            key = key + (ws[i + n - 1].f,)
            if key in self.table and (not aligned or ws[i + n - 1].can_end
                                      or (i + n < len(ws) and ws[i + n].part == ws[i + n - 1].part)):
                best = (i + n, self.table[key])
            if key not in self._prefixes:   # no longer phrase begins with these words
                break
        return best


@dataclass(frozen=True)
class _Head:
    kind: str
    level: str
    rules: FrozenSet[str]


@dataclass
class _Phrase:
    end: int
    level: str
    has_place: Optional[str] = None   # level implied by a place in the scope


@lru_cache(maxsize=1)
def _place_names() -> Tuple[Tuple[Tuple[str, ...], str], ...]:
    """Province and district names of ``vietnamadminunits`` (read as reading.metadata does)."""
    from ..reading.metadata import _admin_data
    legacy = _admin_data("parser_legacy.json")
    out: Dict[Tuple[str, ...], str] = {}
    for key, units in legacy["DICT_PROVINCE_DISTRICT"].items():
        for d in units.values():
            short = d["districtShort"]
            if _LETTER.search(short):
                out.setdefault(_fold_words(short), "district")
    for p in legacy["DICT_PROVINCE"].values():
        out[_fold_words(p["provinceShort"])] = "province"
    new = _admin_data("parser_from_2025.json")["DICT_PROVINCE"]
    for p in new.values():
        out[_fold_words(p["provinceShort"])] = "province"
    return tuple(out.items())


_COUNT = re.compile(r"^\d+(?:[/.,]\d+)*%?$")


class ActorExtractor:
    """ACTOR spans of one sentence, from head and scope rules kept as data.

    ``rules`` is ``"default"`` (the packaged files) or a directory holding
    ``actor_heads.tsv``, ``actor_scope.tsv`` and ``abbreviations.tsv``.

    >>> ex = ActorExtractor()
    >>> [(s.text, s.value) for s in ex("Kính gửi: Các Sở GD&ĐT, Thủ trưởng các cơ sở giáo dục trên địa bàn tỉnh")]
    [('Các Sở GD&ĐT', 'Các Sở Giáo dục và Đào tạo'), ('Thủ trưởng các cơ sở giáo dục trên địa bàn tỉnh', 'Thủ trưởng các cơ sở giáo dục trên địa bàn tỉnh')]
    """

    def __init__(self, rules: Union[str, Path] = "default") -> None:
        def path(name: str) -> Path:
            if isinstance(rules, str) and rules == "default":
                return resolve("default", name)
            return resolve(Path(rules) / name, name)

        self.abbr: Dict[str, str] = {}
        for r in read_tsv(path("abbreviations.tsv")):
            self.abbr[_fold(r["abbr"])] = r["expansion"]
        self.heads = _Lexicon()
        for r in read_tsv(path("actor_heads.tsv")):
            rules_ = frozenset(x.strip() for x in (r.get("rules") or "").split(",") if x.strip())
            self.heads.add(_fold_words(r["text"]), _Head(r["kind"], r["level"], rules_))
        self.lex: Dict[str, _Lexicon] = {}
        self.plural_det: set = set()
        self.scope_then: Dict[Tuple[str, ...], str] = {}
        for r in read_tsv(path("actor_scope.tsv")):
            words = _fold_words(r["text"]) if r["kind"] != "connector" else (_fold(r["text"]),)
            lex = self.lex.setdefault(r["kind"], _Lexicon())
            if r["kind"] == "det":
                lex.add(words, (r.get("rule") or "").strip())
            elif r["kind"] in ("not_after", "not_before", "title_cue"):
                lex.add(words, True)
            else:
                lex.add(words, (r.get("level") or "").strip())
            if r["kind"] == "scope":
                self.scope_then[words] = (r.get("rule") or "").strip()
        for kind in ("det", "unit", "inst", "place_type", "scope", "connector", "not_after", "not_before",
                     "title_cue"):
            self.lex.setdefault(kind, _Lexicon())
        self.places = _Lexicon()
        for words, level in _place_names():
            self.places.add(words, level)
        self._abbr_rx = re.compile(
            r"(?<![\w&.])(" + "|".join(re.escape(a) for a in sorted(
                (r["abbr"] for r in read_tsv(path("abbreviations.tsv")) if r["abbr"] != "&"),
                key=len, reverse=True)) + r")(?![\w&])", re.IGNORECASE)
        self._abbr_written = {_fold(r["abbr"]): r["expansion"] for r in read_tsv(path("abbreviations.tsv"))}
        self._all_caps = False
        self._token_cache: Dict[str, Tuple[List[tuple], int]] = {}
        # an actor opens with a determiner, a count or a head: no other word can start one
        self._openers = self.lex["det"].firsts | self.heads.firsts

    # ------------------------------------------------------------------ words

    def _words(self, tokens: Sequence[Token], templates: Sequence[Tuple[List[tuple], int]]) -> List[_Word]:
        """The sentence's words, from each token's template (:meth:`_token_words`) placed at the token."""
        words: List[_Word] = []
        part = 0
        for t, (tok, (template, n_parts)) in enumerate(zip(tokens, templates)):
            for f, s, e, cap, can_start, can_end, k in template:
                words.append(_Word(f, s + tok.start, e + tok.start, cap, can_start, can_end, part + k, t))
            part += n_parts
        return words

    def _token_words(self, tok_text: str) -> Tuple[List[tuple], int]:
        """The words of one token, offsets relative to it (a token's words depend on
        its text only: cached)."""
        hit = self._token_cache.get(tok_text)
        if hit is not None:
            return hit
        parts = [(m.start(), m.end(), m.group()) for m in _PART.finditer(tok_text)]
        whole = _fold(tok_text)
        if whole.replace(" ", "") in self.abbr and len(parts) > 1:   # "GD - ĐT", "GDNN-GDTX"
            parts = [(0, len(tok_text), tok_text)]
        k = 0
        while k + 2 < len(parts):                                     # "GD-ĐT TP.HCM"
            joined = tok_text[parts[k][0]:parts[k + 2][1]]
            if parts[k + 1][2] in "-–" and _fold(joined).replace(" ", "") in self.abbr:
                parts[k:k + 3] = [(parts[k][0], parts[k + 2][1], joined)]
            k += 1
        template = []
        for k, (s, e, p) in enumerate(parts):
            f = _fold(p).replace(" ", "")
            exp = self.abbr.get(f)
            fs = list(_fold_words(exp)) if exp else [_fold(p)]
            cap = p[:1].isupper()
            # an actor begins at a token's start; a phrase ends at a token's end or before a
            # capital inside a token ("Bộ Giáo dục và Đào tạo" is one token)
            nxt_cap = k + 1 < len(parts) and parts[k + 1][2][:1].isupper()
            for n, w in enumerate(fs):
                template.append((w, s, e, cap, n == 0 and k == 0,
                                 n == len(fs) - 1 and (k == len(parts) - 1 or nxt_cap), k))
        if len(self._token_cache) > 100_000:
            self._token_cache.clear()
        self._token_cache[tok_text] = (template, len(parts))
        return template, len(parts)

    # ------------------------------------------------------------------ grammar

    def _det(self, ws: List[_Word], i: int) -> Tuple[int, str]:
        """End of a determiner at ``i`` and its kind: "" (none), "count", "plural", "det"."""
        if i < len(ws) and _NUMBER.match(ws[i].f) and ws[i].can_start:
            return i + 1, "count"
        m = self.lex["det"].match(ws, i)
        if m:
            return m[0], "plural" if m[1] == "plural" else "det"
        return i, ""

    def _place_name(self, ws: List[_Word], i: int, capital_fallback: bool) -> Optional[Tuple[int, str]]:
        m = self.places.match(ws, i, aligned=False)
        if m and (ws[i].cap or not capital_fallback):
            return m[0], str(m[1])
        if capital_fallback:
            j = i
            while j < len(ws) and j - i < 4 and ws[j].cap and _LETTER.match(ws[j].f) \
                    and not self.heads.match(ws, j) and not self.lex["place_type"].match(ws, j):
                j += 1
            if j > i:
                return j, "district"
        return None

    def _place(self, ws: List[_Word], i: int, bare: bool = True) -> Optional[Tuple[int, str]]:
        """A place: "tỉnh Đồng Tháp", "các huyện, thị xã, thành phố", "TP.HCM", "Nghệ An"."""
        j, det = self._det(ws, i)
        if det == "count":
            return None
        pt = self.lex["place_type"].match(ws, j)
        if not pt:
            if not bare or j > i:
                return None
            m = self._place_name(ws, j, capital_fallback=False)
            if m and ws[j].cap:
                return m
            return None
        end, level = pt
        level = str(level)
        name = self._place_name(ws, end, capital_fallback=True)
        if name:
            end = name[0]
            if level == "city":
                level = "province" if name[1] == "province" else "district"
        listed = False
        # a list of place types: "các huyện, thị xã, thành phố", "quận, huyện", "… và các quận, huyện"
        while end < len(ws) and ws[end].f in (",", "và"):
            k, d = self._det(ws, end + 1)
            if d == "count":
                break
            nxt = self.lex["place_type"].match(ws, k)
            if not nxt:
                break
            end, listed = nxt[0], True
            name = self._place_name(ws, end, capital_fallback=True)
            if name:
                end = name[0]
        if level == "city":
            level = "district" if j > i or listed else "province"
        return end, level

    def _scope(self, ws: List[_Word], i: int, depth: int) -> Tuple[int, Optional[str]]:
        """Scope words after a head: places, "trực thuộc Sở", "trên địa bàn tỉnh", "(GDĐT)"."""
        end, level = i, None
        while end < len(ws):
            # a bracketed abbreviation "(GDĐT)", "(UBND)", "(VTV)"
            if ws[end].f == "(":
                k = end + 1
                while k < len(ws) and k - end <= 8 and ws[k].f != ")":
                    k += 1
                if k < len(ws) and ws[k].f == ")" and len({w.part for w in ws[end + 1:k]}) <= 2 \
                        and all(w.cap or not _LETTER.match(w.f) for w in ws[end + 1:k]):
                    end = k + 1
                    continue
                break
            # a list of provinces after a colon: "các Sở GD-ĐT: Hà Nội, TPHCM, …"
            if ws[end].f == ":" and self._place(ws, end + 1):
                k = self._place(ws, end + 1)[0]
                while k + 1 < len(ws) and ws[k].f in (",", "và") and self._place(ws, k + 1):
                    k = self._place(ws, k + 1)[0]
                end = k
                continue
            p = self._place(ws, end)
            if p:
                end, lv = p
                level = level or lv
                continue
            s = self.lex["scope"].match(ws, end)
            if s:
                rule = self.scope_then.get(tuple(w.f for w in ws[end:s[0]]), "")
                if rule.startswith("then"):
                    nxt = self._place(ws, s[0]) or (self._org(ws, s[0], depth + 1) if depth < 2 else None)
                    if nxt is None:
                        if rule == "then?":
                            end = s[0]
                            continue
                        break
                    if isinstance(nxt, _Phrase):
                        end, level = nxt.end, level or nxt.level
                    else:
                        end, level = nxt[0], level or nxt[1]
                    continue
                end = s[0]
                continue
            break
        return end, level

    def _modifiers(self, ws: List[_Word], i: int, kind: str) -> int:
        """Modifiers joined by connectors: "mầm non, phổ thông và giáo dục thường xuyên"."""
        m = self.lex[kind].match(ws, i)
        if not m:
            return i
        end = m[0]
        while True:
            c = self.lex["connector"].match(ws, end, aligned=False)
            if not c:
                return end
            nxt = self.lex[kind].match(ws, c[0])
            if not nxt or self.heads.match(ws, c[0]):
                return end
            end = nxt[0]

    def _proper(self, ws: List[_Word], i: int) -> int:
        """A proper name in capitals ("Kiến Hưng"); lower-case words of the same token go with
        it ("Hội đồng Kỷ luật"). Not read in a line written all in capitals."""
        if self._all_caps:
            return i
        j = i
        while j < len(ws) and j - i < 5 and _LETTER.match(ws[j].f) and (
                ws[j].cap or (j > i and ws[j].tok == ws[j - 1].tok)) \
                and not self.heads.match(ws, j) and not self.lex["place_type"].match(ws, j):
            j += 1
        return j

    def _desc(self, ws: List[_Word], i: int) -> int:
        """A short description ending at a place: "phòng, chống dịch COVID-19 tỉnh Phú Yên"."""
        j = i
        while j < len(ws) and j - i < 10:
            p = self._place(ws, j, bare=False)
            if p and j > i:
                return p[0]
            if ws[j].f in ("và", ";", ".", ":", "(", ")", "“", "”", '"') or (ws[j].cap and self.heads.match(ws, j)):
                break
            j += 1
        while j > i and not ws[j - 1].can_end:
            j -= 1
        k = i
        while k < j and ws[k].f != ",":   # without a place, the description ends at a comma
            k += 1
        return k

    def _blocked(self, ws: List[_Word], i: int, end: int, before: bool = True) -> bool:
        """A head that is a modifier or part of a person's title ("hồ sơ nhà trường", "Đảng bộ")."""
        if self.lex["not_after"].match(ws, end, aligned=False):
            return True
        for n in range(1, 6 if before else 0):
            if i - n >= 0 and self.lex["not_before"].match(ws, i - n, aligned=False) == (i, True):
                return True
        return False

    def _org(self, ws: List[_Word], i: int, depth: int = 0, det: str = "") -> Optional[_Phrase]:
        """An organisation phrase at ``i``: head, its complements and its scope."""
        j, d = self._det(ws, i)
        det = det or d
        h = self.heads.match(ws, j)
        if not h or h[1].kind != "org":
            return None
        head: _Head = h[1]
        rules = head.rules
        end = h[0]
        if d == "count" and "count" not in rules:
            return None
        if "capreq" in rules and not ws[j].cap:
            return None
        if depth == 0 and self._blocked(ws, j, end):
            return None
        if d == "count" and any(self.lex["inst"].match(ws, i - n) == (i, "") for n in range(1, 4) if i - n >= 0):
            return None                   # "mầm non 183 trường": a count in a table of levels
        complement = False
        if "unit" in rules:
            u = self._modifiers(ws, end, "unit")
            if u > end:
                end, complement = u, True
        if "inst" in rules:
            u = self._modifiers(ws, end, "inst")
            if u > end:
                end, complement = u, True
        if "proper" in rules:
            u = self._proper(ws, end)
            if u > end:
                end, complement = u, True
        if "desc" in rules:
            end = self._desc(ws, end)
        if "org" in rules and depth < 2:
            o = self._org(ws, end, depth + 1)
            if o:
                end, complement = o.end, True
        if "of" in rules and end < len(ws) and ws[end].f == "của" and depth < 2:
            o = self._org(ws, end + 1, depth + 1)
            if o:
                end, complement = o.end, True
        if "weak" in rules:
            complement = False
        # coordinated bare heads under one plural determiner: "các sở, ban, ngành, đoàn thể",
        # "các trường, cơ sở giáo dục"
        while det in ("plural", "count") and depth == 0:
            if end >= len(ws) or ws[end].f not in (",", "và", "hoặc"):
                break
            h2 = self.heads.match(ws, end + 1)
            if not h2 or h2[1].kind != "org" or not ({"det", "inst", "coord"} & h2[1].rules) \
                    or self.lex["unit"].match(ws, h2[0]) and "unit" in h2[1].rules:
                break
            end2 = h2[0]
            if "inst" in h2[1].rules:
                end2 = self._modifiers(ws, end2, "inst")
            end = end2
        scope_end, place_level = self._scope(ws, end, depth)
        scoped = scope_end > end
        if "parent" in rules and scope_end + 1 < len(ws) and ws[scope_end].f == "," and depth == 0:
            o = self._org(ws, scope_end + 1, depth + 1)
            h3 = self.heads.match(ws, scope_end + 1)
            if o and h3 and o.level in ("central", "province") and h3[1].rules & {"cap", "alone"}:
                scope_end = o.end
        end = scope_end
        capital = ws[j].cap and not self._all_caps
        ok = ("alone" in rules or complement
              or ("cap" in rules and capital)
              or ("det" in rules and det in ("plural", "count"))
              or ("count" in rules and det == "count")
              or ("scoped" in rules and scoped)
              or (rules & {"cap", "capreq"} and ws[j].cap and scoped))
        if not ok:
            return None
        level = head.level
        if level == "local" or (level == "other" and place_level and rules & {"unit", "det"}):
            level = place_level or ("province" if level == "local" else level)
        return _Phrase(end, level, place_level)

    def _position(self, ws: List[_Word], i: int) -> Optional[Tuple[int, _Head]]:
        j, _ = self._det(ws, i)
        h = self.heads.match(ws, j)
        if h and h[1].kind == "position":
            return h[0], h[1]
        return None

    def _actor(self, ws: List[_Word], i: int) -> Optional[Tuple[int, str]]:
        """An actor starting at ``i``: (end, level)."""
        p = self._position(ws, i)
        if p:
            end, pos = p
            # coordinated office titles sharing one organisation:
            # "Hiệu trưởng, các phó hiệu trưởng, … các trường Mầm non"
            k = end
            while pos.level == "school" and k < len(ws) and ws[k].f in (",", "và"):
                q = self._position(ws, k + 1)
                if not q or q[1].level != "school":
                    break
                k = q[0]
                o = self._org(ws, k)
                if o:
                    return o.end, "school" if pos.level == "school" else o.level
            if "org" in pos.rules:
                o = self._org(ws, end)
                if o:
                    lv = o.level
                    if pos.level == "school" or (pos.level == "central" and o.level == "other"):
                        lv = pos.level
                    return o.end, lv
            if "unit" in pos.rules:
                u = self._modifiers(ws, end, "unit")
                if u > end:
                    s, lv = self._scope(ws, u, 0)
                    return s, lv or pos.level
            if "place" in pos.rules:
                pl = self._place(ws, end)
                if pl:
                    return pl[0], pl[1]
                if end < len(ws) and ws[end].f == "ngành":
                    return end + 1, "other"
            if "alone" in pos.rules:
                s, lv = self._scope(ws, end, 1)
                level = pos.level if pos.level != "local" else (lv or "province")
                return s, level
            return None
        o = self._org(ws, i)
        if o:
            return o.end, o.level
        return None

    # ------------------------------------------------------------------ exclusions

    def _title_regions(self, text: str) -> List[Tuple[int, int]]:
        """Character ranges of cited documents' titles (actors there are not labelled,
        §5.3); the issuer after "của" stays outside (§5.4)."""
        out = []
        for m in _DOC_REF.finditer(text):
            t = _TITLE_OPEN.match(text, m.end())
            if t:
                s = t.start("kw")
                e = _TITLE_END.search(text, t.end())
                out.append((s, e.start() if e else len(text)))
        for m in _NAMED_DOC.finditer(text):      # "Luật Tổ chức chính quyền địa phương"
            e = _NAMED_END.search(text, m.end())
            out.append((m.start("name"), e.start() if e else len(text)))
        for m in _QUOTE.finditer(text):          # chuyên đề “Xây dựng trường mầm non …”
            before = _fold(text[max(0, m.start() - 40):m.start()])
            if any(before.rstrip(" :").endswith(" ".join(c)) for c in self.lex["title_cue"].table):
                out.append((m.start(), m.end()))
        return out

    # ------------------------------------------------------------------ API

    def __call__(self, text: str, doc_date: Optional[str] = None,
                 tokens: Optional[Sequence[Token]] = None) -> List[Span]:
        if not text or not text.strip() or _NO_ACTOR_LINE.search(text):
            return []
        if tokens is None:
            from ..tokenize import word_tokenize
            tokens = word_tokenize(text)
        templates = [self._token_words(tok.text) for tok in tokens]
        openers = self._openers
        if not any(w[4] and (w[0] in openers or _NUMBER.match(w[0]))
                   for template, _ in templates for w in template):
            return []          # no word that can open an actor: nothing to parse
        letters = list(filter(str.isalpha, text))
        self._all_caps = bool(letters) and sum(map(str.isupper, letters)) > 0.8 * len(letters)
        ws = self._words(tokens, templates)
        titles = self._title_regions(text)
        spans: List[Span] = []
        i = 0
        while i < len(ws):
            w = ws[i]
            if not w.can_start or (w.f not in openers and not _NUMBER.match(w.f)):
                i += 1
                continue
            found = self._actor(ws, i)
            if not found:
                i += 1
                continue
            end, level = found
            # the span ends on a word, not a connector
            while end > i + 1 and ws[end - 1].f in (",", "và", "-", "–", "(", "hoặc", ":"):
                end -= 1
            s, e = ws[i].start, ws[end - 1].end
            if not any(a <= s < b for a, b in titles) and not self._letterhead(text, s, e, ws, i):
                spans.append(self._span(text, s, e, level))
            i = end
        return spans

    def _letterhead(self, text: str, s: int, e: int, ws: List[_Word], i: int) -> bool:
        """A line in capitals that is only an issuer ("ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA") or only
        a signer's title ("KT. GIÁM ĐỐC"): letterhead and signature, not content (§5.1)."""
        line = text.strip(" *")
        if line.isupper() and re.match(r"(?:KT|TM|TL|Q)\.\s", line):
            return True  # a signature block: "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"
        if _LETTER.search(text[e:]) or not text[s:e].isupper():
            return False
        before = text[:s].strip(" *")
        if before and before[-1] not in ".!?" and not re.fullmatch(r"(?:KT|TM|TL|Q|PHÓ)\.?", before):
            return False
        p = self._position(ws, i)
        return p is None or p[0] >= len([w for w in ws if w.end <= e])

    def canonical(self, written: str) -> str:
        """The canonical name: bracketed abbreviations dropped, abbreviations expanded, one
        tone-mark form ("Sở GD&ĐT Nghệ An" → "Sở Giáo dục và Đào tạo Nghệ An")."""
        out = re.sub(r"\s*\(\s*[^()\s]{1,12}(?:\s+[^()\s]{1,12})?\s*\)", "", written)

        def expand(m: "re.Match[str]") -> str:
            return self._abbr_written.get(_fold(m.group()).replace(" ", ""), m.group())

        out = self._abbr_rx.sub(expand, out)
        out = re.sub(r"\s*&\s*", " và ", out)
        out = re.sub(r"\s+", " ", out).strip()
        return normalize_str(out)

    def group(self, canonical: str) -> str:
        """The actor's grouping key, so that counts per actor group mean something.

        From the canonical name: lower case and one tone-mark form; bracketed parts,
        leading determiners and counts dropped ("các", "những", "toàn", "69", "53/63",
        "100%"); cut at the first restricting scope word ("trên địa bàn …",
        "trực thuộc …"), list comma or named place ("… Nghệ An"); a place word keeps
        its word and loses its name or list ("tỉnh Đồng Tháp" → "tỉnh", "các huyện,
        thị xã, thành phố" → "huyện"). The vocabularies are those of
        ``actor_scope.tsv`` and the administrative-unit gazetteer.

        >>> ex = ActorExtractor()
        >>> ex.group("Ủy ban nhân dân các huyện, thị xã, thành phố")
        'ủy ban nhân dân huyện'
        >>> ex.group("Sở Giáo dục và Đào tạo tỉnh An Giang"), ex.group("Sở Giáo dục và Đào tạo Nghệ An")
        ('sở giáo dục và đào tạo tỉnh', 'sở giáo dục và đào tạo')
        >>> ex.group("69 trường học trên địa bàn tỉnh"), ex.group("Các trường trung học cơ sở")
        ('trường học', 'trường trung học cơ sở')
        """
        ws = [w for w in _fold_words(re.sub(r"\([^()]*\)", " ", canonical)) if w not in ("(", ")")]
        i, out = 0, []
        while i < len(ws):                       # leading determiners and counts
            end = self.lex["det"].end_at(ws, i)
            if end:
                i = end
            elif _COUNT.match(ws[i]):
                i += 1
            else:
                break
        while i < len(ws):
            if ws[i] in (",", ";", ":", "-", "–") or self.lex["scope"].end_at(ws, i) \
                    or self.places.end_at(ws, i):
                break
            end = self.lex["place_type"].end_at(ws, i)
            if end:
                out.extend(ws[i:end])
                break
            end = self.lex["det"].end_at(ws, i)
            if end:
                i = end
                continue
            out.append(ws[i])
            i += 1
        return " ".join(out) or _fold(canonical)

    def _span(self, text: str, s: int, e: int, level: str) -> Span:
        if level not in LEVELS:
            level = "other"
        written = text[s:e]
        canonical = self.canonical(written)
        return Span(s, e, written, "ACTOR", canonical, {"level": level, "group": self.group(canonical)})


@lru_cache(maxsize=1)
def default_extractor() -> ActorExtractor:
    return ActorExtractor()


def extract_actors(text: str, doc_date: Optional[str] = None, tokens=None) -> List[Span]:
    """ACTOR spans of ``text`` with the packaged rules."""
    return default_extractor()(text, doc_date, tokens)
