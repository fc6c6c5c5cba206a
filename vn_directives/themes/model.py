"""The theme model: load (verified), score, decide, explain, save.

A model directory holds ``model.joblib`` (the fitted scikit-learn parts) and
``model-card.json`` / ``model-card.md``. Loading checks, before any byte of
the model file is unpickled, that

1. the directory is the bundled ``models/themes`` or the caller opted in with
   ``trust=True``: joblib (pickle) runs code while loading, so a model file
   from elsewhere is as dangerous as a script from elsewhere;
2. the file's SHA-256 equals the one in the card (a corrupted or swapped file
   is refused);
3. the scikit-learn version equals the one it was trained with (pickles do
   not carry across versions; the message says how to retrain).

Scores are Platt-calibrated probabilities, one per theme; a theme is given
when its score reaches the theme's threshold, tuned on grouped out-of-fold
predictions at training time.

>>> m = ThemeModel.load()                                              # doctest: +SKIP
>>> m.predict_texts(["Tuyển dụng đủ giáo viên Tin học."])[0][0]          # doctest: +SKIP
['teacher_staffing']
"""
from __future__ import annotations

import hashlib
import json
import math
import warnings
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from ..records import THEMES
from .bundled import bundled_model_dir, expected_sha256

from .tagger import (CARD_FILE, CARD_MD, FORMAT, MODEL_FILE, ChecksumError, ModelError,  # noqa: F401
                     ModelVersionError, ThemeTagger, UntrustedModelError, read_card, sha256_file)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


class ThemeModel(ThemeTagger):
    """Vectorizer + one linear classifier per theme + calibration + thresholds."""

    def __init__(self, vectorizer, classifiers: Sequence, calibration: Sequence[Tuple[float, float]],
                 thresholds: Sequence[float], config: Dict[str, Any], card: Optional[Dict] = None):
        self.vectorizer = vectorizer
        self.classifiers = list(classifiers)
        self.calibration = [tuple(map(float, c)) for c in calibration]
        self.thresholds = [float(t) for t in thresholds]
        self.config = dict(config)
        self.card = card or {}
        self.themes = THEMES
        self._names = None
        self._scorer = None

    # ------------------------------------------------------------------ scoring
    def decision(self, frame):
        """Raw linear scores, shape (n_sentences, n_themes); ``frame`` is a feature
        DataFrame (through scikit-learn) or a list of feature rows (the fast path
        of :mod:`.decision`, equal to it)."""
        import numpy as np
        if isinstance(frame, list):
            if self._scorer is None:
                from .decision import LinearScorer
                self._scorer = LinearScorer.from_model(self)
            return self._scorer.decision(frame)
        X = self.vectorizer.transform(frame)
        W = np.column_stack([clf.coef_.ravel() for clf in self.classifiers])
        b = np.array([float(clf.intercept_.ravel()[0]) for clf in self.classifiers])
        return np.asarray(X @ W) + b

    # ------------------------------------------------------------------ explaining
    def feature_names(self) -> List[str]:
        if self._names is None:
            self._names = list(self.vectorizer.get_feature_names_out())
        return self._names

    def explain(self, sentences: Sequence, index: int = 0, top: int = 8) -> Dict[str, Dict[str, Any]]:
        """Why sentence ``index`` of ``sentences`` (one document, reading order) got its themes.

        Per theme: the calibrated score, the threshold, the decision, the
        intercept, and the ``top`` features that pushed the score up and down,
        as ``(feature, contribution)`` where contribution = weight × value in
        the linear score (feature names are ``part__feature``, e.g.
        ``words__giáo_viên``, ``heading__dịch``, ``cues__cue_doc_covid19``).
        """
        from .features import feature_frame
        frame = feature_frame([sentences]).iloc[[index]]
        X = self.vectorizer.transform(frame).tocsr()
        names = self.feature_names()
        out: Dict[str, Dict[str, Any]] = {}
        for t, clf, (a, b), th in zip(self.themes, self.classifiers, self.calibration, self.thresholds):
            coef = clf.coef_.ravel()
            contrib = [(names[j], float(coef[j] * v)) for j, v in zip(X.indices, X.data) if coef[j] * v != 0]
            contrib.sort(key=lambda kv: kv[1])
            z = float(clf.decision_function(X)[0])
            score = _sigmoid(a * z + b)
            out[t] = {
                "score": round(score, 4), "threshold": round(th, 4), "label": score >= th,
                "intercept": float(clf.intercept_.ravel()[0]),
                "up": [(n, c) for n, c in reversed(contrib[-top:]) if c > 0],
                "down": [(n, c) for n, c in contrib[:top] if c < 0],
            }
        return out

    # ------------------------------------------------------------------ files
    def save(self, directory: Union[str, Path], card: Dict[str, Any]) -> Dict[str, Any]:
        """Write ``model.joblib``, its compiled ``scorer.json.gz`` and the card (JSON +
        Markdown); returns the card."""
        import joblib
        import sklearn
        from .card import render_markdown
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        payload = {"format": FORMAT, "themes": list(self.themes), "vectorizer": self.vectorizer,
                   "classifiers": self.classifiers, "calibration": self.calibration,
                   "thresholds": self.thresholds, "config": self.config}
        joblib.dump(payload, directory / MODEL_FILE, compress=3)
        from .scorer_file import SCORER_FILE, write_scorer
        card = dict(card)
        card["model_file"] = MODEL_FILE
        card["sha256"] = sha256_file(directory / MODEL_FILE)
        card["scorer_file"] = SCORER_FILE     # what tagging loads, without scikit-learn
        card["scorer_sha256"] = write_scorer(self, directory)
        card.setdefault("versions", {})["scikit-learn"] = sklearn.__version__
        card["thresholds"] = dict(zip(self.themes, [round(t, 4) for t in self.thresholds]))
        card["config"] = self.config
        (directory / CARD_FILE).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (directory / CARD_MD).write_text(render_markdown(card), encoding="utf-8")
        self.card = card
        return card

    @staticmethod
    def _locate(path: Union[str, Path], trust: bool) -> Tuple[Path, Dict[str, Any]]:
        """The model directory (bundled, or trusted explicitly) and its card."""
        bundled = bundled_model_dir()
        directory = bundled if (isinstance(path, str) and path == "default") else Path(path)
        if directory.is_file():
            directory = directory.parent
        if not directory.exists():
            if directory == bundled:
                raise ModelError(
                    f"{directory}: the bundled theme model is missing from this installation. "
                    f"It ships inside the vn_directives wheel and sdist: reinstall the package "
                    f"(`pip install --force-reinstall vn_directives`, or `pip install .` from a "
                    f"checkout, which copies models/ into the package), or train one with "
                    f"`vn-directives train LABELLED.jsonl -o DIR` and load it with "
                    f"`--model DIR --trust-model`.")
            raise ModelError(f"{directory}: no such model directory")
        if not trust and directory.resolve() != bundled.resolve():
            raise UntrustedModelError(
                f"{directory}: not the bundled model. A model file is a pickle and runs code when "
                f"it loads, so loading one from another place is an explicit choice: pass "
                f"trust=True (CLI: --trust-model) if you made this model or trust its source.")
        card_path, model_path = directory / CARD_FILE, directory / MODEL_FILE
        if not card_path.is_file() or not model_path.is_file():
            raise ModelError(f"{directory}: a model directory holds {MODEL_FILE} and {CARD_FILE}; "
                             f"missing {CARD_FILE if not card_path.is_file() else MODEL_FILE}")
        return directory, read_card(directory)

    @staticmethod
    def _check(directory: Path, card: Dict[str, Any], digest: str) -> None:
        """The model file's SHA-256 against the package's constant (bundled model) or
        the card (a trusted model of yours)."""
        model_path = directory / MODEL_FILE
        want = expected_sha256(directory, MODEL_FILE, card.get("sha256"))
        if want != digest:
            raise ChecksumError(f"{model_path}: SHA-256 {digest} does not match the expected "
                                f"{want}; the file is corrupted or was replaced. Refusing to load it.")

    @staticmethod
    def _check_versions(directory: Path, card: Dict[str, Any]) -> None:
        """A pickle loads only under the scikit-learn it was written with. Tagging never
        needs this (it reads ``scorer.json.gz``); ``explain``, evaluation and retraining do."""
        from importlib.metadata import version
        trained, here = (card.get("versions") or {}).get("scikit-learn"), version("scikit-learn")
        if trained != here:
            raise ModelVersionError(
                f"{directory / MODEL_FILE}: this model was pickled with scikit-learn {trained} and "
                f"this environment has scikit-learn {here}; pickles do not carry over between "
                f"versions. Tagging does not need it (it reads scorer.json.gz); for explain, "
                f"evaluate and train either `pip install scikit-learn=={trained}`, or retrain a "
                f"model of your own here: `vn-directives train YOUR_LABELLED.jsonl -o mymodel` "
                f"and pass `--model mymodel --trust-model`.")

    @classmethod
    def verify(cls, path: Union[str, Path] = "default", trust: bool = False) -> Tuple[Path, Dict[str, Any]]:
        """The checks of :meth:`load` that tagging needs: location, trust and the model
        file's checksum (cheap: imports no scikit-learn; the version check is left to
        :meth:`load`, which unpickles).

        Returns the model directory and its card.
        """
        directory, card = cls._locate(path, trust)
        cls._check(directory, card, sha256_file(directory / MODEL_FILE))
        return directory, card

    @classmethod
    def load(cls, path: Union[str, Path] = "default", trust: bool = False) -> "ThemeModel":
        """Load a model directory, verified (see the module docstring).

        ``path="default"`` is the bundled model. Any other directory needs
        ``trust=True``: only load model files you made or whose source you trust.
        """
        directory, card = cls._locate(path, trust)
        model_path = directory / MODEL_FILE
        import io
        import joblib
        data = model_path.read_bytes()  # unpickle exactly the bytes whose hash is checked
        cls._check(directory, card, hashlib.sha256(data).hexdigest())
        cls._check_versions(directory, card)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                payload = joblib.load(io.BytesIO(data))
            except Exception as e:  # an inconsistent pickle despite equal versions
                raise ModelVersionError(f"{model_path}: cannot be loaded in this environment "
                                        f"({type(e).__name__}: {e}); retrain it with "
                                        f"`vn-directives train … -o {directory}`.") from e
        if not isinstance(payload, dict) or payload.get("format") != FORMAT or \
                tuple(payload.get("themes", ())) != THEMES:
            raise ModelError(f"{model_path}: not a vn_directives theme model of format {FORMAT}")
        return cls(payload["vectorizer"], payload["classifiers"], payload["calibration"],
                   payload["thresholds"], payload["config"], card)
