"""File formats → text.

Plain text (``.txt``, ``.md`` and files with no suffix) is read here; the
other formats real users have (``.html``, ``.docx``, ``.pdf``) are read by
well-kept libraries once the batch issue lands. Until then they are refused
with a clear message rather than read as bytes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Union

from .decode import ReadError, read_text

TEXT_SUFFIXES = {"", ".txt", ".text", ".md"}


class UnsupportedFormatError(ReadError):
    """A file whose format this version cannot read."""


def read_document_text(path: Union[str, Path]) -> str:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_text(p)
    raise UnsupportedFormatError(
        f"{p}: {suffix} files are not read yet (plain text only: {', '.join(sorted(s for s in TEXT_SUFFIXES if s))})")
