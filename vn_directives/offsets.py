"""Text that remembers where each of its characters came from.

Every cleaning step in :mod:`vn_directives.reading` produces a
:class:`MappedText`: the new text plus, for each character, the ``[start, end)``
range of the original text it stands for. Steps compose, so a sentence cut
from cleaned text can always report its span in the file as read.

>>> m = MappedText.identity("Kế\\nhoạch")
>>> m = m.replace_span(2, 3, " ")      # a hard wrap becomes a space
>>> m.text
'Kế hoạch'
>>> m.original_span(0, 8)
(0, 8)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Tuple


@dataclass(frozen=True)
class MappedText:
    """``text`` with ``starts[i]``/``ends[i]``: the original range of ``text[i]``."""

    text: str
    starts: Tuple[int, ...]
    ends: Tuple[int, ...]

    def __post_init__(self) -> None:
        if not (len(self.text) == len(self.starts) == len(self.ends)):
            raise ValueError("MappedText: text and offset maps differ in length")

    @classmethod
    def identity(cls, text: str, offset: int = 0) -> "MappedText":
        n = len(text)
        return cls(text, tuple(range(offset, offset + n)), tuple(range(offset + 1, offset + n + 1)))

    @classmethod
    def join(cls, parts: Iterable["MappedText"]) -> "MappedText":
        text: List[str] = []
        starts: List[int] = []
        ends: List[int] = []
        for p in parts:
            text.append(p.text)
            starts.extend(p.starts)
            ends.extend(p.ends)
        return cls("".join(text), tuple(starts), tuple(ends))

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, start: int, end: int) -> "MappedText":
        return MappedText(self.text[start:end], self.starts[start:end], self.ends[start:end])

    def original_span(self, start: int, end: int) -> Tuple[int, int]:
        """The ``[start, end)`` range of the original text behind ``text[start:end]``."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"empty or out-of-range span ({start}, {end}) of {len(self.text)}")
        return self.starts[start], max(self.ends[start:end])

    def replace_span(self, start: int, end: int, new: str) -> "MappedText":
        """Replace ``text[start:end]`` by ``new``; each new character maps to the whole
        replaced range (or, when ``new`` has the same length, one to one)."""
        if len(new) == end - start:
            starts, ends = self.starts[start:end], self.ends[start:end]
        elif end > start:
            lo, hi = self.starts[start], max(self.ends[start:end])
            starts, ends = (lo,) * len(new), (hi,) * len(new)
        else:  # insertion: map to the point between neighbours
            at = self.ends[start - 1] if start > 0 else (self.starts[0] if self.starts else 0)
            starts, ends = (at,) * len(new), (at,) * len(new)
        return MappedText(
            self.text[:start] + new + self.text[end:],
            self.starts[:start] + tuple(starts) + self.starts[end:],
            self.ends[:start] + tuple(ends) + self.ends[end:],
        )

    def strip(self) -> "MappedText":
        s = len(self.text) - len(self.text.lstrip())
        e = len(self.text.rstrip())
        return self.slice(s, max(s, e))
