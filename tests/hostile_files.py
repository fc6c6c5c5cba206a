"""Builders of files made to exhaust memory, for tests/test_hostile.py and benchmarks/hostile_memory.py.

Each builder writes a small file that unpacks to far more than it weighs. Nothing here
is a stored blob: every file is made when asked for.
"""
import io
import zipfile
import zlib
from pathlib import Path

MB = 2 ** 20

_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                  'package/2006/content-types"><Default Extension="rels" ContentType="application/'
                  'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                  '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
                  'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
         'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_DOC = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>CHỈ THỊ về nhiệm vụ năm học 2021-2022</w:t>'
        '</w:r></w:p></w:body></w:document>')


def _docx(path: Path, extra: dict) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", _DOC)
        for name, data in extra.items():
            z.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def docx_with_a_huge_header(path: Path, mb: int = 300) -> Path:
    """A .docx whose header part is ``mb`` MB of XML (a few hundred kB zipped)."""
    body = "<w:p><w:r><w:t>" + "Sở GDĐT " * 16 + "</w:t></w:r></w:p>"
    xml = ('<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           + body * (mb * MB // len(body.encode())) + "</w:hdr>")
    return _docx(path, {"word/header1.xml": xml})


def docx_with_a_huge_image(path: Path, mb: int = 600) -> Path:
    """A .docx holding a ``mb`` MB "image" of zeros (under a megabyte zipped)."""
    return _docx(path, {"word/media/image1.png": b"\0" * (mb * MB)})


def docx_that_lies_about_its_size(path: Path, mb: int = 300) -> Path:
    """A .docx whose central directory says its header part is 1 kB while it inflates to ``mb`` MB."""
    docx_with_a_huge_header(path, mb)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/header1.xml")
    real = info.file_size.to_bytes(4, "little")
    fake = (1024).to_bytes(4, "little")
    data = data.replace(real, fake)          # the local header and the central directory both
    path.write_bytes(bytes(data))
    return path


def pdf_with_huge_streams(path: Path, pages: int = 40, mb: int = 70) -> Path:
    """A PDF of ``pages`` pages whose content streams each inflate to ``mb`` MB of text operators."""
    op = b"BT /F1 12 Tf 72 712 Td (So GDDT trien khai) Tj ET\n"
    stream = zlib.compress(op * (mb * MB // len(op)), 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(f"{3 + 2 * i} 0 R".encode() for i in range(pages))
            + f"] /Count {pages} >>".encode()]
    for i in range(pages):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
                    f"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>".encode())
        objs.append(f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream
                    + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for o in offsets:
        out.write(f"{o:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    path.write_bytes(out.getvalue())
    return path


def a_very_long_text(path: Path, mb: int = 48) -> Path:
    """A .txt of ``mb`` MB of plausible directive sentences (under the 50 MB default size limit)."""
    line = "Các trường THCS triển khai kế hoạch năm học 2021-2022 trước ngày 15/9/2021.\n"
    path.write_text(line * (mb * MB // len(line.encode())), encoding="utf-8")
    return path


BUILDERS = {"huge_header.docx": docx_with_a_huge_header, "huge_image.docx": docx_with_a_huge_image,
            "lying.docx": docx_that_lies_about_its_size, "streams.pdf": pdf_with_huge_streams,
            "long.txt": a_very_long_text}
