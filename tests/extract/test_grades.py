"""GRADE extraction: the specification, form by form and trap by trap.

ANNOTATION.md §2 (GRADE) and the issue list the written forms met in real
directives and the traps that give nothing; each is one case below, with the
span texts and values expected. Property tests check that any text is safe.
"""
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn_directives.extract.grades import GradeExtractor, extract_grades
from vn_directives.records import Span


@pytest.fixture(scope="module")
def grades():
    return GradeExtractor()


def found(extractor, text):
    return [(s.text, s.value) for s in extractor(text)]


ALL = list(range(1, 13))

# --- written forms: sentence -> [(span text, value), ...] -------------------------------
FORMS = {
    "list with commas": (
        "Thực hiện Chương trình GDPT 2018 đối với lớp 1, 2, 6.",
        [("lớp 1, 2, 6", [1, 2, 6])]),
    "'các' list, inside the span": (
        "Triển khai đối với các lớp 1, 2, 3, 6, 7, 10 và chuẩn bị các điều kiện.",
        [("các lớp 1, 2, 3, 6, 7, 10", [1, 2, 3, 6, 7, 10])]),
    "grade word repeated": (
        "Lựa chọn sách giáo khoa lớp 3, lớp 7, lớp 10 theo quy định.",
        [("lớp 3, lớp 7, lớp 10", [3, 7, 10])]),
    "commas without spaces": (
        "Tổ chức lựa chọn sách giáo khoa lớp 4,8,11 năm học 2023-2024.",
        [("lớp 4,8,11", [4, 8, 11])]),
    "commas without spaces, end of sentence": (
        "Chuẩn bị triển khai sách giáo khoa mới với lớp 3,7,10.",
        [("lớp 3,7,10", [3, 7, 10])]),
    "range từ … đến …": (
        "Học sinh từ lớp 6 đến lớp 9 học trực tiếp.",
        [("từ lớp 6 đến lớp 9", [6, 7, 8, 9])]),
    "range with a hyphen": (
        "Học sinh lớp 6-9 học trực tiếp.",
        [("lớp 6-9", [6, 7, 8, 9])]),
    "range with an en dash and spaces": (
        "Tất cả học sinh khối lớp 3 – 12 sẽ học qua internet.",
        [("khối lớp 3 – 12", list(range(3, 13)))]),
    "range … đến … without từ": (
        "Học sinh lớp 7 đến lớp 12 học trực tuyến.",
        [("lớp 7 đến lớp 12", [7, 8, 9, 10, 11, 12])]),
    "range from 1 to 12": (
        "Biên soạn tài liệu cho các lớp từ lớp 1 đến lớp 12.",
        [("từ lớp 1 đến lớp 12", ALL)]),
    "range from 1 to 5": (
        "Áp dụng từ lớp 1 đến lớp 5.",
        [("từ lớp 1 đến lớp 5", [1, 2, 3, 4, 5])]),
    "'từ' before a single grade stays outside": (
        "Dạy Ngoại ngữ bắt buộc từ lớp 3.",
        [("lớp 3", [3])]),
    "khối": (
        "Học sinh khối 9 học trực tiếp.",
        [("khối 9", [9])]),
    "khối lớp list": (
        "Thí điểm với các khối lớp 1, 2, 3 và 4.",
        [("các khối lớp 1, 2, 3 và 4", [1, 2, 3, 4])]),
    "khối … và khối …": (
        "Đề xuất cho khối 9 và khối 12 học trở lại sớm.",
        [("khối 9 và khối 12", [9, 12])]),
    "khối lớp …, khối …": (
        "Nắm bắt tình hình dạy học khối lớp 9, khối 12 qua internet.",
        [("khối lớp 9, khối 12", [9, 12])]),
    "modifier cuối cấp before the numbers": (
        "Học sinh khối cuối cấp 9 và 12 học trở lại.",
        [("khối cuối cấp 9 và 12", [9, 12])]),
    "number word": (
        "Chuẩn bị cho trẻ vào lớp Một.",
        [("lớp Một", [1])]),
    "two-word number word": (
        "Học sinh lớp Mười hai ôn thi.",
        [("lớp Mười hai", [12])]),
    "lowercase number word": (
        "Học sinh lớp một được tặng sách.",
        [("lớp một", [1])]),
    "number words in a list": (
        "Học sinh lớp Một và lớp Hai học hai buổi.",
        [("lớp Một và lớp Hai", [1, 2])]),
    "school level after the number stays outside": (
        "Tuyển sinh vào lớp 10 THPT năm 2023.",
        [("lớp 10", [10])]),
    "school level spelled out": (
        "Chuẩn bị tốt cho tuyển sinh lớp 10 trung học phổ thông.",
        [("lớp 10", [10])]),
    "school level between two items keeps one list": (
        "Học sinh lớp 9 THCS và lớp 12 THPT đi học lại.",
        [("lớp 9 THCS và lớp 12", [9, 12])]),
    "a list interrupted by other words is two spans": (
        "Trong đó lớp 3 gồm 16 sách giáo khoa, lớp 7 gồm 24 sách giáo khoa và lớp 10 gồm 27.",
        [("lớp 3", [3]), ("lớp 7", [7]), ("lớp 10", [10])]),
    "'của THCS' interrupts": (
        "Học sinh khối 9 của THCS và lớp 12 THPT sẽ học trở lại.",
        [("khối 9", [9]), ("lớp 12", [12])]),
    "two lists in parentheses": (
        "Học sinh THCS (khối 6,7,8) và học sinh THPT (khối 10, 11) đi học.",
        [("khối 6,7,8", [6, 7, 8]), ("khối 10, 11", [10, 11])]),
    "a semicolon ends a list": (
        "Ưu tiên lớp 6, lớp 7; lớp 8 học sau.",
        [("lớp 6, lớp 7", [6, 7]), ("lớp 8", [8])]),
    "lớp … và lớp …": (
        "Thực hiện đối với lớp 2 và lớp 6 trong năm học 2021-2022.",
        [("lớp 2 và lớp 6", [2, 6])]),
    "list then 'và lớp'": (
        "Áp dụng cho các lớp 1, 2, 6 và lớp 10.",
        [("các lớp 1, 2, 6 và lớp 10", [1, 2, 6, 10])]),
    "'hoặc'": (
        "Học sinh lớp 11 hoặc lớp 12 được đăng ký.",
        [("lớp 11 hoặc lớp 12", [11, 12])]),
    "last item with 'và' and a bare number": (
        "Học sinh khối 9 và 12 học sớm.",
        [("khối 9 và 12", [9, 12])]),
    "class name gives its grade": (
        "Một học sinh lớp 2A bị đánh.",
        [("lớp 2A", [2])]),
    "class name with letter and digit": (
        "Học sinh lớp 6A1 tham gia.",
        [("lớp 6A1", [6])]),
    "class name with a slash": (
        "Học sinh lớp 10/3 đạt giải.",
        [("lớp 10/3", [10])]),
    "capitals": (
        "DANH MỤC SÁCH GIÁO KHOA LỚP 10 NĂM HỌC 2022-2023",
        [("LỚP 10", [10])]),
    "two separate mentions": (
        "Kỳ thi học sinh giỏi quốc gia cho học sinh lớp 12, kỳ thi học sinh giỏi lớp 9 cấp Thành phố.",
        [("lớp 12", [12]), ("lớp 9", [9])]),
    "a date after a grade": (
        "Thi tuyển sinh vào lớp 10 ngày 10/6.",
        [("lớp 10", [10])]),
}


@pytest.mark.parametrize("text,expected", list(FORMS.values()), ids=list(FORMS))
def test_written_form(grades, text, expected):
    assert found(grades, text) == expected


# --- traps: nothing is a grade ---------------------------------------------------------
TRAPS = {
    "lớp học": "Vệ sinh lớp học trước khi đón học sinh.",
    "lớp học thông minh": "Phát triển các mô hình lớp học thông minh.",
    "lớp tập huấn": "Tham gia các lớp tập huấn 5 ngày về chương trình mới.",
    "lớp bồi dưỡng": "Tổ chức lớp bồi dưỡng tiếng Mông cho giáo viên.",
    "lớp mẫu giáo 5-6 tuổi": "Tập huấn giáo viên dạy lớp mẫu giáo 5-6 tuổi.",
    "lớp chồi, lớp lá": "Trẻ lớp chồi, lớp lá được làm quen với chữ cái.",
    "trẻ 5 tuổi": "Huy động trẻ 5 tuổi ra lớp.",
    "ages": "Học sinh từ 12 - 18 tuổi được tiêm vắc-xin.",
    "age after a grade word": "Trẻ lớp 5 tuổi được ưu tiên.",
    "age range after a grade word": "Trẻ lớp 5-6 tuổi được ưu tiên.",
    "cuối cấp": "Ưu tiên đối với các lớp đầu cấp và cuối cấp.",
    "school level alone": "Học sinh tiểu học và THCS đi học trực tiếp.",
    "khối THPT": "Riêng khối THPT đạt 99,32%.",
    "khối lượng": "Khối lượng công việc nhiều.",
    "exam block": "Thí sinh thi khối A1 và khối D.",
    "lớp 13": "Học sinh lớp 13 không tồn tại.",
    "lớp 15 học viên": "Mở lớp 15 học viên.",
    "lớp 10 học viên": "Mở lớp 10 học viên.",
    "ten classes": "Trường có 10 lớp với 350 học sinh.",
    "count of classes": "Toàn tỉnh có 6.908 lớp, 225.796 cháu.",
    "per class": "Bố trí mỗi lớp 2 giáo viên.",
    "social stratum": "Sự đồng thuận của các tầng lớp Nhân dân.",
    "Roman numeral": "Học sinh lớp XII ôn thi.",
    "year after a number word": "Kế hoạch lớp năm học 2022-2023.",
    "một số": "Mở lớp một số môn năng khiếu.",
    "private class": "Các nhóm, lớp tư thục được cấp phép.",
    "compound number word": "Lớp mười lăm học sinh.",
    "thousands": "Mở lớp 1.000 chỗ.",
    "district number": "Các trường ở quận 1, quận 3.",
    "nhóm, lớp": "Đại diện các nhóm, lớp ngoài công lập.",
    "giáo viên đứng lớp": "Còn thiếu 118.253 thầy cô đứng lớp.",
}


@pytest.mark.parametrize("text", list(TRAPS.values()), ids=list(TRAPS))
def test_trap_gives_nothing(grades, text):
    assert grades(text) == []


# --- where a list stops ----------------------------------------------------------------
STOPS = {
    "a smaller bare number starts something else": (
        "Học sinh lớp 12, 11 trường đã đăng ký.", [("lớp 12", [12])]),
    "a bare number that counts": (
        "Tuyển sinh lớp 10, 2 trường THPT chuyên.", [("lớp 10", [10])]),
    "a count after 'và'": (
        "Các lớp 10, 11, 12 và 3 trường.", [("Các lớp 10, 11, 12", [10, 11, 12])]),
    "a range end that is a date": (
        "Học sinh lớp 1 đến 10/9 học trực tuyến.", [("lớp 1", [1])]),
    "a range end above 12": (
        "Học sinh lớp 12 – 2023.", [("lớp 12", [12])]),
}


@pytest.mark.parametrize("text,expected", list(STOPS.values()), ids=list(STOPS))
def test_list_stops(grades, text, expected):
    assert found(grades, text) == expected


# --- offsets and interface -------------------------------------------------------------

def test_offsets_and_label(grades):
    text = "Đối với lớp 1, lớp 2 và khối 6."
    (span,) = grades(text)
    assert (span.start, span.end, span.label) == (8, 30, "GRADE")
    assert text[span.start:span.end] == span.text == "lớp 1, lớp 2 và khối 6"
    assert span.to_record() == {"start": 8, "end": 30, "text": "lớp 1, lớp 2 và khối 6", "value": [1, 2, 6]}


def test_decomposed_input_keeps_offsets(grades):
    text = unicodedata.normalize("NFD", "Học sinh lớp 3, lớp 7 trở lại.")
    spans = grades(text)
    assert [s.value for s in spans] == [[3, 7]]
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_doc_date_and_tokens_are_accepted(grades):
    assert found(grades, "lớp 9") == found(grades, "lớp 9") == [("lớp 9", [9])]
    assert [s.value for s in grades("lớp 9", "2022-01", tokens=[])] == [[9]]


def test_module_function():
    assert [s.value for s in extract_grades("khối 10, 11")] == [[10, 11]]


def test_rules_from_a_user_file(tmp_path):
    rules = tmp_path / "g.tsv"
    rules.write_text("# my rules\nkind\tform\tvalue\nhead\tgrade\t\nlist_sep\t,\t\n", encoding="utf-8")
    g = GradeExtractor(rules)
    assert found(g, "Pupils of grade 3, 4 and lớp 5.") == [("grade 3, 4", [3, 4])]


def test_bad_rules(tmp_path):
    with pytest.raises(FileNotFoundError):
        GradeExtractor(tmp_path / "missing.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("kind\tform\tvalue\nheadline\tlớp\t\n", encoding="utf-8")
    with pytest.raises(ValueError):
        GradeExtractor(bad)


# --- properties ------------------------------------------------------------------------
_EXTRACTOR = GradeExtractor()
_PIECES = ["lớp", "Lớp", "khối", "khối lớp", "các", "từ", "đến", "tới", "và", "hoặc", ",", "-", "–", ";",
           "1", "2", "3", "6", "9", "10", "12", "13", "0", "99", "2A", "6A1", "10/3", "Một", "mười hai", "năm",
           "học", "tuổi", "học viên", "trường", "mỗi", "THPT", "cuối cấp", "mẫu giáo", ".", "(", ")", " "]


def _check(text):
    spans = _EXTRACTOR(text)
    prev_end = 0
    for s in spans:
        assert isinstance(s, Span) and s.label == "GRADE"
        assert text[s.start:s.end] == s.text and s.text
        assert s.start >= prev_end
        prev_end = s.end
        assert s.value == sorted(set(s.value)) and s.value
        assert all(type(v) is int and 1 <= v <= 12 for v in s.value)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_text_is_safe(text):
    _check(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map(" ".join))
def test_random_grade_like_text_is_well_formed(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 12), min_size=1, max_size=6, unique=True).map(sorted))
def test_any_ascending_list_is_read_back(numbers):
    text = "Triển khai đối với lớp " + ", ".join(map(str, numbers)) + " trong năm học tới."
    assert [s.value for s in _EXTRACTOR(text)] == [numbers]
