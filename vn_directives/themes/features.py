"""Sentence + context → the feature table the theme model reads.

One row per sentence, with text columns (vectorised by TF-IDF inside the
model) and numeric cue columns:

==============  =============================================================
column          what
==============  =============================================================
``words``       the sentence's words from underthesea segmentation, lower-cased,
                syllables of a word joined by ``_`` ("giáo_viên")
``text``        the lower-cased sentence (syllable and character n-grams)
``heading``     words of the item headings the sentence stands under
``near``        words of the sentences before and after
``title``       words of the document's first sentences
``cue_<where>_<theme>``  guideline cue hits for each theme, where = ``sent``
                (the sentence), ``neg`` (its excluded look-alikes), ``head``,
                ``near``, ``title``, and ``doc`` (share of the document's
                sentences with a cue: "this document is about the epidemic")
``kind_header``, ``kind_heading``, ``short``, ``length``   the sentence's shape
==============  =============================================================

>>> from vn_directives.records import Sentence, Token
>>> s = Sentence("d:0", "d", "Bồi dưỡng giáo viên.",
...              tokens=[Token(0, 9, "Bồi dưỡng"), Token(10, 19, "giáo viên"), Token(19, 20, ".")])
>>> row = feature_rows([s])[0]
>>> row["words"], row["cue_sent_teacher_staffing"], row["cue_doc_teacher_staffing"]
('bồi_dưỡng giáo_viên', 1.0, 1.0)
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional, Sequence

from ..records import THEMES
from .context import sentence_contexts
from .cues import CueRules, fold

TEXT_COLUMNS = ("words", "text", "heading", "near", "title")
CUE_PLACES = ("sent", "neg", "head", "near", "title", "doc")
CUE_COLUMNS = tuple(f"cue_{p}_{t}" for p in CUE_PLACES for t in THEMES)
#: the sentence's shape: letterhead lines, headings and fragments rarely carry a theme
SHAPE_COLUMNS = ("kind_header", "kind_heading", "short", "length")

_CUES: Optional[CueRules] = None


def default_cues() -> CueRules:
    global _CUES
    if _CUES is None:
        _CUES = CueRules()
    return _CUES


@lru_cache(maxsize=1 << 16)
def _word_form(token: str) -> str:
    """A token as a feature word: folded, syllables joined by ``_``; "" for punctuation."""
    w = fold(token).strip()
    return "_".join(w.split()) if any(ch.isalnum() for ch in w) else ""


def sentence_words(sentence) -> str:
    """The sentence's word tokens as one string ("giáo_viên tiểu_học"), punctuation left out."""
    toks = [t.text for t in getattr(sentence, "tokens", None) or []]
    if not toks:  # not tokenized: fall back to syllables
        toks = sentence.text.split()
    return " ".join(w for w in map(_word_form, toks) if w)


def _squash(n: float) -> float:
    """Hit counts to [0, 1]: one hit is strong evidence, more adds little."""
    return min(float(n), 2.0) / 2.0


def feature_rows(sentences: Sequence, cues: Optional[CueRules] = None) -> List[Dict[str, Any]]:
    """Feature rows for the sentences of ONE document, in reading order."""
    cues = cues or default_cues()
    words = [sentence_words(s) for s in sentences]
    both = [cues.counts(s.text) for s in sentences]
    pos = [c["+"] for c in both]
    neg = [c["-"] for c in both]
    n = max(len(sentences), 1)
    doc_share = {t: sum(1 for p in pos if p[t]) / n for t in THEMES}
    rows = []
    for i, (s, ctx) in enumerate(zip(sentences, sentence_contexts(sentences))):
        near = [j for j in (ctx.prev, ctx.next) if j is not None]
        row: Dict[str, Any] = {
            "words": words[i],
            "text": fold(s.text),
            "heading": " ".join(["<ctx>"] + [words[j] for j in ctx.headings]),
            "near": " ".join(["<ctx>"] + [words[j] for j in near]),
            "title": " ".join(["<ctx>"] + [words[j] for j in ctx.title if j != i]),
        }
        for t in THEMES:
            row[f"cue_sent_{t}"] = _squash(pos[i][t])
            row[f"cue_neg_{t}"] = _squash(neg[i][t])
            row[f"cue_head_{t}"] = _squash(sum(pos[j][t] for j in ctx.headings))
            row[f"cue_near_{t}"] = _squash(sum(pos[j][t] for j in near))
            row[f"cue_title_{t}"] = _squash(sum(pos[j][t] for j in ctx.title if j != i))
            row[f"cue_doc_{t}"] = doc_share[t]
        n_words = len(words[i].split())
        kind = getattr(s, "kind", "sentence")
        row["kind_header"] = float(kind == "header")
        row["kind_heading"] = float(kind == "heading")
        row["short"] = float(n_words <= 4)
        row["length"] = min(n_words, 40) / 40
        rows.append(row)
    return rows


def feature_frame(documents: Sequence[Sequence], cues: Optional[CueRules] = None):
    """A pandas DataFrame of :func:`feature_rows` over several documents."""
    import pandas as pd
    rows: List[Dict[str, Any]] = []
    for sents in documents:
        rows.extend(feature_rows(sents, cues))
    return pd.DataFrame(rows, columns=list(TEXT_COLUMNS) + list(CUE_COLUMNS) + list(SHAPE_COLUMNS))


#: the feature sets compared when choosing the model (see train.compare)
FEATURE_SETS = {
    "words": ("words",),
    "syllables": ("syllables",),
    "chars": ("chars",),
    "words+chars": ("words", "chars"),
    "words+syllables+chars": ("words", "syllables", "chars"),
    "words+chars+cues": ("words", "chars", "cues"),
    "words+chars+cues+context": ("words", "chars", "cues", "context"),
    "words+syllables+chars+cues+context": ("words", "syllables", "chars", "cues", "context"),
}


def make_vectorizer(parts: Sequence[str], context_weight: float = 0.5, cue_weight: float = 1.0):
    """A ColumnTransformer turning a :func:`feature_frame` into a sparse matrix.

    ``parts`` picks from ``words`` (word 1-2-grams), ``syllables`` (syllable
    1-2-grams), ``chars`` (character 2-5-grams within words), ``cues`` (the
    cue columns) and ``context`` (words of the heading, neighbours and title,
    each its own vocabulary, weighted by ``context_weight``).
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer

    def words_tfidf(ngrams=(1, 2), min_df=1):
        return TfidfVectorizer(token_pattern=r"[^ ]+", lowercase=False, ngram_range=ngrams,
                               min_df=min_df, sublinear_tf=True)

    tr, weights = [], {}
    if "words" in parts:
        tr.append(("words", words_tfidf(), "words"))
    if "syllables" in parts:
        tr.append(("syllables", TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", lowercase=False,
                                                ngram_range=(1, 2), sublinear_tf=True), "text"))
    if "chars" in parts:
        tr.append(("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=False,
                                            min_df=2, sublinear_tf=True, max_features=60000), "text"))
    if "context" in parts:
        for col in ("heading", "near", "title"):
            tr.append((col, words_tfidf((1, 1), min_df=2), col))
            weights[col] = context_weight
    if "cues" in parts:
        tr.append(("cues", "passthrough", list(CUE_COLUMNS) + list(SHAPE_COLUMNS)))
        weights["cues"] = cue_weight
    if not tr:
        raise ValueError(f"no known feature part in {parts!r}")
    return ColumnTransformer(tr, transformer_weights=weights or None, sparse_threshold=1.0)
