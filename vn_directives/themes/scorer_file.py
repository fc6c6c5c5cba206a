"""The theme model compiled for tagging: ``scorer.json.gz``, read without scikit-learn.

Tagging needs only what :class:`~.decision.LinearScorer` reads from the fitted
model: each TF-IDF block's vocabulary, idf weights and settings, the linear
weights and intercepts, the calibration and the thresholds. ``ThemeModel.save``
writes them next to ``model.joblib`` as gzipped JSON (floats written with
``repr``, so they read back bit for bit) and records the file's SHA-256 in the
model card (for the bundled model, also in :mod:`.bundled`). :class:`CompiledThemeModel`
loads that file, checksum first, and tags exactly as the full model does, without
importing scikit-learn (over a second of every process's start-up) and without
unpickling anything. Training, cross-validation and ``explain`` use the full model.

``tests/themes/test_scorer_file.py`` checks that the compiled model's decision
values equal scikit-learn's, that a changed file is refused, and that a model
directory without the file is refused for tagging.

>>> from vn_directives.themes.model import bundled_model_dir
>>> from vn_directives.records import Sentence
>>> m = CompiledThemeModel.load(bundled_model_dir())
>>> s = [Sentence("d:0", "d", "Thực hiện nghiêm phòng, chống dịch COVID-19.")]
>>> m.predict_documents([s]); s[0].themes
['covid19']
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any, Dict, Optional, Union

from ..records import THEMES
from .bundled import expected_sha256
from .tagger import ChecksumError, ModelError, ThemeTagger, read_card

SCORER_FILE = "scorer.json.gz"
SCORER_FORMAT = 1


def scorer_payload(model) -> Dict[str, Any]:
    """What tagging needs of a fitted :class:`~.model.ThemeModel`, as plain JSON data."""
    from .decision import LinearScorer, _TfidfBlock
    scorer = LinearScorer.from_model(model)
    blocks = [blk.to_dict() if isinstance(blk, _TfidfBlock)
              else {"kind": "numeric", "columns": list(blk[0]), "weight": float(blk[1])}
              for blk in scorer.blocks]
    return {"format": SCORER_FORMAT, "themes": list(model.themes), "blocks": blocks,
            "W": scorer.W.tolist(), "b": scorer.b.tolist(),
            "calibration": [list(c) for c in model.calibration], "thresholds": list(model.thresholds)}


def write_scorer(model, directory: Union[str, Path]) -> str:
    """Write ``scorer.json.gz`` for ``model`` into ``directory``; returns its SHA-256.
    The bytes depend on the model only (no time stamp in the gzip header)."""
    data = json.dumps(scorer_payload(model), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    (Path(directory) / SCORER_FILE).write_bytes(packed)
    return hashlib.sha256(packed).hexdigest()


class CompiledThemeModel(ThemeTagger):
    """The tagging half of a theme model, from ``scorer.json.gz`` (see the module docstring)."""

    def __init__(self, payload: Dict[str, Any], card: Optional[Dict[str, Any]] = None):
        import numpy as np

        from .decision import LinearScorer, _TfidfBlock
        if payload.get("format") != SCORER_FORMAT or tuple(payload.get("themes", ())) != THEMES:
            raise ModelError(f"not a vn_directives scorer file of format {SCORER_FORMAT}")
        blocks = [_TfidfBlock.from_dict(d) if d["kind"] == "tfidf" else (list(d["columns"]), float(d["weight"]))
                  for d in payload["blocks"]]
        self._scorer = LinearScorer(blocks, np.asarray(payload["W"], dtype=float),
                                    np.asarray(payload["b"], dtype=float))
        self.themes = THEMES
        self.calibration = [tuple(map(float, c)) for c in payload["calibration"]]
        self.thresholds = [float(t) for t in payload["thresholds"]]
        self.card = card or {}

    def decision(self, rows):
        """Raw linear scores of feature rows (lists of :func:`~.features.feature_rows`)."""
        return self._scorer.decision(rows)

    @staticmethod
    def available(directory: Union[str, Path], card: Dict[str, Any]) -> bool:
        """Whether the model directory has a compiled scorer its card vouches for."""
        return bool(card.get("scorer_sha256")) and (Path(directory) / SCORER_FILE).is_file()

    @classmethod
    def for_tagging(cls, directory: Union[str, Path], card: Dict[str, Any]) -> "CompiledThemeModel":
        """What tags a model directory: its compiled scorer. Tagging never unpickles, so a
        directory without a scorer file its card vouches for is refused."""
        if not cls.available(directory, card):
            raise ModelError(f"{directory}: no {SCORER_FILE} vouched for by its model card. Tagging "
                             f"reads only that file (never the pickle); retrain the model with this "
                             f"version (`vn-directives train … -o DIR`), which writes it.")
        return cls.load(directory, card)

    @classmethod
    def load(cls, directory: Union[str, Path], card: Optional[Dict[str, Any]] = None) -> "CompiledThemeModel":
        """Load ``directory/scorer.json.gz``, refusing a file whose SHA-256 is not the card's.
        The caller has located (and, for a model from elsewhere, trusted) the directory;
        the file is JSON, so reading it runs no code."""
        directory = Path(directory)
        if card is None:
            card = read_card(directory)
        path = directory / SCORER_FILE
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        want = expected_sha256(directory, SCORER_FILE, card.get("scorer_sha256"))
        if digest != want:
            raise ChecksumError(f"{path}: SHA-256 {digest} does not match the expected {want}; "
                                f"the file is corrupted or was replaced. Refusing to load it.")
        try:
            payload = json.loads(gzip.decompress(data).decode("utf-8"))
        except (OSError, ValueError, EOFError) as e:
            raise ModelError(f"{path}: not a readable scorer file ({e})") from e
        return cls(payload, card)
