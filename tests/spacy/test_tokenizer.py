"""The tokenizer: underthesea words as tokens, the text kept character for character."""
import unicodedata

import pytest

spacy = pytest.importorskip("spacy")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def words(doc):
    return [t.text for t in doc if not t.is_space]


def test_multi_syllable_words_are_one_token(spacy_nlp):
    doc = spacy_nlp.make_doc("Các trường chủ động triển khai chương trình giáo dục phổ thông.")
    assert "chủ động" in words(doc)
    assert "triển khai" in words(doc)
    assert "trường" in words(doc)


@pytest.mark.parametrize("text", [
    "  Sở GDĐT\t chỉ đạo\n\n  các trường  \r\nthực hiện. ",
    "I. NHIỆM VỤ\n1.  Chủ động   triển khai.\n\n\n2. Báo cáo.",
    "Nội dung | Thời gian\r\nLớp 1 | trước ngày 5/9/2021\r\n",
    "Tháng 9/2021:\tkhai giảng\u00a0năm học mới.",
    "data/texts/seed-002.txt",          # a text, even if it looks like a path
    "\n\n",
    "",
])
def test_doc_text_is_the_input_and_offsets_are_exact(spacy_nlp, text):
    doc = spacy_nlp.make_doc(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text
    assert "".join(text.split()) == "".join("".join(words(doc)).split())


def test_decomposed_unicode_is_kept_and_normed_composed(spacy_nlp):
    text = unicodedata.normalize("NFD", "Các trường chủ động triển khai.")
    doc = spacy_nlp.make_doc(text)
    assert doc.text == text
    assert [t.norm_ for t in doc] == ["các", "trường", "chủ động", "triển khai", "."]   # NFC


def test_odd_whitespace_becomes_whitespace_tokens(spacy_nlp):
    doc = spacy_nlp.make_doc("Sở GDĐT  chỉ đạo\ncác trường.")
    assert [t.text for t in doc] == ["Sở", "GDĐT", " ", "chỉ đạo", "\n", "các", "trường", "."]
    assert [t.whitespace_ for t in doc][:2] == [" ", " "]


def test_a_word_rejoined_across_a_hard_wrap_is_one_token_normed_as_read(seed_doc):
    token = next(t for t in seed_doc if t.text == "An\nGiang")
    assert token.norm_ == "an giang"


def test_dropped_page_furniture_is_still_tokenized(seed_doc, seed_text):
    assert seed_text.startswith("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n-------")
    assert "-------" in words(seed_doc)


def test_tokens_are_the_projects_sentence_tokens(seed_doc, seed_ref):
    """Words as the project reads them (tone marks normalised, wraps joined) are the norms."""
    spans = seed_doc.spans["sentences"]
    assert len(spans) == len(seed_ref.sentences)
    for span, sentence in zip(spans, seed_ref.sentences):
        words = [t for t in span if not t.is_space]
        assert len(words) == len(sentence.tokens), sentence.text
        for mine, theirs in zip(words, sentence.tokens):
            assert mine.text == theirs.text or mine.norm_ == theirs.text.lower()
    token = next(t for t in seed_doc if t.text == "hài hoà")
    assert token.norm_ == "hài hòa"


PIECES = st.sampled_from(["Sở", "giáo", "dục", "chủ", "động", "COVID-19", "lớp", "3,", "10", "|", "-",
                          "ngày", "15/10/2021", ".", ";", "I.", "1.", "a)", "Kế", "hoạch", "Đ"])
SPACES = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t", " \n ", "\r\n", ""])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(SPACES, PIECES), max_size=25), SPACES)
def test_any_text_round_trips(spacy_nlp, parts, tail):
    text = "".join(a + b for a, b in parts) + tail
    doc = spacy_nlp.make_doc(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text
        assert token.is_space or token.text == token.text.strip()


def test_the_components_reuse_the_tokenizers_words(spacy_nlp, monkeypatch):
    """underthesea segments each sentence once, though the tokenizer, the classifier
    and the extractors all need the words."""
    import vn_directives.tokenize
    from vn_directives.spacy.analysis import clear_cache
    calls = []
    real = vn_directives.tokenize.word_tokenize
    monkeypatch.setattr(vn_directives.tokenize, "word_tokenize", lambda text: calls.append(text) or real(text))
    clear_cache()
    doc = spacy_nlp("1. Chủ động triển khai. Báo cáo kết quả.")
    assert len(doc.spans["sentences"]) == 2
    assert calls == ["1. Chủ động triển khai.", "Báo cáo kết quả."]


def test_the_tokenizer_is_registered_by_name():
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "vn_directives.Tokenizer.v1"}}})
    assert [t.text for t in nlp("Tăng cường chuyển đổi số.")] == ["Tăng cường", "chuyển đổi", "số", "."]


def test_spacys_own_vi_is_left_as_it_is():
    from spacy.lang.vi import Vietnamese
    assert spacy.util.get_lang_class("vi") is Vietnamese


def test_spacy_blank_vi_with_the_tokenizer_by_name_needs_no_pyvi():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vn_directives.Tokenizer.v1"}}})
    assert nlp.lang == "vi"
    assert [t.text for t in nlp("Tăng cường chuyển đổi số.")] == ["Tăng cường", "chuyển đổi", "số", "."]
