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


#: spaCy's Vietnamese with the underthesea word segmenter as its tokenizer
TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "vn_directives.Tokenizer.v1"}}}


def load(components: Union[str, Sequence[str]] = "default", model: Union[str, Path] = "default",
         trust_model: bool = False, rules: Union[str, Dict[str, Any]] = "default") -> Language:
    """A spaCy ``Language`` (``vi``) with the underthesea tokenizer, the project's
    sentences and, as in :func:`vn_directives.load`, the theme classifier and
    the entity extractors (``components``: ``"default"``, ``()``, or a subset of
    ``("themes", "entities")``; ``model``, ``trust_model``, ``rules`` as there).

    Save it with ``nlp.to_disk(path)`` and load it back with ``spacy.load(path)``:
    the folder holds the theme model and any rules files of your own.

    The language is spaCy's own ``vi`` with the tokenizer set to
    ``vn_directives.Tokenizer.v1`` in the config (so no pyvi is needed);
    spaCy's ``vi`` itself is left as it is for everyone else.
    """
    import spacy
    from . import components as _  # noqa: F401  (registers the factories)
    from . import tokenizer as _t  # noqa: F401  (registers vn_directives.Tokenizer.v1)
    if components == "default":
        components = ("themes", "entities")
    for c in components:
        if c not in ("themes", "entities"):
            raise ValueError(f"unknown component {c!r} (themes, entities)")
    nlp = spacy.blank("vi", config=TOKENIZER_CONFIG)
    nlp.add_pipe("vn_directives_sentences")
    if "themes" in components:
        if str(model) != "default" and not trust_model:
            from ..themes.model import UntrustedModelError
            raise UntrustedModelError(f"{model}: not the bundled model; pass trust_model=True to use it")
        themes = nlp.add_pipe("vn_directives_themes", config={"model": str(model)})
        themes.tagger                      # read and checked now, so a bad model fails here
    if "entities" in components:
        if not isinstance(rules, str):
            rules = {k: str(v) for k, v in rules.items()}
        nlp.add_pipe("vn_directives_entities", config={"rules": rules}).extractor   # a bad rules path fails here
    return nlp
