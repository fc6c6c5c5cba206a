"""vn_directives: Vietnamese education directives → data.

>>> import vn_directives as vd
>>> nlp = vd.load()                                   # doctest: +SKIP
>>> doc = nlp("path/to/directive.txt")                # doctest: +SKIP
>>> doc.sentences[0].themes, doc.sentences[0].grades  # doctest: +SKIP

Importing the package is cheap: underthesea, scikit-learn and pandas are
imported the first time they are needed, never at import.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["load", "Document", "Sentence", "Span", "Token", "Metadata", "Pipeline",
           "read_jsonl", "write_jsonl", "THEMES", "__version__", "tag_frame"]

_LAZY = {
    "Document": "records", "Sentence": "records", "Span": "records", "Token": "records",
    "Metadata": "records", "THEMES": "records", "read_jsonl": "records",
    "write_jsonl": "records", "Pipeline": "pipeline",
    "tag_frame": "tag_column",
}

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Pipeline
    from .records import THEMES, Document, Metadata, Sentence, Span, Token, read_jsonl, write_jsonl


def load(components: Any = "default", model: Any = "default", trust_model: bool = False,
         rules: Any = "default", spacy: bool = False) -> Any:
    """Build the pipeline.

    ``components="default"`` plugs in the theme classifier (classify stage)
    and the entity extractors (extract stage); pass ``()`` for reading,
    segmentation and tokens only, a subset of names (``("themes",)``,
    ``("entities",)``), or a list of ``(stage, name, callable)``.

    ``model`` is the theme model directory: ``"default"`` is the bundled
    ``models/themes``; another directory must be trusted explicitly with
    ``trust_model=True``, since a model file is a pickle and runs code when it
    loads. ``rules`` is ``"default"`` or ``{kind: path}`` for the extractors.

    ``spacy=True`` gives the same pipeline as a spaCy ``Language`` instead
    (underthesea tokenizer, sentences, theme and entity components; needs the
    ``spacy`` extra; see :mod:`vn_directives.spacy`).
    """
    if spacy:
        from .spacy import load as _spacy_load
        return _spacy_load(components, model, trust_model, rules)
    from .pipeline import Pipeline
    if components == "default":
        components = ("themes", "entities")
    built = []
    for c in components:
        if c == "themes":
            from .themes.component import ThemeClassifier
            built.append(("classify", "themes", ThemeClassifier(model, trust=trust_model)))
        elif c == "entities":
            from .extract.component import EntityExtractor
            built.append(("extract", "entities", EntityExtractor(rules=rules)))
        elif isinstance(c, str):
            raise ValueError(f"unknown component {c!r} (themes, entities)")
        else:
            built.append(c)
    return Pipeline(built)


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'vn_directives' has no attribute {name!r}")
    import importlib
    value = getattr(importlib.import_module(f".{mod}", __name__), name)
    globals()[name] = value
    return value
