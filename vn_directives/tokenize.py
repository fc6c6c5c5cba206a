"""Word segmentation with underthesea's model, tokens kept with offsets into the sentence.

The words are those of ``underthesea.word_tokenize`` (its regex tokenizer, its
CRF model and dictionary), computed by :class:`~vn_directives.wordseg.decoder.CRFWordSegmenter`,
which caches the weights of token windows and gives the same words three to
five times faster (``benchmarks/wordseg_speed.py``). Should the installed underthesea model ever not be readable that
way, underthesea's own function is used, with a warning; setting the environment
variable ``VN_DIRECTIVES_SEGMENTER=underthesea`` chooses it outright.

The cached decoder knows where each syllable it joined into a word stands in the
sentence, so every :class:`~vn_directives.records.Token` has exact ``[start, end)``
offsets whatever the spacing. underthesea's function returns words as strings
("giáo dục phổ thông"); with it (or when underthesea's character normalisation
would change the sentence) each word is found back in the sentence instead.

>>> [(t.text, t.start, t.end) for t in word_tokenize("Sở GDĐT  chỉ đạo.")]
[('Sở', 0, 2), ('GDĐT', 3, 7), ('chỉ đạo', 9, 16), ('.', 16, 17)]
"""
from __future__ import annotations

import os
import warnings
from functools import lru_cache
from typing import List, Tuple

from .records import Token


class _UndertheseaWords:
    """``underthesea.word_tokenize`` itself, words only (offsets are found back)."""

    def __init__(self):
        from underthesea import word_tokenize
        self.word_tokenize = word_tokenize

    def segment(self, text: str) -> Tuple[List[str], None]:
        return self.word_tokenize(text, use_token_normalize=False), None


@lru_cache(maxsize=1)
def _segmenter():
    """The word segmenter (see the module docstring): ``.segment(text)`` gives the words
    and, when it knows them, their offsets."""
    if os.environ.get("VN_DIRECTIVES_SEGMENTER", "").strip().lower() == "underthesea":
        return _UndertheseaWords()
    try:
        from .wordseg.decoder import CRFWordSegmenter
        return CRFWordSegmenter.load()
    except Exception as err:   # an underthesea release with another model layout
        warnings.warn(f"underthesea's word-segmentation model could not be read for the cached "
                      f"decoder ({err}); using underthesea.word_tokenize itself", RuntimeWarning)
        return _UndertheseaWords()


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
    the text in one Unicode form). The words are ``underthesea.word_tokenize(text,
    use_token_normalize=False)``.
    """
    if not text.strip():
        return []
    words, spans = _segmenter().segment(text)
    if spans is not None:    # the segmenter's own offsets
        return [Token(a, b, text[a:b]) for a, b in spans]
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
