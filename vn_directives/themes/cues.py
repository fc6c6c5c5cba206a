"""Theme cue lists of ANNOTATION.md §1, read from ``resources/vi/theme_cues.tsv``.

A cue is a phrase matched on whole syllables of the lower-cased NFC text; a
``-`` cue is a look-alike the guideline excludes ("dịch vụ" is not the
epidemic, "kiểm định chất lượng" is not inspection). The classifier does not
obey the cues: it gets their counts as features and learns their weights.

>>> cues = CueRules()
>>> cues.count("Thực hiện nghiêm công tác phòng, chống dịch COVID-19.")["covid19"]
2
>>> cues.count("Nâng cao chất lượng dịch vụ công.")["covid19"]
0
>>> [(m.theme, m.cue) for m in cues.find("Triển khai Chương trình GDPT 2018.")]
[('ctgdpt2018', 'chương trình gdpt 2018'), ('ctgdpt2018', 'gdpt 2018')]
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Tuple, Union

from ..records import THEMES
from ..resources import read_tsv, resolve

DEFAULT_FILE = "theme_cues.tsv"
_RUN = re.compile(r"[\w-]+")   # a run of word characters (and hyphens): where a cue may begin


@dataclass(frozen=True)
class CueMatch:
    theme: str
    polarity: str        # "+" or "-"
    cue: str
    start: int
    end: int


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-cased NFC, the form cues are matched in."""
    return unicodedata.normalize("NFC", text).lower()


class CueRules:
    """Cue phrases per theme, from ``rules="default"`` or a TSV of the same columns."""

    def __init__(self, rules: Union[str, Path] = "default"):
        self.path = resolve(rules, DEFAULT_FILE)
        self.cues: List[Tuple[str, str, str]] = []
        for n, row in enumerate(read_tsv(self.path), start=2):
            theme, pol, cue = row.get("theme"), row.get("polarity"), (row.get("cue") or "").strip()
            if theme not in THEMES or pol not in ("+", "-") or not cue:
                raise ValueError(f"{self.path}: bad cue row {row!r} (theme must be one of "
                                 f"{', '.join(THEMES)}, polarity + or -, cue non-empty)")
            self.cues.append((theme, pol, fold(cue)))
        # cues looked up by their first run of word characters: a cue can only begin
        # where a run begins ("gdpt 2018" at "gdpt"), and must end before a non-word character
        self._by_first: Dict[str, List[Tuple[str, str, str]]] = {}
        for theme, pol, cue in sorted(set(self.cues)):
            first = _RUN.match(cue)
            if first is None:
                raise ValueError(f"{self.path}: a cue must begin with a letter or digit: {cue!r}")
            self._by_first.setdefault(first.group(), []).append((theme, pol, cue))

    def find(self, text: str) -> List[CueMatch]:
        """Every cue occurrence (a longer cue and a cue inside it both count)."""
        low = fold(text)
        out: List[CueMatch] = []
        for m in _RUN.finditer(low):
            for theme, pol, c in self._by_first.get(m.group(), ()):
                start = m.start()
                if low.startswith(c, start):
                    end = start + len(c)
                    if end == len(low) or not (low[end].isalnum() or low[end] in "-_"):
                        out.append(CueMatch(theme, pol, c, start, end))
        return sorted(set(out), key=lambda m: (m.start, -m.end, m.theme, m.polarity, m.cue))

    def count(self, text: str, polarity: str = "+") -> Dict[str, int]:
        """Number of cue occurrences per theme (of the given polarity)."""
        return self.counts(text)[polarity]

    def counts(self, text: str) -> Dict[str, Dict[str, int]]:
        """``{"+": {theme: n}, "-": {theme: n}}`` in one pass."""
        out = {"+": dict.fromkeys(THEMES, 0), "-": dict.fromkeys(THEMES, 0)}
        for m in self.find(text):
            out[m.polarity][m.theme] += 1
        return out
