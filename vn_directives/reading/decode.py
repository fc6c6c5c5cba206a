"""Bytes → text.

Accepted: UTF-8 with or without BOM, UTF-16 and UTF-32 with BOM. Anything
else raises :class:`DecodeError` naming the file and the first bad byte;
the reader never guesses text into mojibake.

>>> decode_bytes("Sở GDĐT".encode("utf-16"))
'Sở GDĐT'
>>> decode_bytes(b"\\xff\\xfe\\x00\\xd8", source="x.txt")   # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
DecodeError: x.txt: ...
"""
from __future__ import annotations

import codecs
from pathlib import Path
from typing import Union


class ReadError(Exception):
    """A document that cannot be read; the message starts with the source name."""


class DecodeError(ReadError):
    """Bytes that are not text in an encoding we accept."""


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


def decode_bytes(data: bytes, source: str = "<bytes>") -> str:
    """Decode a document's bytes; raise :class:`DecodeError` naming ``source``."""
    enc, skip = sniff_encoding(data)
    body = data[skip:]
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as e:
        hint = ""
        if enc == "utf-8" and b"\x00" in body[:200]:
            hint = " (NUL bytes: UTF-16 without a byte-order mark, or a binary file)"
        raise DecodeError(
            f"{source}: not valid {enc.upper()} at byte {e.start + skip}: "
            f"{body[e.start:e.start + 8]!r}{hint}") from None
    if "\x00" in text:
        raise DecodeError(f"{source}: contains NUL characters; a binary file, not a text document")
    return text


def read_text(path: Union[str, Path]) -> str:
    """Read and decode a text file; errors name the file."""
    p = Path(path)
    if p.is_dir():
        raise ReadError(f"{p}: is a directory, not a document")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{p}: no such file") from None
    except OSError as e:
        raise ReadError(f"{p}: cannot read ({e.strerror})") from None
    return decode_bytes(data, source=str(p))
