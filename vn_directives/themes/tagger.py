"""What every theme tagger shares: file names, errors, the checksum helper, and
:class:`ThemeTagger` (calibrated scores, decisions, tagging), so that the full model
(:mod:`.model`) and the compiled scorer (:mod:`.scorer_file`) each build on it without
importing each other.

>>> issubclass(ChecksumError, ModelError), CARD_FILE
(True, 'model-card.json')
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Dict, List, Sequence, Tuple, Union

from ..records import THEMES  # noqa: F401  (the label order every tagger follows)


MODEL_FILE = "model.joblib"
CARD_FILE = "model-card.json"
CARD_MD = "model-card.md"
FORMAT = 1


class ModelError(RuntimeError):
    """A model that cannot be loaded; the message says why and what to do."""


class ChecksumError(ModelError):
    pass


class UntrustedModelError(ModelError):
    pass


class ModelVersionError(ModelError):
    pass


def read_card(directory: Union[str, Path]) -> Dict:
    """The model card of ``directory``, or a :class:`ModelError` naming what is wrong."""
    card_path = Path(directory) / CARD_FILE
    try:
        return json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{directory}: no {CARD_FILE}; not a theme model directory") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ModelError(f"{card_path}: not a valid model card ({e})") from e




def sha256_file(path: Union[str, Path]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class ThemeTagger:
    """Calibrated scores, decisions and tagging, given ``decision(rows)``, ``themes``,
    ``calibration`` and ``thresholds`` (shared by :class:`ThemeModel` and the compiled
    scorer of :mod:`.scorer_file`)."""

    themes: Tuple[str, ...]
    calibration: List[Tuple[float, float]]
    thresholds: List[float]

    def decision(self, frame):   # pragma: no cover - defined by the subclasses
        raise NotImplementedError

    def calibrate(self, decision):
        import numpy as np
        a = np.array([c[0] for c in self.calibration])
        b = np.array([c[1] for c in self.calibration])
        return 1.0 / (1.0 + np.exp(-(decision * a + b)))

    def scores(self, frame):
        """Calibrated probabilities, shape (n_sentences, n_themes)."""
        return self.calibrate(self.decision(frame))

    def decide(self, scores) -> List[List[str]]:
        return [[t for t, s, th in zip(self.themes, row, self.thresholds) if s >= th] for row in scores]

    def predict_documents(self, documents: Sequence[Sequence]) -> None:
        """Fill ``themes`` and ``theme_scores`` of every sentence, in place."""
        from .features import feature_rows
        documents = [d for d in documents if len(d)]
        if not documents:
            return
        rows = [r for d in documents for r in feature_rows(d)]
        sc = self.scores(rows)
        labels = self.decide(sc)
        k = 0
        for doc in documents:
            for s in doc:
                s.theme_scores = {t: float(v) for t, v in zip(self.themes, sc[k])}
                s.themes = labels[k]
                k += 1

    def predict_texts(self, texts: Sequence[str]) -> Tuple[List[List[str]], List[Dict[str, float]]]:
        """Themes and scores of loose sentences (no context; tokenized here)."""
        from ..records import Sentence
        from ..tokenize import word_tokenize
        sents = [Sentence(id=f"t:{i}", doc=f"t{i}", text=t, tokens=word_tokenize(t)) for i, t in enumerate(texts)]
        self.predict_documents([[s] for s in sents])
        return [s.themes for s in sents], [s.theme_scores for s in sents]
