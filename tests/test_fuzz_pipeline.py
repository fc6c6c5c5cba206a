"""Fuzz the whole pipeline: random text, directive-shaped noise and a 100,000-character
sentence go through ``nlp(text)`` without a crash; every record it makes is valid
(ANNOTATION.md §3, ``vn_directives.validate``). A ReadError (an empty document, a text
that names a missing file) is an answer too."""
from hypothesis import given, settings
from hypothesis import strategies as st

from vn_directives.reading.decode import ReadError
from vn_directives.validate import check_record

FEW = settings(max_examples=25, deadline=None, derandomize=True)

VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
PIECES = ["I. ", "1. ", "a) ", "- ", "+ ", "\n", "\n\n", ". ", ", ", "; ", " ", "lớp ", "Sở GDĐT ", "trước ngày ",
          "15/10/2021", "năm học 2021-2022 ", "Chỉ thị số 04/CT-UBND ", "|", "-----", "COVID-19 ", "Tết "]


def assert_valid(doc):
    for s in doc.sentences:
        assert check_record(s.to_record()) == [], s.to_record()
        assert 0 <= s.start <= s.end <= len(doc.text)     # offsets point into the text as read


@FEW
@given(st.text(max_size=400))
def test_random_unicode_text(nlp, text):
    try:
        doc = nlp(text)
    except ReadError:
        return
    assert_valid(doc)


@FEW
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=VI_LETTERS, min_size=1, max_size=8)),
                max_size=120))
def test_directive_shaped_noise(nlp, pieces):
    try:
        doc = nlp("".join(pieces))
    except ReadError:
        return
    assert_valid(doc)


def test_a_sentence_of_100000_characters(nlp):
    base = ("Tiếp tục triển khai đồng bộ các giải pháp nâng cao chất lượng giáo dục học sinh lớp 1 "
            "đến lớp 5 và giáo viên các trường, ")
    sentence = (base * (100000 // len(base) + 1))[:100000] + "."
    doc = nlp(sentence)
    assert len(doc.sentences) == 1 and len(doc.sentences[0].text) == 100001
    assert_valid(doc)


def test_a_long_sentence_naming_bodies_and_places_again_and_again(nlp):
    # every "Sở … tỉnh Nghệ An" is a place mention: looking back over the whole text
    # before each one made this quadratic (12 s at 100,000 characters); a window keeps it linear
    base = "Sở Giáo dục và Đào tạo tỉnh Nghệ An chủ trì triển khai, "
    sentence = (base * (100000 // len(base) + 1))[:100000] + "."
    doc = nlp(sentence)
    assert doc.metadata.province == "Nghệ An"
    assert_valid(doc)


# ten thousand inputs in one run (issue 15): directive pieces, dates and ranges written any
# way round, Vietnamese letters, lone surrogates and other unusual code points. Invariants:
# no crash other than a ReadError; every record valid (every DEADLINE with start <= end);
# every span a slice of its sentence; every record writable as UTF-8 JSON.
MANY = settings(max_examples=10_000, deadline=None, derandomize=True, database=None)
HOSTILE_PIECES = PIECES + ["từ ngày ", "đến ngày ", "28/12 ", "3/1 ", "20/3 ", "10/3/2022 ", "tháng 12/2021 ",
                           "tháng 1 ", "đến hết ", "giai đoạn 2021-2025 ", "học kỳ II ", "Tết Nguyên đán ",
                           "\ud800", "\udfff", "\ufffd", "\u200b", "\x00", "\t", "«", "“", "”", "(", ")"]


@MANY
@given(st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(alphabet=VI_LETTERS, min_size=1, max_size=6),
                          st.characters()), max_size=40),
       st.sampled_from([None, "2021-12-10", "2022-06-30"]))
def test_ten_thousand_hostile_inputs_keep_every_invariant(nlp, pieces, doc_date):
    import json
    text = "".join(pieces)
    if not text:
        return                      # no sentence to check (a record needs a text)
    try:
        s = nlp.tag_sentence(text, doc_date=doc_date)
    except ReadError:
        return
    rec = s.to_record()
    assert check_record(rec) == [], rec
    for e in s.entities:
        assert s.text[e.start:e.end] == e.text
    json.dumps(rec, ensure_ascii=False).encode("utf-8")
