"""Which word segmenter ``vn_directives.tokenize`` uses, and the way back to underthesea's."""
import pytest

from vn_directives import tokenize
from vn_directives.wordseg.decoder import CRFWordSegmenter, UnsupportedModel

TEXT = "Sở Giáo dục và Đào tạo hướng dẫn thực hiện Chương trình giáo dục phổ thông 2018."


@pytest.fixture
def fresh_choice():
    tokenize._segmenter.cache_clear()
    yield
    tokenize._segmenter.cache_clear()


def test_the_cached_decoder_is_the_default(fresh_choice, monkeypatch):
    monkeypatch.delenv("VN_DIRECTIVES_SEGMENTER", raising=False)
    assert isinstance(tokenize._segmenter(), CRFWordSegmenter)


def test_the_environment_chooses_underthesea(fresh_choice, monkeypatch):
    from underthesea import word_tokenize
    monkeypatch.setenv("VN_DIRECTIVES_SEGMENTER", "underthesea")
    seg = tokenize._segmenter()
    assert isinstance(seg, tokenize._UndertheseaWords) and seg.segment(TEXT) == (
        word_tokenize(TEXT, use_token_normalize=False), None)
    assert [t.text for t in tokenize.word_tokenize(TEXT)] == word_tokenize(TEXT, use_token_normalize=False)


def test_an_unreadable_model_falls_back_to_underthesea_with_a_warning(fresh_choice, monkeypatch):
    from underthesea import word_tokenize
    monkeypatch.delenv("VN_DIRECTIVES_SEGMENTER", raising=False)

    def refuse(cls, *a, **k):
        raise UnsupportedModel("templates of another kind")
    monkeypatch.setattr(CRFWordSegmenter, "load", classmethod(refuse))
    with pytest.warns(RuntimeWarning, match="templates of another kind"):
        seg = tokenize._segmenter()
    assert isinstance(seg, tokenize._UndertheseaWords) and seg.word_tokenize is word_tokenize


def test_both_give_the_same_tokens(fresh_choice, monkeypatch):
    monkeypatch.delenv("VN_DIRECTIVES_SEGMENTER", raising=False)
    cached = [(t.text, t.start, t.end) for t in tokenize.word_tokenize(TEXT)]
    tokenize._segmenter.cache_clear()
    monkeypatch.setenv("VN_DIRECTIVES_SEGMENTER", "underthesea")
    assert [(t.text, t.start, t.end) for t in tokenize.word_tokenize(TEXT)] == cached


def test_offsets_from_the_decoder_equal_the_words_found_back(fresh_choice, monkeypatch):
    """The decoder's own word offsets and the find-back of underthesea's words agree on
    every bundled line, with odd spacing added."""
    from tests.wordseg.test_decoder import LINES
    monkeypatch.delenv("VN_DIRECTIVES_SEGMENTER", raising=False)
    texts = LINES + [l.replace(" ", "  \t ") for l in LINES[::9]]
    cached = [[(t.text, t.start, t.end) for t in tokenize.word_tokenize(x)] for x in texts]
    tokenize._segmenter.cache_clear()
    monkeypatch.setenv("VN_DIRECTIVES_SEGMENTER", "underthesea")
    for text, mine in zip(texts, cached):
        assert [(t.text, t.start, t.end) for t in tokenize.word_tokenize(text)] == mine, text


def test_text_that_underthesea_would_normalise_takes_the_find_back_path(fresh_choice, monkeypatch):
    import unicodedata
    monkeypatch.delenv("VN_DIRECTIVES_SEGMENTER", raising=False)
    decomposed = unicodedata.normalize("NFD", TEXT)
    seg = tokenize._segmenter()
    assert seg.word_spans(decomposed) is None and seg.word_spans(TEXT) is not None
    tokens = tokenize.word_tokenize(decomposed)     # found back: offsets into the text as given
    assert tokens and all(decomposed[t.start:t.end] == t.text for t in tokens)
