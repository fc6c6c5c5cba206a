"""The model card in Markdown, rendered from the JSON card (which is the source of truth).

>>> md = render_markdown({"name": "m", "labels": ["covid19"], "sha256": "ab", "versions": {"python": "3.11"}})
>>> md.splitlines()[0]
'# Model card: m'
"""
from __future__ import annotations

from typing import Any, Dict, List

from ..records import THEMES


def _table(header: List[str], rows: List[List[Any]]) -> List[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        out.append("| " + " | ".join("" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))
                                     for v in r) + " |")
    return out


def _theme_table(themes: Dict[str, Dict[str, Any]]) -> List[str]:
    """Precision, recall, F1 and gold positives per theme."""
    rows = [[t, v["p"], v["r"], v["f1"], v.get("tp", 0) + v.get("fn", 0)] for t, v in themes.items()]
    return _table(["theme", "precision", "recall", "F1", "gold positives"], rows)


def render_markdown(card: Dict[str, Any]) -> str:
    L: List[str] = [f"# Model card: {card.get('name', 'model')}", ""]
    L += [f"{card.get('task', '')}", ""]
    L += [f"- Labels: {', '.join(card.get('labels', []))}",
          f"- Created: {card.get('created', '')}",
          f"- Model file: `{card.get('model_file', 'model.joblib')}`, SHA-256 `{card.get('sha256', '')}`",
          "- Loading verifies the checksum and the scikit-learn version; a model from any "
          "directory other than the bundled one needs an explicit `trust=True` "
          "(`--trust-model`), because joblib files run code when loaded."]
    if card.get("scorer_sha256"):
        L += [f"- Tagging file: `{card.get('scorer_file', 'scorer.json.gz')}`, SHA-256 "
              f"`{card['scorer_sha256']}`: the same weights as plain JSON, read without "
              "scikit-learn for tagging (checked against this checksum before use)"]
    L += [""]
    tr = card.get("training")
    if tr:
        L += ["## Training data", "",
              f"- Files: {len(tr.get('files', []))} (SHA-256 of their contents `{tr.get('data_sha256', '')}`)",
              f"- Seed {tr.get('seed')}; authored sentences used for training: {tr.get('authored_used')}",
              f"- Training (reading, word segmentation {tr.get('word_segmentation_seconds')} s, "
              f"grouped CV and the final fit) took {tr.get('seconds')} s"
              + (f"; the comparison below took another {tr['comparison_seconds']} s."
                 if tr.get("comparison_seconds") else "."), ""]
        rows = []
        for part in ("real", "authored"):
            c = tr.get(part) or {}
            rows.append([part, c.get("documents"), c.get("sentences")] + [c.get(t) for t in THEMES])
        L += _table(["", "documents", "sentences"] + list(THEMES), rows) + [""]
    if card.get("config"):
        L += ["## Configuration", "", "```", *(f"{k}: {v}" for k, v in card["config"].items()), "```", ""]
    if card.get("thresholds"):
        L += ["## Thresholds (calibrated score ≥ threshold gives the theme)", ""]
        L += _table(list(card["thresholds"]), [list(card["thresholds"].values())]) + [""]
    ho = card.get("held_out")
    if ho:
        L += ["## Held-out documents (never trained or tuned on)", "",
              f"{ho['documents']} documents, {ho['sentences']} sentences (`data/heldout.txt`, drawn at "
              f"random before any of them was read for rules or recipes; listed in "
              f"`training.held_out_documents`). The figure to trust.", ""]
        L += _theme_table(ho["themes"])
        L += ["", f"Macro-F1 **{ho['macro_f1']:.3f}**; exact theme-set match {ho['exact_set']}.", ""]
    cv = card.get("cross_validation")
    if cv:
        L += ["## Grouped cross-validation (real sentences)", "",
              f"{cv.get('folds')} folds grouped by {cv.get('grouping', 'document')}; "
              f"{cv.get('documents')} documents, {cv.get('n')} sentences. Pooled out-of-fold figures.", ""]
        L += _theme_table(cv["themes"])
        L += ["", f"Macro-F1 **{cv['macro_f1']:.3f}** (per fold: "
                  f"{', '.join(f'{x:.3f}' for x in cv.get('per_fold_macro_f1', []))}; sd {cv.get('per_fold_sd')}); "
                  f"exact theme-set match {cv.get('exact_set')}.", ""]
        if cv.get("repeated_splits_macro_f1"):
            L += [f"The same recipe on other grouped splits (split seeds {card.get('training', {}).get('seed', 0)}, +1, +2): "
                  f"macro-F1 {', '.join(f'{x:.3f}' for x in cv['repeated_splits_macro_f1'])}.", ""]
    comp = card.get("comparison")
    if comp:
        L += ["## Comparison (grouped CV, same folds, F1 per theme)", ""]
        rows = [[r["config"]] + [r[t] for t in THEMES] + [r["macro_f1"], r["exact_set"], r["seconds"]]
                for r in comp]
        L += _table(["configuration"] + list(THEMES) + ["macro-F1", "exact set", "s"], rows) + [""]
    if card.get("versions"):
        L += ["## Versions", ""] + [f"- {k} {v}" for k, v in card["versions"].items()] + [""]
    if card.get("notes"):
        L += ["## Notes", "", card["notes"], ""]
    return "\n".join(L)
