"""The extractors as one pipeline component (extract stage).

Runs each extractor on every sentence with the document's date (for missing
years) and the sentence's word tokens, and fills ``actors`` (with their roles),
``grades``, ``deadlines`` and ``references``. Letterhead units (``kind ==
"header"``: the issuer block, the number and place-and-date lines, signatures,
the "Nơi nhận" list) get none (ANNOTATION.md §5.1).

>>> from vn_directives.records import Document, Sentence
>>> d = Document(id="d", text="", source="<string>")
>>> d.sentences = [Sentence("d:0", "d", "Triển khai đối với lớp 1, 2, 6 trong năm học 2021-2022.")]
>>> d = EntityExtractor(kinds=("grades", "deadlines"))(d)
>>> [(s.text, s.value) for s in d.sentences[0].grades + d.sentences[0].deadlines]
[('lớp 1, 2, 6', [1, 2, 6]), ('trong năm học 2021-2022', {'start': '2021-09-01', 'end': '2022-05-31'})]
"""
from __future__ import annotations

from typing import Dict, Sequence, Union

from ..records import Document

KINDS = ("actors", "grades", "deadlines", "references")


def _make(kind: str, rules):
    if kind == "actors":
        from .actors import ActorExtractor
        return ActorExtractor(rules)
    if kind == "grades":
        from .grades import GradeExtractor
        return GradeExtractor(rules)
    if kind == "deadlines":
        from .deadlines import DeadlineExtractor
        return DeadlineExtractor(rules)
    if kind == "references":
        from .references import ReferenceExtractor
        return ReferenceExtractor(rules)
    raise ValueError(f"unknown entity kind {kind!r} (one of {', '.join(KINDS)})")


class EntityExtractor:
    """``rules`` maps a kind to ``"default"`` or a rules file path (see each extractor)."""

    name = "entities"

    def __init__(self, kinds: Sequence[str] = KINDS, rules: Union[str, Dict[str, str]] = "default"):
        for k in kinds:
            if k not in KINDS:
                raise ValueError(f"unknown entity kind {k!r} (one of {', '.join(KINDS)})")
        self.kinds = tuple(kinds)
        self.rules = {k: rules if isinstance(rules, str) else rules.get(k, "default") for k in kinds}
        self.role_rules = rules if isinstance(rules, str) else rules.get("roles", "default")
        self._extractors = None
        self._roles = None
        if any(r != "default" for r in self.rules.values()):
            self.extractors  # a user's rules files are read now, so a bad path fails at load

    @property
    def extractors(self):
        """The extractors, built at first use (keeps ``vd.load()`` cheap)."""
        if self._extractors is None:
            self._extractors = {k: _make(k, self.rules[k]) for k in self.kinds}
        return self._extractors

    @property
    def roles(self):
        """The actor-role stage (:mod:`.roles`), built at first use."""
        if self._roles is None:
            from .roles import RoleAssigner
            self._roles = RoleAssigner(self.role_rules)
        return self._roles

    def __call__(self, doc: Document) -> Document:
        date = doc.metadata.date if doc.metadata else None
        for s in doc.sentences:
            if s.kind == "header":
                continue        # letterhead, signatures, the distribution list: no entities (§5.1)
            for kind, ext in self.extractors.items():
                setattr(s, kind, ext(s.text, doc_date=s.doc_date or date, tokens=s.tokens or None))
            if "actors" in self.extractors:
                self.roles(s.text, s.actors)          # reads the actors found above
        return doc
