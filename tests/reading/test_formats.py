"""The formats real users have: .txt, .html, .docx, .pdf — each read by content and
suffix, and every file that cannot be read refused with its name and the reason.
Files are made in the tests (python-docx, fpdf2), so there are no opaque fixtures."""
import io
import zipfile
from pathlib import Path

import pytest

from vn_directives.reading.decode import DecodeError, ReadError
from vn_directives.reading.errors import FileTooLargeError, UnsupportedFormatError
from vn_directives.reading.formats import read_document_text, sniff_format
from vn_directives.reading.legacy import bytes_to_latin, encode

docx = pytest.importorskip("docx")
fpdf = pytest.importorskip("fpdf")

DIRECTIVE = [
    "CHỈ THỊ",
    "Về việc thực hiện nhiệm vụ năm học 2021-2022",
    "I. NHIỆM VỤ, GIẢI PHÁP",
    "1. Tiếp tục triển khai đồng bộ các giải pháp phòng, chống dịch COVID-19.",
    "a) Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành liên quan.",
]
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
]


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


# ------------------------------------------------------------------ .docx
def make_docx(build):
    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    def build(d):
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "UBND TỈNH AN GIANG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO"
        t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        for line in DIRECTIVE:
            d.add_paragraph(line)
        t2 = d.add_table(rows=2, cols=2)
        t2.cell(0, 0).merge(t2.cell(0, 1)).text = "Nơi nhận:"
        t2.cell(1, 0).text = "- Như trên;"
        t2.cell(1, 1).text = "GIÁM ĐỐC"
        d.add_paragraph("b) Phòng GDĐT các huyện báo cáo trước ngày 15/10/2021.")
    text = read_document_text(write(tmp_path, "ct.docx", make_docx(build)))
    assert text.split("\n") == [
        "UBND TỈNH AN GIANG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "|", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "|",
        *DIRECTIVE,
        "Nơi nhận:", "|",                       # a merged cell is read once
        "- Như trên;", "|", "GIÁM ĐỐC", "|",
        "b) Phòng GDĐT các huyện báo cáo trước ngày 15/10/2021."]


def test_docx_runs_in_legacy_fonts_are_converted(tmp_path):
    def build(d):
        p = d.add_paragraph()
        r = p.add_run(bytes_to_latin(encode("chỉ thị", "tcvn3")))
        r.font.name = ".VnTimeH"                   # the capital font: lowercase codes drawn as capitals
        p = d.add_paragraph()
        p.add_run("Năm học 2021-2022: ")           # a Unicode run beside a legacy one
        r = p.add_run(bytes_to_latin(encode("học sinh trở lại trường", "tcvn3")))
        r.font.name = ".VnTime"
        r = d.add_paragraph().add_run(bytes_to_latin(encode("Giáo viên được tiêm vắc xin", "vni")))
        r.font.name = "VNI-Times"
    text = read_document_text(write(tmp_path, "old.docx", make_docx(build)))
    assert text == "CHỈ THỊ\nNăm học 2021-2022: học sinh trở lại trường\nGiáo viên được tiêm vắc xin"


def test_docx_legacy_font_of_the_paragraph_style_counts(tmp_path):
    def build(d):
        d.styles["Normal"].font.name = ".VnTime"
        d.add_paragraph(bytes_to_latin(encode("Sở Giáo dục và Đào tạo chủ trì", "tcvn3")))
    assert read_document_text(write(tmp_path, "s.docx", make_docx(build))) == "Sở Giáo dục và Đào tạo chủ trì"


def test_docx_through_the_pipeline_keeps_item_structure(tmp_path, nlp):
    def build(d):
        for line in DIRECTIVE:
            d.add_paragraph(line)
    doc = nlp(write(tmp_path, "ct.docx", make_docx(build)))
    items = {s.text: s.item for s in doc.sentences}
    assert items["1. Tiếp tục triển khai đồng bộ các giải pháp phòng, chống dịch COVID-19."] == "I.1"
    assert items["a) Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành liên quan."] == "I.1.a"


def test_corrupt_docx_is_refused_with_the_reason(tmp_path):
    good = make_docx(lambda d: d.add_paragraph("Học sinh"))
    with pytest.raises(ReadError, match=r"cut\.docx: not a readable \.docx"):
        read_document_text(write(tmp_path, "cut.docx", good[: len(good) // 2]))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body><w:p>broken")
    with pytest.raises(ReadError, match=r"bad\.docx: not a readable \.docx \("):
        read_document_text(write(tmp_path, "bad.docx", buf.getvalue()))


def test_zip_that_is_not_a_word_file_is_named(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormatError, match=r"t\.docx: an Excel workbook"):
        read_document_text(write(tmp_path, "t.docx", buf.getvalue()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(UnsupportedFormatError, match=r"a\.txt: a zip archive, not a document"):
        read_document_text(write(tmp_path, "a.txt", buf.getvalue()))


def test_docx_suffix_on_a_text_file_is_refused(tmp_path):
    with pytest.raises(ReadError, match=r"x\.docx: not a \.docx \(a Word file is a zip archive\)"):
        read_document_text(write(tmp_path, "x.docx", "Chỉ thị"))


# ------------------------------------------------------------------ .pdf
def make_pdf(lines, font=None, pages=1, **encryption):
    pdf = fpdf.FPDF()
    if font:
        pdf.add_font("Body", fname=font)
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("Body" if font else "helvetica", size=11)
        for line in lines:
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


ASCII_LINES = ["CHI THI", "I. NHIEM VU, GIAI PHAP", "1. Tiep tuc trien khai cac giai phap.", "a) So GDDT chu tri."]


def test_pdf_text_layer_keeps_lines(tmp_path):
    text = read_document_text(write(tmp_path, "ct.pdf", make_pdf(ASCII_LINES, pages=2)))
    assert text.split("\n") == ASCII_LINES * 2


def test_pdf_with_vietnamese_font_reads_vietnamese(tmp_path):
    font = next((f for f in FONT_CANDIDATES if Path(f).is_file()), None)
    if font is None:
        pytest.skip("no TrueType font with Vietnamese glyphs on this machine")
    text = read_document_text(write(tmp_path, "ct.pdf", make_pdf(DIRECTIVE, font=font)))
    assert text.split("\n") == DIRECTIVE


def test_scanned_pdf_without_text_layer_is_refused(tmp_path):
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 150, 200, style="F")        # a page of picture, no text
    with pytest.raises(ReadError, match=r"scan\.pdf: PDF has no text layer.*OCR is not supported"):
        read_document_text(write(tmp_path, "scan.pdf", bytes(pdf.output())))


def test_password_protected_pdf_is_refused(tmp_path):
    data = make_pdf(ASCII_LINES, owner_password="owner", user_password="secret")
    with pytest.raises(ReadError, match=r"enc\.pdf: encrypted PDF: it needs a password"):
        read_document_text(write(tmp_path, "enc.pdf", data))


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    data = make_pdf(ASCII_LINES, owner_password="owner")
    assert read_document_text(write(tmp_path, "o.pdf", data)).split("\n") == ASCII_LINES


def test_broken_pdf_is_refused_with_the_reason(tmp_path):
    data = make_pdf(ASCII_LINES)
    with pytest.raises(ReadError, match=r"cut\.pdf: "):
        read_document_text(write(tmp_path, "cut.pdf", data[:300]))
    with pytest.raises(ReadError, match=r"x\.pdf: not a PDF \(no %PDF- header\)"):
        read_document_text(write(tmp_path, "x.pdf", "Chỉ thị"))


def test_pdf_content_wins_over_a_wrong_suffix(tmp_path):
    assert read_document_text(write(tmp_path, "ct.html", make_pdf(ASCII_LINES))).split("\n") == ASCII_LINES


# ------------------------------------------------------------------ .html
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Chỉ thị 04</title>
<style>p {{ color: red }} .x:before {{ content: "Quảng cáo" }}</style>
<script>var ads = "Học sinh giả";</script></head>
<body><nav><ul><li>Trang chủ</li><li>Tin tức</li><li>Liên hệ</li></ul></nav>
<header><div>Cổng thông tin điện tử Sở GDĐT</div></header>
<div class="content">{body}</div>
<aside>Tin liên quan: Hội thi giáo viên dạy giỏi</aside>
<footer>Bản quyền © 2021 Sở GDĐT. Địa chỉ: 123 đường ABC</footer>
<script>document.write("quảng cáo")</script></body></html>"""
BODY = "".join(f"<p>{line}</p>" for line in DIRECTIVE) + \
    "<ul><li>Học sinh lớp 1 đến lớp 5 học trực tiếp.</li></ul>" \
    "<table><tr><td>Nơi nhận:</td><td>GIÁM ĐỐC</td></tr></table>"


def test_html_main_text_kept_scripts_styles_menus_footer_dropped(tmp_path):
    text = read_document_text(write(tmp_path, "ct.html", PAGE.format(body=BODY)))
    lines = text.split("\n")
    assert lines[:5] == DIRECTIVE
    assert "Học sinh lớp 1 đến lớp 5 học trực tiếp." in lines[5]
    assert "Nơi nhận:" in lines[6] and "GIÁM ĐỐC" in lines[6]
    for gone in ("Trang chủ", "Cổng thông tin", "Bản quyền", "Tin liên quan", "quảng cáo", "Học sinh giả", "color"):
        assert gone not in text


def test_txt_that_is_really_html_is_read_as_html(tmp_path):
    text = read_document_text(write(tmp_path, "ct.txt", PAGE.format(body=BODY)))
    assert text.split("\n")[:5] == DIRECTIVE


def test_html_in_windows_1258_and_in_a_vntime_font(tmp_path):
    page = PAGE.format(body=BODY).replace('charset="utf-8"', 'charset="windows-1258"')
    text = read_document_text(write(tmp_path, "cp.html", encode(page, "cp1258")))
    assert text.split("\n")[:5] == DIRECTIVE
    # an old page: TCVN3 bytes declared as Latin-1 and shown in <font face=".VnTime">
    body = "".join(f'<p><font face=".VnTime">{bytes_to_latin(encode(l.lower(), "tcvn3"))}</font></p>'
                   for l in DIRECTIVE[2:])
    old = PAGE.format(body=body).replace('charset="utf-8"', 'charset="iso-8859-1"')
    data = old.encode("utf-8")      # the same glyphs, saved again as UTF-8 by a later editor
    assert read_document_text(write(tmp_path, "old.html", data)).split("\n") == [l.lower() for l in DIRECTIVE[2:]]


def test_xhtml_with_an_xml_declaration(tmp_path):
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + PAGE.format(body=BODY)
    assert read_document_text(write(tmp_path, "ct.xhtml", page)).split("\n")[:5] == DIRECTIVE


def test_deeply_nested_html_lists_are_read_to_the_end(tmp_path):
    deep = "<html><body>" + "<ul><li>Mục" * 5000 + "</li></ul>" * 5000 + "<p>Nơi nhận</p></body></html>"
    text = read_document_text(write(tmp_path, "deep.html", deep))
    assert text.count("Mục") == 5000 and text.endswith("Nơi nhận")


def test_html_with_no_text_is_refused(tmp_path):
    page = "<html><head><script>x()</script><style>p{}</style></head><body><nav>Menu</nav></body></html>"
    with pytest.raises(ReadError, match=r"e\.html: no text in this HTML page"):
        read_document_text(write(tmp_path, "e.html", page))


# ------------------------------------------------------------------ plain text, limits, refusals
def test_plain_text_in_every_accepted_suffix(tmp_path):
    for name in ("a.txt", "a.md", "a.TXT", "README"):
        assert read_document_text(write(tmp_path, name, "Chỉ thị\nI. NHIỆM VỤ")) == "Chỉ thị\nI. NHIỆM VỤ"


def test_empty_file_reads_as_empty_text(tmp_path):
    assert read_document_text(write(tmp_path, "empty.txt", b"")) == ""


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    p = tmp_path / "big.txt"
    with open(p, "wb") as fh:
        fh.truncate(50 * 2**20 + 1)          # 50 MB and a byte, sparse: nothing is written
    with pytest.raises(FileTooLargeError, match=r"big\.txt: file too large: 50\.0 MB > limit 50\.0 MB"):
        read_document_text(p)
    small = write(tmp_path, "s.txt", "Chỉ thị " * 200)
    with pytest.raises(FileTooLargeError, match=r"s\.txt: file too large"):
        read_document_text(small, max_bytes=1000)
    assert read_document_text(small, max_bytes=None).startswith("Chỉ thị")


def test_a_50_mb_text_file_is_read(tmp_path):
    line = "Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành triển khai nhiệm vụ năm học.\n"
    data = line.encode("utf-8") * (50 * 2**20 // len(line.encode("utf-8")))
    p = write(tmp_path, "big.txt", data)
    text = read_document_text(p)
    assert len(text) == len(data.decode("utf-8")) and text.endswith("năm học.\n")


@pytest.mark.parametrize("data, what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "a PNG image"),
    (b"\xff\xd8\xff\xe0" + bytes(100), "a JPEG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), r"a legacy Microsoft Office file \(\.doc/\.xls\)"),
    (b"{\\rtf1\\ansi Chi thi}", "an RTF document"),
])
def test_other_binary_formats_are_named(tmp_path, data, what):
    with pytest.raises(UnsupportedFormatError, match=r"f\.doc: " + what):
        read_document_text(write(tmp_path, "f.doc", data))


def test_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(UnsupportedFormatError, match=r"x\.csv: \.csv files are not read \(known: "):
        read_document_text(write(tmp_path, "x.csv", "a,b"))


def test_undecodable_text_names_file_and_reason(tmp_path):
    p = write(tmp_path, "fr.txt", "Le café était très élégant à Paris.".encode("latin-1"))
    with pytest.raises(DecodeError, match=r"fr\.txt: not valid UTF-8 at byte 6.*could not be determined"):
        read_document_text(p)


def test_sniffing():
    assert sniff_format(b"%PDF-1.7") == "pdf"
    assert sniff_format(b"\xef\xbb\xbfCh\xe1\xbb\x89 th\xe1\xbb\x8b") == "text"
    assert sniff_format(b"PK\x03\x04 broken") == "docx"      # the .docx reader reports what is broken
