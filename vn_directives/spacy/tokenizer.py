"""A spaCy tokenizer that segments Vietnamese words with underthesea.

Registered as ``vn_directives.Tokenizer.v1`` (also a ``spacy_tokenizers``
entry point, so a saved pipeline finds it without importing this package)::

    [nlp.tokenizer]
    @tokenizers = "vn_directives.Tokenizer.v1"

The text is read the way the project reads it (cleaning, segmentation into
directive sentences), each sentence is word-segmented, and every word is
mapped back onto the text, so

* a multi-syllable word is one token ("Chủ động", "giáo dục phổ thông");
* ``doc.text`` is the input, character for character: runs of spaces,
  newlines and tabs are kept (as ``token.whitespace_`` or whitespace tokens);
* a word the cleaner rejoined across a hard wrap is one token whose text keeps
  the newline ("An\\nGiang"); ``token.norm_`` is then the word as read ("an giang");
* text the cleaner drops (page furniture, rule lines) is tokenized too.

The words are exactly the project's ``Sentence.tokens``, so the components
reuse them instead of running underthesea again.

>>> import spacy
>>> nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "vn_directives.Tokenizer.v1"}}})
>>> doc = nlp("Sở GDĐT  chỉ đạo\\ncác trường.")
>>> [t.text for t in doc]
['Sở', 'GDĐT', ' ', 'chỉ đạo', '\\n', 'các', 'trường', '.']
>>> doc.text == "Sở GDĐT  chỉ đạo\\ncác trường."
True
"""
from __future__ import annotations

import re
from typing import Callable, List, Optional, Tuple

from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry
from spacy.vocab import Vocab

from .analysis import analyse

_NON_SPACE = re.compile(r"\S+")
_LINE = re.compile(r"[^\n]+")
Piece = Tuple[int, int, Optional[str]]


class DirectiveTokenizer(DummyTokenizer):
    """Text → Doc with underthesea words; see the module docstring."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __reduce__(self):
        return (DirectiveTokenizer, (self.vocab,))

    def __call__(self, text: str) -> Doc:
        from ..reading.decode import replace_unencodable
        # spaCy's string store cannot hold a lone surrogate: it becomes U+FFFD (one for one),
        # the only case where doc.text differs from the input
        text = replace_unencodable(text)[0]
        analysis = analyse(text).ensure_tokens()
        found = []
        for unit in analysis.units:
            for tok in unit.tokens or ():
                if tok.end > tok.start:
                    found.append((*unit.original(tok.start, tok.end), tok.text))
        words, spaces, norms = words_and_spaces(text, cover(text, found))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token, word, norm in zip(doc, words, norms):
            if norm is not None and norm != word:
                token.norm_ = norm.lower()
        return doc


def cover(text: str, words: List[Piece]) -> List[Piece]:
    """Non-overlapping ``(start, end, norm)`` pieces, in order, covering every
    non-space character of ``text``: the given words (a word overlapping an
    earlier one is left out) and, between them, the rest word-segmented line
    by line (norm ``None``).

    >>> cover("a bc  d", [(2, 4, "bc")])
    [(0, 1, None), (2, 4, 'bc'), (6, 7, None)]
    """
    kept: List[Piece] = []
    pos = 0
    for start, end, norm in sorted(words, key=lambda w: (w[0], -w[1])):
        if start < pos or end <= start:
            continue
        kept.extend(_gap_words(text, pos, start))
        kept.append((start, end, norm))
        pos = end
    kept.extend(_gap_words(text, pos, len(text)))
    return kept


def _gap_words(text: str, start: int, end: int) -> List[Piece]:
    """Words of text that no sentence covers (dropped furniture): underthesea
    line by line; anything it leaves out is split on whitespace."""
    out: List[Piece] = []
    if start >= end or text[start:end].isspace():
        return out
    from ..tokenize import word_tokenize
    for line in _LINE.finditer(text, start, end):
        pos = line.start()
        for tok in word_tokenize(line.group()):
            s, e = line.start() + tok.start, line.start() + tok.end
            if s < pos:
                continue
            out.extend(_split(text, pos, s))
            out.append((s, e, None))
            pos = e
        out.extend(_split(text, pos, line.end()))
    return out


def _split(text: str, start: int, end: int) -> List[Piece]:
    return [(m.start(), m.end(), None) for m in _NON_SPACE.finditer(text, start, end)]


def words_and_spaces(text: str, pieces: List[Piece]) -> Tuple[List[str], List[bool], List[Optional[str]]]:
    """spaCy's ``words`` and ``spaces`` (and each word's norm) for ordered,
    non-overlapping pieces: one space after a word is its ``whitespace_``; any
    other whitespace becomes a token of its own.

    >>> words_and_spaces("a  b\\n", [(0, 1, None), (3, 4, "B")])
    (['a', ' ', 'b', '\\n'], [True, False, False, False], [None, None, 'B', None])
    """
    words: List[str] = []
    spaces: List[bool] = []
    norms: List[Optional[str]] = []

    def gap(between: str) -> None:
        if words and between[:1] == " ":
            spaces[-1] = True
            between = between[1:]
        if between:
            words.append(between)
            spaces.append(False)
            norms.append(None)

    pos = 0
    for start, end, norm in pieces:
        gap(text[pos:start])
        words.append(text[start:end])
        spaces.append(False)
        norms.append(norm)
        pos = end
    gap(text[pos:])
    return words, spaces, norms


@registry.tokenizers("vn_directives.Tokenizer.v1")
def create_tokenizer() -> Callable[["object"], DirectiveTokenizer]:
    """The registered tokenizer factory (``nlp`` → :class:`DirectiveTokenizer`).

    >>> import spacy
    >>> create_tokenizer()(spacy.blank("xx")).__class__.__name__
    'DirectiveTokenizer'
    """
    def make(nlp) -> DirectiveTokenizer:
        return DirectiveTokenizer(nlp.vocab)
    return make
