"""One Unicode form: NFC, and one tone-mark convention per syllable.

"hoà"/"hòa", "thuý"/"thúy", "Uỷ"/"Ủy" become one form (the one underthesea's
token normaliser chooses: "hòa", "thúy", "Ủy"), decomposed input is composed.
The result is a :class:`~vn_directives.offsets.MappedText`, so positions in the
normalised text still point into the text as read.

>>> normalize("Uỷ ban, hoà nhập").text
'Ủy ban, hòa nhập'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..offsets import MappedText

_SYLLABLE = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _token_normalize():
    from underthesea.pipeline.text_normalize.token_normalize import token_normalize
    return token_normalize


@lru_cache(maxsize=65536)
def normalize_syllable(syl: str) -> str:
    """The tone-mark convention of underthesea's token normaliser for one syllable."""
    out = _token_normalize()(syl)
    return out if isinstance(out, str) and out else syl


def compose(text: str) -> MappedText:
    """NFC-compose ``text`` keeping a map to the input positions."""
    if unicodedata.is_normalized("NFC", text):
        return MappedText.identity(text)
    chars, starts, ends = [], [], []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        chars.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return MappedText("".join(chars), tuple(starts), tuple(ends))


def normalize(text: str) -> MappedText:
    """NFC + tone-mark convention, mapped to the positions of ``text``."""
    m = compose(text)
    out = m
    # most texts have no syllable to change: look at each distinct one first
    if not any(len(syl) <= 7 and not syl.isascii() and normalize_syllable(syl) != syl
               for syl in set(_SYLLABLE.findall(m.text))):
        return m
    # replace syllable by syllable from the right so earlier positions stay valid
    for match in reversed(list(_SYLLABLE.finditer(m.text))):
        syl = match.group()
        if len(syl) > 7 or syl.isascii():
            continue
        new = normalize_syllable(syl)
        if new != syl:
            out = out.replace_span(match.start(), match.end(), new)
    return out


def normalize_str(text: str) -> str:
    """:func:`normalize` without the offset map (for names, gazetteers, look-ups)."""
    return normalize(text).text
