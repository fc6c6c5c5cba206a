"""Cleaning: page furniture out, layout undone, nothing of the directive lost."""
from vn_directives.reading.clean import BoilerplateRules, clean


def texts(raw):
    return [b.text for b in clean(raw).blocks]


def test_web_menus_and_counters_are_dropped():
    raw = "banner\nTrang nhất » Tin Tức\nLượt xem:\nĐọc bài viết\nTăng cỡ chữ\nSở GDĐT yêu cầu các trường triển khai."
    c = clean(raw)
    assert [b.text for b in c.blocks] == ["Sở GDĐT yêu cầu các trường triển khai."]
    assert {d.reason for d in c.dropped} == {"boilerplate"}


def test_reader_comments_and_other_news_drop_the_rest():
    raw = ("1. Tăng cường kiểm tra.\n\nTổng số điểm của bài viết là: 0 trong 0 đánh giá\n"
           "Ý kiến bạn đọc\nNhững tin mới hơn\nKế hoạch tuyển sinh lớp 6 năm học 2023-2024\n"
           "Thống kê truy cập\n• Đang truy cập83")
    c = clean(raw)
    assert texts(raw) == ["1. Tăng cường kiểm tra."]
    assert c.dropped[-1].reason == "boilerplate-tail"
    assert c.dropped[-1].end == len(raw)


def test_rule_lines_and_table_pipes_go_but_are_reported():
    raw = "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n-------\n|\nSố:\n04/CT-UBND\n|\nNội dung chỉ thị."
    c = clean(raw)
    assert texts(raw) == ["ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Số: 04/CT-UBND", "Nội dung chỉ thị."]
    assert [d.reason for d in c.dropped] == ["rule-line", "table-pipe", "table-pipe"]


def test_short_table_cell_lines_are_one_unit():
    # a converter cut the place name "An Giang" over two lines inside a table cell
    assert texts("Số: 04/CT-UBND\n|\nAn\nGiang, ngày 14 tháng 9 năm 2021\n|\nCHỈ THỊ") == [
        "Số: 04/CT-UBND", "An Giang, ngày 14 tháng 9 năm 2021", "CHỈ THỊ"]


def test_inline_table_cells_are_split():
    assert texts("Số hiệu | 60/2025/QĐ-UBND |\nNội dung.") == ["Số hiệu", "60/2025/QĐ-UBND", "Nội dung."]


WRAPPED = (
    "CHỈ THỊ\n"
    "VỀ VIỆC THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022, TIẾP TỤC THỰC HIỆN ĐỔI\n"
    "MỚI, KIÊN TRÌ MỤC TIÊU CHẤT LƯỢNG GIÁO DỤC VÀ ĐÀO TẠO\n"
    "Năm học\n"
    "2021-2022 là năm đầu tiên ngành Giáo dục và Đào tạo thực hiện Nghị quyết Đại\n"
    "hội đại biểu toàn quốc lần thứ XIII của Đảng; Nghị quyết của Quốc hội về Kế\n"
    "hoạch phát triển kinh tế - xã hội 5 năm 2021-2025; Nghị quyết của Chính phủ về\n"
    "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ\n"
    "XIII của Đảng.\n"
    "1. Tiếp tục triển khai đồng bộ các giải pháp để hoàn thành nhiệm vụ kép, vừa\n"
    "thực hiện tốt các biện pháp phòng, chống dịch COVID-19, vừa hoàn thành tốt\n"
    "chương trình giáo dục năm học với phương châm “dừng đến trường, không dừng học”\n"
    "Dịch COVID-19\n"
    "đang đặt ra cho ngành GDĐT phải có các giải pháp thích ứng, chuyển trạng thái\n"
    "hoạt động, vừa bảo đảm an toàn trường học.\n"
)


def test_hard_wrapped_lines_are_rejoined_even_inside_words():
    c = clean(WRAPPED)
    assert c.wrapped
    blocks = [b.text for b in c.blocks]
    assert blocks[0] == ("CHỈ THỊ VỀ VIỆC THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022, TIẾP TỤC THỰC HIỆN "
                         "ĐỔI MỚI, KIÊN TRÌ MỤC TIÊU CHẤT LƯỢNG GIÁO DỤC VÀ ĐÀO TẠO")   # "ĐỔI\nMỚI"
    assert "về Kế hoạch phát triển" in blocks[1]          # "Kế\nhoạch"
    assert blocks[1].startswith("Năm học 2021-2022 là năm")


def test_paragraph_starts_are_kept_in_wrapped_layout():
    blocks = [b.text for b in clean(WRAPPED).blocks]
    # the short first line of a paragraph ("Dịch COVID-19") starts a new unit
    assert blocks[2].endswith("“dừng đến trường, không dừng học”")
    assert blocks[3].startswith("Dịch COVID-19 đang đặt ra")
    assert len(blocks) == 4


def test_document_type_line_and_its_subject_are_one_title():
    assert texts("CHỈ THỊ\n\nTRIỂN KHAI NHIỆM VỤ NĂM HỌC 2021 - 2022\n\nCăn cứ Chỉ thị số 24/CT-TTg.") == [
        "CHỈ THỊ TRIỂN KHAI NHIỆM VỤ NĂM HỌC 2021 - 2022", "Căn cứ Chỉ thị số 24/CT-TTg."]


def test_one_paragraph_per_line_is_never_joined():
    raw = "Đại biểu tham dự Hội nghị\nThực hiện chủ đề năm học, toàn ngành đạt nhiều kết quả."
    assert texts(raw) == raw.split("\n")


def test_sentence_cut_by_a_blank_line_is_rejoined():
    # seed 000 breaks "CTGDPT\n\n2018 trong năm học"
    assert texts("để triển khai CTGDPT\n\n2018 trong năm học 2022-2023.") == [
        "để triển khai CTGDPT 2018 trong năm học 2022-2023."]


def test_stray_whitespace_is_collapsed_with_offsets_kept():
    raw = "  Sở GDĐT \t  yêu cầu\u00a0 các trường.  "
    b = clean(raw).blocks[0]
    assert b.text == "Sở GDĐT yêu cầu các trường."
    s, e = b.mapped.original_span(0, len(b.text))
    assert raw[s:e] == raw.strip()


def test_every_block_character_maps_to_the_same_character():
    raw = "Kế\nhoạch   số 12\n\n1. Chủ động triển khai."
    for b in clean(raw).blocks:
        for i, ch in enumerate(b.text):
            if ch != " ":
                assert raw[b.mapped.starts[i]] == ch


def test_user_rules_extend_the_defaults(tmp_path):
    rules = tmp_path / "bp.tsv"
    rules.write_text("pattern\taction\nquảng cáo.*\tdrop\n", encoding="utf-8")
    assert texts("Quảng cáo: mua sách\nNội dung.") == ["Quảng cáo: mua sách", "Nội dung."]
    assert [b.text for b in clean("Quảng cáo: mua sách\nNội dung.", rules=rules).blocks] == ["Nội dung."]
    assert BoilerplateRules(rules).action("quảng cáo x") == "drop"
