"""REFERENCE extraction: cited documents with number, type, issuer and date."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn_directives.extract.references import ReferenceExtractor

EX = ReferenceExtractor()

CASES = [
    ("Thực hiện Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021 của Bộ trưởng.", "Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021",
     {"number": "800/CT-BGDĐT", "type": "chi_thi", "issuer": "BGDĐT", "date": "2021-08-24"}),
    ("theo Nghị định số 71/2020/NĐ-CP của Chính phủ", "Nghị định số 71/2020/NĐ-CP",
     {"number": "71/2020/NĐ-CP", "type": "nghi_dinh", "issuer": "CP", "date": None}),
    ("Căn cứ Thông tư số 32/2018/TT-BGDĐT ngày 26/12/2018 về ban hành", "Thông tư số 32/2018/TT-BGDĐT ngày 26/12/2018",
     {"number": "32/2018/TT-BGDĐT", "type": "thong_tu", "issuer": "BGDĐT", "date": "2018-12-26"}),
    ("Thực hiện Quyết định 131/QĐ-TTg về Đề án", "Quyết định 131/QĐ-TTg",
     {"number": "131/QĐ-TTg", "type": "quyet_dinh", "issuer": "TTg", "date": None}),
    ("Nghị quyết số 29-NQ/TW, ngày 4/11/2013 của Hội nghị", "Nghị quyết số 29-NQ/TW, ngày 4/11/2013",
     {"number": "29-NQ/TW", "type": "nghi_quyet", "issuer": "TW", "date": "2013-11-04"}),
    ("Căn cứ Nghị quyết số 08/NQ-CP ngày 24 tháng 01 năm 2018 ban hành", "Nghị quyết số 08/NQ-CP ngày 24 tháng 01 năm 2018",
     {"number": "08/NQ-CP", "type": "nghi_quyet", "issuer": "CP", "date": "2018-01-24"}),
    ("Sở vừa ban hành Văn bản số 1056 /SGDĐT-HSSV ngày 10/9/2025 về việc", "Văn bản số 1056 /SGDĐT-HSSV ngày 10/9/2025",
     {"number": "1056/SGDĐT-HSSV", "type": "cong_van", "issuer": "SGDĐT", "date": "2025-09-10"}),
    ("Công điện số 10/CĐ-TTg ngày 7.2.2025 về tăng cường", "Công điện số 10/CĐ-TTg ngày 7.2.2025",
     {"number": "10/CĐ-TTg", "type": "cong_dien", "issuer": "TTg", "date": "2025-02-07"}),
    ("Phổ biến Thông tư số 29/2024/TT BGDĐT đến giáo viên", "Thông tư số 29/2024/TT BGDĐT",
     {"number": "29/2024/TT-BGDĐT", "type": "thong_tu", "issuer": "BGDĐT", "date": None}),
    ("sửa đổi Thông tư 29/2024 quy định về dạy thêm", "Thông tư 29/2024",
     {"number": "29/2024", "type": "thong_tu", "issuer": None, "date": None}),
    ("Quyết định số 665 ngày 5/4/2022 của UBND tỉnh", "Quyết định số 665 ngày 5/4/2022",
     {"number": "665", "type": "quyet_dinh", "issuer": None, "date": "2022-04-05"}),
    ("Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;", "Luật Giáo dục ngày 14 tháng 6 năm 2019",
     {"number": None, "type": "luat", "issuer": None, "date": "2019-06-14"}),
    ("theo công văn 1396/BGDĐT-GDTH của Bộ", "công văn 1396/BGDĐT-GDTH",
     {"number": "1396/BGDĐT-GDTH", "type": "cong_van", "issuer": "BGDĐT", "date": None}),
    ("THỰC HIỆN CHỈ THỊ SỐ 08/CT-TTG NGÀY 01/6/2022 CỦA THỦ TƯỚNG", "CHỈ THỊ SỐ 08/CT-TTG NGÀY 01/6/2022",
     {"number": "08/CT-TTG", "type": "chi_thi", "issuer": "TTG", "date": "2022-06-01"}),
]


@pytest.mark.parametrize("text,span,value", CASES)
def test_citations(text, span, value):
    spans = EX(text)
    assert [(s.text, s.value) for s in spans] == [(span, value)]
    assert spans[0].label == "REFERENCE"


def test_several_in_one_sentence():
    spans = EX("Quyết định số 851/QĐ-UBND phê duyệt danh mục, Quyết định số 852/QĐ-UBND phê duyệt danh mục.")
    assert [s.value["number"] for s in spans] == ["851/QĐ-UBND", "852/QĐ-UBND"]


@pytest.mark.parametrize("text", [
    "Triển khai dạy học 2 buổi/ngày.",                # no document type
    "Ban hành quyết định 2 lần trong năm.",          # a type word with a bare count
    "Kế hoạch năm học 2022-2023 của nhà trường.",    # a plan named by its year
])
def test_not_references(text):
    assert EX(text) == []


def test_impossible_date_is_null():
    assert EX("Quyết định số 5/QĐ-UBND ngày 31/2/2022")[0].value["date"] is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Quyết định ", "số ", "Chỉ thị ", "12", "/", "-", "QĐ", "TTg", " ngày ",
                                 "24/8/2021", " tháng ", " năm ", "2021", ", ", "Luật ", "Giáo dục "]),
                max_size=25).map("".join))
def test_random_text_never_crashes_and_spans_are_slices(text):
    prev = -1
    for s in EX(text):
        assert text[s.start:s.end] == s.text and s.start >= prev
        prev = s.end
        assert set(s.value) == {"number", "type", "issuer", "date"}
