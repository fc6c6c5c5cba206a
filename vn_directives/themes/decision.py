"""The fitted model's linear scores, computed for tagging without scikit-learn's
per-call overhead.

Training and explanations use the fitted ``ColumnTransformer`` of TF-IDF
vectorizers as scikit-learn built it. Tagging one document at a time spends
most of its time in scikit-learn's input checks and in re-analysing the same
words: :class:`LinearScorer` reads the *fitted* vocabularies, idf weights and
coefficients once and computes the same matrix product with

* the word n-grams scikit-learn's analyzer gives (:class:`WordAnalyzer`), and
  for ``char_wb`` blocks the n-grams of each word cached by word (a word's
  character n-grams never depend on its neighbours);
* the same sublinear tf, idf weighting and l2 normalisation as
  ``TfidfVectorizer.transform``.

``tests/themes/test_decision.py`` checks that it equals
``ColumnTransformer.transform(...) @ coef`` on real and random text.

>>> from vn_directives.records import Sentence
>>> from vn_directives.themes.features import feature_rows
>>> from vn_directives.themes.model import ThemeModel, bundled_model_dir
>>> model = ThemeModel.load(bundled_model_dir())
>>> rows = feature_rows([Sentence("d:0", "d", "Thực hiện nghiêm phòng, chống dịch COVID-19.")])
>>> LinearScorer.from_model(model).decision(rows).shape     # one row, one column per theme
(1, 5)
"""
from __future__ import annotations

import itertools
from typing import Any, Dict, List, Sequence


class WordAnalyzer:
    """The terms scikit-learn's ``TfidfVectorizer(analyzer="word")`` gives a text, for the
    settings the theme models use (no stop words, no custom preprocessor or tokenizer):
    the text lowercased if asked, the matches of ``token_pattern``, then every n-gram of
    ``ngram_range`` as those tokens joined by a space. ``tests/themes/test_decision.py``
    compares it with ``build_analyzer()``.

    >>> WordAnalyzer(r"[^ ]+", (1, 2), lowercase=False)("giáo_viên tiểu_học dạy")
    ['giáo_viên', 'tiểu_học', 'dạy', 'giáo_viên tiểu_học', 'tiểu_học dạy']
    """

    def __init__(self, token_pattern: str, ngram_range: Sequence[int], lowercase: bool):
        import re
        self.token_pattern, self.ngram_range, self.lowercase = token_pattern, tuple(ngram_range), bool(lowercase)
        self._rx = re.compile(token_pattern)
        if self._rx.groups > 1:
            raise ValueError(f"token_pattern {token_pattern!r} has more than one group")

    def __call__(self, text: str) -> List[str]:
        tokens = self._rx.findall(text.lower() if self.lowercase else text)
        lo, hi = self.ngram_range
        terms = list(tokens) if lo <= 1 else []
        for n in range(max(lo, 2), hi + 1):
            terms.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
        return terms


class _TfidfBlock:
    """One fitted TF-IDF vectorizer applied to one text column: its vocabulary, idf
    weights and settings, from scikit-learn's object or from a scorer file."""

    def __init__(self, column: str, weight: float, terms: Sequence[str], idf, sublinear: bool,
                 norm, analyzer: str, ngram_range: Sequence[int], token_pattern: str = "",
                 lowercase: bool = False):
        import numpy as np
        if norm not in ("l2", None):
            raise ValueError(f"unsupported TF-IDF settings for column {column!r} (norm l2 or none, counts)")
        if analyzer not in ("word", "char_wb"):
            raise ValueError(f"unsupported analyzer {analyzer!r} for column {column!r}")
        self.column = column
        self.terms = list(terms)
        self.vocab: Dict[str, int] = {t: i for i, t in enumerate(self.terms)}
        self.size = len(self.vocab)
        self.idf = np.asarray(idf, dtype=float) if idf is not None else None
        self.sublinear = bool(sublinear)
        self.norm = norm
        self.weight = float(weight)
        self.char_wb = analyzer == "char_wb"
        self.ngram_range = tuple(ngram_range)
        if self.char_wb:
            if lowercase:
                raise ValueError("the char_wb fast path expects lowercase=False")
            self._word_cache: Dict[str, bytes] = {}
        else:
            self.analyze = WordAnalyzer(token_pattern, ngram_range, lowercase)
        self._settings = {"analyzer": analyzer, "token_pattern": token_pattern, "lowercase": bool(lowercase)}

    @classmethod
    def from_vectorizer(cls, tfidf, column: str, weight: float) -> "_TfidfBlock":
        """From a fitted ``TfidfVectorizer`` (refusing settings this module does not reproduce)."""
        if tfidf.binary or tfidf.strip_accents or tfidf.preprocessor or tfidf.tokenizer or \
                tfidf.stop_words is not None or tfidf.analyzer not in ("word", "char_wb"):
            raise ValueError(f"unsupported TF-IDF settings for column {column!r}")
        terms = [None] * len(tfidf.vocabulary_)
        for term, i in tfidf.vocabulary_.items():
            terms[i] = term
        return cls(column, weight, terms, tfidf.idf_ if tfidf.use_idf else None, tfidf.sublinear_tf,
                   tfidf.norm, tfidf.analyzer, tfidf.ngram_range,
                   tfidf.token_pattern if tfidf.analyzer == "word" else "", tfidf.lowercase)

    def to_dict(self) -> Dict[str, Any]:
        return {"kind": "tfidf", "column": self.column, "weight": self.weight, "terms": self.terms,
                "idf": None if self.idf is None else self.idf.tolist(), "sublinear": self.sublinear,
                "norm": self.norm, "ngram_range": list(self.ngram_range), **self._settings}

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "_TfidfBlock":
        return cls(d["column"], d["weight"], d["terms"], d["idf"], d["sublinear"], d["norm"],
                   d["analyzer"], d["ngram_range"], d.get("token_pattern", ""), d.get("lowercase", False))

    def _word_ngrams(self, word: str) -> bytes:
        """Vocabulary indices of one word's padded character n-grams (as ``_char_wb_ngrams``),
        as the bytes of an int64 array: a text's indices are its words' bytes joined."""
        ids = self._word_cache.get(word)
        if ids is None:
            import numpy as np
            lo, hi = self.ngram_range
            w = f" {word} "
            grams = []
            for n in range(lo, hi + 1):
                offset = 0
                grams.append(w[offset:offset + n])
                while offset + n < len(w):
                    offset += 1
                    grams.append(w[offset:offset + n])
                if offset == 0:  # the word is shorter than n
                    break
            ids = np.array([self.vocab[g] for g in grams if g in self.vocab], dtype=np.int64).tobytes()
            if len(self._word_cache) > 200_000:
                self._word_cache.clear()
            self._word_cache[word] = ids
        return ids

    def _ids(self, text: str):
        """The vocabulary indices of a text's terms: a list, or int64 bytes for ``char_wb``."""
        if self.char_wb:   # words split on any run of whitespace, as sklearn's char_wb
            return b"".join(map(self._word_ngrams, text.split()))
        vocab = self.vocab
        return [vocab[t] for t in self.analyze(text) if t in vocab]

    def product(self, texts: Sequence[str], W):
        """``tfidf(texts) @ W`` (rows of ``W`` in vocabulary order), equal to
        ``transform(texts) @ W`` of the vectorizer, without building a sparse matrix."""
        import numpy as np
        uniq = {v: k for k, v in enumerate(dict.fromkeys(texts))}   # context strings repeat
        found = [self._ids(text) for text in uniq]
        if self.char_wb:
            lengths = [len(f) // 8 for f in found]
        else:
            lengths = [len(f) for f in found]
        total = sum(lengths)
        out = np.zeros((len(uniq), W.shape[1]))
        if total:
            if self.char_wb:
                ids = np.frombuffer(b"".join(found), dtype=np.int64)
            else:
                ids = np.fromiter(itertools.chain.from_iterable(found), dtype=np.int64, count=total)
            rows = np.repeat(np.arange(len(uniq), dtype=np.int64), lengths)
            # term counts per (text, term), sorted by text
            keys, counts = np.unique(rows * self.size + ids, return_counts=True)
            r, cols = np.divmod(keys, self.size)
            vals = counts.astype(float)
            if self.sublinear:
                vals = np.log(vals) + 1.0
            if self.idf is not None:
                vals = vals * self.idf[cols]
            if self.norm == "l2":
                norms = np.sqrt(np.bincount(r, weights=vals * vals, minlength=len(uniq)))
                norms[norms == 0] = 1.0
                vals = vals / norms[r]
            # the rows of one text are contiguous: one reduceat sums each text's contributions
            first = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
            out[r[first]] = np.add.reduceat(vals[:, None] * W[cols], first, axis=0)
        return out[[uniq[t] for t in texts]] if len(uniq) != len(texts) else out


class LinearScorer:
    """Linear decision values (n_sentences × n_themes) from feature rows."""

    def __init__(self, blocks: List[Any], W, b):
        self.blocks = blocks      # _TfidfBlock, or (columns, weight) for numeric pass-through
        self.W = W                # one column per theme, rows in the vectorizer's feature order
        self.b = b

    @classmethod
    def from_model(cls, model) -> "LinearScorer":
        import numpy as np
        vec = model.vectorizer
        weights = vec.transformer_weights or {}
        blocks: List[Any] = []
        for name, tr, cols in vec.transformers_:
            if tr == "drop" or name == "remainder":
                continue
            w = weights.get(name, 1.0)
            if isinstance(cols, list):
                blocks.append((list(cols), float(w)))
            else:
                blocks.append(_TfidfBlock.from_vectorizer(tr, cols, w))
        W = np.column_stack([np.asarray(c.coef_, dtype=float).ravel() for c in model.classifiers])
        b = np.array([float(np.ravel(c.intercept_)[0]) for c in model.classifiers])
        n = sum(blk.size if isinstance(blk, _TfidfBlock) else len(blk[0]) for blk in blocks)
        if n != W.shape[0]:
            raise ValueError(f"the vectorizer gives {n} features, the classifiers expect {W.shape[0]}")
        return cls(blocks, W, b)

    def decision(self, rows: List[Dict[str, Any]]):
        import numpy as np
        out = np.tile(self.b, (len(rows), 1))
        at = 0
        for blk in self.blocks:
            if isinstance(blk, _TfidfBlock):
                out += blk.weight * blk.product([r[blk.column] for r in rows], self.W[at:at + blk.size])
                at += blk.size
            else:
                cols, w = blk
                X = np.array([[float(r[c]) for c in cols] for r in rows], dtype=float).reshape(len(rows), len(cols))
                out += w * (X @ self.W[at:at + len(cols)])
                at += len(cols)
        return out
