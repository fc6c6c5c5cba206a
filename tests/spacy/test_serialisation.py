"""Saving and loading, multiprocessing, pickling, displaCy."""
import json
import pickle
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

spacy = pytest.importorskip("spacy")

import vn_directives.spacy as vds  # noqa: E402
from vn_directives.spacy.analysis import clear_cache  # noqa: E402

TEXTS = [
    "Các trường chủ động phòng, chống dịch COVID-19 trong trường học.",
    "I. NHIỆM VỤ\n1. Dạy học trực tiếp đối với lớp 3, 7, 10.\n2. Báo cáo về Sở trước ngày 15/10/2021.",
    "Tuyển dụng đủ giáo viên Tin học, Tiếng Anh cho các trường tiểu học.",
]


def summary(doc):
    """Everything the pipeline puts on a Doc, as plain data."""
    return {
        "text": doc.text,
        "tokens": [(t.text, t.norm_, t.whitespace_, t.is_sent_start) for t in doc],
        "sentences": [(s.start, s.end, s.label_, s._.item, s._.clean_text, s._.themes, s._.theme_scores)
                      for s in doc.spans["sentences"]],
        "themes": [(s.start, s.end, s.label_) for s in doc.spans["themes"]],
        "entities": [(s.start, s.end, s.label_, s._.value, s._.attrs) for s in doc.spans["entities"]],
        "ents": [(e.start, e.end, e.label_, e._.value) for e in doc.ents],
        "metadata": doc._.metadata,
    }


@pytest.fixture(scope="module")
def expected(spacy_nlp):
    return [summary(d) for d in spacy_nlp.pipe(TEXTS)]


@pytest.fixture(autouse=True)
def no_cached_analyses():
    """Each test computes its analyses itself (the cache is an optimisation only)."""
    clear_cache()


def test_load_builds_the_whole_pipeline(spacy_nlp):
    assert spacy_nlp.lang == "vi"
    assert spacy_nlp.pipe_names == ["vn_directives_sentences", "vn_directives_themes", "vn_directives_entities"]
    assert type(spacy_nlp.tokenizer).__name__ == "DirectiveTokenizer"
    assert vds.load(components=()).pipe_names == ["vn_directives_sentences"]
    with pytest.raises(ValueError, match="unknown component 'bogus'"):
        vds.load(components=("bogus",))


def test_to_disk_and_spacy_load_round_trip(spacy_nlp, expected, tmp_path):
    spacy_nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == spacy_nlp.pipe_names
    assert [summary(d) for d in loaded.pipe(TEXTS)] == expected


def test_n_process_2_gives_the_same_as_n_process_1(spacy_nlp, expected):
    assert [summary(d) for d in spacy_nlp.pipe(TEXTS, n_process=2, batch_size=1)] == expected


def test_a_doc_pickles_and_serialises(spacy_nlp, expected):
    doc = spacy_nlp(TEXTS[1])
    assert summary(pickle.loads(pickle.dumps(doc))) == expected[1]
    assert summary(spacy.tokens.Doc(spacy_nlp.vocab).from_bytes(doc.to_bytes())) == expected[1]


def test_the_pipeline_and_its_components_pickle(spacy_nlp, expected):
    """What a worker started with 'spawn' (macOS, Windows) receives."""
    copy = pickle.loads(pickle.dumps(spacy_nlp))
    assert [summary(d) for d in copy.pipe(TEXTS)] == expected


def test_entry_points_are_declared():
    def names(group):
        return {ep.name: ep.value for ep in entry_points(group=group)}
    assert names("spacy_factories") == {
        "vn_directives_sentences": "vn_directives.spacy.components:make_sentences",
        "vn_directives_themes": "vn_directives.spacy.components:make_themes",
        "vn_directives_entities": "vn_directives.spacy.components:make_entities",
    }, "entry points missing: install the package (pip install -e .)"
    assert names("spacy_tokenizers")["vn_directives.Tokenizer.v1"] == "vn_directives.spacy.tokenizer:create_tokenizer"
    assert not any(v.startswith("vn_directives") for v in names("spacy_languages").values()), \
        "vn_directives must not replace a spaCy language for every user of spaCy"


FRESH = r"""
import json, sys
import spacy
assert "vn_directives" not in sys.modules
nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vn_directives.Tokenizer.v1"}}})
nlp.add_pipe("vn_directives_themes")
doc = nlp(sys.argv[1])
out = {"tokens": [t.text for t in doc], "themes": [s._.themes for s in doc.spans["sentences"]]}
loaded = spacy.load(sys.argv[2])
out["loaded"] = [(e.start, e.end, e.label_, e._.value) for e in loaded(sys.argv[1]).ents]
print(json.dumps(out, ensure_ascii=False))
"""


def test_a_fresh_process_finds_everything_by_name(spacy_nlp, tmp_path, expected):
    """The tokenizer and components by their registered names, and spacy.load of a saved
    pipeline, with vn_directives never imported by the caller (entry points)."""
    spacy_nlp.to_disk(tmp_path / "pipeline")
    done = subprocess.run([sys.executable, "-c", FRESH, TEXTS[1], str(tmp_path / "pipeline")],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert out["tokens"] == [t[0] for t in expected[1]["tokens"]]
    assert out["themes"] == [s[5] for s in expected[1]["sentences"]]
    assert [tuple(e) for e in out["loaded"]] == expected[1]["ents"]


def test_displacy_options_colour_each_label(spacy_nlp, expected):
    options = vds.displacy_options()
    assert options["ents"] == ["ACTOR", "GRADE", "DEADLINE", "REFERENCE"]
    html = spacy.displacy.render(spacy_nlp(TEXTS[1]), style="ent", options=options)
    assert "lớp 3, 7, 10" in html and options["colors"]["GRADE"] in html


def test_a_saved_pipeline_carries_its_model_and_no_trust_or_path_in_its_config(spacy_nlp, tmp_path):
    spacy_nlp.to_disk(tmp_path / "pipeline")
    comp = tmp_path / "pipeline" / "vn_directives_themes"
    assert (comp / "scorer.json.gz").is_file() and (comp / "model-card.json").is_file()
    config = (tmp_path / "pipeline" / "config.cfg").read_text(encoding="utf-8")
    assert "trust" not in config
    assert str(tmp_path) not in config


def test_a_pipeline_saved_with_a_model_of_ones_own_loads_after_that_model_is_gone(tmp_path):
    """What spacy package relies on: the folder, not the model's original directory."""
    import shutil
    from vn_directives.themes.bundled import bundled_model_dir
    mine = tmp_path / "mine"
    shutil.copytree(bundled_model_dir(), mine)
    nlp = vds.load(model=str(mine), trust_model=True)
    doc = nlp(TEXTS[0])
    before = [s._.theme_scores for s in doc.spans["sentences"]]
    nlp.to_disk(tmp_path / "pipeline")
    shutil.rmtree(mine)
    loaded = spacy.load(tmp_path / "pipeline")
    doc = loaded(TEXTS[0])
    assert [s._.theme_scores for s in doc.spans["sentences"]] == before


def test_rules_of_ones_own_travel_in_the_saved_pipeline(tmp_path):
    import shutil
    from vn_directives.resources import resource_path
    rules = tmp_path / "grades.tsv"
    shutil.copyfile(resource_path("grades.tsv"), rules)
    nlp = vds.load(components=("entities",), rules={"grades": str(rules)})
    nlp.to_disk(tmp_path / "pipeline")
    rules.unlink()
    loaded = spacy.load(tmp_path / "pipeline")
    assert [e._.value for e in loaded("Dạy học lớp 3, 7, 10.").ents if e.label_ == "GRADE"] == [[3, 7, 10]]
