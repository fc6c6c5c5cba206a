"""The role of each ACTOR in its sentence (ANNOTATION.md §2 "ACTOR role").

``directs`` (gives the order, or issued the document the sentence rests on), ``lead``
(must carry it out), ``cooperate`` (takes part in an action another leads),
``addressee`` (the "Kính gửi" line) or ``mentioned`` (anything else). Decided from cue
words right before and after the actor, kept as data in ``actor_roles.tsv``; an actor with
no cue of its own takes the role of the actor it is listed with ("Sở Y tế, Sở GDĐT chủ
trì" – both lead); otherwise it is mentioned. This stage reads the actors the actor
extractor found on the sentence; it finds none itself.

>>> from vn_directives.records import Span
>>> text = "UBND tỉnh yêu cầu Sở GDĐT chủ trì, phối hợp với Sở Y tế triển khai."
>>> actors = [Span(0, 9, "UBND tỉnh", "ACTOR"), Span(18, 25, "Sở GDĐT", "ACTOR"), Span(48, 55, "Sở Y tế", "ACTOR")]
>>> [s.attrs["role"] for s in RoleAssigner()(text, actors)]
['directs', 'lead', 'cooperate']
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

from ..reading.normalize import normalize_str
from ..records import ROLES, Span
from ..resources import read_tsv, resolve

KINDS = ("line_addressee", "before_directs", "after_directs", "before_cooperate", "after_cooperate",
         "before_lead", "after_lead", "after_past", "issuer_noun")
_WORD = re.compile(r"\w+", re.UNICODE)
#: what may stand between two actors listed together
_COORD = re.compile(r"^\s*(?:,|;|và|cùng|hoặc|với)?\s*(?:các\s+)?$", re.IGNORECASE)


class RoleRulesError(ValueError):
    """A rules file that does not follow its schema; the message names file and line."""


def _words(text: str) -> Tuple[str, ...]:
    return tuple(_WORD.findall(normalize_str(text).lower()))


class RoleAssigner:
    """Sets ``attrs["role"]`` on each ACTOR span of a sentence; ``rules`` is ``"default"``
    or a ``actor_roles.tsv`` of one's own."""

    def __init__(self, rules: Union[str, Path] = "default"):
        path = resolve(rules, "actor_roles.tsv")
        self.cues: Dict[str, List[Tuple[str, ...]]] = {k: [] for k in KINDS}
        for n, row in enumerate(read_tsv(path), 1):
            kind, text = (row.get("kind") or "").strip(), (row.get("text") or "").strip()
            if kind not in self.cues:
                raise RoleRulesError(f"{path}: row {n}: kind {kind!r} is not one of {', '.join(KINDS)}")
            if not text:
                raise RoleRulesError(f"{path}: row {n}: empty text")
            self.cues[kind].append(_words(text))
        for k in self.cues:
            self.cues[k].sort(key=len, reverse=True)

    def _ending(self, words: Sequence[str], kind: str) -> Optional[Tuple[str, ...]]:
        """The longest cue of ``kind`` that ``words`` end with, else None."""
        return next((c for c in self.cues[kind] if len(c) <= len(words) and tuple(words[len(words) - len(c):]) == c),
                    None)

    def _ends_with(self, words: Sequence[str], kind: str) -> bool:
        return self._ending(words, kind) is not None

    def _starts_with(self, words: Sequence[str], kind: str) -> int:
        """Length of the longest cue of ``kind`` that ``words`` start with, else 0."""
        return next((len(c) for c in self.cues[kind] if tuple(words[:len(c)]) == c), 0)

    def _issuer(self, text: str, span: Span, before: Sequence[str]) -> bool:
        """Whether a before_directs cue applies: any but a bare "của", and "của" itself only
        after an issuer noun ("Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021 của …")."""
        cue = self._ending(before, "before_directs")
        if cue is None:
            return False
        if cue != ("của",):
            return True
        window = set(_words(text[max(0, span.start - 90):span.start]))
        return any(c[0] in window and all(w in window for w in c) for c in self.cues["issuer_noun"])

    def role(self, text: str, span: Span) -> str:
        before = _words(text[max(0, span.start - 60):span.start])
        after = _words(text[span.end:span.end + 60])
        if self._issuer(text, span, before):
            return "directs"
        past = self._starts_with(after, "after_past")
        if past and self._starts_with(after[past:], "after_directs"):
            return "directs"
        if past:
            return "mentioned"
        if self._ends_with(before, "before_cooperate"):
            return "cooperate"
        if self._ends_with(before, "before_lead"):
            return "lead"
        if self._starts_with(after, "after_directs"):
            return "directs"
        if self._starts_with(after, "after_cooperate"):
            return "cooperate"
        if self._starts_with(after, "after_lead"):
            return "lead"
        return ""

    def __call__(self, text: str, actors: List[Span]) -> List[Span]:
        if not actors:
            return actors
        if self._starts_with(_words(text[:40]), "line_addressee"):
            for a in actors:
                a.attrs["role"] = "addressee"
            return actors
        roles = [self.role(text, a) for a in actors]
        # a listed actor with no cue of its own takes its neighbour's: the next one's
        # ("A, B chủ trì"), else the previous one's ("yêu cầu A, B thực hiện")
        for i in range(len(actors) - 2, -1, -1):
            if not roles[i] and roles[i + 1] and _COORD.match(text[actors[i].end:actors[i + 1].start]):
                roles[i] = roles[i + 1]
        for i in range(1, len(actors)):
            if not roles[i] and roles[i - 1] and _COORD.match(text[actors[i - 1].end:actors[i].start]):
                roles[i] = roles[i - 1]
        for a, r in zip(actors, roles):
            a.attrs["role"] = r if r in ROLES else "mentioned"
        return actors
