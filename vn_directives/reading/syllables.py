"""Is this word a Vietnamese syllable? Evidence for choosing an encoding.

A syllable is onset + nucleus + coda (``resources/vi/syllables.tsv``) with at
most one tone mark, and a syllable closed by c, ch, p or t takes only the sắc
or nặng tone. :func:`syllable_score` counts, over the words of a text that
hold a non-ASCII character (the only words on which two decodings of the same
bytes can differ), how many are syllables: real Vietnamese scores near 1,
mojibake ("ChØ thÞ", "Chæ thò") near 0.

>>> is_syllable("nghiệp"), is_syllable("Quốc"), is_syllable("thÞ"), is_syllable("hòc")
(True, True, False, False)
>>> syllable_score("Chỉ thị về nhiệm vụ năm học")
(7, 7)
>>> syllable_score("ChØ thÞ vÒ nhiÖm vô n¨m häc")   # TCVN3 read as Latin: only "vÒ", "vô" pass
(2, 7)
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Tuple

from ..resources import read_tsv, resource_path

# combining tone marks: huyền, sắc, ngã, hỏi, nặng
_TONES = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}
_STOPPED = ("c", "ch", "p", "t")
# words: runs between whitespace and ASCII non-letters (legacy glyphs such as
# "¸" or "¶" stay inside the word they spoil); typographic punctuation trimmed
_SPLIT = re.compile(r"[\s\x00-\x40\x5b-\x60\x7b-\x7f]+")
_TRIM = "\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u00ab\u00bb\u00b7\u00a0"


@lru_cache(maxsize=1)
def _pattern() -> "re.Pattern":
    onsets, nuclei = [], []
    for row in read_tsv(resource_path("syllables.tsv")):
        if row["kind"] == "onset":
            onsets.append(re.escape(row["text"]))
        elif row["kind"] == "nucleus":
            codas = [c for c in (row.get("codas") or "").split() if c != "0"]
            tail = "(?:%s)?" % "|".join(sorted(map(re.escape, codas), key=len, reverse=True)) if codas else ""
            if "0" not in (row.get("codas") or "").split() and codas:
                tail = tail[:-1]   # a coda is required
            nuclei.append(re.escape(row["text"]) + tail)
    onset = "(?:%s)?" % "|".join(sorted(onsets, key=len, reverse=True))
    return re.compile(r"%s(?:%s)" % (onset, "|".join(nuclei)))


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True when ``word`` (any case, any tone-mark placement) is a Vietnamese syllable."""
    if not word or len(word) > 16:
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    if len(decomposed) > 10:
        return False
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    m = _pattern().fullmatch(bare)
    if m is None:
        return False
    if tones and _TONES[tones[0]] not in ("sac", "nang") and bare.endswith(_STOPPED):
        return False
    return True


def words(text: str):
    """The words of ``text`` that hold a non-ASCII character."""
    for w in _SPLIT.split(text):
        w = w.strip(_TRIM)
        if w and not w.isascii() and any(c.isalpha() for c in w):
            yield w


def syllable_score(text: str, limit: int = 20000) -> Tuple[int, int]:
    """``(syllables, words)`` over the first ``limit`` non-ASCII words of ``text``."""
    good = total = 0
    for w in words(text):
        total += 1
        good += is_syllable(w)
        if total >= limit:
            break
    return good, total
