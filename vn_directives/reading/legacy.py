"""Legacy Vietnamese 8-bit encodings ↔ Unicode: TCVN3 (ABC), VNI, Windows-1258.

Before Unicode, Vietnamese was typed in fonts whose Latin byte positions held
Vietnamese letters: TCVN3 (".VnTime", one byte per letter) and VNI
("VNI-Times", a base byte plus a tone byte). The tables are data
(``resources/vi/tcvn3.tsv``, ``vni.tsv``, with their sources); which fonts
use them is data too (``legacy_fonts.tsv``). Windows-1258 is Python's
``cp1258`` with its combining tone marks composed (NFC).

Functions here convert; choosing an encoding is :mod:`.detect`'s job.
"Latin text" means the legacy bytes read as Windows-1252 characters, which is
what a file, a Word run or a web page in a legacy font shows without the font.

>>> from_latin("ChØ thÞ vÒ n¨m häc", "tcvn3")
'Chỉ thị về năm học'
>>> from_latin("Chæ thò veà naêm hoïc", "vni")
'Chỉ thị về năm học'
>>> decode(encode("Nhiệm vụ năm học", "cp1258"), "cp1258")
'Nhiệm vụ năm học'
>>> font_encoding(".VnTimeH"), font_encoding("VNI-Times"), font_encoding("Times New Roman")
(('tcvn3', 'upper'), ('vni', 'keep'), None)
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from typing import Dict, Optional, Tuple

from ..resources import read_tsv, resource_path

ENCODINGS = ("cp1258", "tcvn3", "vni")
_TONES = "\u0300\u0301\u0303\u0309\u0323"

# Windows-1252 in 0x80-0x9F (bytes it leaves undefined stay C1 controls)
_CP1252_HIGH = {}
for _b in range(0x80, 0xA0):
    try:
        _CP1252_HIGH[_b] = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        pass
_CP1252_BACK = {ord(c): b for b, c in _CP1252_HIGH.items()}


_LATIN_TABLE = "".join(_CP1252_HIGH.get(i, chr(i)) for i in range(256))
_UNDEFINED = "\ufffe"      # in a charmap decoding table: this byte is an error


def bytes_to_latin(data: bytes) -> str:
    """Bytes read as Windows-1252 (undefined bytes kept as C1 controls)."""
    return codecs.charmap_decode(data, "strict", _LATIN_TABLE)[0]


def latin_to_bytes(text: str) -> Optional[bytes]:
    """The bytes behind a Latin text, or ``None`` when a character has no byte."""
    out = bytearray()
    for ch in text:
        o = ord(ch)
        if o < 0x100:
            out.append(o)
        elif o in _CP1252_BACK:
            out.append(_CP1252_BACK[o])
        else:
            return None
    return bytes(out)


@lru_cache(maxsize=1)
def _tcvn3() -> Tuple[Dict[int, str], Dict[str, int]]:
    table = {int(r["byte"], 16): r["char"] for r in read_tsv(resource_path("tcvn3.tsv"))}
    back = {c: b for b, c in table.items() if unicodedata.combining(c) == 0 and b != 0xA0}
    return table, back


@lru_cache(maxsize=1)
def _vni() -> Tuple[Dict[int, str], Dict[str, str]]:
    """``(glyph → Unicode translation, letter → glyphs)`` from ``vni.tsv``.

    A VNI mark glyph means the same combining marks after whichever base it
    follows ("â": circumflex in "aâ", "eâ", "oâ"), so decoding is a
    character translation followed by NFC, which is linear and fast; the
    table is checked for that property when it is loaded.
    """
    singles, marks, char_to_glyphs = {}, {}, {}
    rows = [(r["char"], bytes.fromhex(r["bytes"]).decode("cp1252")) for r in read_tsv(resource_path("vni.tsv"))]
    for char, glyphs in rows:
        char_to_glyphs[char] = glyphs
        if len(glyphs) == 1:
            singles[glyphs] = char
    for char, glyphs in rows:
        if len(glyphs) != 2:
            continue
        base = unicodedata.normalize("NFD", singles.get(glyphs[0], glyphs[0]))
        full = unicodedata.normalize("NFD", char)
        if not full.startswith(base):
            raise ValueError(f"vni.tsv: {char!r} = {glyphs!r} does not start with its base letter")
        combining = full[len(base):]
        if marks.setdefault(glyphs[1], combining) != combining:
            raise ValueError(f"vni.tsv: mark {glyphs[1]!r} means two things")
    table = {ord(g): c for g, c in singles.items()}
    table.update({ord(g): c for g, c in marks.items()})
    return table, char_to_glyphs


def from_latin(text: str, encoding: str) -> str:
    """Legacy glyphs (bytes read as Windows-1252) → Unicode letters, NFC."""
    if encoding == "tcvn3":
        table, _ = _tcvn3()
        out = text.translate({b: c for b, c in table.items() if b >= 0xA1})
    elif encoding == "vni":
        out = text.translate(_vni()[0])
    elif encoding == "cp1258":
        data = latin_to_bytes(text)
        if data is None:
            raise ValueError("text holds characters outside Windows-1252")
        out = data.decode("cp1258")
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r} (known: {', '.join(ENCODINGS)})")
    return unicodedata.normalize("NFC", out)


@lru_cache(maxsize=None)
def _decoding_table(encoding: str):
    """A byte → text table for ``codecs.charmap_decode`` (C speed on large files)."""
    if encoding == "tcvn3":
        table = _tcvn3()[0]
        return "".join(table[i] if i >= 0xA1 and i in table else
                       _CP1252_HIGH.get(i, _UNDEFINED) if 0x80 <= i < 0xA0 else chr(i) for i in range(256))
    glyphs = _vni()[0]
    out = {}
    for i in range(256):
        ch = _LATIN_TABLE[i]
        out[i] = _UNDEFINED if 0x80 <= i < 0xA0 and i not in _CP1252_HIGH else glyphs.get(ord(ch), ch)
    return out


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def decode(data: bytes, encoding: str) -> str:
    """Legacy bytes → Unicode (NFC); ``UnicodeDecodeError`` for bytes the encoding lacks."""
    if encoding == "cp1258":
        return _nfc(data.decode("cp1258"))
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r} (known: {', '.join(ENCODINGS)})")
    return _nfc(codecs.charmap_decode(data, "strict", _decoding_table(encoding))[0])


def encode(text: str, encoding: str) -> bytes:
    """Unicode → legacy bytes (the inverse of :func:`decode`, for tests and round trips).

    Raises ``UnicodeEncodeError`` for a character the encoding lacks (TCVN3 has
    no capital toned letters other than a few: they were set in the "H" fonts).
    """
    text = unicodedata.normalize("NFC", text)
    out = bytearray()
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ord(ch))
            continue
        if encoding in ("tcvn3", "vni") and (ord(ch) in _CP1252_BACK or
                                             encoding == "vni" and 0xA0 <= ord(ch) < 0xC0):
            out.append(_CP1252_BACK.get(ord(ch), ord(ch)))      # punctuation: “ ” – … « »
            continue
        if encoding == "tcvn3":
            b = _tcvn3()[1].get(ch)
            if b is not None:
                out.append(b)
                continue
        elif encoding == "vni":
            g = _vni()[1].get(ch)
            if g is not None:
                out += g.encode("cp1252")
                continue
        elif encoding == "cp1258":
            try:
                out += ch.encode("cp1258")
                continue
            except UnicodeEncodeError:
                parts = unicodedata.normalize("NFD", ch)
                base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
                tone = "".join(c for c in parts if c in _TONES)
                try:
                    out += (base + tone).encode("cp1258")
                    continue
                except UnicodeEncodeError:
                    pass
        else:
            raise ValueError(f"unknown legacy encoding {encoding!r} (known: {', '.join(ENCODINGS)})")
        raise UnicodeEncodeError(encoding, text, i, i + 1, f"{ch!r} has no {encoding} code")
    return bytes(out)


@lru_cache(maxsize=1)
def _fonts():
    return [(re.compile(r["pattern"], re.I), r["encoding"], r["case"])
            for r in read_tsv(resource_path("legacy_fonts.tsv"))]


@lru_cache(maxsize=256)
def font_encoding(font_name: Optional[str]) -> Optional[Tuple[str, str]]:
    """``(encoding, case)`` for a legacy Vietnamese font name, else ``None``."""
    if not font_name:
        return None
    for pat, enc, case in _fonts():
        if pat.fullmatch(font_name.strip()):
            return enc, case
    return None


def convert_run(text: str, font_name: Optional[str]) -> str:
    """The text of a run set in ``font_name``, in Unicode (unchanged for other fonts)."""
    hit = font_encoding(font_name)
    if hit is None or text.isascii() and hit[1] != "upper":
        return text
    enc, case = hit
    out = from_latin(text, enc)
    return out.upper() if case == "upper" else out
