"""The pipeline components, registered with spaCy's factory registry.

=========================  ==========================================================
``vn_directives_sentences``  the project's segmenter: ``doc.spans["sentences"]``,
                             ``doc.sents``, ``Doc._.metadata``, ``Span._.item``
``vn_directives_themes``     the theme classifier: ``Span._.themes`` and
                             ``Span._.theme_scores`` on each sentence span, and
                             ``doc.spans["themes"]`` (one span per sentence and
                             theme given, labelled with the theme)
``vn_directives_entities``   the extractors: ``doc.spans["entities"]`` (every
                             ACTOR, GRADE, DEADLINE, REFERENCE, overlaps kept),
                             ``doc.ents`` (non-overlapping), ``Span._.value``
=========================  ==========================================================

Each component reads ``doc.text`` itself, so it works on any Doc (any
tokenizer) and alone: the themes and entities components set the sentences
when no sentences component ran before them. They are also declared as
``spacy_factories`` entry points, so ``spacy.blank("vi")`` followed by
``nlp.add_pipe("vn_directives_themes")`` works without importing this package.

``doc.ents`` keeps, among overlapping entities, the longest, then the one that
starts first, then the first in the order ACTOR, GRADE, DEADLINE, REFERENCE;
entities already in ``doc.ents`` (from another component) are kept.

>>> import spacy
>>> nlp = spacy.blank("xx")
>>> _ = nlp.add_pipe("vn_directives_entities", config={"kinds": ["grades"]})
>>> doc = nlp("Dạy học trực tiếp đối với lớp 3, 7, 10.")
>>> [(e.text, e.label_, e._.value) for e in doc.ents]
[('lớp 3, 7, 10', 'GRADE', [3, 7, 10])]
"""
from typing import Any, Dict, List, Sequence, Union

from spacy.language import Language
from spacy.tokens import Doc, Span

from .analysis import analyse
from .spans import ENTITIES_KEY, THEMES_KEY, entity_span, has_sentences, sentence_span, set_sentences

LABELS = ("ACTOR", "GRADE", "DEADLINE", "REFERENCE")
KINDS = ("actors", "grades", "deadlines", "references")


def _plain(value: Any) -> Any:
    """A value as plain data (lists, dicts, str, int, float), so Docs serialise."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if hasattr(value, "item"):          # numpy scalars
        return value.item()
    return str(value)


class SentenceComponent:
    """``vn_directives_sentences``: the project's sentences on the Doc."""

    def __init__(self, name: str = "vn_directives_sentences"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        set_sentences(doc, analyse(doc.text))
        return doc

    def __reduce__(self):
        return (SentenceComponent, (self.name,))


class ThemeComponent:
    """``vn_directives_themes``: per-sentence themes and scores.

    ``model`` is ``"default"`` (the bundled model) or a model directory, which
    loads only with ``trust_model=True`` (a model file is a pickle)."""

    def __init__(self, name: str = "vn_directives_themes", model: str = "default",
                 trust_model: bool = False):
        from ..themes.component import ThemeClassifier
        self.name = name
        self.model = str(model)
        self.trust_model = bool(trust_model)
        self.classifier = ThemeClassifier(self.model, trust=self.trust_model)  # checks now, loads at first use

    def __reduce__(self):
        return (ThemeComponent, (self.name, self.model, self.trust_model))

    def __call__(self, doc: Doc) -> Doc:
        analysis = analyse(doc.text)
        if not has_sentences(doc):
            set_sentences(doc, analysis)
        project = analysis.document()
        self.classifier(project)
        labelled: List[Span] = []
        for unit, sentence in zip(analysis.units, project.sentences):
            span = sentence_span(doc, unit)
            if span is None:
                continue
            span._.themes = list(sentence.themes)
            span._.theme_scores = {t: float(v) for t, v in sentence.theme_scores.items()}
            labelled.extend(Span(doc, span.start, span.end, label=t) for t in sentence.themes)
        doc.spans[THEMES_KEY] = labelled
        return doc


class EntityComponent:
    """``vn_directives_entities``: ACTOR, GRADE, DEADLINE, REFERENCE with values.

    ``kinds`` picks extractors (``actors``, ``grades``, ``deadlines``,
    ``references``); ``rules`` is ``"default"`` or ``{kind: rules file}``."""

    def __init__(self, name: str = "vn_directives_entities", kinds: Sequence[str] = KINDS,
                 rules: Union[str, Dict[str, str]] = "default"):
        from ..extract.component import EntityExtractor
        self.name = name
        self.kinds = list(kinds)
        self.rules = rules if isinstance(rules, str) else {k: str(v) for k, v in dict(rules).items()}
        self.extractor = EntityExtractor(kinds=self.kinds, rules=self.rules)

    def __reduce__(self):
        return (EntityComponent, (self.name, self.kinds, self.rules))

    def __call__(self, doc: Doc) -> Doc:
        analysis = analyse(doc.text)
        if not has_sentences(doc):
            set_sentences(doc, analysis)
        project = self.extractor(analysis.document())
        found: List[Span] = []
        for unit, sentence in zip(analysis.units, project.sentences):
            for ent in sentence.entities:
                span = entity_span(doc, unit, ent.start, ent.end, ent.label)
                if span is None:
                    continue
                span._.value = _plain(ent.value)
                span._.attrs = _plain(ent.attrs)
                span._.clean_text = ent.text
                found.append(span)
        doc.spans[ENTITIES_KEY] = found
        doc.set_ents(choose_ents(found, list(doc.ents)), default="unmodified")
        return doc


def choose_ents(spans: Sequence[Span], existing: Sequence[Span] = ()) -> List[Span]:
    """The spans that go to ``doc.ents``: no overlap with each other or with
    ``existing``; longest first, then earliest, then by label order."""
    order = {label: i for i, label in enumerate(LABELS)}
    taken = set()
    for e in existing:
        taken.update(range(e.start, e.end))
    chosen = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start, order.get(s.label_, len(order)))):
        if taken.isdisjoint(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


@Language.factory(
    "vn_directives_sentences",
    assigns=["token.is_sent_start", "doc.spans", "doc._.metadata", "span._.item", "span._.clean_text"],
)
def make_sentences(nlp: Language, name: str) -> SentenceComponent:
    """Factory of ``vn_directives_sentences``."""
    return SentenceComponent(name)


@Language.factory(
    "vn_directives_themes",
    default_config={"model": "default", "trust_model": False},
    assigns=["doc.spans", "span._.themes", "span._.theme_scores"],
)
def make_themes(nlp: Language, name: str, model: str, trust_model: bool) -> ThemeComponent:
    """Factory of ``vn_directives_themes``."""
    return ThemeComponent(name, model, trust_model)


@Language.factory(
    "vn_directives_entities",
    default_config={"kinds": list(KINDS), "rules": "default"},
    assigns=["doc.ents", "doc.spans", "span._.value", "span._.attrs"],
)
def make_entities(nlp: Language, name: str, kinds: List[str], rules: Any) -> EntityComponent:
    """Factory of ``vn_directives_entities``."""
    return EntityComponent(name, kinds, rules)
