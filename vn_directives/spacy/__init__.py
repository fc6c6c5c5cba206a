"""vn_directives as a spaCy pipeline (needs the ``spacy`` extra; no pyvi, no network).

>>> import vn_directives.spacy as vds
>>> nlp = vds.load()                                               # doctest: +SKIP
>>> from vn_directives import samples
>>> doc = nlp(samples.path("seed-002").read_text(encoding="utf-8"))  # doctest: +SKIP
>>> [(s._.item, s._.themes) for s in doc.spans["sentences"]][:3]   # doctest: +SKIP
>>> [(e.text, e.label_, e._.value) for e in doc.ents][:3]          # doctest: +SKIP

What is where:

* tokens: underthesea words, multi-syllable words as one token, ``doc.text``
  equal to the input (:mod:`.tokenizer`, ``vn_directives.Tokenizer.v1``);
* ``doc.sents`` and ``doc.spans["sentences"]``: the project's segmenter, with
  ``Span._.item``, ``Span._.themes``, ``Span._.theme_scores``;
* ``doc.ents`` and ``doc.spans["entities"]``: ACTOR, GRADE, DEADLINE,
  REFERENCE with ``Span._.value`` (:mod:`.components`, :mod:`.extensions`);
* ``Doc._.metadata``: number, type, issuer, date, province;
* the tokenizer by its registered name, for any pipeline of your own:
  ``spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers":
  "vn_directives.Tokenizer.v1"}}})`` (spaCy's own ``vi`` is left unchanged);
* ``nlp.to_disk(path)`` writes the theme model (and rules files of your own)
  into the pipeline folder, so ``spacy.load(path)`` and ``spacy package``
  work where no checkout is;
* :func:`displacy_options` for ``spacy.displacy.render(doc, style="ent", ...)``.
"""
from __future__ import annotations

from . import components  # noqa: F401  (registers the factories and extensions)
from .components import LABELS
from .displacy import displacy_options
from .load import load
from .tokenizer import DirectiveTokenizer

__all__ = ["load", "displacy_options", "DirectiveTokenizer", "LABELS"]
