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
           "read_jsonl", "write_jsonl", "THEMES", "__version__"]

_LAZY = {
    "Document": "records", "Sentence": "records", "Span": "records", "Token": "records",
    "Metadata": "records", "THEMES": "records", "read_jsonl": "records",
    "write_jsonl": "records", "Pipeline": "pipeline",
}

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Pipeline
    from .records import THEMES, Document, Metadata, Sentence, Span, Token, read_jsonl, write_jsonl


def load(components: Any = "default") -> "Pipeline":
    """Build the pipeline.

    ``components="default"`` plugs in every component registered for the
    classify and extract stages (none ship yet: themes and entities stay
    empty); pass ``()`` for reading, segmentation and tokens only, or a list of
    ``(stage, name, callable)``.
    """
    from .pipeline import Pipeline
    if components == "default":
        components = ()
    return Pipeline(components)


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'vn_directives' has no attribute {name!r}")
    import importlib
    value = getattr(importlib.import_module(f".{mod}", __name__), name)
    globals()[name] = value
    return value
