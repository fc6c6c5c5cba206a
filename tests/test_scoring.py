"""Our scorer gives the reference scorer's figures (shared/tools/score.py) on the same files."""
import json
import random
import subprocess
import sys

import pytest

from tests.conftest import ROOT

REFERENCE = ROOT.parent / "shared" / "tools" / "score.py"
LABELLED = sorted((ROOT / "data" / "labelled").glob("*.jsonl"))


def perturbed(records, seed):
    """Predictions that are wrong in the ways a tagger is: missing, extra, shifted spans."""
    rnd = random.Random(seed)
    themes = ["covid19", "ctgdpt2018", "digital_transformation", "inspection", "teacher_staffing"]
    out = []
    for rec in records:
        if rnd.random() < 0.05:
            continue                                    # missing prediction
        r = json.loads(json.dumps(rec))
        if rnd.random() < 0.3:
            r["themes"] = rnd.sample(themes, rnd.randint(0, 2))
        for key in ("actors", "deadlines", "grades"):
            spans = []
            for s in r.get(key, []):
                x = rnd.random()
                if x < 0.15:
                    continue
                if x < 0.35:
                    s["start"] = max(0, s["start"] + rnd.randint(-4, 4))
                if key == "deadlines" and rnd.random() < 0.2:
                    s["value"] = {"start": None, "end": s["value"].get("end")}
                if key == "grades" and rnd.random() < 0.2:
                    s["value"] = s["value"][:1]
                if key == "actors" and rnd.random() < 0.25:
                    s["role"] = rnd.choice(["directs", "lead", "cooperate", "addressee", "mentioned", None])
                spans.append(s)
            if rnd.random() < 0.1 and len(r["text"]) > 10:
                spans.append({"start": 0, "end": 8, "text": r["text"][:8], "value": [1],
                              "canonical": "x", "role": rnd.choice(["lead", "mentioned"])})
            r[key] = spans
        out.append(r)
    return out


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/tools/score.py is not beside the repository")
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_figures_as_the_reference_scorer(tmp_path, seed):
    from vn_directives.scoring import load_records, score
    gold = [json.loads(l) for p in LABELLED for l in p.read_text(encoding="utf-8").splitlines() if l.strip()]
    gold_path, pred_path, ref_json = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl", tmp_path / "ref.json"
    gold_path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in gold) + "\n", encoding="utf-8")
    pred_path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in perturbed(gold, seed)) + "\n",
                         encoding="utf-8")
    subprocess.run([sys.executable, str(REFERENCE), str(gold_path), str(pred_path), "--json", str(ref_json)],
                   check=True, capture_output=True)
    reference = json.loads(ref_json.read_text(encoding="utf-8"))
    ours = score(load_records(gold_path), load_records(pred_path))
    assert ours == reference
