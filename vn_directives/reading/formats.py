"""File formats → text: plain text, HTML, Word .docx and PDF.

The format is decided by the file's content first and its suffix second:

* ``%PDF-`` → PDF (:mod:`.pdf`), a zip holding ``word/document.xml`` → .docx
  (:mod:`.docx`), whatever the suffix says;
* other binary formats are refused by name: legacy Word/Excel (.doc, .xls),
  RTF, images (OCR is not supported), spreadsheets, presentations, OpenDocument,
  other zip archives;
* text is HTML (:mod:`.html`) when its suffix says so (.html, .htm, .xhtml) or
  it starts like a page (``<!DOCTYPE html>``, ``<html>``, …), and plain text
  (:mod:`.decode`) for .txt, .text, .md and no suffix;
* a .pdf or .docx without its format's signature, or another suffix, is refused.

Files larger than ``max_bytes`` (50 MB by default; ``None`` for no limit) are
refused before they are read. Every error is a :class:`ReadError` whose
message starts with the file name.

>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "kh.txt")
>>> _ = open(p, "w", encoding="utf-8").write("<!DOCTYPE html><html><body><nav>Menu</nav><p>Kế hoạch</p></body></html>")
>>> read_document_text(p)
'Kế hoạch'
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Optional, Union

from .decode import DEFAULT_MAX_BYTES, decode_bytes, read_bytes
from .errors import FileTooLargeError, ReadError, UnsupportedFormatError

__all__ = ["read_document_text", "sniff_format", "TEXT_SUFFIXES", "HTML_SUFFIXES", "UnsupportedFormatError",
           "FileTooLargeError", "DEFAULT_MAX_BYTES"]

TEXT_SUFFIXES = {"", ".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx"}
PDF_SUFFIXES = {".pdf"}

_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls); save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image (OCR is not supported)"),
    (b"\xff\xd8\xff", "a JPEG image (OCR is not supported)"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image (OCR is not supported)"),
    (b"MM\x00*", "a TIFF image (OCR is not supported)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)
_ZIP_KINDS = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "an Excel workbook (.xlsx), not a document"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx), not a document"),
    ("content.xml", "an OpenDocument file (.odt/.ods); save it as .docx"),
)
_HTML_START = re.compile(r"\A(?:\ufeff)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)",
                         re.I | re.S)


def sniff_format(data: bytes) -> str:
    """``"pdf"``, ``"docx"``, ``"text"``, or a description of a format that is refused.

    >>> sniff_format(b"%PDF-1.7 ..."), sniff_format("Chỉ thị".encode()), sniff_format(b"\\x89PNG\\r\\n\\x1a\\n")
    ('pdf', 'text', 'a PNG image (OCR is not supported)')
    """
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    for sig, kind in _SIGNATURES:
        if head.startswith(sig):
            break
    else:
        return "pdf" if b"%PDF-" in data[:1024] else "text"
    if kind != "zip":
        return kind
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "docx"        # a broken zip: the .docx reader says what is wrong with it
    for name, what in _ZIP_KINDS:
        if name in names:
            return what
    return "a zip archive, not a document"


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048]
    for enc in ("utf-8", "utf-16"):
        try:
            text = head.decode(enc, errors="ignore")
        except LookupError:
            continue
        if _HTML_START.match(text):
            return True
    return False


def read_document_text(path: Union[str, Path], max_bytes: Optional[int] = DEFAULT_MAX_BYTES) -> str:
    """A document file → its text; :class:`ReadError` naming the file and the reason otherwise."""
    p = Path(path)
    suffix = p.suffix.lower()
    data = read_bytes(p, max_bytes)
    source = str(p)
    kind = sniff_format(data)
    if kind == "pdf":
        from .pdf import pdf_to_text
        return pdf_to_text(data, source)
    if kind == "docx":
        from .docx import docx_to_text
        return docx_to_text(data, source)
    if kind != "text":
        raise UnsupportedFormatError(f"{source}: {kind}")
    if suffix in PDF_SUFFIXES:
        raise ReadError(f"{source}: not a PDF (no %PDF- header): a broken or mislabelled file")
    if suffix in DOCX_SUFFIXES:
        raise ReadError(f"{source}: not a .docx (a Word file is a zip archive): a broken or mislabelled file")
    if suffix in HTML_SUFFIXES or (suffix in TEXT_SUFFIXES and _looks_like_html(data)):
        from .html import html_to_text
        return html_to_text(data, source)
    if suffix in TEXT_SUFFIXES:
        return decode_bytes(data, source)
    known = sorted(s for s in TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES | PDF_SUFFIXES if s)
    raise UnsupportedFormatError(f"{source}: {suffix} files are not read (known: {', '.join(known)})")
