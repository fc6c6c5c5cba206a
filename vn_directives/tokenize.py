"""Word segmentation with underthesea, tokens kept with offsets into the sentence.

underthesea returns words as strings ("giáo dục phổ thông"); this module
finds each word back in the sentence so every :class:`~vn_directives.records.Token`
has exact ``[start, end)`` offsets, whatever spacing the sentence has.

>>> [(t.text, t.start, t.end) for t in word_tokenize("Sở GDĐT  chỉ đạo.")]
[('Sở', 0, 2), ('GDĐT', 3, 7), ('chỉ đạo', 9, 16), ('.', 16, 17)]
"""
from __future__ import annotations

from functools import lru_cache
from typing import List

from .records import Token


@lru_cache(maxsize=1)
def _underthesea_word_tokenize():
    from underthesea import word_tokenize as wt
    return wt


def _syllables_at(text: str, pos: int, syllables: List[str]) -> int:
    """End offset of ``syllables`` matched in ``text`` from ``pos`` (whitespace between
    them may be any run), or -1."""
    for syl in syllables:
        # the common case, in C: the syllable is next, after nothing but whitespace
        at = text.find(syl, pos, pos + len(syl) + 256)
        if at >= 0 and (at == pos or text[pos:at].isspace()):
            pos = at + len(syl)
            continue
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text[pos:pos + len(syl)].casefold() == syl.casefold():
            pos += len(syl)
        else:
            return -1
    return pos


def word_tokenize(text: str) -> List[Token]:
    """Segment ``text`` into words with offsets (underthesea's CRF segmenter).

    The text is given as it is; underthesea's own token normaliser is switched
    off so that every word is a substring of ``text`` (the reader already put
    the text in one Unicode form).
    """
    if not text.strip():
        return []
    words = _underthesea_word_tokenize()(text, use_token_normalize=False)
    tokens: List[Token] = []
    pos = 0
    for w in words:
        end = _syllables_at(text, pos, w.split())
        if end < 0:   # should not happen; resynchronise on the next occurrence
            at = text.find(w.split()[0], pos)
            if at < 0:
                continue
            end = _syllables_at(text, at, w.split())
            if end < 0:
                continue
        start = pos
        while start < len(text) and text[start].isspace():
            start += 1
        tokens.append(Token(start, end, text[start:end]))
        pos = end
    return tokens
