"""The whole spaCy pipeline in one call: :func:`load`.

>>> load().pipe_names
['vn_directives_sentences', 'vn_directives_themes', 'vn_directives_entities']
>>> load(components=("entities",)).pipe_names
['vn_directives_sentences', 'vn_directives_entities']
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Sequence, Union

from spacy.language import Language


def load(components: Union[str, Sequence[str]] = "default", model: Union[str, Path] = "default",
         trust_model: bool = False, rules: Union[str, Dict[str, Any]] = "default") -> Language:
    """A spaCy ``Language`` (``vi``) with the underthesea tokenizer, the project's
    sentences and, as in :func:`vn_directives.load`, the theme classifier and
    the entity extractors (``components``: ``"default"``, ``()``, or a subset of
    ``("themes", "entities")``; ``model``, ``trust_model``, ``rules`` as there).

    Save it with ``nlp.to_disk(path)`` and load it back with ``spacy.load(path)``.
    """
    from . import components as _  # noqa: F401  (registers the factories)
    from .language import Vietnamese
    if components == "default":
        components = ("themes", "entities")
    for c in components:
        if c not in ("themes", "entities"):
            raise ValueError(f"unknown component {c!r} (themes, entities)")
    nlp = Vietnamese()
    nlp.add_pipe("vn_directives_sentences")
    if "themes" in components:
        nlp.add_pipe("vn_directives_themes", config={"model": str(model), "trust_model": bool(trust_model)})
    if "entities" in components:
        if not isinstance(rules, str):
            rules = {k: str(v) for k, v in rules.items()}
        nlp.add_pipe("vn_directives_entities", config={"rules": rules})
    return nlp
