"""Metadata from a letterhead or a news item's date line: the specification of
:func:`vn_directives.reading.metadata.extract_metadata`, one test per form, then
the five seeds and the 58 corpus documents against data/sources.tsv."""
import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn_directives.pipeline import Pipeline
from vn_directives.reading.metadata import _doc_types, _gazetteer, _issuers, extract_metadata

ROOT = Path(__file__).resolve().parents[2]
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"


def letterhead(*, issuer=("ỦY BAN NHÂN DÂN TỈNH AN GIANG",), number="Số: 04/CT-UBND",
               place_date="An Giang, ngày 14 tháng 9 năm 2021", title=("CHỈ THỊ",), body=()):
    """The first blocks of an official document, parts left out when given as None."""
    lines = list(issuer or ()) + [MOTTO] + [x for x in (number, place_date) if x]
    return lines + list(title or ()) + list(body)


# ---------------------------------------------------------------------------- number

@pytest.mark.parametrize("line, number", [
    ("Số: 04/CT-UBND", "04/CT-UBND"),
    ("Số: 09 /TB-SGDĐT", "09/TB-SGDĐT"),                       # space before the slash
    ("Số: 60/2025/QĐ-UBND", "60/2025/QĐ-UBND"),                 # number with its year
    ("Số hiệu: 1396/BGDĐT-GDTH Loại văn bản: Công văn", "1396/BGDĐT-GDTH"),  # a legal site's panel
    ("Số: 09 /TB-SGDĐT về việc Kết luận của Giám đốc Sở", "09/TB-SGDĐT"),   # a web headline
])
def test_number_forms(line, number):
    assert extract_metadata([line]).number == number


def test_number_whose_panel_label_stands_on_its_own_line():
    m = extract_metadata(["Số hiệu", "60/2025/QĐ-UBND", "Ngày ban hành", "22/04/2025"])
    assert m.number == "60/2025/QĐ-UBND"


@pytest.mark.parametrize("line, doc_type", [("Số: /TB-SGDĐT", "thong_bao"),
                                            ("Số: …/KH-UBND", "ke_hoach")])
def test_blank_number_is_none_but_its_code_still_gives_the_type(line, doc_type):
    m = extract_metadata(letterhead(number=line, title=None))
    assert m.number is None
    assert m.doc_type == doc_type


def test_a_number_cited_in_running_text_is_not_the_documents():
    m = extract_metadata(["Sở GD&ĐT vừa ban hành Văn bản số 1056 /SGDĐT-HSSV ngày 10/9/2025."])
    assert m.number is None


# ---------------------------------------------------------------------------- place and date

def test_place_and_date_of_the_letterhead():
    m = extract_metadata(letterhead())
    assert (m.place, m.date) == ("An Giang", "2021-09-14")


@pytest.mark.parametrize("line, place, date", [
    ("Bà Rịa-Vũng Tàu, ngày 30 tháng 8 năm 2023", "Bà Rịa-Vũng Tàu", "2023-08-30"),
    ("Thành phố Hồ Chí Minh, ngày 12 tháng 10 năm 2022", "Thành phố Hồ Chí Minh", "2022-10-12"),
    ("Hà Nội, ngày 27 tháng 03 năm 2024", "Hà Nội", "2024-03-27"),
    ("Quảng Bình, ngày 09 tháng 8 m 2022", "Quảng Bình", "2022-08-09"),   # "năm" half lost in conversion
])
def test_place_date_line_forms(line, place, date):
    m = extract_metadata(letterhead(place_date=line))
    assert (m.place, m.date) == (place, date)


def test_blank_day_gives_no_date_but_the_place():
    m = extract_metadata(["Số: /TB-SGDĐT", "Đắk Lắk, ngày tháng 01 năm 2022", "THÔNG BÁO"])
    assert m.place == "Đắk Lắk"
    assert m.date is None


def test_blank_day_is_not_filled_from_a_web_date_or_the_body():
    lines = ["Số: /TB-SGDĐT", "Đắk Lắk, ngày tháng 01 năm 2022", "THÔNG BÁO",
             "Sáng 27/01/2022, Sở GDĐT Đắk Lắk đã tổ chức Hội nghị."]
    assert extract_metadata(lines, dropped=[" date 2022-01-28 "]).date is None


@pytest.mark.parametrize("lines", [
    letterhead(place_date="An Giang, ngày 31 tháng 02 năm 2021"),
    ["Hội nghị sơ kết học kỳ I", "Thứ năm - 31/02/2023 20:01"],
])
def test_a_date_that_does_not_exist_is_rejected(lines):
    assert extract_metadata(lines).date is None


@pytest.mark.parametrize("date_line, date", [
    ("Thứ năm - 09/02/2023 20:01", "2023-02-09"),
    ("Thứ ba, 15/9/2020, 20h42", "2020-09-15"),
    ("Chủ nhật: 09:38 ngày 01/10/2023", "2023-10-01"),
    ("Thời gian đăng: 27/05/2023", "2023-05-27"),
    ("Ngày ban hành: 27/03/2024 Ngày hiệu lực: Đã biết", "2024-03-27"),
])
def test_news_date_line_forms(date_line, date):
    m = extract_metadata(["Sở GD&ĐT tổ chức hội nghị sơ kết học kỳ I", date_line,
                          "Sáng nay, Sở tổ chức hội nghị."])
    assert m.date == date


def test_news_date_closing_the_headline():
    m = extract_metadata(["UBND tỉnh phê duyệt danh mục sách giáo khoa lớp 3, lớp 7 07/04/2022 17:05",
                          "Thực hiện các văn bản hướng dẫn của Bộ Giáo dục và Đào tạo."])
    assert m.date == "2022-04-07"


@pytest.mark.parametrize("dropped, date", [([" date 2025-09-12 {title}"], "2025-09-12"),
                                           ([" date 2021-12 "], "2021-12"),   # a month: reduced ISO
                                           (["banner", "Lượt xem: 12"], None)])
def test_web_page_date_among_the_dropped_lines(dropped, date):
    assert extract_metadata(["Sở GD&ĐT yêu cầu các trường rà soát."], dropped).date == date


def test_a_date_in_the_body_is_not_the_documents():
    m = extract_metadata(["Hội nghị sơ kết học kỳ I", "Ngày 09/02/2023, Sở tổ chức hội nghị sơ kết."])
    assert m.date is None


def test_letterhead_date_wins_over_a_web_date():
    assert extract_metadata(letterhead(), dropped=[" date 2021-10-01 "]).date == "2021-09-14"


# ---------------------------------------------------------------------------- issuer

@pytest.mark.parametrize("issuer, joined", [
    (["ỦY BAN NHÂN DÂN TỈNH AN GIANG"], "ỦY BAN NHÂN DÂN TỈNH AN GIANG"),
    (["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"], "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN"),
    (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
     "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
    (["BỘ GIÁO DỤC VÀ ĐÀO TẠO"], "BỘ GIÁO DỤC VÀ ĐÀO TẠO"),
    (["ỦY BAN NHÂN DÂN TỈNH AN GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],   # one table row
     "ỦY BAN NHÂN DÂN TỈNH AN GIANG"),
    (["Nếu bạn là thành viên. Vui lòng ĐĂNG NHẬP để tiếp tục. ỦY BAN NHÂN DÂN"], "ỦY BAN NHÂN DÂN"),
])
def test_issuer_block(issuer, joined):
    assert extract_metadata(letterhead(issuer=issuer)).issuer == joined


def test_issuer_lines_split_by_the_motto_are_joined():
    lines = ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH NGHỆ AN",
             "Độc lập - Tự do - Hạnh phúc", "Số: 29/CT-UBND", "Nghệ An, ngày 24 tháng 9 năm 2021"]
    assert extract_metadata(lines).issuer == "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN"


def test_a_body_named_in_running_text_is_no_issuer():
    m = extract_metadata(["Ngày 21/4, UBND thành phố Hải Phòng có văn bản số 2993/UBND-VX.",
                          "Thứ ba, 21/4/2020, 10h00"])
    assert m.issuer is None


# ---------------------------------------------------------------------------- province

@pytest.mark.parametrize("issuer, province", [
    (["ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"], "Khánh Hòa"),
    (["UBND TỈNH KHÁNH HÒA"], "Khánh Hòa"),
    (["SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ NỘI"], "Hà Nội"),
    (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "Hà Nội"),             # "Thành phố Hà Nội" -> "Hà Nội"
    (["ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ"], "Khánh Hòa"),               # old tone-mark placement
    (["ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ"], "Huế"),
    (["ỦY BAN NHÂN DÂN", "TỈNH BÀ RỊA – VŨNG TÀU"], "Bà Rịa - Vũng Tàu"),
    (["UBND HUYỆN LỆ THỦY", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"], "Quảng Bình"),   # a district's province
])
def test_province_from_the_issuer(issuer, province):
    m = extract_metadata(letterhead(issuer=issuer, place_date="ngày 14 tháng 9 năm 2021"))
    assert m.province == province


@pytest.mark.parametrize("place, province", [("Ninh Thuận", "Ninh Thuận"), ("Khánh Hoà", "Khánh Hòa"),
                                             ("TP.HCM", "Hồ Chí Minh"), ("Khanh Hoa", "Khánh Hòa")])
def test_province_from_the_place_when_the_issuer_names_none(place, province):
    m = extract_metadata(letterhead(issuer=["ỦY BAN NHÂN DÂN"],
                                    place_date=f"{place}, ngày 30 tháng 8 năm 2022"))
    assert m.province == province


def test_the_issuer_is_preferred_over_the_place():
    m = extract_metadata(letterhead(issuer=["SỞ GIÁO DỤC VÀ ĐÀO TẠO BẮC NINH"],
                                    place_date="Hà Nội, ngày 5 tháng 9 năm 2022"))
    assert m.province == "Bắc Ninh"


@pytest.mark.parametrize("issuer", [["BỘ GIÁO DỤC VÀ ĐÀO TẠO"], ["THỦ TƯỚNG CHÍNH PHỦ"], ["CHÍNH PHỦ"]])
def test_a_central_issuer_has_no_province_though_it_dates_from_ha_noi(issuer):
    m = extract_metadata(letterhead(issuer=issuer, number="Số: 4555/BGDĐT-GDPT",
                                    place_date="Hà Nội, ngày 05 tháng 8 năm 2025", title=None,
                                    body=["Kính gửi: Các Sở Giáo dục và Đào tạo."]))
    assert m.place == "Hà Nội"
    assert (m.province, m.province_2025) == (None, None)


def test_a_schools_name_is_not_a_place():
    m = extract_metadata(letterhead(issuer=["TRƯỜNG TIỂU HỌC HÒA BÌNH"],
                                    place_date="Đà Nẵng, ngày 5 tháng 9 năm 2022"))
    assert m.province == "Đà Nẵng"


@pytest.mark.parametrize("sentence, province", [
    ("Sở GD&ĐT Hà Tĩnh vừa công bố lịch nghỉ Tết.", "Hà Tĩnh"),
    ("Sở GD-ĐT Hà Nội yêu cầu các trường rà soát.", "Hà Nội"),
    ("Ngày 16/2, UBND tỉnh Phú Yên cho học sinh nghỉ học.", "Phú Yên"),
    ("Vừa qua, Sở Giáo dục và Đào tạo (GDĐT) tỉnh Kiên Giang đã chủ trì Hội nghị.", "Kiên Giang"),
    ("Trước đó, UBND TP HCM đã ban hành kế hoạch.", "Hồ Chí Minh"),
    ("Theo Sở GD-ĐT TP.HCM, thành phố đã sẵn sàng.", "Hồ Chí Minh"),
    ("49.000 học sinh TPHCM chưa có mã định danh.", "Hồ Chí Minh"),
    ("Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh hướng dẫn.", "Hồ Chí Minh"),
    ("Ngành Giáo dục tỉnh Gia lai phát huy kết quả.", "Gia Lai"),           # lower-case as printed
    ("Ngành Giáo dục Lệ Thuỷ đã nỗ lực triển khai.", "Quảng Bình"),         # a district, old tone mark
    ("UBND huyện Tân Châu vừa tổng kết năm học.", "Tây Ninh"),              # a district and its type
])
def test_province_of_a_news_item_from_its_first_strong_mention(sentence, province):
    m = extract_metadata(["Khai giảng năm học mới", sentence])
    assert m.province == province


@pytest.mark.parametrize("lines", [
    ["Tư tưởng Hồ Chí Minh 20 tháng 11", "Học sinh Hà Nội đi học trở lại."],   # bare names
    ["Nhiều tỉnh như: Hưng Yên, Hà Nam, Bạc Liêu chưa xác định ngày đi học."],   # a list
    ["Công văn của Bộ GD-ĐT gửi các Sở GD-ĐT: Hà Nội, TPHCM, Hải Phòng, TP Huế."],
    ["UBND huyện Châu Thành vừa tổng kết năm học."],                  # a district name in many provinces
])
def test_no_province_from_bare_names_lists_or_ambiguous_districts(lines):
    assert extract_metadata(lines).province is None


def test_a_province_in_a_list_gives_way_to_the_next_strong_mention():
    lines = ["Nhiều địa phương như Hà Nội, TP.HCM, Đà Nẵng thiếu giáo viên.",
             "Sở GD&ĐT Hải Dương cho biết đã tuyển đủ giáo viên."]
    assert extract_metadata(lines).province == "Hải Dương"


def test_written_tones_must_be_the_provinces_own():
    names = _gazetteer().provinces
    assert _gazetteer().short[names.search("TP Huế")] == "Huế"
    assert names.search("cô Nguyễn Thị Huệ") is None            # "Huệ" folds to "hue" too
    assert _gazetteer().short[names.search("Sở GD&ĐT Hue")] == "Huế"   # unaccented: any tones


@pytest.mark.parametrize("issuer, old, new", [
    ("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG", "Hà Giang", "Tuyên Quang"),
    ("ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN", "Bình Thuận", "Lâm Đồng"),
    ("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG", "Sóc Trăng", "Cần Thơ"),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Hà Nội", "Hà Nội"),
])
def test_province_at_issue_and_after_the_2025_merger(issuer, old, new):
    m = extract_metadata(letterhead(issuer=[issuer], place_date=None))
    assert (m.province, m.province_2025) == (old, new)


def test_province_list_is_the_maintained_one():
    gaz = _gazetteer()
    assert len(gaz.short) == 63
    assert len(set(gaz.after_2025.values())) == 34
    assert set(gaz.after_2025) == set(gaz.short)


# ---------------------------------------------------------------------------- doc_type

@pytest.mark.parametrize("title, doc_type", [
    ("CHỈ THỊ", "chi_thi"), ("KẾ HOẠCH", "ke_hoach"), ("THÔNG BÁO", "thong_bao"),
    ("QUYẾT ĐỊNH", "quyet_dinh"), ("NGHỊ QUYẾT", "nghi_quyet"), ("HƯỚNG DẪN", "huong_dan"),
    ("BÁO CÁO", "bao_cao"), ("KẾ HOẠCH THỰC HIỆN ĐỀ ÁN CHUYỂN ĐỔI SỐ", "ke_hoach"),
    ("TỜ TRÌNH", "khac"),
])
def test_doc_type_from_the_title_line(title, doc_type):
    assert extract_metadata(letterhead(number=None, title=[title])).doc_type == doc_type


@pytest.mark.parametrize("number, doc_type", [
    ("Số: 04/CT-UBND", "chi_thi"), ("Số: 09/TB-SGDĐT", "thong_bao"), ("Số: 77/KH-UBND", "ke_hoach"),
    ("Số: 60/2025/QĐ-UBND", "quyet_dinh"), ("Số: 35/NQ-HĐND", "nghi_quyet"),
    ("Số: 12/HD-SGDĐT", "huong_dan"), ("Số: 791/BC-SNV", "bao_cao"),
    ("Số: 1396/BGDĐT-GDTH", "cong_van"),            # no type code: the issuer's own abbreviation
    ("Số: 29/2024/TT-BGDĐT", "khac"),               # a type outside the project's list
])
def test_doc_type_from_the_numbers_code(number, doc_type):
    assert extract_metadata(letterhead(number=number, title=None)).doc_type == doc_type


def test_a_subject_line_makes_a_cong_van():
    lines = letterhead(number=None, title=["V/v triển khai thí điểm Học bạ số"])
    assert extract_metadata(lines).doc_type == "cong_van"


def test_a_legal_sites_panel_states_the_type():
    lines = ["Loại văn bản: Quyết định"] + letterhead(number=None, title=None)
    assert extract_metadata(lines).doc_type == "quyet_dinh"


def test_letterhead_without_any_type_is_khac():
    assert extract_metadata(letterhead(number=None, title=None)).doc_type == "khac"


@pytest.mark.parametrize("lines, dropped", [
    (["Sở Giáo dục và Đào tạo Điện Biên tổ chức Hội nghị", "Thứ năm - 09/02/2023 20:01"], []),
    (["UBND tỉnh phê duyệt danh mục sách giáo khoa 07/04/2022 17:05"], []),
    (["Sở GD&ĐT yêu cầu các trường tăng cường phòng chống đuối nước."], [" date 2025-09-12 "]),
    (["Hướng dẫn thực hiện quy định về dạy thêm, học thêm",          # a type-like headline, dated
      "Ngày 20/11, Sở GD&ĐT ban hành văn bản hướng dẫn."], [" date 2025-11-20 "]),
    (["Ngày 22/2, Chủ tịch UBND TP Cần Thơ cho biết học sinh đi học lại."], []),   # no letterhead
])
def test_news_items_are_tin_tuc(lines, dropped):
    assert extract_metadata(lines, dropped).doc_type == "tin_tuc"


def test_a_portal_headline_opening_with_a_type_gives_the_type():
    lines = ["Chỉ thị của UBND tỉnh về việc đẩy mạnh tổ chức dạy học an toàn",
             "(Quang Binh Portal) - Ngày 16/9/2021, UBND tỉnh đã ban hành Chỉ thị số 14/CT-UBND."]
    assert extract_metadata(lines).doc_type == "chi_thi"


def test_a_letterhead_number_wins_over_the_web_date_line():
    lines = ["Số: 09 /TB-SGDĐT về việc Kết luận của Giám đốc Sở", "Thứ hai - 10/01/2022 16:26"]
    m = extract_metadata(lines)
    assert (m.doc_type, m.date) == ("thong_bao", "2022-01-10")


# ---------------------------------------------------------------------------- title

def test_title_line_and_its_subject_in_capitals():
    m = extract_metadata(letterhead(title=["CHỈ THỊ", "VỀ VIỆC THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022"],
                                    body=["Năm học 2021-2022 là năm đầu tiên ..."]))
    assert m.title == "CHỈ THỊ VỀ VIỆC THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022"


def test_title_continuing_over_lines_stops_at_the_body():
    m = extract_metadata(letterhead(title=["KẾ HOẠCH", "TRIỂN KHAI CHƯƠNG TRÌNH SỨC KHỎE HỌC ĐƯỜNG GIAI ĐOẠN",
                                           "2021-2025, TRÊN ĐỊA BÀN TỈNH HÀ GIANG"],
                                    body=["Thực hiện Quyết định số 1660/QĐ-TTg.", "I. MỤC ĐÍCH, YÊU CẦU"]))
    assert m.title == ("KẾ HOẠCH TRIỂN KHAI CHƯƠNG TRÌNH SỨC KHỎE HỌC ĐƯỜNG GIAI ĐOẠN "
                       "2021-2025, TRÊN ĐỊA BÀN TỈNH HÀ GIANG")


def test_bare_title_line_takes_its_sentence_case_subject():
    m = extract_metadata(["Số: /TB-SGDĐT", "Đắk Lắk, ngày tháng 01 năm 2022", "THÔNG BÁO",
                          "Kết luận của Giám đốc Sở tại Hội nghị sơ kết học kỳ I",
                          "Sáng 27/01/2022, Sở GDĐT Đắk Lắk đã tổ chức Hội nghị."])
    assert m.title == "THÔNG BÁO Kết luận của Giám đốc Sở tại Hội nghị sơ kết học kỳ I"


def test_a_decisions_signer_line_and_enacting_line_are_not_its_title():
    m = extract_metadata(letterhead(number="Số: 2121/QĐ-UBND",
                                    title=["QUYẾT ĐỊNH", "VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH CHUYỂN ĐỔI SỐ",
                                           "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "Căn cứ Luật Giáo dục;",
                                           "QUYẾT ĐỊNH:"]))
    assert m.title == "QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH CHUYỂN ĐỔI SỐ"


def test_title_of_a_cong_van_is_its_subject():
    m = extract_metadata(letterhead(issuer=["BỘ GIÁO DỤC VÀ ĐÀO TẠO"], number="Số: 1396/BGDĐT-GDTH",
                                    place_date=None, title=["V/v triển khai thí điểm Học bạ số",
                                                            "Hà Nội, ngày 27 tháng 03 năm 2024"]))
    assert m.title == "V/v triển khai thí điểm Học bạ số"


def test_title_of_a_letterhead_without_type_line_is_its_subject_in_capitals():
    m = extract_metadata(letterhead(title=["VỀ THỰC HIỆN NHIỆM VỤ TRỌNG TÂM NĂM HỌC 2022-2023"],
                                    number="Số: 12/CT-UBND", body=["Năm học 2022-2023, ngành Giáo dục ..."]))
    assert m.title == "VỀ THỰC HIỆN NHIỆM VỤ TRỌNG TÂM NĂM HỌC 2022-2023"


@pytest.mark.parametrize("lines, headline", [
    (["Sở GD&ĐT Điện Biên tổ chức Hội nghị Sơ kết", "Thứ năm - 09/02/2023 20:01", "Dự Hội nghị có ..."],
     "Sở GD&ĐT Điện Biên tổ chức Hội nghị Sơ kết"),
    (["Thủ tướng chỉ đạo xử lý nghiêm vi phạm dạy thêm 07/02/2025 15:23", "Thủ tướng yêu cầu ..."],
     "Thủ tướng chỉ đạo xử lý nghiêm vi phạm dạy thêm"),
    (["Thứ ba, 15/9/2020, 20h42", "Công khai đường dây nóng phản ánh về giáo dục", "Bộ GD-ĐT vừa ..."],
     "Công khai đường dây nóng phản ánh về giáo dục"),
    (["Đọc báo in", "Tân Châu: Tổng kết năm học 2022-2023", "Chủ nhật: 09:38 ngày 01/10/2023"],
     "Tân Châu: Tổng kết năm học 2022-2023"),
    (["Ngành Giáo dục Nam Định tập trung triển khai nhiều nhiệm vụ sau Tết", "GD&TĐ - Sở GD&ĐT ..."],
     "Ngành Giáo dục Nam Định tập trung triển khai nhiều nhiệm vụ sau Tết"),
    (["Ngày 16/2, Sở Giáo dục và Đào tạo tỉnh Phú Yên đã có thông báo cho học sinh nghỉ học."], None),
])
def test_headline_of_a_news_item(lines, headline):
    assert extract_metadata(lines).title == headline


# ---------------------------------------------------------------------------- any input

def test_no_lines_give_no_metadata():
    assert extract_metadata([]) == extract_metadata(["", "   "]) == type(extract_metadata([]))()


PIECES = ["Số: ", "04/CT-UBND", "/", "ngày ", "tháng ", "năm ", "2021", "31", "02", "Thứ năm - ",
          "09/02/2023 ", "20:01", "ỦY BAN NHÂN DÂN ", "TỈNH ", "Khánh Hoà", "Hà Nội", "Sở GD&ĐT ",
          "TP.HCM", ", ", "CHỈ THỊ", "V/v ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "\u0301", "(", "…"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES) | st.text(max_size=8)).map("".join), max_size=8),
       st.lists(st.text(max_size=20), max_size=3))
def test_any_input_gives_well_formed_metadata(lines, dropped):
    m = extract_metadata(lines, dropped)
    assert m.date is None or re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", m.date)
    assert (m.province is None) == (m.province_2025 is None)
    assert m.doc_type is None or m.doc_type in {
        "chi_thi", "thong_bao", "ke_hoach", "cong_van", "quyet_dinh", "nghi_quyet", "huong_dan",
        "bao_cao", "tin_tuc", "khac"}


# ---------------------------------------------------------------------------- rules as data

def test_rule_tables_are_read_once():
    assert _doc_types() is _doc_types()
    assert _issuers() is _issuers()
    assert _gazetteer() is _gazetteer()


def test_admin_units_are_read_without_importing_the_package():
    """vietnamadminunits imports geopy and shapely; its JSON files are read by path."""
    code = ("import sys; from vn_directives.reading.metadata import extract_metadata as x; "
            "assert x(['UBND TỈNH AN GIANG', 'Số: 1/CT-UBND']).province == 'An Giang'; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('vietnamadminunits', 'geopy', 'shapely')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------- real documents

@pytest.fixture(scope="module")
def corpus_metadata():
    """Metadata of every bundled text, read as the pipeline reads it (first 40 blocks)."""
    out = {}
    for path in sorted((ROOT / "data" / "texts").glob("*.txt")):
        doc = Pipeline.clean(Pipeline.read(path))
        lines = [b.text for b in doc.layout.blocks[:40]]
        out[doc.id] = (lines, extract_metadata(lines, [d.text for d in doc.layout.dropped]))
    return out


SEEDS = {   # checked by reading data/texts/seed-00N.txt
    "seed-000": dict(number=None, doc_type="thong_bao", place="Đắk Lắk", date=None, province="Đắk Lắk"),
    "seed-001": dict(doc_type="tin_tuc", date="2023-02-09", province="Điện Biên",
                     title="Sở Giáo dục và Đào tạo Điện Biên tổ chức Hội nghị Sơ kết học kỳ I "
                           "năm học 2022-2023"),
    "seed-002": dict(number="04/CT-UBND", doc_type="chi_thi", issuer="ỦY BAN NHÂN DÂN TỈNH AN GIANG",
                     place="An Giang", date="2021-09-14", province="An Giang", province_2025="An Giang"),
    "seed-003": dict(number="09/TB-SGDĐT", doc_type="thong_bao", date="2022-01-10", province="Hà Nội"),
    "seed-004": dict(doc_type="tin_tuc", date=None, province="Kon Tum", province_2025="Quảng Ngãi"),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seeds(corpus_metadata, name):
    m = corpus_metadata[name][1].to_dict()
    assert {k: m[k] for k in SEEDS[name]} == SEEDS[name]


def test_seed_002_title(corpus_metadata):
    title = corpus_metadata["seed-002"][1].title
    assert title.startswith("CHỈ THỊ VỀ VIỆC THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022 "
                            "TRÊN ĐỊA BÀN TỈNH AN GIANG")


def _oracle():
    """The documents the metadata rules were written against: the seeds and c001–c058.
    The 155 later ones (c059–c213) are measured, not asserted: rules tuned until they pass
    on them would make the held-out figures (data/heldout.txt) meaningless."""
    with open(ROOT / "data" / "sources.tsv", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh, delimiter="\t")
                if r["doc_type"] and (r["doc"].startswith("seed-") or int(r["doc"][1:]) <= 58)]


#: where sources.tsv says what the text itself does not
TYPE_NOT_IN_TEXT = {
    "c010": "the text starts at '1. Mục đích:': title and letterhead of the kế hoạch are lost",
    "c017": "labelled khac, but the text is a QUYẾT ĐỊNH numbered 2121/QĐ-UBND",
    "c025": "a news report (web date line) about Văn bản 1056/SGDĐT-HSSV, not the công văn",
    "c028": "a web page with a headline and the letter's opening, no letterhead nor number",
    "c055": "a news article about a report of the Bộ, not the báo cáo",
    "c057": "a school's web article, no letterhead",
}
PROVINCE_NOT_IN_TEXT = {
    "c002": "Quảng Bình is named only in the unaccented site tag '(Quang Binh Portal)', "
            "the text says 'UBND tỉnh' without a name",
}


def _provinces(value):
    """sources.tsv's province column as the values accepted: '(toàn quốc)' is None."""
    out = set()
    for part in (p.strip() for p in value.split(";")):
        if part == "(toàn quốc)":
            out.add(None)
        elif part and part != "không rõ":
            out.add(re.sub(r"^TP\.\s*", "", part))
    return out


def _named_in(lines):
    """The provinces the text names anywhere, in any form the maintained list knows ("TP.HCM")."""
    gaz = _gazetteer()
    return {gaz.short[key] for key in gaz.provinces.all_in(" ".join(lines))}


def _known(table, doc):
    return [pytest.mark.xfail(strict=True, reason=table[doc])] if doc in table else []


@pytest.mark.parametrize("row", [pytest.param(r, id=r["doc"], marks=_known(TYPE_NOT_IN_TEXT, r["doc"]))
                                 for r in _oracle()])
def test_corpus_doc_type_agrees_with_sources(corpus_metadata, row):
    assert corpus_metadata[row["doc"]][1].doc_type == row["doc_type"]


@pytest.mark.parametrize("row", [pytest.param(r, id=r["doc"], marks=_known(PROVINCE_NOT_IN_TEXT, r["doc"]))
                                 for r in _oracle()])
def test_corpus_province_agrees_with_sources_where_the_text_names_it(corpus_metadata, row):
    lines, m = corpus_metadata[row["doc"]]
    accepted = _provinces(row["province"])
    if not accepted:
        pytest.skip("sources.tsv does not know the province")
    if None not in accepted and not accepted & _named_in(lines):
        pytest.skip(f"the text does not name {row['province']}")
    assert m.province in accepted


@pytest.mark.parametrize("row", [pytest.param(r, id=r["doc"]) for r in _oracle()])
def test_corpus_year_agrees_with_sources_where_a_date_is_read(corpus_metadata, row):
    year = re.match(r"\d{4}", row["year"])
    date = corpus_metadata[row["doc"]][1].date
    if not (year and date):
        pytest.skip("no year in sources.tsv" if not year else "the text carries no document date")
    assert date[:4] == year.group()


def test_corpus_agreement_figures(corpus_metadata):
    """The figures reported: the 5 seeds and 58 corpus documents of sources.tsv."""
    rows = _oracle()
    types = [corpus_metadata[r["doc"]][1].doc_type == r["doc_type"] for r in rows]
    provinces = [corpus_metadata[r["doc"]][1].province in _provinces(r["province"])
                 for r in rows if _provinces(r["province"])]
    assert (len(types), len(provinces)) == (63, 62)
    assert sum(types) >= len(types) - len(TYPE_NOT_IN_TEXT)
    assert sum(provinces) >= 57      # the others: not named by the text (4) or only as a site tag (c002)


def test_fold_translates_each_character_as_fold_char_does():
    """The translate table gives what folding character by character gives, one for one."""
    from vn_directives.reading.metadata import _fold, _fold_char
    text = "".join(chr(c) for c in range(0x20, 0x3000)) + "Sở Giáo dục TỈNH QUẢNG NINH Đđ 𝒜"
    assert _fold(text) == "".join(_fold_char(ch) for ch in text)
    assert len(_fold(text)) == len(text)
    assert _fold("Sở Giáo dục và Đào tạo") == "so giao duc va dao tao"
