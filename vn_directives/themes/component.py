"""The theme classifier as a pipeline component (classify stage).

>>> import vn_directives as vd
>>> nlp = vd.load()                                                   # doctest: +SKIP
>>> doc = nlp("data/texts/seed-002.txt")                              # doctest: +SKIP
>>> nlp.explain(doc.sentences[12], doc)["covid19"]["up"][:3]          # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Optional, Union

from ..records import Document, Sentence


class ThemeClassifier:
    """Fills ``Sentence.themes`` and ``Sentence.theme_scores`` for a whole document
    (each sentence read in its document's context)."""

    name = "themes"

    def __init__(self, model: Union[str, Path] = "default", trust: bool = False):
        from .model import ThemeModel
        # every check now (trust, checksum, versions); unpickling at first use keeps load() cheap
        self.path, self.card = ThemeModel.verify(model, trust=trust)
        self._trust = trust
        self._model = None
        self._tagger = None

    @property
    def model(self):
        if self._model is None:
            from .model import ThemeModel
            self._model = ThemeModel.load(self.path, trust=True)  # verified in __init__
        return self._model

    @property
    def tagger(self):
        """What tags: the compiled scorer (``scorer.json.gz``, plain JSON checked against its
        expected SHA-256). Tagging never unpickles: a model directory without a scorer file
        is refused (``explain``, evaluation and retraining read the pickle)."""
        if self._tagger is None:
            from .scorer_file import CompiledThemeModel
            self._tagger = CompiledThemeModel.for_tagging(self.path, self.card)
        return self._tagger

    def __call__(self, doc: Document) -> Document:
        self.tagger.predict_documents([doc.sentences])
        return doc

    def explain(self, sentence: Sentence, doc: Optional[Document] = None, top: int = 8) -> Dict[str, Any]:
        """Per theme, the features that pushed ``sentence`` up or down (see ThemeModel.explain)."""
        sents = doc.sentences if doc is not None else [sentence]
        try:
            index = next(i for i, s in enumerate(sents) if s is sentence or s.id == sentence.id)
        except StopIteration:
            raise ValueError(f"sentence {sentence.id!r} is not in document {doc.id!r}") from None
        if not sentence.tokens:
            from ..tokenize import word_tokenize
            sentence.tokens = word_tokenize(sentence.text)
        return self.model.explain(sents, index, top=top)
