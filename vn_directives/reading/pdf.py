"""PDF → the text of its text layer (pypdf), page after page.

Lines stay lines (headings like "I. NHIỆM VỤ" on their own); pages are joined
by a newline. What cannot be read is reported, naming the file:

* a scanned PDF (pages of images, no text layer): OCR is not supported;
* an encrypted PDF that needs a password (one with only an owner password,
  which anyone may open, is read);
* a broken file (pypdf's own error is given as the reason).

Text in legacy Vietnamese fonts (a .VnTime document printed to PDF gives
"ChØ thÞ") is converted by :func:`~.detect.repair_mojibake`.

>>> pdf_to_text(b"%PDF-1.4 broken", source="x.pdf")   # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
ReadError: x.pdf: not a readable PDF (...)
"""
from __future__ import annotations

import io
import logging

from .detect import repair_mojibake
from .errors import ReadError
from .decode import DEFAULT_MAX_CHARS, TextTooLongError


#: the most pages a PDF may have (each page's streams are inflated to read it; pypdf caps
#: each stream at 75 MB, the worker's memory limit caps the rest)
MAX_PAGES = 2000


def pdf_to_text(data: bytes, source: str = "<pdf>") -> str:
    """A PDF file's bytes → the text of its text layer (see the module doc)."""
    import pypdf
    from pypdf.errors import DependencyError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise ReadError(f"{source}: encrypted PDF (AES); reading it needs the 'cryptography' "
                                f"package") from None
            if opened == pypdf.PasswordType.NOT_DECRYPTED:
                raise ReadError(f"{source}: encrypted PDF: it needs a password to open")
        if len(reader.pages) > MAX_PAGES:
            raise ReadError(f"{source}: PDF has {len(reader.pages):,} pages (limit {MAX_PAGES:,})")
        pages, chars = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > DEFAULT_MAX_CHARS:
                raise TextTooLongError(f"{source}: text too long: more than {DEFAULT_MAX_CHARS:,} characters "
                                       f"after {len(pages)} page(s)")
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{source}: not a readable PDF (objects nested too deeply)") from None
    except Exception as e:         # pypdf, and what it calls, raise many kinds on broken files
        raise ReadError(f"{source}: not a readable PDF ({type(e).__name__}: {str(e)[:200]})") from None
    if not pages:
        raise ReadError(f"{source}: PDF has no pages")
    text = "\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise ReadError(f"{source}: PDF has no text layer ({len(pages)} page(s) of images: a scan?); "
                        f"OCR is not supported")
    return repair_mojibake(text.replace("\x00", ""), source)
