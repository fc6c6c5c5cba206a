"""Scoring labels as ANNOTATION.md §4 says, the same figures as ``shared/tools/score.py``.

* themes: per-label precision, recall, F1 over sentences; macro-F1 over the
  five labels; exact-set match;
* grades: micro P/R/F1 over (sentence, grade number) pairs;
* actors and deadlines: a predicted span matches a gold span when they
  overlap by at least half of the longer one (greedy, one to one, gold in
  order, the largest overlap first); P/R/F1 over spans; deadlines also on
  the exact value among matched spans.

Records are matched by ``id``; a gold id with no prediction counts as an
empty prediction.

>>> gold = {"a": {"id": "a", "text": "x", "themes": ["covid19"], "grades": [{"value": [3, 7]}]}}
>>> pred = {"a": {"id": "a", "text": "x", "themes": ["covid19"], "grades": [{"value": [3]}]}}
>>> r = score(gold, pred)
>>> r["themes"]["covid19"]["f1"], r["grades"]["r"]
(1.0, 0.5)
"""
from __future__ import annotations

from collections import Counter
from typing import Dict, Iterable, List, Optional, Tuple

from .records import ROLES, THEMES, iter_jsonl

Records = Dict[str, dict]


def load_records(path) -> Records:
    """``{id: record}`` from a JSONL file (the last record wins for a repeated id)."""
    return {str(rec["id"]): rec for _, rec in iter_jsonl(path)}


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def _spans(rec: Optional[dict], key: str) -> List[Tuple[int, int, dict]]:
    out = []
    for s in (rec or {}).get(key) or []:
        try:
            out.append((int(s["start"]), int(s["end"]), s))
        except (KeyError, TypeError, ValueError):
            pass
    return out


def match_spans(gold: List[Tuple[int, int, dict]], pred: List[Tuple[int, int, dict]]) -> List[Tuple[dict, dict]]:
    """Pairs (gold span, predicted span) overlapping by at least half of the longer one."""
    pairs, taken = [], set()
    for gs, ge, g in gold:
        best, best_overlap = None, 0
        for i, (ps, pe, _) in enumerate(pred):
            if i in taken:
                continue
            overlap = min(ge, pe) - max(gs, ps)
            longer = max(ge - gs, pe - ps)
            if overlap > 0 and longer > 0 and 2 * overlap >= longer and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            taken.add(best)
            pairs.append((g, pred[best][2]))
    return pairs


def _grades(rec: Optional[dict]) -> set:
    out = set()
    for s in (rec or {}).get("grades") or []:
        for g in s.get("value") or []:
            try:
                out.add(int(g))
            except (TypeError, ValueError):
                pass
    return out


def _interval(v) -> Optional[tuple]:
    return (v.get("start"), v.get("end")) if isinstance(v, dict) else None


def score(gold: Records, pred: Records, ids: Optional[Iterable[str]] = None) -> dict:
    """The §4 figures of ``pred`` against ``gold`` (over ``ids``, default every gold id)."""
    ids = list(gold) if ids is None else list(ids)
    res: dict = {"n_sentences": len(ids), "n_missing_pred": sum(1 for k in ids if k not in pred)}
    res["themes"] = {}
    for lab in THEMES:
        tp = fp = fn = 0
        for k in ids:
            g = lab in (gold[k].get("themes") or [])
            p = lab in ((pred.get(k) or {}).get("themes") or [])
            tp += g and p
            fp += p and not g
            fn += g and not p
        res["themes"][lab] = prf(tp, fp, fn)
    res["themes_macro_f1"] = round(sum(v["f1"] for v in res["themes"].values()) / len(THEMES), 4)
    exact = sum(set(gold[k].get("themes") or []) == set((pred.get(k) or {}).get("themes") or []) for k in ids)
    res["themes_exact_match"] = round(exact / max(1, len(ids)), 4)
    tp = fp = fn = 0
    for k in ids:
        g, p = _grades(gold[k]), _grades(pred.get(k))
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    res["grades"] = prf(tp, fp, fn)
    for key in ("actors", "deadlines"):
        tp = fp = fn = 0
        exact_values = n_pairs = 0
        for k in ids:
            g, p = _spans(gold[k], key), _spans(pred.get(k), key)
            pairs = match_spans(g, p)
            tp, fp, fn = tp + len(pairs), fp + len(p) - len(pairs), fn + len(g) - len(pairs)
            if key == "deadlines":
                n_pairs += len(pairs)
                exact_values += sum(_interval(a.get("value")) == _interval(b.get("value")) for a, b in pairs)
        res[key] = prf(tp, fp, fn)
        if key == "actors" and any(sp.get("role") for k in ids for sp in gold[k].get("actors") or []):
            res["actor_roles"] = score_roles(gold, pred, ids)
        if key == "deadlines":
            res["deadline_value_accuracy"] = round(exact_values / n_pairs, 4) if n_pairs else 0.0
            res["deadline_value_n"] = n_pairs
    return res


def score_roles(gold: Records, pred: Records, ids: Optional[Iterable[str]] = None) -> dict:
    """ACTOR roles (ANNOTATION.md §2, §4): accuracy of ``role`` over matched actor spans
    whose gold span has one, and per role P/R/F1 over (matched span, role); a matched
    pair with different roles is a miss of the gold role and a false alarm of the
    predicted one, an unmatched span with a role is a miss (gold) or a false alarm (pred).

    >>> g = {"s": {"actors": [{"start": 0, "end": 6, "role": "lead"}, {"start": 10, "end": 14, "role": "directs"}]}}
    >>> p = {"s": {"actors": [{"start": 0, "end": 6, "role": "lead"}, {"start": 10, "end": 14, "role": "mentioned"}]}}
    >>> r = score_roles(g, p); (r["accuracy"], r["n"], r["per_role"]["lead"]["f1"], r["per_role"]["mentioned"]["fp"])
    (0.5, 2, 1.0, 1)
    """
    ids = list(gold) if ids is None else list(ids)
    ok = n = 0
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for k in ids:
        g, p = _spans(gold[k], "actors"), _spans(pred.get(k), "actors")
        pairs = match_spans(g, p)
        matched_g, matched_p = {id(a) for a, _ in pairs}, {id(b) for _, b in pairs}
        for a, b in pairs:
            gr, pr = a.get("role"), b.get("role")
            if gr:
                n += 1
                ok += gr == pr
                (tp if gr == pr else fn)[gr] += 1
            if pr and pr != gr:
                fp[pr] += 1
        fn.update(a["role"] for _, _, a in g if id(a) not in matched_g and a.get("role"))
        fp.update(b["role"] for _, _, b in p if id(b) not in matched_p and b.get("role"))
    return {"accuracy": round(ok / n, 4) if n else 0.0, "n": n,
            "per_role": {r: prf(tp[r], fp[r], fn[r]) for r in ROLES}}


def format_report(res: dict) -> str:
    """The figures as lines of text, in the reference scorer's layout."""
    lines = [f"sentences {res['n_sentences']}  missing predictions {res['n_missing_pred']}"]
    for lab in THEMES:
        v = res["themes"][lab]
        lines.append(f"theme {lab:24s} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}  "
                     f"(tp {v['tp']} fp {v['fp']} fn {v['fn']})")
    lines.append(f"themes macro-F1 {res['themes_macro_f1']:.3f}  exact-set match {res['themes_exact_match']:.3f}")
    for key in ("grades", "actors", "deadlines"):
        v = res[key]
        lines.append(f"{key:9s} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}  "
                     f"(tp {v['tp']} fp {v['fp']} fn {v['fn']})")
    lines.append(f"deadline values exact {res['deadline_value_accuracy']:.3f} of {res['deadline_value_n']} matched")
    if "actor_roles" in res:
        v = res["actor_roles"]
        lines.append(f"actor roles accuracy {v['accuracy']:.3f} of {v['n']} matched; per role F1 "
                     + ", ".join(f"{r} {x['f1']:.3f}" for r, x in v["per_role"].items()))
    return "\n".join(lines)


def agreement(first: Records, second: Records) -> dict:
    """Agreement between two labellings of the same sentences (the ids they share).

    Per theme: Cohen's kappa (scikit-learn) and F1 of one labelling against the
    other (F1 is symmetric); per entity type: the §4 F1; deadline values: exact
    share among matched spans.
    """
    from sklearn.metrics import cohen_kappa_score
    ids = sorted(set(first) & set(second))
    res = score(first, second, ids)
    out = {"n_sentences": len(ids), "themes": {}}
    for lab in THEMES:
        a = [lab in (first[k].get("themes") or []) for k in ids]
        b = [lab in (second[k].get("themes") or []) for k in ids]
        kappa = cohen_kappa_score(a, b) if len(set(a) | set(b)) > 1 else 1.0
        out["themes"][lab] = {"kappa": round(float(kappa), 4), "f1": res["themes"][lab]["f1"],
                              "positives_first": sum(a), "positives_second": sum(b)}
    out["themes_macro_f1"] = res["themes_macro_f1"]
    out["themes_mean_kappa"] = round(sum(v["kappa"] for v in out["themes"].values()) / len(THEMES), 4)
    for key in ("grades", "actors", "deadlines"):
        out[key] = {"f1": res[key]["f1"], "first": res[key]["tp"] + res[key]["fn"],
                    "second": res[key]["tp"] + res[key]["fp"]}
    out["deadline_value_agreement"] = res["deadline_value_accuracy"]
    if "actor_roles" in res and any(sp.get("role") for k in ids for sp in second[k].get("actors") or []):
        v = res["actor_roles"]
        out["actor_roles"] = {"accuracy": v["accuracy"], "n": v["n"],
                              "f1": {r: x["f1"] for r, x in v["per_role"].items()}}
    return out
