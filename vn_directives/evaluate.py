"""Evaluation against labelled data: the ANNOTATION.md §4 figures, and grouped CV of the theme model.

``evaluate(gold_paths)`` tags the gold sentences with the pipeline (as given,
never re-split; consecutive sentences of a document tagged together so the
classifier sees their context) or takes predictions from a file, and scores
them with :func:`vn_directives.scoring.score` — the same figures as
``shared/tools/score.py`` on the same files. With ``cv=True`` it also
cross-validates the theme model's training recipe on the gold, grouped by
document: the figure to trust when the bundled model was trained on the gold.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from .records import THEMES
from .scoring import score


def read_gold(paths: Iterable[Union[str, Path]]) -> Dict[str, Dict]:
    """id → record, in file order, from JSONL files and folders of them."""
    from .scoring import load_records
    from .themes.data import expand_paths
    gold: Dict[str, Dict] = {}
    for p in expand_paths(paths):
        gold.update(load_records(p))
    return gold


def read_doc_list(path: Union[str, Path]) -> List[str]:
    """Document ids listed one a line (``#`` comments and blank lines skipped), e.g. data/heldout.txt."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    if not out:
        raise ValueError(f"{path}: lists no document")
    return out


def evaluate(paths: Sequence[Union[str, Path]], model: Union[str, Path] = "default",
             trust_model: bool = False, pred: Optional[Union[str, Path]] = None,
             cv: bool = True, folds: int = 5, progress=None,
             only_docs: Optional[Sequence[str]] = None,
             except_docs: Optional[Sequence[str]] = None) -> Dict[str, Any]:
    """The report: ``scores`` (§4, with the exact theme-set match), ``predictions`` and ``cross_validation``.
    ``only_docs`` / ``except_docs`` keep or leave out documents by id (both the scores and the CV)."""
    def wanted(doc_id: str) -> bool:
        return (only_docs is None or doc_id in only_docs) and not (except_docs and doc_id in except_docs)

    gold = {k: r for k, r in read_gold(paths).items()
            if wanted(str(r.get("doc") or k.rsplit(":", 1)[0]))}
    if not gold:
        raise ValueError("no gold sentence is left after choosing documents")
    if pred is not None:
        from .scoring import load_records
        predictions = load_records(pred)
        source = str(pred)
    else:
        import vn_directives as vd
        nlp = vd.load(model=model, trust_model=trust_model)
        predictions = {s.id: s.to_record() for s in nlp.tag_sentences(gold.values())}
        source = f"pipeline (model {model})"
        clf = next((fn for _, _, fn in nlp.components if hasattr(fn, "model")), None)
        if clf is not None:
            from .themes.data import expand_paths
            training = clf.model.card.get("training") or {}
            left_out = set(training.get("held_out_documents") or ())
            trained_on = {Path(f).name for f in training.get("files", []) if Path(f).stem not in left_out}
            used = {p.name for p in expand_paths(paths) if wanted(p.stem)}
            overlap = sorted(trained_on & used)
            if overlap:
                source += (f"; IN-SAMPLE for themes: the model was trained on {len(overlap)} of these "
                           f"files, so trust the cross-validation below")
    report: Dict[str, Any] = {"gold": [str(p) for p in paths], "sentences": len(gold),
                              "documents": len({str(r.get("doc")) for r in gold.values()}),
                              "predictions_from": source,
                              "scores": score(gold, predictions)}
    if cv:
        from .themes.data import check_trainable, is_authored, read_labelled
        from .themes.model import ThemeModel
        from .themes.train import TrainConfig, cross_validate, tokenize_documents
        docs = [d for d in read_labelled(paths) if is_authored(d) or wanted(d[0].doc)]
        if sum(not is_authored(d) for d in docs) >= 2:
            check_trainable(docs)
            try:
                cfg_dict = ThemeModel.load(model, trust=trust_model).config
                cfg = TrainConfig(**{k: tuple(v) if isinstance(v, list) else v for k, v in cfg_dict.items()})
            except Exception:  # no usable model: the default recipe
                cfg = TrainConfig()
            tokenize_documents(docs)
            res = cross_validate(docs, cfg, folds, progress=progress)
            res.pop("oof")
            res["config"] = cfg.label()
            report["cross_validation"] = res
    report["predictions"] = predictions
    return report


def format_evaluation(report: Dict[str, Any]) -> str:
    from .scoring import format_report
    lines = [f"{report['sentences']} gold sentences; predictions from {report['predictions_from']}", "",
             format_report(report["scores"])]
    cv = report.get("cross_validation")
    if cv:
        lines += ["", f"grouped {cv['folds']}-fold cross-validation of the theme model "
                      f"({cv['documents']} real documents, {cv['n']} sentences; {cv['config']}):",
                  f"{'theme':<24} {'P':>6} {'R':>6} {'F1':>6}"]
        for t in THEMES:
            v = cv["themes"][t]
            lines.append(f"{t:<24} {v['p']:>6.3f} {v['r']:>6.3f} {v['f1']:>6.3f}")
        lines.append(f"{'macro-F1':<24} {'':>6} {'':>6} {cv['macro_f1']:>6.3f}   "
                     f"(folds {', '.join(f'{x:.3f}' for x in cv['per_fold_macro_f1'])}); "
                     f"exact set {cv['exact_set']:.3f}")
    return "\n".join(lines)
