"""The cached CRF decoder gives underthesea's words, attribute for attribute.

* ``syllables`` are the tokens of underthesea's regex tokenizer;
* the attributes a window is given (composed from its tokens' descriptions)
  are the strings underthesea_core's featurizer writes for the whole sentence;
* the summed scores equal the weights of those strings added up;
* the words equal ``underthesea.word_tokenize(text, use_token_normalize=False)``
  on every line of the bundled texts and labelled data, and on random text,
  with the caches warm, cold, or emptied every few windows.
"""
import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, TEXTS
from vn_directives.wordseg.decoder import CRFWordSegmenter, UnsupportedModel, syllables

SHARED = ROOT.parent / "shared"


def _lines():
    lines = []
    for path in sorted(TEXTS.glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    for path in sorted((ROOT / "data").glob("*/*.jsonl")):
        lines += [json.loads(l)["text"] for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    for path in sorted(SHARED.glob("*/*.txt")):    # the shared corpus and seeds, where present
        lines += path.read_text(encoding="utf-8").splitlines()
    return sorted({l for l in lines if l.strip()})


LINES = _lines()


@pytest.fixture(scope="module")
def seg():
    return CRFWordSegmenter.load()


@pytest.fixture(scope="module")
def underthesea_words():
    from underthesea import word_tokenize
    return lambda text: word_tokenize(text, use_token_normalize=False)


def test_there_are_lines_to_compare():
    assert len(LINES) > 1500


def test_syllables_are_underthesea_regex_tokens():
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize
    for line in LINES:
        assert syllables(line) == tokenize(line, use_token_normalize=False), line


@pytest.fixture(scope="module")
def featurizer():
    """underthesea_core's featurizer with underthesea's templates and dictionary."""
    import joblib
    from underthesea_core import CRFFeaturizer
    from vn_directives.wordseg.crfsuite_file import underthesea_model_dir
    d = underthesea_model_dir()
    return CRFFeaturizer(joblib.load(d / "features.bin"), joblib.load(d / "dictionary.bin"))


def test_scores_are_the_featurizers_attributes_weighed(seg, featurizer):
    """Each position's score is the sum of the weights of the 43 strings underthesea writes."""
    fz = featurizer
    zero = (0.0, 0.0)
    checked = 0
    for line in LINES[::3]:
        tokens = syllables(line)
        if not tokens:
            continue
        expected = np.array([[sum(seg.weights.state.get(a, zero)[k] for a in attrs) for k in (0, 1)]
                             for attrs in fz.process([[[t] for t in tokens]])[0]])
        assert np.allclose(seg.scores(tokens), expected, rtol=0, atol=1e-9), line
        checked += len(tokens)
    assert checked > 10000


def test_window_attribute_values_are_underthesea_cores(seg, featurizer):
    """Values of two- and three-token windows composed from the tokens' own descriptions."""
    fz = featurizer
    names = {2: ("T[0,1]", ""), 3: ("T[0,2]", "")}
    for line in LINES[::3]:
        tokens = syllables(line)
        rows = fz.process([[[t] for t in tokens]])[0]
        for i, row in enumerate(rows):
            written = dict(f.partition("=")[::2] for f in row)
            for n, (base, _) in names.items():
                if i + n > len(tokens):
                    continue
                window = tuple(tokens[i:i + n])
                seg._describe_tokens(window)
                mine = dict(zip(("", ".lower", ".istitle", ".is_in_dict"), seg._window_values(window)))
                for fn in seg.lengths[n - 1].weights:
                    assert mine[fn] == written[base + fn], (line, window, fn)


def test_words_equal_underthesea_on_every_line(seg, underthesea_words):
    seg.clear_caches()
    for line in LINES:
        assert seg.words(line) == underthesea_words(line), line


def test_small_caches_emptied_often_change_nothing(underthesea_words):
    small = CRFWordSegmenter.load(max_cache=7)
    for line in LINES[::5]:
        assert small.words(line) == underthesea_words(line), line


# syllables, capitals, digits, punctuation, the featurizer's own BOS/EOS words,
# characters whose lowercase is special (final sigma, dotted I, title-case digraph)
_PIECES = ["giáo", "dục", "Đào", "tạo", "SỞ", "GDĐT", "lớp", "10", "12/2021", "-5", "+7", "2147483648",
           "BOS", "EOS", "bos", "ΑΣ", "İ", "ǅa", "ß", "COVID-19", "v.v.", "TP.", "H'Mông", ".", ",",
           ";", "(", ")", "…", "–", "\"", "năm", "học", "Năm", "Học", "chương trình", "x", "Q"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=0, max_size=25),
       st.lists(st.sampled_from([" ", "  ", "\t", ""]), min_size=25, max_size=25))
def test_words_equal_underthesea_on_random_text(pieces, gaps):
    from underthesea import word_tokenize
    text = "".join(p + g for p, g in zip(pieces, gaps))
    assert _segmenter().words(text) == word_tokenize(text, use_token_normalize=False)


_SEG = []


def _segmenter():
    if not _SEG:
        _SEG.append(CRFWordSegmenter.load())
    return _SEG[0]


def test_empty_text_has_no_words(seg):
    assert seg.words("") == [] and seg.words("   ") == []


@pytest.mark.parametrize("templates, problem", [
    (["T[0]", "U[0]"], "is not T"),
    (["T[0]", "T[-3]"], "beyond two tokens"),
    (["T[0]", "T[-1,0].lower"], r"T\[0,1\]\.lower"),
])
def test_models_of_another_shape_are_refused(seg, templates, problem):
    with pytest.raises(UnsupportedModel, match=problem):
        CRFWordSegmenter(seg.weights, templates, set(), lambda *a: None)
