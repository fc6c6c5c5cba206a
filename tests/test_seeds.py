"""The five founding directives, segmented. Every expectation here was checked by
reading the seed text (data/texts/seed-00N.txt)."""
import pytest

from tests.conftest import SEEDS


def by_text(doc, start):
    hits = [s for s in doc.sentences if s.text.startswith(start)]
    assert hits, f"no sentence starts with {start!r}"
    return hits[0]


def test_all_five_seeds_are_bundled():
    assert [p.stem for p in SEEDS] == ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"]


@pytest.mark.parametrize("name", [p.stem for p in SEEDS])
def test_nothing_of_the_body_is_lost(seed_docs, name):
    """Every non-space character is inside a sentence span or in a range reported as dropped."""
    doc = seed_docs[name]
    covered = bytearray(len(doc.text))
    for s in doc.sentences:
        covered[s.start:s.end] = b"\x01" * (s.end - s.start)
    for start, end, _reason in doc.dropped:
        covered[start:end] = b"\x01" * (end - start)
    lost = [i for i, ch in enumerate(doc.text) if not ch.isspace() and not covered[i]]
    assert not lost, doc.text[lost[0] - 20: lost[0] + 20]


@pytest.mark.parametrize("name", [p.stem for p in SEEDS])
def test_sentences_are_single_line_with_ordered_spans(seed_docs, name):
    doc = seed_docs[name]
    assert doc.sentences
    prev_end = 0
    for s in doc.sentences:
        assert "\n" not in s.text and s.text == s.text.strip() and s.text
        assert s.start >= prev_end and s.end > s.start
        prev_end = s.end
        assert s.id.startswith(name + ":")


def test_seed_002_letterhead_and_title(seed_docs):
    doc = seed_docs["seed-002"]
    heads = [s.text for s in doc.sentences[:4]]
    assert heads == ["ỦY BAN NHÂN DÂN TỈNH AN GIANG",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
                     "Số: 04/CT-UBND", "An Giang, ngày 14 tháng 9 năm 2021"]
    assert all(s.kind == "header" for s in doc.sentences[:4])
    title = doc.sentences[4]
    assert title.text.startswith("CHỈ THỊ VỀ VIỆC THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022")
    assert "TIẾP TỤC THỰC HIỆN ĐỔI MỚI, KIÊN TRÌ" in title.text       # "ĐỔI\nMỚI" rejoined


def test_seed_002_items(seed_docs):
    doc = seed_docs["seed-002"]
    assert by_text(doc, "I. NHIỆM VỤ, GIẢI PHÁP").item == "I"
    assert by_text(doc, "I. NHIỆM VỤ, GIẢI PHÁP").kind == "heading"
    s = by_text(doc, "Dịch COVID-19 đang đặt ra cho ngành GDĐT")
    assert s.item == "I.1"
    assert by_text(doc, "a) Triển khai thực hiện Chương trình Giáo dục mầm non").item == "I.3.a"
    h = by_text(doc, "5. Nâng cao chất lượng đội ngũ giáo viên")
    assert h.text == "5. Nâng cao chất lượng đội ngũ giáo viên và cán bộ quản lý giáo dục"
    assert (h.item, h.kind) == ("I.5", "heading")
    assert by_text(doc, "II. TỔ CHỨC THỰC HIỆN").item == "II"
    assert by_text(doc, "2. Ủy ban nhân dân các huyện, thị xã, thành phố").item == "II.2"
    assert by_text(doc, "Chỉ thị này có hiệu lực").text == \
        "Chỉ thị này có hiệu lực sau 10 ngày, kể từ ngày ký ban hành./."
    assert by_text(doc, "Nơi nhận").kind == "header"
    assert "về Kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2025" in \
        by_text(doc, "Năm học 2021-2022 là năm đầu tiên").text             # "Kế\nhoạch"


def test_seed_000_conclusion_items(seed_docs):
    doc = seed_docs["seed-000"]
    one = by_text(doc, "1. Chủ động, linh hoạt trong triển khai")
    assert one.item == "1"
    assert one.text.endswith("đảm bảo hoàn thành kế hoạch năm học.")
    assert by_text(doc, "Thực hiện chỉ đạo của Thủ tướng Chính phủ").item == "1"
    # the source breaks "CTGDPT\n\n2018": one sentence
    assert "triển khai CTGDPT 2018 trong năm học 2022-2023" in by_text(doc, "Tích cực chuẩn bị").text
    assert by_text(doc, "6. Tăng cường công tác thanh tra").item == "6"
    assert by_text(doc, "Giám đốc Sở yêu cầu các đơn vị").text.endswith("năm học 2021-2022./.")


def test_seed_001_news_item(seed_docs):
    doc = seed_docs["seed-001"]
    assert doc.sentences[0].text == "Sở Giáo dục và Đào tạo Điện Biên tổ chức Hội nghị Sơ kết học kỳ I năm học 2022-2023"
    assert doc.sentences[1].kind == "header"                      # "Thứ năm - 09/02/2023 20:01"
    assert doc.sentences[2].text.startswith("Dienbien.edu.vn - Ngày 09/02/2023")
    assert by_text(doc, "4) Tổ chức lựa chọn sách giáo khoa lớp 4,8,11").item == "4"
    assert by_text(doc, "10) Thực hiện nghiêm túc").item == "10"
    # rating widget, comments, counters are gone
    assert not any("Tổng số điểm" in s.text or "Đang truy cập" in s.text for s in doc.sentences)


def test_seed_003_headline_is_content_and_lists_nest(seed_docs):
    doc = seed_docs["seed-003"]
    assert "Trang nhất" not in doc.sentences[0].text
    head = by_text(doc, "Số: 09 /TB-SGDĐT về việc Kết luận")
    assert head.kind == "sentence"
    assert by_text(doc, "1. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ").item == "1"
    assert by_text(doc, "1. Toàn Ngành đã triển khai").item == "1.1"
    assert not any("Văn bản mới" in s.text or "Thống kê truy cập" in s.text for s in doc.sentences)


def test_seed_004_bullets(seed_docs):
    doc = seed_docs["seed-004"]
    assert not any(s.text.startswith(("Lượt xem", "Đọc bài viết")) for s in doc.sentences)
    assert by_text(doc, "• Tăng cường triển khai thực hiện nhiệm vụ chính trị").item == "2.•1"
    assert by_text(doc, "TS.Phạm Thị Trung – Tỉnh ủy viên Giám đốc").text.endswith("chủ trì Hội nghị.")
