"""Segmentation: directive structure first, sentence ends inside items."""
import pytest

from vn_directives.reading.clean import clean
from vn_directives.segment import match_marker, segment


def units(raw):
    return [(u.item, u.kind, u.text) for u in segment(clean(raw))]


@pytest.mark.parametrize("text,typ,label", [
    ("I. NHIỆM VỤ", "roman", "I"),
    ("1. Chủ động", "num.", "1"),
    ("2) Chỉ đạo", "num)", "2"),
    ("1.1. Tăng cường", "dotted", "1.1"),
    ("a) Triển khai", "alpha)", "a"),
    ("b, Đối với các trường", "alpha.", "b"),
    ("• Tăng cường", "bullet", "•"),
    ("- Bộ GDĐT;", "bullet", "-"),
    ("+ Cấp tiểu học", "bullet", "+"),
    ("Điều 3. Chánh Văn phòng", "article", "3"),
    ("Phần I", "part", "I"),
])
def test_item_markers(text, typ, label):
    assert match_marker(text)[:2] == (typ, label)


@pytest.mark.parametrize("text", ["2021-2022 là năm đầu tiên", "1.234 học sinh", "COVID-19 đang", "Năm học"])
def test_not_item_markers(text):
    assert match_marker(text) is None


def test_numbered_item_is_never_glued_to_the_previous_sentence():
    # underthesea alone gives "… như sau: 1." as one sentence
    got = units("Giám đốc Sở kết luận như sau: 1. Chủ động triển khai. 2. Tăng cường kiểm tra.")
    assert got == [("", "sentence", "Giám đốc Sở kết luận như sau:"),
                   ("1", "sentence", "1. Chủ động triển khai."),
                   ("2", "sentence", "2. Tăng cường kiểm tra.")]


def test_item_paths_follow_nesting():
    raw = ("I. NHIỆM VỤ, GIẢI PHÁP\n1. Tiếp tục triển khai.\na) Mầm non.\nb) Phổ thông.\n"
           "- Lớp 1;\n- Lớp 2.\n2. Đẩy mạnh chuyển đổi số.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở GDĐT chủ trì.")
    assert [u[0] for u in units(raw)] == ["I", "I.1", "I.1.a", "I.1.b", "I.1.b.-1", "I.1.b.-2",
                                          "I.2", "II", "II.1"]


def test_paragraph_after_a_bullet_list_belongs_to_the_enclosing_item():
    raw = "1. Nhiệm vụ chung\n- Tăng cường kỷ cương;\n- Đổi mới quản lý.\nGiao phòng Kế hoạch thực hiện."
    assert [u[0] for u in units(raw)] == ["1", "1.-1", "1.-2", "1"]


def test_indentation_separates_levels_of_the_same_marker():
    raw = " 1. TÌNH HÌNH THỰC HIỆN\n  1. Toàn Ngành đã triển khai.\n  2. Tham mưu ban hành.\n 1. NHIỆM VỤ HỌC KỲ II"
    assert [u[0] for u in units(raw)] == ["1", "1.1", "1.2", "1"]


def test_headings_are_their_own_units():
    got = units("I. NHIỆM VỤ, GIẢI PHÁP\n2. Triển khai thực hiện các nghị quyết, chỉ thị\nTiếp tục quán triệt.")
    assert [k for _, k, _ in got] == ["heading", "heading", "sentence"]


def test_sentences_inside_an_item_keep_its_path():
    got = units("3. Đẩy mạnh chuyển đổi số. Triển khai học bạ số. Số hóa hồ sơ.")
    assert [(i, t) for i, _, t in got] == [("3", "3. Đẩy mạnh chuyển đổi số."),
                                          ("3", "Triển khai học bạ số."), ("3", "Số hóa hồ sơ.")]


def test_no_split_inside_domains_abbreviations_or_before_lower_case():
    got = [t for _, _, t in units("Dienbien.edu.vn - Ngày 09/02/2023, Sở tổ chức hội nghị. TS.Phạm Thị Trung chủ trì.")]
    assert got == ["Dienbien.edu.vn - Ngày 09/02/2023, Sở tổ chức hội nghị.", "TS.Phạm Thị Trung chủ trì."]
    got = [t for _, _, t in units("Đánh giá “Đơn vị học tập”. tham mưu UBND tỉnh ban hành.")]
    assert len(got) == 1


def test_closing_mark_stays_with_its_sentence():
    assert [t for _, _, t in units("Chỉ thị này có hiệu lực kể từ ngày ký./.")] == [
        "Chỉ thị này có hiệu lực kể từ ngày ký./."]


def test_letterhead_is_header_and_subject_and_addressee_lines_are_content():
    raw = ("BỘ GIÁO DỤC VÀ ĐÀO TẠO\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
           "Số: 1396/BGDĐT-GDTH\nV/v triển khai thí điểm Học bạ số\nHà Nội, ngày 27 tháng 03 năm 2024\n"
           "Kính gửi: Các Sở Giáo dục và Đào tạo\nNgày 11/02/2024, Thủ tướng ban hành Chỉ thị.\n"
           "Nơi nhận:\n- Như trên;\n- Lưu: VT.")
    kinds = [(k, t) for _, k, t in units(raw)]
    assert [k for k, _ in kinds] == ["header", "header", "header", "header", "sentence", "header",
                                     "sentence", "sentence", "header", "header", "header"]


def test_every_unit_maps_back_to_its_text():
    raw = "I. NHIỆM VỤ\n1. Chủ động, linh hoạt\ntriển khai. Báo cáo kết quả."
    for u in segment(clean(raw)):
        s, e = u.original_span()
        assert raw[s:e].split() == u.text.split()
