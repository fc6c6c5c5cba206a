"""DEADLINE extraction: every written form with its preposition, and every trap
named in ANNOTATION.md §2/§5 and the issue (citations, past events, cited titles,
past reporting periods)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn_directives.extract.deadlines import DeadlineExtractor

EX = DeadlineExtractor(reference_year=2024)


def run(text, doc_date=None):
    return [(s.text, s.value["start"], s.value["end"]) for s in EX(text, doc_date)]


# (sentence, doc_date, [(span text, start, end), ...])
FORMS = [
    # school year, term, summer, year, period
    ("Thực hiện nhiệm vụ năm học 2022-2023.", None, [("năm học 2022-2023", "2022-09-01", "2023-05-31")]),
    ("Triển khai trong năm học 2021 - 2022 các nội dung.", None,
     [("trong năm học 2021 - 2022", "2021-09-01", "2022-05-31")]),
    ("CHỈ THỊ VỀ THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 – 2022", "2021-09-14",
     [("NĂM HỌC 2021 – 2022", "2021-09-01", "2022-05-31")]),
    ("Tập trung thực hiện trong học kỳ I năm học 2022-2023.", None,
     [("trong học kỳ I năm học 2022-2023", "2022-09-01", "2023-01-15")]),
    ("Nhiệm vụ trọng tâm học kỳ II, năm học 2021-2022.", None,
     [("học kỳ II, năm học 2021-2022", "2022-01-16", "2022-05-31")]),
    ("Tổ chức bồi dưỡng giáo viên trong hè 2022.", None, [("trong hè 2022", "2022-06-01", "2022-08-31")]),
    ("Xây dựng chuyên đề trong hè năm 2021-2022.", None, [("trong hè năm 2021-2022", "2022-06-01", "2022-08-31")]),
    ("Tổ chức thi tốt nghiệp năm 2023.", None, [("năm 2023", "2023-01-01", "2023-12-31")]),
    ("Xây dựng trường chuẩn giai đoạn 2022-2025.", None, [("giai đoạn 2022-2025", "2022-01-01", "2025-12-31")]),
    ("Phấn đấu đến năm 2030 đạt chuẩn.", None, [("đến năm 2030", None, "2030-12-31")]),
    ("KẾ HOẠCH ỨNG DỤNG CNTT GIAI ĐOẠN 2022 - 2025", "2022-04-08",
     [("GIAI ĐOẠN 2022 - 2025", "2022-01-01", "2025-12-31")]),
    # quarter and month
    ("Báo cáo kết quả trong quý I/2023.", None, [("trong quý I/2023", "2023-01-01", "2023-03-31")]),
    ("Hoàn thành trước quý III năm 2024.", None, [("trước quý III năm 2024", None, "2024-06-30")]),
    ("Triển khai thí điểm trong tháng 6/2024.", None, [("trong tháng 6/2024", "2024-06-01", "2024-06-30")]),
    ("Hoàn thành chậm nhất tháng 3 năm 2022.", None, [("chậm nhất tháng 3 năm 2022", None, "2022-03-31")]),
    # days in every written form
    ("Nộp hồ sơ trước ngày 15 tháng 3 năm 2022.", None, [("trước ngày 15 tháng 3 năm 2022", None, "2022-03-14")]),
    ("Nộp hồ sơ trước ngày 15/3/2022.", None, [("trước ngày 15/3/2022", None, "2022-03-14")]),
    ("Nộp báo cáo trước 15-3 hằng năm.", "2022-01-05", [("trước 15-3", None, "2022-03-14")]),
    ("Học sinh đi học trở lại từ ngày 10-2.", "2022-01-20", [("từ ngày 10-2", "2022-02-10", None)]),
    ("Lễ khai giảng năm học 2023-2024 sẽ tổ chức trên cả nước ngày 5.9.", None,
     [("ngày 5.9", "2023-09-05", "2023-09-05")]),
    ("Các trường báo cáo chậm nhất ngày 20/01/2022.", None, [("chậm nhất ngày 20/01/2022", None, "2022-01-20")]),
    ("Tiếp tục ngừng đến trường đến hết 28/2/2021.", None, [("đến hết 28/2/2021", None, "2021-02-28")]),
    ("Hoạt động dạy học bắt đầu sau ngày 20/9/2021.", None, [("sau ngày 20/9/2021", "2021-09-21", None)]),
    # ranges are one span (§5.5)
    ("Kiểm tra từ ngày 10/01 đến ngày 20/01/2022.", None,
     [("từ ngày 10/01 đến ngày 20/01/2022", "2022-01-10", "2022-01-20")]),
    ("Nghỉ Tết từ ngày 28/1/2022 (26 tháng Chạp năm Tân Sửu) đến hết ngày 7/2/2022.", None,
     [("từ ngày 28/1/2022 (26 tháng Chạp năm Tân Sửu) đến hết ngày 7/2/2022", "2022-01-28", "2022-02-07")]),
    ("Giai đoạn một kéo dài từ 13-25/12, áp dụng dạy học trực tiếp.", "2021-12-10",
     [("từ 13-25/12", "2021-12-13", "2021-12-25")]),
    ("Trong thời gian từ ngày 17 đến hết ngày 31.3, các đoàn sẽ kiểm tra.", "2025-03-10",
     [("Trong thời gian từ ngày 17 đến hết ngày 31.3", "2025-03-17", "2025-03-31")]),
    ("Tổ chức thực hiện từ nay đến năm 2026.", "2022-05-04", [("từ nay đến năm 2026", "2022-05-04", "2026-12-31")]),
    ("Tổ chức thực hiện từ nay đến năm 2026.", None, [("từ nay đến năm 2026", None, "2026-12-31")]),
    ("Thực hiện từ nay cho hết năm học 2023-2024.", None,
     [("từ nay cho hết năm học 2023-2024", None, "2024-05-31")]),
    ("Giai đoạn 1: Từ ngày 1/7/2020 đến hết ngày 31/12/2025, bảo đảm đạt ít nhất 60% số giáo viên.", None,
     [("Từ ngày 1/7/2020 đến hết ngày 31/12/2025", "2020-07-01", "2025-12-31")]),
    # Tết Nguyên đán by year number or can-chi name
    ("Tổ chức dạy học trực tiếp sau Tết Nguyên đán Nhâm Dần.", "2022-01-10",
     [("sau Tết Nguyên đán Nhâm Dần", "2022-02-02", None)]),
    ("Hoàn thành trước Tết Nguyên đán Quý Mão.", "2022-12-01",
     [("trước Tết Nguyên đán Quý Mão", None, "2023-01-21")]),
    ("Triển khai nhiều nhiệm vụ sau kỳ nghỉ Tết Nguyên đán Quý Mão 2023.", None,
     [("sau kỳ nghỉ Tết Nguyên đán Quý Mão 2023", "2023-01-23", None)]),
    ("Trợ cấp giáo viên khó khăn nhân dịp Tết Nguyên đán năm 2022.", None,
     [("nhân dịp Tết Nguyên đán năm 2022", "2022-02-01", "2022-02-01")]),
    ("Các nhiệm vụ triển khai trước, trong và sau Tết Nguyên đán Nhâm Dần.", "2022-01-10",
     [("trước, trong và sau Tết Nguyên đán Nhâm Dần", None, None)]),
]


@pytest.mark.parametrize("text,doc_date,expected", FORMS)
def test_written_forms(text, doc_date, expected):
    assert run(text, doc_date) == expected


# where a missing year comes from (§5.6)
YEARS = [
    ("Tập trung thực hiện trong học kỳ II; hoàn thành các chỉ tiêu năm học 2021-2022.", None,
     [("trong học kỳ II", "2022-01-16", "2022-05-31"), ("năm học 2021-2022", "2021-09-01", "2022-05-31")]),
    ("Triển khai trong học kỳ II.", "2023-02-09", [("trong học kỳ II", "2023-01-16", "2023-05-31")]),
    ("Triển khai trong học kỳ I.", "2022-07-20", [("trong học kỳ I", "2022-09-01", "2023-01-15")]),
    ("Triển khai trong học kỳ II.", "2022", [("trong học kỳ II", None, None)]),
    ("Triển khai trong học kỳ II.", None, [("trong học kỳ II", None, None)]),
    ("Hoàn thành đến hết tháng 2.", None, [("đến hết tháng 2", None, None)]),
    ("Hoàn thành đến hết tháng 2.", "2021-01-20", [("đến hết tháng 2", None, "2021-02-28")]),
    ("Hoàn thành đến hết tháng 2.", "2021-01", [("đến hết tháng 2", None, "2021-02-28")]),
    ("Hoàn thành trước ngày 15/1.", "2021-12-20", [("trước ngày 15/1", None, "2022-01-14")]),
    ("Học sinh trở lại trường từ 23/4.", None, [("từ 23/4", None, None)]),
    ("Tổ chức dạy học trực tiếp sau Tết Nguyên đán Nhâm Dần.", None,
     [("sau Tết Nguyên đán Nhâm Dần", "2022-02-02", None)]),   # no date: nearest to the reference year
    ("Triển khai nhiều nhiệm vụ sau Tết.", None, [("sau Tết", None, None)]),
    # Tết with no year anywhere in the sentence: the Tết of the school year holding the document's date
    ("Các trường báo cáo trước Tết Nguyên đán.", "2022-01-05", [("trước Tết Nguyên đán", None, "2022-01-31")]),
    ("Các trường báo cáo trước Tết Nguyên đán.", "2021-10-10", [("trước Tết Nguyên đán", None, "2022-01-31")]),
    ("Các trường báo cáo trước Tết Nguyên đán.", None, [("trước Tết Nguyên đán", None, None)]),
]


@pytest.mark.parametrize("text,doc_date,expected", YEARS)
def test_missing_year(text, doc_date, expected):
    assert run(text, doc_date) == expected


# not deadlines (§2, §5, ANNOTATION_NOTES)
TRAPS = [
    # a date that only identifies a cited document
    ("Thực hiện Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021 của Bộ trưởng Bộ GDĐT.", "2021-09-14"),
    ("Căn cứ Nghị quyết số 08/NQ-CP ngày 24 tháng 01 năm 2018 của Chính phủ;", "2020-03-30"),
    ("Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;", "2025-04-22"),
    ("Theo đề nghị của Giám đốc Sở tại Tờ trình số 2555/TTr-SGDĐT, ngày 13/9/2023.", "2023-09-18"),
    # the subject of a cited document
    ("Thực hiện Công văn số 1541/UBND-VHXH ngày 26/3/2020 của UBND tỉnh về việc cho học sinh nghỉ học "
     "từ ngày 30/3/2020 đến khi có thông báo mới.", None),
    # the date of a past event
    ("Ngày 27/01/2022, Sở đã tổ chức hội nghị sơ kết.", "2022-01-28"),
    ("(Báo X) - Ngày 21/4, UBND thành phố có văn bản đồng ý cho học sinh đi học.", None),
    ("Tiết mục biểu diễn của học sinh Trường THCS Hải Xuân sáng 30/1.", None),
    ("Trao đổi với phóng viên ngày 24.2, ông Minh cho biết ngành đã phối hợp rà soát.", None),
    # a period in a cited programme's title
    ("Tiếp tục thực hiện Đề án bảo đảm cơ sở vật chất cho chương trình giáo dục mầm non giai đoạn 2017-2025.",
     "2021-09-14"),
    ("Triển khai Chiến lược phát triển giáo dục 2021-2030.", "2022-01-01"),
    ("Triển khai có hiệu quả Đề án Hỗ trợ học sinh, sinh viên khởi nghiệp đến năm 2025.", "2021-09-14"),
    ("KẾ HOẠCH THỰC HIỆN ĐỀ ÁN “TĂNG CƯỜNG ỨNG DỤNG CÔNG NGHỆ THÔNG TIN GIAI ĐOẠN 2022 - 2025”", "2022-04-14"),
    # a past reporting period
    ("Trong năm 2021, toàn ngành đã đạt nhiều kết quả.", "2022-01-10"),
    ("Năm học 2024-2025, toàn tỉnh có 219 trường mầm non.", None),
    ("Tỷ lệ tốt nghiệp THPT năm 2022 đạt 98,33%.", None),
    ("Phòng GDĐT tổ chức tổng kết năm học 2021-2022.", None),
    ("Theo thống kê, tính đến hết năm học 2022 - 2023, cả nước có 1.234.124 giáo viên.", None),
    ("Hà Nội đã thí điểm từ tháng 4/2024.", None),
    ("Được triển khai thực hiện từ năm học 2013 – 2014, đến nay phần mềm được sử dụng rộng rãi.", None),
    ("THỰC TRẠNG ỨNG DỤNG CNTT GIAI ĐOẠN 2016 - 2020", "2021-05-27"),
    # the motto of the year, the letterhead, headline time stamps, relative times
    ("Ngành xác định chủ đề năm học 2022 - 2023 là “Đoàn kết, sáng tạo”.", "2022-08-25"),
    ("Khánh Hòa, ngày 25 tháng 8 năm 2022", "2022-08-25"),
    ("Lãnh đạo tỉnh đối thoại với ngành giáo dục 11/08/2023 15:59", None),
    ("Chỉ thị này có hiệu lực sau 10 ngày, kể từ ngày ký ban hành./.", "2021-09-14"),
    ("Hướng dẫn nghỉ trong thời gian nghỉ tết theo lịch.", None),
    ("Triển khai dạy học 2 buổi/ngày đối với lớp 3-5 và 28/58 học sinh.", None),
]


@pytest.mark.parametrize("text,doc_date", TRAPS)
def test_not_deadlines(text, doc_date):
    assert run(text, doc_date) == []


def test_own_plan_period_after_the_citation_is_a_deadline():
    text = ("Thực hiện Quyết định số 1660/QĐ-TTg ngày 02/10/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh "
            "ban hành Kế hoạch triển khai Chương trình Sức khỏe học đường giai đoạn 2021-2025 trên địa bàn tỉnh.")
    assert run(text, "2021-12-31") == [("giai đoạn 2021-2025", "2021-01-01", "2025-12-31")]


def test_citation_date_kept_out_but_deadline_in_same_sentence_kept():
    text = ("Ngày 11/02/2024, Thủ tướng Chính phủ ban hành Chỉ thị số 04/CT-TTg, trong đó, ngành Giáo dục "
            "được giao triển khai thí điểm Học bạ số trong tháng 6/2024, triển khai toàn quốc từ năm học 2024-2025.")
    assert run(text, "2024-03-27") == [("trong tháng 6/2024", "2024-06-01", "2024-06-30"),
                                       ("từ năm học 2024-2025", "2024-09-01", None)]


def test_spans_and_rules_files():
    spans = EX("Hoàn thành trước ngày 15/3/2022.")
    assert spans[0].label == "DEADLINE" and spans[0].attrs == {}
    with pytest.raises(FileNotFoundError):
        DeadlineExtractor(rules="/nonexistent.tsv")


# ---------------------------------------------------------------- properties

ALPHABET = st.sampled_from(list("0123456789/.-–, ()“”") + ["ngày ", "tháng ", "năm ", "năm học ", "học kỳ II ",
                                                               "giai đoạn ", "quý I", "Tết Nguyên đán ", "Nhâm Dần",
                                                               "từ ", "đến hết ", "trước ", "sau ", "đã ", "Đề án ",
                                                               "2022", "2021-2022", "31", "12", "Số 5/QĐ-UBND "])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join),
       st.sampled_from([None, "2022", "2022-08", "2022-08-25", "bad"]))
def test_random_text_never_crashes_and_spans_are_slices(text, doc_date):
    spans = EX(text, doc_date)
    prev_end = -1
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.start >= prev_end
        prev_end = s.end
        assert set(s.value) == {"start", "end"}
        for v in s.value.values():
            assert v is None or (len(v) == 10 and v[4] == "-" and v[7] == "-")
        if s.value["start"] and s.value["end"]:
            assert s.value["start"] <= s.value["end"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_never_crashes(text):
    for s in EX(text):
        assert text[s.start:s.end] == s.text


def test_can_chi_tet_without_any_date_stays_null_rather_than_guessed():
    spans = DeadlineExtractor()("Tổ chức dạy học trực tiếp sau Tết Nguyên đán Nhâm Dần.", None)
    assert [(s.text, s.value) for s in spans] == [("sau Tết Nguyên đán Nhâm Dần", {"start": None, "end": None})]


def test_the_gates_find_what_every_pattern_finds():
    """A pattern runs only on text with its gate word (and, but for term, quarter and Tết,
    a digit): the same expressions as all patterns on all text, on every bundled line with
    and without its digits, and on lines in capitals."""
    import re

    from tests.conftest import TEXTS
    gated, full = DeadlineExtractor(), DeadlineExtractor()
    full._pats = [(k, rx, None) for k, rx, _ in full._pats]
    full._pats_without_digits = full._pats
    lines = [l for p in sorted(TEXTS.glob("*.txt")) for l in p.read_text(encoding="utf-8").splitlines()]
    lines += ["Học kỳ II, quý I và dịp Tết Nguyên đán Nhâm Dần", "trong tháng Mười, hè năm nay"]
    checked = 0
    for line in lines + [re.sub(r"\d", "", l) for l in lines] + [l.upper() for l in lines]:
        a, b = gated._find(line), full._find(line)
        assert [(e.start, e.end, e.kind) for e in a] == [(e.start, e.end, e.kind) for e in b], line
        checked += bool(b)
    assert checked > 300


# ranges across New Year resolve forward; a range written backwards is flagged, never inverted
NEW_YEAR = [
    ("Thực hiện từ tháng 12/2021 đến tháng 1.", None, ("2021-12-01", "2022-01-31")),
    ("Thực hiện từ ngày 28/12 đến ngày 3/1/2022.", None, ("2021-12-28", "2022-01-03")),
    ("Nghỉ từ ngày 28/12/2021 đến ngày 3/1.", None, ("2021-12-28", "2022-01-03")),
    ("Nghỉ từ ngày 28/12 đến ngày 3/1.", "2021-12-10", ("2021-12-28", "2022-01-03")),
]


@pytest.mark.parametrize("text,doc_date,expected", NEW_YEAR)
def test_a_range_across_new_year_resolves_forward(text, doc_date, expected):
    (span,) = EX(text, doc_date)
    assert (span.value["start"], span.value["end"]) == expected


def test_a_range_written_backwards_is_kept_with_a_flag_not_inverted():
    (span,) = EX("Thực hiện từ ngày 20/3 đến ngày 10/3/2022.", None)
    assert span.text == "từ ngày 20/3 đến ngày 10/3/2022"
    assert span.value == {"start": None, "end": None}
    assert span.attrs == {"backwards": True, "written": {"start": "2022-03-20", "end": "2022-03-10"}}


_DAY = st.integers(1, 28).map(str)
_MONTH = st.integers(1, 12).map(str)
_YEAR = st.one_of(st.just(""), st.integers(2019, 2026).map(lambda y: f"/{y}"))


@settings(max_examples=400, deadline=None)
@given(_DAY, _MONTH, _YEAR, _DAY, _MONTH, _YEAR, st.sampled_from(["ngày ", ""]),
       st.sampled_from([None, "2021-12-10", "2022-06-01"]), st.sampled_from(["đến", "đến hết", "-"]))
def test_every_range_value_has_start_before_end(d1, m1, y1, d2, m2, y2, ngay, doc_date, to):
    text = f"Thực hiện từ {ngay}{d1}/{m1}{y1} {to} {ngay}{d2}/{m2}{y2}."
    for s in EX(text, doc_date):
        v = s.value
        if v["start"] and v["end"]:
            assert v["start"] <= v["end"], (text, v)
        if s.attrs.get("backwards"):
            assert v == {"start": None, "end": None}
