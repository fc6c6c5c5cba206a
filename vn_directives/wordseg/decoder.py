"""underthesea's word-segmentation CRF, decoded with window scores cached.

``underthesea.word_tokenize`` splits a sentence into syllable tokens (its regex
tokenizer), writes 43 attribute strings per token (``T[-1]=giáo``,
``T[0,1].is_in_dict=True``, …; its ``CRFFeaturizer``) and hands them to its CRF
tagger, which sums the weights of those attributes and runs Viterbi over the two
labels B-W / I-W. Building and passing ~40 strings per token is most of its time.

Every one of those attributes reads a *window* of one, two or three consecutive
tokens at a fixed offset from the current one, so its weight depends only on the
window's tokens and the offset. :class:`CRFWordSegmenter` therefore

1. tokenizes with underthesea's own regex and character normalisation
   (:func:`syllables`);
2. describes each token not seen yet with underthesea's own ``CRFFeaturizer``
   (its lowercasing, ``istitle``, ``isdigit`` and dictionary test), and composes
   the values of two- and three-token windows from them as underthesea_core does
   (joined with a space; see ``_window_values``);
3. weighs each window once, with the model's weights inverted by attribute
   value (one lookup per function), and keeps the result as a row of a numpy
   table per window length (emptied when full, ``max_cache`` rows);
4. adds up the window scores of each position (numpy) and runs the tagger's
   Viterbi with the model's exact weights (:mod:`.crfsuite_file`).

The words are the ones ``underthesea.word_tokenize(text, use_token_normalize=False)``
returns: ``tests/wordseg/test_decoder.py`` compares the attribute values, the
scores and the words with underthesea's on every bundled line and on random text.

>>> from underthesea import word_tokenize
>>> seg = CRFWordSegmenter.load()
>>> text = "Sở Giáo dục và Đào tạo chỉ đạo các trường học."
>>> seg.words(text)
['Sở', 'Giáo dục và Đào tạo', 'chỉ đạo', 'các', 'trường học', '.']
>>> seg.words(text) == word_tokenize(text, use_token_normalize=False)
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from .crfsuite_file import CRFWeights, read_crfsuite, underthesea_model_dir

_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](\.\w+)?")
_BOS, _EOS = "BOS", "EOS"          # the featurizer's values outside the sentence


def _syllable_spans(text: str) -> Tuple[str, List[Tuple[int, int]]]:
    """underthesea's normalised text and the ``[start, end)`` of each regex token in it."""
    from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text
    from underthesea.pipeline.word_tokenize import regex_tokenize
    norm = normalize_characters_in_text(text)
    return norm, [m.span() for m in regex_tokenize.patterns.finditer(norm)]


def syllables(text: str) -> List[str]:
    """underthesea's regex tokens of ``text`` (its ``tokenize(text, use_token_normalize=False)``).

    The same character normalisation and the same compiled pattern, read from
    underthesea's module at each call as its own function does; only its per-match
    lookup of which named group matched is skipped (every alternative of the
    pattern is one named group spanning the whole match, so the token is the match).
    """
    norm, spans = _syllable_spans(text)
    return [norm[a:b] for a, b in spans]


def _load_pickle(path: Path):
    """One of underthesea's own model files (written by ``joblib.dump``): read with the
    C unpickler when it is a plain pickle (five times faster than joblib's pure-Python
    one for the 72,000-word dictionary), with joblib otherwise."""
    import pickle
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (pickle.UnpicklingError, ValueError, EOFError, AttributeError, ImportError):
        import joblib
        return joblib.load(path)


class UnsupportedModel(ValueError):
    """The installed underthesea model has templates this decoder cannot split into windows."""


@dataclass
class _Length:
    """The templates that read windows of one length ``n``, and their weights.

    ``weights[fn][value]`` is the flattened ``[offset][label]`` row of the weights
    of every template of function ``fn`` (``""`` for the text itself) whose
    attribute has that value, e.g. for two-token windows
    ``weights[".lower"]["giáo dục"]`` gathers ``T[-2,-1].lower=giáo dục``,
    ``T[-1,0].lower=giáo dục``, … — the model inverted by value, so a window costs
    one lookup per function.
    """
    n: int
    offsets: Tuple[int, ...]                    # window starts relative to the token
    reference: Dict[str, str]                   # function suffix → its template at offset 0
    weights: Dict[str, Dict[str, Tuple[float, ...]]]
    sentinel: Dict[str, Tuple[float, ...]]      # "BOS"/"EOS" → the row of a window outside the sentence

    def base(self, values: Dict[str, str]) -> Tuple[float, ...]:
        """The summed weights of the functions with few values (kept per combination)."""
        key = tuple(values[fn] for fn in self.few)
        base = self._bases.get(key)
        if base is None:
            base = self._bases[key] = self._sum([self.weights[fn].get(v) for fn, v in zip(self.few, key)])
        return base

    def row(self, values: Dict[str, str]) -> Tuple[float, ...]:
        """The summed weights of a window whose attributes have these values.

        The functions with few values (``istitle``, ``is_in_dict``: True / False)
        give a base row kept per combination; the text and its lowercase, mostly
        absent from the model, are added when present.
        """
        extra = [r for fn in self.many if (r := self.weights[fn].get(values[fn])) is not None]
        base = self.base(values)
        return self._sum([base] + extra) if extra else base

    def window_row(self, text: str, lower: str, title: str, in_dict: str) -> Tuple[float, ...]:
        """:meth:`row` of a window of several tokens, from its four values (the hot path)."""
        base = self._window_bases.get((title, in_dict))
        if base is None:
            base = self._window_bases[(title, in_dict)] = self.base(
                {".istitle": title, ".is_in_dict": in_dict, ".isdigit": "False"})
        r1 = self._text.get(text)
        r2 = self._lower.get(lower)
        if r1 is None and r2 is None:
            return base
        return self._sum([base, r1, r2])

    def _sum(self, rows) -> Tuple[float, ...]:
        rows = [r for r in rows if r is not None]
        if not rows:
            return (0.0,) * (2 * len(self.offsets))
        return tuple(map(sum, zip(*rows)))

    def split_functions(self) -> None:
        """Sort the functions into those with few values and the others (after loading)."""
        self.few = tuple(fn for fn, t in self.weights.items() if len(t) <= 8)
        self.many = tuple(fn for fn in self.weights if fn not in self.few)
        self._bases: Dict[Tuple[str, ...], Tuple[float, ...]] = {}
        self._window_bases: Dict[Tuple[str, str], Tuple[float, ...]] = {}
        self._text = self.weights.get("", {})
        self._lower = self.weights.get(".lower", {})
        if self.n > 1 and not (set(self.few) <= {".istitle", ".is_in_dict", ".isdigit"}
                               and set(self.many) <= {"", ".lower"}):
            raise UnsupportedModel(f"windows of {self.n} tokens use functions {sorted(self.weights)}")


def _template_lengths(templates: Sequence[str], weights: CRFWeights) -> List[_Length]:
    spans: Dict[int, Dict[int, List[Tuple[str, str]]]] = {}
    for t in templates:
        m = _TEMPLATE.fullmatch(t)
        if not m:
            raise UnsupportedModel(f"feature template {t!r} is not T[i], T[i,j] or with .function")
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) is not None else a
        if b < a or not -2 <= a <= b <= 2:
            raise UnsupportedModel(f"feature template {t!r} reads beyond two tokens either side")
        spans.setdefault(b - a + 1, {}).setdefault(a, []).append((t, m.group(3) or ""))
    out: List[_Length] = []
    where: Dict[str, Tuple[_Length, int, str]] = {}     # template → its length, column, function
    for n, by_offset in sorted(spans.items()):
        offsets = tuple(sorted(by_offset))
        ref_base = "T[0]" if n == 1 else f"T[0,{n - 1}]"
        length = _Length(n, offsets, {}, {}, {})
        for col, a in enumerate(offsets):
            for name, fn in by_offset[a]:
                where[name] = (length, col, fn)
                length.reference[fn] = ref_base + fn
                length.weights.setdefault(fn, {})
        if not set(length.reference.values()) <= set(templates):
            missing = sorted(set(length.reference.values()) - set(templates))
            raise UnsupportedModel(f"templates {missing} are needed to describe windows of {n} tokens")
        out.append(length)
    rows: Dict[Tuple[int, str, str], List[float]] = {}
    for attribute, w in weights.state.items():
        name, _, value = attribute.partition("=")
        if name not in where:
            raise UnsupportedModel(f"the model weighs an attribute of no template: {attribute!r}")
        length, col, fn = where[name]
        row = rows.setdefault((length.n, fn, value), [0.0] * (2 * len(length.offsets)))
        row[2 * col] += w[0]
        row[2 * col + 1] += w[1]
    by_n = {length.n: length for length in out}
    for (n, fn, value), row in rows.items():
        by_n[n].weights[fn][value] = tuple(row)
    for length in out:
        length.split_functions()
        for value in (_BOS, _EOS):
            length.sentinel[value] = length.row({fn: value for fn in length.weights})
    return out


class _WindowTable:
    """Weighed windows of one length: ``index[window]`` is the window's row in ``rows``
    (rows 0 and 1: a window starting before / ending after the sentence)."""

    def __init__(self, length: _Length, capacity: int, np):
        self.np = np
        self.capacity = capacity
        self.index: Dict[Tuple[str, ...], int] = {}
        self.rows = np.zeros((capacity + 2, 2 * len(length.offsets)))
        self.rows[0], self.rows[1] = length.sentinel[_BOS], length.sentinel[_EOS]
        self.next = 2

    def clear(self) -> None:
        self.index.clear()
        self.next = 2

    def add(self, windows: List[Tuple[str, ...]], rows: List[Tuple[float, ...]]) -> None:
        k, m = self.next, len(windows)
        if k + m > len(self.rows):     # one sentence with more distinct windows than the table
            self.rows = self.np.vstack([self.rows, self.np.zeros((k + m - len(self.rows), self.rows.shape[1]))])
        self.rows[k:k + m] = rows
        self.index.update(zip(windows, range(k, k + m)))
        self.next = k + m


class CRFWordSegmenter:
    """Words of a sentence, as underthesea's word segmenter gives them, faster.

    ``max_cache`` bounds each window cache (entries); a full cache is emptied.
    """

    def __init__(self, weights: CRFWeights, templates: Sequence[str], dictionary, featurizer_class,
                 max_cache: int = 50_000):
        import numpy as np
        self._np = np
        if len(weights.labels) != 2 or set(weights.labels) != {"B-W", "I-W"}:
            raise UnsupportedModel(f"expected the labels B-W and I-W, found {weights.labels}")
        self.weights = weights
        self.lengths = _template_lengths(templates, weights)
        if self.lengths[0].n != 1:
            raise UnsupportedModel("the model has no single-token templates")
        # a featurizer of the single-token templates at offset 0 ("T[0]", "T[0].lower", …):
        # underthesea_core's code describing one token, five strings instead of 43
        self._featurizer = featurizer_class(sorted(self.lengths[0].reference.values()), dictionary)
        self._dictionary = dictionary
        self._desc: Dict[str, Dict[str, str]] = {}
        self._offset0 = {ref: fn for fn, ref in self.lengths[0].reference.items()}   # "T[0].lower" → ".lower"
        self._inside = weights.labels.index("I-W")
        self._trans = weights.transitions
        self.max_cache = max_cache
        self._tables = [_WindowTable(length, max_cache, np) for length in self.lengths]
        self._gathers: Dict[int, tuple] = {}

    @classmethod
    def load(cls, model_dir: Optional[Path] = None, max_cache: int = 50_000) -> "CRFWordSegmenter":
        """The segmenter of the model installed with underthesea (or the one in ``model_dir``)."""
        from underthesea_core import CRFFeaturizer
        model_dir = Path(model_dir) if model_dir else underthesea_model_dir()
        templates = _load_pickle(model_dir / "features.bin")
        dictionary = _load_pickle(model_dir / "dictionary.bin")
        weights = read_crfsuite(model_dir / "models.bin")
        return cls(weights, templates, dictionary, CRFFeaturizer, max_cache=max_cache)

    def clear_caches(self) -> None:
        """Forget every window seen so far (benchmarks start cold with it)."""
        for table in self._tables:
            table.clear()
        self._desc.clear()

    # -- scores -----------------------------------------------------------------------
    def _describe_tokens(self, tokens) -> None:
        """Make sure each token's attribute values are known, as underthesea's featurizer writes them."""
        new = [t for t in set(tokens) if t not in self._desc]
        if not new:
            return
        if len(self._desc) + len(new) > self.max_cache:
            self._desc.clear()
            new = list(set(tokens))
        for token, features in zip(new, self._featurizer.process([[[t]] for t in new])):
            values = {}
            for f in features[0]:
                name, _, value = f.partition("=")
                fn = self._offset0.get(name)
                if fn is not None:
                    values[fn] = value
            self._desc[token] = values

    def _window_values(self, window: Tuple[str, ...]) -> Tuple[str, str, str, str]:
        """The text, lowercase, ``istitle`` and ``is_in_dict`` values of a window of
        several tokens, composed from the tokens' own values.

        underthesea_core joins the tokens with a space and then applies the function:
        lowercasing is per character, ``istitle`` tests the first character of each
        space-separated part, ``is_in_dict`` looks the lowercased text up (and
        ``isdigit``, which parses an integer, is False with a space inside).
        """
        desc = self._desc
        lower = " ".join([desc[t][".lower"] for t in window])
        return (" ".join(window), lower,
                "True" if all(desc[t][".istitle"] == "True" for t in window) else "False",
                "True" if lower in self._dictionary else "False")

    def _describe(self, windows: Sequence[Tuple[str, ...]], li: int) -> List[int]:
        """The table rows of a sentence's windows, weighing those not seen yet (and all of
        them when the table is full and emptied)."""
        length = self.lengths[li]
        table = self._tables[li]
        index = table.index
        missing = [w for w in windows if w not in index]
        if missing:
            missing = list(dict.fromkeys(missing))
            if table.next + len(missing) > table.capacity + 2:
                table.clear()
                missing = list(dict.fromkeys(windows))
            self._describe_tokens([t for w in missing for t in w])
            if length.n == 1:
                table.add(missing, [length.row(self._desc[w[0]]) for w in missing])
            else:
                row, values = length.window_row, self._window_values
                table.add(missing, [row(*values(w)) for w in missing])
        return [index[w] for w in windows]

    def _gather(self, n: int):
        """Row and column indices that gather each token's window scores (cached by length)."""
        idx = self._gathers.get(n)
        if idx is None:
            np = self._np
            rows, cols, base = [], [], 0
            for length in self.lengths:
                for j, a in enumerate(length.offsets):
                    rows.append(a + 2)          # the window starting at i + a is row i + a + 2
                    cols.append((base + 2 * j, base + 2 * j + 1))
                base += 2 * len(length.offsets)
            idx = (np.arange(n)[:, None, None] + np.array(rows)[None, :, None], np.array(cols)[None])
            if len(self._gathers) < 512:
                self._gathers[n] = idx
        return idx

    def scores(self, tokens: Sequence[str]):
        """``(len(tokens), 2)`` array: each token's summed state weight per label."""
        np = self._np
        n = len(tokens)
        parts = []
        for li, length in enumerate(self.lengths):
            k = length.n
            rows = self._describe(list(zip(*(tokens[i:] for i in range(k)))), li)
            # one row per window start from -2 to n + 1; outside the sentence, BOS (0) / EOS (1)
            parts.append(self._tables[li].rows[[0, 0] + rows + [1] * (n + 2 - len(rows))])
        table = np.hstack(parts)
        gather_rows, gather_cols = self._gather(n)
        return table[gather_rows, gather_cols].sum(axis=1)

    # -- decoding -------------------------------------------------------------------
    def tags(self, tokens: Sequence[str]) -> List[int]:
        """Best label index per token: Viterbi over the two labels, as CRFsuite runs it
        (on a tie the earlier label wins)."""
        n = len(tokens)
        if n == 0:
            return []
        (t00, t01), (t10, t11) = self._trans
        s = self.scores(tokens).tolist()
        p0, p1 = s[0]
        back = []
        for i in range(1, n):
            a, b = p0 + t00, p1 + t10          # into label 0 from 0 / from 1
            c, d = p0 + t01, p1 + t11          # into label 1
            from0 = 1 if b > a else 0
            from1 = 1 if d > c else 0
            s0, s1 = s[i]
            p0 = (b if from0 else a) + s0
            p1 = (d if from1 else c) + s1
            back.append((from0, from1))
        best = 1 if p1 > p0 else 0
        path = [best]
        for bp in reversed(back):
            best = bp[best]
            path.append(best)
        path.reverse()
        return path

    def segment(self, text: str) -> Tuple[List[str], Optional[List[Tuple[int, int]]]]:
        """The words of ``text`` (syllable tokens joined with one space where the CRF says
        I-W) and each word's ``[start, end)`` in ``text`` (whatever the spacing inside it),
        the offsets ``None`` when underthesea's character normalisation would change the
        text, so that they are not the text's."""
        norm, spans = _syllable_spans(text)
        groups: List[List[Tuple[int, int]]] = []
        for tag, span in zip(self.tags([norm[a:b] for a, b in spans]), spans):
            if tag == self._inside and groups:
                groups[-1].append(span)
            else:
                groups.append([span])
        words = [" ".join(norm[a:b] for a, b in g) for g in groups]
        return words, ([(g[0][0], g[-1][1]) for g in groups] if norm == text else None)

    def words(self, text: str) -> List[str]:
        """The words of ``text`` (see :meth:`segment`)."""
        return self.segment(text)[0]

    def word_spans(self, text: str) -> Optional[List[Tuple[int, int]]]:
        """Each word's ``[start, end)`` in ``text``, or ``None`` (see :meth:`segment`)."""
        return self.segment(text)[1]
