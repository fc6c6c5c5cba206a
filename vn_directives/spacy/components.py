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
``spacy_factories`` entry points, so ``nlp.add_pipe("vn_directives_themes")``
works on any blank pipeline without importing this package.

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
from pathlib import Path
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

    ``model`` is ``"default"`` (the bundled model) or a model directory made
    by ``vn-directives train``. The component tags with the directory's
    ``scorer.json.gz`` (plain JSON, checked against its card's SHA-256): it never
    unpickles, so it needs no trust and no scikit-learn. ``nlp.to_disk`` writes
    the model into the pipeline folder and ``spacy.load`` reads it from there,
    so a saved or ``spacy package``-d pipeline carries its model; the ``model``
    setting of the config only says where the model came from."""

    def __init__(self, name: str = "vn_directives_themes", model: str = "default"):
        self.name = name
        self.model = str(model)
        self._tagger = None
        self._dir = None                  # the directory the tagger was read from

    @property
    def tagger(self):
        """The compiled theme model, read at first use (or by :meth:`from_disk`)."""
        if self._tagger is None:
            self._read(self.model)
        return self._tagger

    def _read(self, where) -> None:
        from ..themes.model import ThemeModel
        from ..themes.scorer_file import CompiledThemeModel
        from ..themes.tagger import read_card
        if where == "default":
            directory, card = ThemeModel.verify("default")
        else:                               # JSON only is read: nothing runs, no trust needed
            directory = Path(where)
            card = read_card(directory)
        self._tagger = CompiledThemeModel.for_tagging(directory, card)
        self._dir = Path(directory)

    def to_disk(self, path, *, exclude=()) -> None:
        """Write the model's card and compiled scorer into ``path`` (the component's folder)."""
        import shutil
        from ..themes.model import CARD_FILE, CARD_MD
        from ..themes.scorer_file import SCORER_FILE
        self.tagger
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for f in (CARD_FILE, CARD_MD, SCORER_FILE):
            if (self._dir / f).is_file():
                shutil.copyfile(self._dir / f, path / f)

    def from_disk(self, path, *, exclude=()) -> "ThemeComponent":
        """Read the model that :meth:`to_disk` wrote (checked against the card written beside it)."""
        self._read(Path(path))
        return self

    def __reduce__(self):
        return (_rebuilt_theme_component, (self.name, self.model, str(self._dir) if self._dir else None))

    def __call__(self, doc: Doc) -> Doc:
        analysis = analyse(doc.text)
        if not has_sentences(doc):
            set_sentences(doc, analysis)
        project = analysis.document()
        self.tagger.predict_documents([project.sentences])
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
        self.name = name
        self.kinds = list(kinds)
        self.rules = rules if isinstance(rules, str) else {k: str(v) for k, v in dict(rules).items()}
        self._extractor = None

    @property
    def extractor(self):
        """The extractors, built at first use or by :meth:`from_disk` (``spacy.load`` builds
        the component from its config first, where a rules path may not exist any more)."""
        if self._extractor is None:
            from ..extract.component import EntityExtractor
            self._extractor = EntityExtractor(kinds=self.kinds, rules=self.rules)
        return self._extractor

    def __reduce__(self):
        return (EntityComponent, (self.name, self.kinds, self.rules))

    def to_disk(self, path, *, exclude=()) -> None:
        """Copy a user's rules files (or folders) into ``path``, with ``rules.json`` naming
        them; the package's own rules (``"default"``) travel with the package."""
        import json
        import shutil
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        table = {}
        for kind in self.kinds:
            src = self.rules if isinstance(self.rules, str) else self.rules.get(kind, "default")
            if src == "default":
                table[kind] = "default"
                continue
            src = Path(src)
            dst = path / "rules" / kind / src.name
            if dst.exists():
                shutil.rmtree(dst) if dst.is_dir() else dst.unlink()
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(src, dst) if src.is_dir() else shutil.copyfile(src, dst)
            table[kind] = str(dst.relative_to(path).as_posix())
        (path / "rules.json").write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")

    def from_disk(self, path, *, exclude=()) -> "EntityComponent":
        """Rebuild the extractors from the rules :meth:`to_disk` wrote."""
        import json
        from ..extract.component import EntityExtractor
        path = Path(path)
        table = json.loads((path / "rules.json").read_text(encoding="utf-8"))
        self.rules = {k: v if v == "default" else str(path / v) for k, v in table.items()}
        self._extractor = EntityExtractor(kinds=self.kinds, rules=self.rules)
        return self

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
                span._.role = ent.attrs.get("role")
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


def _rebuilt_theme_component(name, model, directory):
    comp = ThemeComponent(name, model)
    if directory is not None:
        comp._read(Path(directory))
    return comp


@Language.factory(
    "vn_directives_themes",
    default_config={"model": "default"},
    assigns=["doc.spans", "span._.themes", "span._.theme_scores"],
)
def make_themes(nlp: Language, name: str, model: str) -> ThemeComponent:
    """Factory of ``vn_directives_themes``."""
    return ThemeComponent(name, model)


@Language.factory(
    "vn_directives_entities",
    default_config={"kinds": list(KINDS), "rules": "default"},
    assigns=["doc.ents", "doc.spans", "span._.value", "span._.attrs"],
)
def make_entities(nlp: Language, name: str, kinds: List[str], rules: Any) -> EntityComponent:
    """Factory of ``vn_directives_entities``."""
    return EntityComponent(name, kinds, rules)
