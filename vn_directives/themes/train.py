"""Training, grouped cross-validation, model comparison and active-learning suggestions.

Everything is measured with cross-validation grouped by document: the
sentences of one document never sit on both sides of a split. Authored
sentences (``source: "authored"``) may join the training side of every split
but are never tested on. Inside each training side a second grouped split
gives out-of-fold scores, on which the Platt calibration and the per-theme
thresholds are fitted, so no test fold ever tunes anything.

>>> from vn_directives.themes.train import TrainConfig
>>> TrainConfig().features
('words', 'chars', 'cues', 'context')
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ..records import THEMES, Sentence
from .data import check_trainable, expand_paths, is_authored, read_labelled
from .features import feature_frame, make_vectorizer
from .model import ThemeModel


@dataclass(frozen=True)
class TrainConfig:
    """What to train: feature parts, classifier, weighting, data."""

    features: Tuple[str, ...] = ("words", "chars", "cues", "context")
    classifier: str = "svm"             # "svm" (linear SVM) or "lr" (logistic regression)
    C: float = 16.0                      # as given for "lr"; LinearSVC gets C / 8 (one scale suits both)
    class_weight: Optional[str] = "balanced"
    authored: bool = True               # authored sentences on the training side
    context_weight: float = 0.5
    cue_weight: float = 1.0
    inner_folds: int = 4
    seed: int = 0

    def label(self) -> str:
        ctx = f", context weight {self.context_weight:g}" if "context" in self.features else ""
        return (f"{'+'.join(self.features)}; {self.classifier} C={self.C:g}{ctx}; "
                f"class weights {self.class_weight or 'none'}; authored {'in' if self.authored else 'out'}")


# --------------------------------------------------------------------------- data

def tokenize_documents(docs: Sequence[Sequence[Sentence]], progress: bool = False) -> None:
    """Word-segment every sentence that has no tokens yet (in place)."""
    from ..tokenize import word_tokenize
    todo = [s for d in docs for s in d if not s.tokens]
    it: Iterable = todo
    if progress and todo:
        from tqdm import tqdm
        it = tqdm(todo, desc="word segmentation", unit="sent", leave=False)
    for s in it:
        s.tokens = word_tokenize(s.text)


def label_matrix(docs: Sequence[Sequence[Sentence]]):
    import numpy as np
    return np.array([[t in s.themes for t in THEMES] for d in docs for s in d], dtype=int)


def data_hash(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths, key=lambda q: q.name):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _strata(docs):
    """A per-sentence stratum for grouped splits: its rarest theme (0 = none)."""
    Y = label_matrix(docs)
    freq = Y.sum(axis=0)
    order = sorted(range(len(THEMES)), key=lambda k: freq[k])
    out = []
    for row in Y:
        code = 0
        for k in order:
            if row[k]:
                code = k + 1
                break
        out.append(code)
    return out


def grouped_splits(docs: Sequence[Sequence[Sentence]], folds: int, seed: int) -> List[Tuple[List[int], List[int]]]:
    """Document-index splits (train, test), stratified by theme where possible."""
    from sklearn.model_selection import StratifiedGroupKFold
    groups = [i for i, d in enumerate(docs) for _ in d]
    y = _strata(docs)
    k = min(folds, len(docs))
    if k < 2:
        raise ValueError(f"grouped cross-validation needs at least 2 documents, got {len(docs)}")
    cv = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    out = []
    for tr, te in cv.split(groups, y, groups):
        out.append((sorted({groups[i] for i in tr}), sorted({groups[i] for i in te})))
    return out


# --------------------------------------------------------------------------- fitting

def _classifier(config: TrainConfig):
    if config.classifier == "lr":
        from sklearn.linear_model import LogisticRegression
        return LogisticRegression(C=config.C, class_weight=config.class_weight, solver="liblinear",
                                  random_state=config.seed, max_iter=1000)
    if config.classifier == "svm":
        from sklearn.svm import LinearSVC
        return LinearSVC(C=config.C / 8, class_weight=config.class_weight, random_state=config.seed,
                         max_iter=5000)
    raise ValueError(f"unknown classifier {config.classifier!r} (lr or svm)")


def _fit_raw(frame, Y, config: TrainConfig):
    vec = make_vectorizer(config.features, context_weight=config.context_weight, cue_weight=config.cue_weight)
    X = vec.fit_transform(frame)
    clfs = []
    for k in range(Y.shape[1]):
        clf = _classifier(config)
        if len(set(Y[:, k])) < 2:  # a fold without this theme: a constant "no"/"yes"
            import numpy as np
            clf.coef_ = np.zeros((1, X.shape[1]))
            clf.intercept_ = np.array([1.0 if Y[0, k] else -1.0])
            clf.classes_ = np.array([0, 1])
        else:
            clf.fit(X, Y[:, k])
        clfs.append(clf)
    return vec, clfs


def _decision(vec, clfs, frame):
    import numpy as np
    X = vec.transform(frame)
    return np.column_stack([c.decision_function(X) for c in clfs])


def _platt(d, y) -> Tuple[float, float]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    if len(set(y)) < 2:
        return 1.0, 0.0
    lr = LogisticRegression(C=1e4, solver="lbfgs")
    lr.fit(np.asarray(d).reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def best_threshold(scores, y) -> float:
    """The score cut maximising F1 (midpoint between neighbouring scores; ties → nearest 0.5)."""
    import numpy as np
    scores, y = np.asarray(scores, float), np.asarray(y, int)
    if y.sum() == 0:
        return 0.5
    order = np.argsort(-scores)
    s, yy = scores[order], y[order]
    tp = np.cumsum(yy)
    fp = np.cumsum(1 - yy)
    fn = yy.sum() - tp
    f1 = 2 * tp / np.maximum(2 * tp + fp + fn, 1)
    # a cut after position i keeps s[:i+1]; only cut between distinct scores
    valid = np.r_[s[1:] < s[:-1], True]
    best = f1[valid].max()
    cands = []
    for i in np.flatnonzero(valid & (f1 >= best - 1e-12)):
        lo = s[i + 1] if i + 1 < len(s) else 0.0
        cands.append((s[i] + lo) / 2)
    return float(min(cands, key=lambda c: abs(c - 0.5)))


def fit(docs: Sequence[Sequence[Sentence]], config: TrainConfig = TrainConfig()) -> ThemeModel:
    """Fit the model on ``docs``: inner grouped folds give out-of-fold scores for
    calibration and thresholds, then the model is refitted on all of ``docs``."""
    import numpy as np
    docs = [d for d in docs if config.authored or not is_authored(d)]
    if len(docs) < 2:  # one document: its sentences stand in for documents in the inner split
        docs = [[s] for d in docs for s in d]
    frames = [feature_frame([d]) for d in docs]
    Ys = [label_matrix([d]) for d in docs]
    real = np.concatenate([np.full(len(d), not is_authored(d)) for d in docs])
    oof = np.zeros((int(sum(len(d) for d in docs)), len(THEMES)))
    offsets = np.cumsum([0] + [len(d) for d in docs])
    import pandas as pd
    for tr, te in grouped_splits(docs, config.inner_folds, config.seed + 1):
        vec, clfs = _fit_raw(pd.concat([frames[i] for i in tr]), np.vstack([Ys[i] for i in tr]), config)
        d = _decision(vec, clfs, pd.concat([frames[i] for i in te]))
        rows = np.concatenate([np.arange(offsets[i], offsets[i + 1]) for i in te])
        oof[rows] = d
    Y = np.vstack(Ys)
    calibration, thresholds = [], []
    for k in range(len(THEMES)):
        use = real if Y[real, k].sum() >= 3 else np.ones(len(Y), bool)
        a, b = _platt(oof[use, k], Y[use, k])
        calibration.append((a, b))
        probs = 1 / (1 + np.exp(-(a * oof[use, k] + b)))
        thresholds.append(best_threshold(probs, Y[use, k]))
    vec, clfs = _fit_raw(pd.concat(frames), Y, config)
    return ThemeModel(vec, clfs, calibration, thresholds, asdict(config))


# --------------------------------------------------------------------------- measuring

def _records(docs, themes_of=lambda s: s.themes) -> Dict[str, Dict]:
    return {s.id: {"id": s.id, "themes": list(themes_of(s))} for d in docs for s in d}


def theme_metrics(gold: Dict[str, Dict], pred: Dict[str, Dict]) -> Dict[str, Any]:
    """Per-theme P/R/F1 and macro-F1 exactly as ANNOTATION.md §4 (the project's
    scorer), plus the exact-set match rate."""
    from ..scoring import score
    res = score(gold, pred)
    return {"themes": res["themes"], "macro_f1": res["themes_macro_f1"],
            "exact_set": res["themes_exact_match"], "n": len(gold)}


def cross_validate(docs: Sequence[Sequence[Sentence]], config: TrainConfig = TrainConfig(),
                   folds: int = 5, progress: Optional[Callable[[str], None]] = None) -> Dict[str, Any]:
    """Grouped k-fold CV on the real documents (authored ones only ever train).

    Returns pooled out-of-fold metrics, per-fold macro-F1 and the out-of-fold
    predictions (``oof``: id → {"themes", "theme_scores"}).
    """
    import statistics
    real = [d for d in docs if not is_authored(d)]
    authored = [d for d in docs if is_authored(d)]
    oof: Dict[str, Dict] = {}
    per_fold = []
    for n, (tr, te) in enumerate(grouped_splits(real, folds, config.seed)):
        train_docs = [real[i] for i in tr] + (authored if config.authored else [])
        model = fit(train_docs, config)
        test_docs = [[replace(s, themes=[], theme_scores={}) for s in real[i]] for i in te]
        model.predict_documents(test_docs)
        fold_pred = {s.id: {"id": s.id, "themes": s.themes,
                            "theme_scores": {k: round(v, 4) for k, v in s.theme_scores.items()}}
                     for d in test_docs for s in d}
        oof.update(fold_pred)
        fold_gold = _records([real[i] for i in te])
        per_fold.append(theme_metrics(fold_gold, fold_pred)["macro_f1"])
        if progress:
            progress(f"fold {n + 1}: macro-F1 {per_fold[-1]:.3f}")
    res = theme_metrics(_records(real), oof)
    res.update({"folds": len(per_fold), "per_fold_macro_f1": [round(f, 4) for f in per_fold],
                "per_fold_sd": round(statistics.pstdev(per_fold), 4) if per_fold else None,
                "documents": len(real), "oof": oof})
    return res


COMPARE_GRID: List[TrainConfig] = (
    # text representations alone (linear SVM)
    [TrainConfig(features=f) for f in (("words",), ("syllables",), ("chars",), ("words", "chars"),
                                       ("words", "syllables", "chars"))]
    # + guideline cues, + context; the union of all
    + [TrainConfig(features=("words", "chars", "cues")), TrainConfig(),
       TrainConfig(features=("words", "syllables", "chars", "cues", "context"))]
    # classifier, class weights, authored sentences in or out
    + [TrainConfig(classifier=c, class_weight=w, authored=a)
       for c in ("svm", "lr") for w in ("balanced", None) for a in (True, False)
       if (c, w, a) != ("svm", "balanced", True)]
    # regularisation and context weight
    + [TrainConfig(C=c) for c in (4.0, 64.0)]
    + [TrainConfig(context_weight=w) for w in (0.25, 1.0)]
)


def compare(docs, configs: Sequence[TrainConfig] = tuple(COMPARE_GRID), folds: int = 5,
            progress: Optional[Callable[[str], None]] = None) -> List[Dict[str, Any]]:
    """Grouped-CV figures for each configuration (the model card's comparison table)."""
    rows = []
    for cfg in configs:
        t0 = time.perf_counter()
        res = cross_validate(docs, cfg, folds)
        row = {"config": cfg.label(), **{t: res["themes"][t]["f1"] for t in THEMES},
               "macro_f1": res["macro_f1"], "exact_set": res["exact_set"],
               "seconds": round(time.perf_counter() - t0, 1), "settings": asdict(cfg)}
        rows.append(row)
        if progress:
            progress(f"{row['macro_f1']:.3f}  {row['config']}")
    return rows


# --------------------------------------------------------------------------- workflows

def _versions() -> Dict[str, str]:
    import platform
    from importlib.metadata import PackageNotFoundError, version
    out = {"python": platform.python_version()}
    for pkg in ("vn_directives", "scikit-learn", "underthesea", "joblib", "numpy", "scipy", "pandas"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


def train(paths: Sequence[Union[str, Path]], out_dir: Union[str, Path],
          config: TrainConfig = TrainConfig(), folds: int = 5, do_compare: bool = False,
          progress: Optional[Callable[[str], None]] = None,
          except_docs: Optional[Sequence[str]] = None) -> Dict[str, Any]:
    """Read labelled data, measure by grouped CV, fit on everything, write model + card.

    ``except_docs`` are document ids left out of everything (a held-out set): the card
    lists them. The model is written to a temporary directory and moved into ``out_dir``
    only when everything succeeded: a failed run overwrites nothing.
    """
    t0 = time.perf_counter()
    files = expand_paths(paths)
    docs = read_labelled(files)
    held_out = sorted(set(except_docs or ()))
    held_docs: List[List[Sentence]] = []
    if held_out:
        held_docs = [d for d in docs if d and d[0].doc in held_out]
        docs = [d for d in docs if not (d and d[0].doc in held_out)]
    check_trainable(docs)
    tokenize_documents(docs, progress=progress is not None)
    t_tok = time.perf_counter() - t0
    real = [d for d in docs if not is_authored(d)]
    authored = [d for d in docs if is_authored(d)]
    say = progress or (lambda m: None)
    t_cmp = time.perf_counter()
    comparison = compare(docs, progress=say) if do_compare else None
    t_cmp = time.perf_counter() - t_cmp
    cv = cross_validate(docs, config, folds, progress=say) if folds > 1 and len(real) >= 2 else None
    model = fit(docs, config)
    held_report = held_out_figures(model, held_docs) if held_docs else None
    elapsed = time.perf_counter() - t0 - t_cmp

    def counts(ds):
        sents = [s for d in ds for s in d]
        return {"documents": len(ds), "sentences": len(sents),
                **{t: sum(t in s.themes for s in sents) for t in THEMES}}

    card: Dict[str, Any] = {
        "name": "vn_directives themes",
        "task": "multi-label sentence themes (ANNOTATION.md §1)",
        "labels": list(THEMES),
        "created": time.strftime("%Y-%m-%d"),
        "training": {"files": [str(p) for p in files], "data_sha256": data_hash(files),
                     "real": counts(real), "authored": counts(authored),
                     "authored_used": config.authored, "seed": config.seed,
                     "seconds": round(elapsed, 1), "word_segmentation_seconds": round(t_tok, 1),
                     "comparison_seconds": round(t_cmp, 1) if do_compare else None,
                     "held_out_documents": held_out},
        "versions": _versions(),
    }
    if held_report:
        card["held_out"] = held_report
    if cv:
        card["cross_validation"] = {k: v for k, v in cv.items() if k != "oof"}
        card["cross_validation"]["grouping"] = "document (StratifiedGroupKFold); authored sentences train only"
    if comparison is not None:
        card["comparison"] = comparison
        # the split is a source of variance too: the same recipe on other grouped splits
        repeats = [cv["macro_f1"]] if cv else []
        for extra_seed in ((config.seed + 1, config.seed + 2) if cv else ()):
            r = cross_validate(docs, replace(config, seed=extra_seed), folds)
            repeats.append(r["macro_f1"])
            say(f"split seed {extra_seed}: macro-F1 {r['macro_f1']:.3f}")
        if cv:
            card["cross_validation"]["repeated_splits_macro_f1"] = repeats
        card["training"]["comparison_seconds"] = round(time.perf_counter() - t0 - elapsed, 1)
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale_runs(out_dir.parent)
    tmp = Path(tempfile.mkdtemp(prefix=f".train-{os.getpid()}-", dir=out_dir.parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; a model directory is not
        card = model.save(tmp, card)
        if out_dir.exists():
            old = out_dir.with_name(out_dir.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(out_dir, old)
            os.replace(tmp, out_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return card


def held_out_figures(model, held_docs: Sequence[Sequence[Sentence]]) -> Dict[str, Any]:
    """Per-theme P/R/F1 (ANNOTATION.md §4) of the fitted model on held-out documents that
    nothing was trained or tuned on; the figure to trust, beside the grouped CV."""
    from copy import copy

    from ..scoring import score
    gold = {s.id: {"themes": list(s.themes)} for d in held_docs for s in d}
    copies = [[copy(s) for s in d] for d in held_docs]
    tokenize_documents(copies)
    model.predict_documents(copies)
    pred = {s.id: {"themes": list(s.themes)} for d in copies for s in d}
    res = score(gold, pred)
    return {"documents": len(held_docs), "sentences": len(gold), "themes": res["themes"],
            "macro_f1": res["themes_macro_f1"], "exact_set": res["themes_exact_match"]}


def _sweep_stale_runs(folder: Path) -> None:
    """Remove the ``.train-<pid>-*`` folders of training runs whose process is gone
    (killed before it could clean up); a running one's is left alone."""
    for d in folder.glob(".train-*"):
        parts = d.name.split("-")
        try:
            pid = int(parts[1])
        except (IndexError, ValueError):
            continue                      # an older name without a pid: not ours to judge
        try:
            os.kill(pid, 0)
            continue                      # still running
        except ProcessLookupError:
            shutil.rmtree(d, ignore_errors=True)
        except PermissionError:
            continue                      # someone else's process


def suggest(docs: Sequence[Sequence[Sentence]], model: ThemeModel, n: int = 50,
            skip_kinds: Sequence[str] = ("header",)) -> List[Dict[str, Any]]:
    """The ``n`` sentences the model is least sure of (uncertainty sampling), to label next.

    Uncertainty of a sentence: how close its least certain theme's score is
    to that theme's threshold, on the log-odds scale (0 = on the threshold).
    ``docs`` are documents (sentence lists in reading order, tokenized or not).
    Letterhead lines (``kind == "header"``: number, place and date, issuer) are
    read as context but never suggested: labelling them teaches the model little.
    """
    import math
    tokenize_documents(docs)
    model.predict_documents(docs)
    rows = []
    for d in docs:
        for s in d:
            if s.kind in skip_kinds:
                continue
            best = None
            for t, th in zip(model.themes, model.thresholds):
                p = min(max(s.theme_scores[t], 1e-9), 1 - 1e-9)
                margin = abs(math.log(p / (1 - p)) - math.log(th / (1 - th)))
                if best is None or margin < best[0]:
                    best = (margin, t)
            rows.append({"id": s.id, "doc": s.doc, "text": s.text, "uncertain_theme": best[1],
                         "margin": round(best[0], 4), "themes": s.themes,
                         "theme_scores": {k: round(v, 4) for k, v in s.theme_scores.items()}})
    rows.sort(key=lambda r: r["margin"])
    return rows[:n]
