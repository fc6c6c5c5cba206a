"""One Unicode form: NFC and one tone-mark convention, offsets kept."""
import unicodedata

from vn_directives.reading.normalize import normalize


def test_tone_mark_conventions_become_one():
    assert normalize("hoà").text == normalize("hòa").text == "hòa"
    assert normalize("thuý").text == normalize("thúy").text == "thúy"
    assert normalize("Uỷ ban").text == "Ủy ban"


def test_decomposed_input_is_composed_and_mapped_back():
    raw = unicodedata.normalize("NFD", "Giáo dục hoà nhập")
    m = normalize(raw)
    assert m.text == "Giáo dục hòa nhập"
    start, end = m.original_span(m.text.index("hòa"), m.text.index("hòa") + 3)
    assert unicodedata.normalize("NFC", raw[start:end]) == "hoà"


def test_already_normal_text_is_unchanged():
    text = "Sở Giáo dục và Đào tạo, năm học 2021-2022."
    m = normalize(text)
    assert m.text == text and m.original_span(0, len(text)) == (0, len(text))
