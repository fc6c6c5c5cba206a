"""suggest: the n sentences the model is least sure of, least sure first."""
import math

import pytest

from tests.conftest import ROOT, TEXTS
from tests.themes.conftest import cli, read_jsonl, write_jsonl


def stdout_rows(stdout):
    rows = []
    for line in stdout.splitlines():
        margin, theme, sid, text = line.split("\t", 3)
        rows.append((float(margin), theme, sid, text))
    return rows


@pytest.fixture(scope="module")
def on_text(trained, tmp_path_factory):
    out = tmp_path_factory.mktemp("suggest") / "s.jsonl"
    r = cli("suggest", TEXTS / "c001.txt", "-n", 5, "-o", out, "--model", trained.dir, "--trust-model")
    assert r.returncode == 0, r.stderr
    return r, read_jsonl(out)


@pytest.fixture(scope="module")
def sentences_file(tmp_path_factory):
    recs = [{"id": r["id"], "doc": r["doc"], "text": r["text"]}
            for n in ("c016", "c046") for r in read_jsonl(ROOT / "data" / "labelled" / f"{n}.jsonl")]
    return write_jsonl(tmp_path_factory.mktemp("suggest-in") / "sentences.jsonl", recs), recs


@pytest.fixture(scope="module")
def on_sentences(trained, sentences_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("suggest") / "s.jsonl"
    r = cli("suggest", sentences_file[0], "-n", 7, "-o", out, "--model", trained.dir, "--trust-model")
    assert r.returncode == 0, r.stderr
    return r, read_jsonl(out)


def test_suggest_on_a_document_prints_exactly_n_lines_least_sure_first(on_text):
    r, _ = on_text
    rows = stdout_rows(r.stdout)
    assert len(rows) == 5
    margins = [m for m, *_ in rows]
    assert margins == sorted(margins)
    assert all(sid.startswith("c001:") for _, _, sid, _ in rows)


def test_suggest_on_a_document_writes_n_records_to_label(on_text):
    r, recs = on_text
    assert len(recs) == 5
    assert [x["margin"] for x in recs] == sorted(x["margin"] for x in recs)
    assert [x["id"] for x in recs] == [sid for _, _, sid, _ in stdout_rows(r.stdout)]
    for x in recs:
        assert x["themes"] == []                                  # left for the annotator
        assert set(x) >= {"doc", "id", "text", "suggested_themes", "theme_scores", "uncertain_theme", "margin"}


def test_suggest_on_jsonl_sentences_returns_n_of_them_sorted_by_margin(on_sentences, sentences_file):
    r, recs = on_sentences
    given = {x["id"]: x["text"] for x in sentences_file[1]}
    assert len(stdout_rows(r.stdout)) == 7 and len(recs) == 7
    assert [x["margin"] for x in recs] == sorted(x["margin"] for x in recs)
    assert all(given[x["id"]] == x["text"] for x in recs)           # ids and texts kept, not re-split
    assert len({x["id"] for x in recs}) == 7


def test_suggestions_are_the_n_smallest_margins_of_all_sentences(loaded_model, sentences_file):
    from vn_directives.themes.data import read_labelled
    from vn_directives.themes.train import suggest
    docs = read_labelled([ROOT / "data" / "labelled" / f"{n}.jsonl" for n in ("c016", "c046")])
    everything = suggest(docs, loaded_model, n=10 ** 6)
    assert len(everything) == sum(1 for d in docs for s in d if s.kind != "header")
    top = suggest(docs, loaded_model, n=7)
    assert [x["margin"] for x in top] == [x["margin"] for x in everything[:7]]


def test_the_margin_is_the_log_odds_distance_of_the_least_sure_theme(loaded_model):
    from vn_directives.records import Sentence
    from vn_directives.themes.train import suggest
    docs = [[Sentence(id="d:0", doc="d", text="Tuyển dụng đủ giáo viên theo định mức.")]]
    (row,) = suggest(docs, loaded_model, n=1)

    def logit(p):
        p = min(max(p, 1e-9), 1 - 1e-9)
        return math.log(p / (1 - p))

    dist = {t: abs(logit(docs[0][0].theme_scores[t]) - logit(th))
            for t, th in zip(loaded_model.themes, loaded_model.thresholds)}
    assert row["uncertain_theme"] == min(dist, key=dist.get)
    assert row["margin"] == pytest.approx(min(dist.values()), abs=1e-4)


def test_letterhead_lines_are_never_suggested(loaded_model):
    from vn_directives.pipeline import Pipeline
    from vn_directives.themes.train import suggest
    doc = Pipeline.read(TEXTS / "seed-002.txt")
    for stage in (Pipeline.clean, Pipeline.metadata, Pipeline.segment):
        doc = stage(doc)
    headers = {s.id for s in doc.sentences if s.kind == "header"}
    assert headers
    rows = suggest([doc.sentences], loaded_model, n=len(doc.sentences))
    assert rows and not headers & {r["id"] for r in rows}
    assert len(rows) == len(doc.sentences) - len(headers)
