"""Bytes → text, the encoding decided with evidence.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); NUL bytes without a BOM
→ UTF-16 when the bytes look like it (:func:`~.detect.sniff_utf16`), else a
binary file; valid UTF-8; otherwise the legacy Vietnamese encodings
(Windows-1258, TCVN3, VNI) scored by how many words come out as Vietnamese
syllables (:func:`~.detect.choose_legacy`). Unicode text holding legacy-font
glyphs ("ChØ thÞ") is converted or refused (:func:`~.detect.repair_mojibake`).
Anything that cannot be decided raises :class:`DecodeError` naming the file
and the reason; the reader never guesses text into mojibake.

>>> decode_bytes("Sở GDĐT".encode("utf-16"))
'Sở GDĐT'
>>> from vn_directives.reading.legacy import encode
>>> decode_bytes(encode("Kế hoạch năm học 2021-2022 của Sở Giáo dục", "tcvn3"))
'Kế hoạch năm học 2021-2022 của Sở Giáo dục'
>>> decode_bytes(b"\\xff\\xfe\\x00\\xd8", source="x.txt")   # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
DecodeError: x.txt: ...
"""
from __future__ import annotations

import codecs
from pathlib import Path
import re
from typing import Optional, Tuple, Union

from .detect import check_mixed_lines, choose_legacy, repair_mojibake, sniff_utf16
from .errors import DecodeError, FileTooLargeError, ReadError

__all__ = ["ReadError", "DecodeError", "FileTooLargeError", "decode_bytes", "read_bytes", "read_text",
           "sniff_encoding", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff_encoding(data: bytes) -> tuple:
    """``(encoding, bom_length)`` from a byte-order mark, else ``("utf-8", 0)``."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return "utf-8", 0


def decode_bytes(data: bytes, source: str = "<bytes>", declared: Optional[str] = None,
                 repair: bool = True) -> str:
    """Decode a document's bytes; raise :class:`DecodeError` naming ``source``.

    ``declared``: an encoding the container names (an HTML ``<meta charset>``),
    used for bytes that are neither UTF-8 nor a legacy Vietnamese encoding.
    ``repair=False`` leaves legacy-font glyphs in Unicode text for the caller
    to repair after it has extracted the text (:func:`~.detect.repair_mojibake`).
    """
    enc, skip = sniff_encoding(data)
    body = data[skip:]
    if not skip and b"\x00" in body:
        text = sniff_utf16(body)
        if text is None:
            raise DecodeError(f"{source}: contains NUL bytes and is not UTF-16 text; a binary file, "
                              f"not a text document")
        return repair_mojibake(text, source) if repair else text
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as e:
        where = f"not valid {enc.upper()} at byte {e.start + skip}: {body[e.start:e.start + 8]!r}"
        if skip:
            raise DecodeError(f"{source}: {where} (after a {enc.upper()} byte-order mark)") from None
        check_mixed_lines(body, source)
        try:
            return choose_legacy(body, source, why=where)[0]
        except DecodeError:
            if not declared:
                raise
        try:
            return body.decode(declared)
        except (LookupError, UnicodeDecodeError) as e2:
            raise DecodeError(f"{source}: {where}, not a Vietnamese legacy encoding, and not the "
                              f"{declared!r} it declares ({type(e2).__name__})") from None
    if "\x00" in text:
        raise DecodeError(f"{source}: contains NUL characters; a binary file, not a text document")
    return repair_mojibake(text, source) if repair else text


def special_kind(mode: int) -> str:
    """What a file that is neither regular nor a folder is, from its ``st_mode``.

    >>> import stat
    >>> special_kind(stat.S_IFIFO)
    'a FIFO'
    """
    import stat
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "special"


def read_bytes(path: Union[str, Path], max_bytes: Optional[int] = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes; :class:`ReadError` naming the file when it is missing, a folder or too large."""
    import stat
    p = Path(path)
    if p.is_dir():
        raise ReadError(f"{p}: is a directory, not a document")
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):      # a FIFO would block, a device never end
            raise ReadError(f"{p}: not a regular file ({special_kind(st.st_mode)}); not read")
        size = st.st_size
        if max_bytes is not None and size > max_bytes:
            raise FileTooLargeError(f"{p}: file too large: {size / 2**20:.1f} MB > limit "
                                    f"{max_bytes / 2**20:.1f} MB (raise max_bytes to read it)")
        with open(p, "rb") as fh:
            data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise ReadError(f"{p}: no such file" + (" (a link to nothing)" if p.is_symlink() else "")) from None
    except OSError as e:
        raise ReadError(f"{p}: cannot read ({e.strerror})") from None
    if max_bytes is not None and len(data) > max_bytes:      # grew while we looked, or a device
        raise FileTooLargeError(f"{p}: file too large: more than {max_bytes / 2**20:.1f} MB "
                                f"(raise max_bytes to read it)")
    return data


def read_text(path: Union[str, Path], max_bytes: Optional[int] = DEFAULT_MAX_BYTES) -> str:
    """Read and decode a text file; errors name the file."""
    p = Path(path)
    return decode_bytes(read_bytes(p, max_bytes), source=str(p))


#: the longest text the pipeline takes, in characters (about 1.5 GB of working memory);
#: a longer one is refused at reading, before segmentation and tagging
DEFAULT_MAX_CHARS = 10_000_000


class TextTooLongError(ReadError):
    """A document whose text is longer than the character limit."""


def check_length(text: str, source: str, max_chars: Optional[int] = DEFAULT_MAX_CHARS) -> str:
    if max_chars is not None and len(text) > max_chars:
        raise TextTooLongError(f"{source}: text too long: {len(text):,} characters > limit {max_chars:,}")
    return text


_UNENCODABLE = re.compile("[\ud800-\udfff]")


def replace_unencodable(text: str) -> Tuple[str, int]:
    """Lone surrogates (code points no encoding can write, e.g. from a PDF's broken
    ToUnicode map or a string built in Python) → U+FFFD, one for one, so offsets keep;
    returns the text and how many were replaced.

    >>> replace_unencodable("Sở GDĐT triển khai " + chr(0xD800) + ".")
    ('Sở GDĐT triển khai \ufffd.', 1)
    """
    if text.isascii():
        return text, 0
    return _UNENCODABLE.subn("\ufffd", text)
