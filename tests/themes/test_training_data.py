"""Training data: bad files give a clear error naming file and line, in Python and in the CLI,
and a failed training run leaves an existing model untouched; CSV input trains."""
import csv
import json
import re
from pathlib import Path

import pytest

from vn_directives.records import THEMES
from vn_directives.themes.data import TrainingDataError, check_trainable, read_labelled
from tests.themes.conftest import LABELLED, cli, read_jsonl, snapshot, write_jsonl

#: a well-formed labelled file: every theme has positives and negatives
GOOD = [
    {"doc": "g", "id": "g:0", "text": "KẾ HOẠCH thực hiện nhiệm vụ năm học", "themes": []},
    {"doc": "g", "id": "g:1", "text": "Tổ chức tiêm vắc-xin phòng COVID-19 cho học sinh.", "themes": ["covid19"]},
    {"doc": "g", "id": "g:2", "text": "Triển khai Chương trình GDPT 2018 ở lớp 3.", "themes": ["ctgdpt2018"]},
    {"doc": "g", "id": "g:3", "text": "Đẩy mạnh chuyển đổi số.", "themes": ["digital_transformation"]},
    {"doc": "g", "id": "g:4", "text": "Thanh tra việc dạy thêm, học thêm.", "themes": ["inspection"]},
    {"doc": "g", "id": "g:5", "text": "Tuyển dụng đủ giáo viên.", "themes": ["teacher_staffing"]},
]

#: documents converted to CSV for training: every theme in several documents
CSV_SOURCES = ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004", "c002", "c006", "c007", "c009",
               "c010", "c014", "c016", "c033", "c035", "c036", "c037", "c040"]


def with_line_3(record_or_raw):
    """GOOD's first two records, then the given line 3."""
    lines = [json.dumps(r, ensure_ascii=False) for r in GOOD[:2]]
    lines.append(record_or_raw if isinstance(record_or_raw, str) else json.dumps(record_or_raw, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def make_unknown_label(d):
    p = d / "bad.jsonl"
    p.write_text(with_line_3({"doc": "b", "id": "b:2", "text": "Tuyển giáo viên.", "themes": ["teachers"]}),
                 encoding="utf-8")
    return p, [f"{p}:3", "unknown theme 'teachers'"]


def make_missing_text(d):
    p = d / "bad.jsonl"
    p.write_text(with_line_3({"doc": "b", "id": "b:2", "themes": ["inspection"]}), encoding="utf-8")
    return p, [f"{p}:3", "missing text"]


def make_blank_text(d):
    p = d / "bad.jsonl"
    p.write_text(with_line_3({"doc": "b", "id": "b:2", "text": "   ", "themes": []}), encoding="utf-8")
    return p, [f"{p}:3", "missing text"]


def make_missing_themes(d):
    p = d / "bad.jsonl"
    p.write_text(with_line_3({"doc": "b", "id": "b:2", "text": "Tuyển giáo viên."}), encoding="utf-8")
    return p, [f"{p}:3", "themes"]


def make_empty_file(d):
    p = d / "bad.jsonl"
    p.write_bytes(b"")
    return p, [str(p), "empty file"]


def make_invalid_json_line(d):
    p = d / "bad.jsonl"
    p.write_text(with_line_3('{"doc": "b", "id": "b:2", "text": "Tuyển giáo viên.", "themes": [}'),
                 encoding="utf-8")
    return p, [f"{p}:3", "not valid JSON"]


def make_csv_without_themes_column(d):
    p = d / "bad.csv"
    p.write_text("doc,text\nb,Tuyển dụng giáo viên.\nb,Chuyển đổi số.\n", encoding="utf-8")
    return p, [f"{p}:1", "themes"]


def make_csv_unknown_label(d):
    p = d / "bad.csv"
    p.write_text("doc,text,themes\nb,Chuyển đổi số.,digital_transformation\nb,Tuyển giáo viên.,teachers\n",
                 encoding="utf-8")
    return p, [f"{p}:3", "unknown theme 'teachers'"]


def make_one_class_theme(d):
    """Well-formed, but no sentence is about inspection: that classifier cannot be trained."""
    p = d / "bad.jsonl"
    write_jsonl(p, [r for r in GOOD if r["themes"] != ["inspection"]])
    return p, [str(p), "'inspection'", "one class only"]


BAD = {
    "unknown label": make_unknown_label,
    "missing text": make_missing_text,
    "blank text": make_blank_text,
    "missing themes": make_missing_themes,
    "empty file": make_empty_file,
    "invalid JSON line": make_invalid_json_line,
    "CSV without themes column": make_csv_without_themes_column,
    "CSV unknown label": make_csv_unknown_label,
    "theme with one class only": make_one_class_theme,
}


@pytest.fixture(params=list(BAD), ids=list(BAD))
def bad_case(request, tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    bad, expected = BAD[request.param](d)
    files = [bad] if request.param == "theme with one class only" else [write_jsonl(d / "good.jsonl", GOOD), bad]
    return request.param, files, expected


def read_for_training(files):
    """What ``train`` does with its data before fitting: read it, then check every theme has both classes."""
    docs = read_labelled(files)
    check_trainable(docs)
    return docs


def test_good_data_reads_into_documents(tmp_path):
    p = write_jsonl(tmp_path / "good.jsonl", GOOD)
    docs = read_for_training([p])
    assert [[s.id for s in d] for d in docs] == [[r["id"] for r in GOOD]]
    assert [s.themes for s in docs[0]] == [r["themes"] for r in GOOD]


def test_bad_data_raises_an_error_naming_file_and_line(bad_case):
    name, files, expected = bad_case
    with pytest.raises(TrainingDataError) as e:
        read_for_training(files)
    for fragment in expected:
        assert fragment in str(e.value), f"{name}: {fragment!r} not in {str(e.value)!r}"
    if name != "theme with one class only":          # the good file is not blamed
        assert "good.jsonl" not in str(e.value)


def test_bad_records_are_caught_by_read_labelled_itself(bad_case):
    name, files, expected = bad_case
    if name == "theme with one class only":
        assert read_labelled(files)               # well-formed: check_trainable is the one to refuse it
        return
    with pytest.raises(TrainingDataError, match=re.escape(expected[0])):
        read_labelled(files)


def test_every_problem_is_listed_not_only_the_first(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "a", "text": "x", "themes": ["nope"]}\n\n{broken\n{"id": "c", "themes": []}\n',
                 encoding="utf-8")
    with pytest.raises(TrainingDataError) as e:
        read_labelled([p])
    lines = str(e.value).splitlines()
    assert sorted(l.split(": ", 1)[0] for l in lines) == [f"{p}:1", f"{p}:3", f"{p}:4"]


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(TrainingDataError, match="no such file"):
        read_labelled([tmp_path / "nope.jsonl"])


def test_no_files_at_all_is_an_error(tmp_path):
    with pytest.raises(TrainingDataError):
        read_labelled([tmp_path])                 # an empty folder


# --------------------------------------------------------------------------- the CLI

@pytest.fixture
def existing_model(trained, tmp_path):
    """An output directory that already holds a model (a copy of the trained one)."""
    import shutil
    out = tmp_path / "out" / "model"
    shutil.copytree(trained.dir, out)
    return out


def test_cli_train_on_bad_data_fails_with_the_message_and_keeps_the_old_model(bad_case, existing_model):
    name, files, expected = bad_case
    before = snapshot(existing_model)
    siblings = sorted(p.name for p in existing_model.parent.iterdir())
    r = cli("train", *files, "-o", existing_model, "--folds", 2)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    for fragment in expected:
        assert fragment in r.stderr, f"{name}: {fragment!r} not in {r.stderr!r}"
    assert snapshot(existing_model) == before                       # byte for byte
    assert sorted(p.name for p in existing_model.parent.iterdir()) == siblings   # no leftovers


def test_cli_train_on_bad_data_writes_no_new_model(bad_case, tmp_path):
    name, files, expected = bad_case
    out = tmp_path / "new-model"
    r = cli("train", *files, "-o", out)
    assert r.returncode != 0 and not out.exists()


SMALL_DATA = {
    # grouped CV with --folds 2 leaves one document on a training side
    "two documents": ["seed-000", "seed-003"],
    # every theme has both classes overall, but digital_transformation lives in one document only,
    # so a training side of the grouped split has no positive of it
    "a theme in one document only": ["seed-001", "seed-004", "c007", "c037", "c035", "c006", "c019", "c040"],
}


@pytest.mark.parametrize("case", list(SMALL_DATA))
def test_cli_train_on_data_too_small_for_grouped_folds_fails_cleanly_or_trains(case, existing_model):
    """Data that passes the one-class check but cannot feed grouped cross-validation: the
    command must either cope or say what is wrong with the data — never crash with a
    traceback from scikit-learn or from the fold splitter — and must keep the old model."""
    before = snapshot(existing_model)
    files = [LABELLED / f"{n}.jsonl" for n in SMALL_DATA[case]]
    r = cli("train", *files, "-o", existing_model, "--folds", 2)
    assert "Traceback" not in r.stderr, r.stderr[-1500:]
    if r.returncode != 0:
        assert r.stderr.startswith("Error:") or "\nError:" in r.stderr
        assert snapshot(existing_model) == before


def test_cli_train_with_folds_0_skips_cross_validation(tmp_path):
    """``--folds 0`` means no cross-validation, as it does for ``evaluate``; it must not end
    in "grouped cross-validation needs at least 2 documents, got 18"."""
    files = [LABELLED / f"{n}.jsonl" for n in CSV_SOURCES]
    r = cli("train", *files, "-o", tmp_path / "model", "--folds", 0)
    assert "Traceback" not in r.stderr, r.stderr[-1500:]
    assert r.returncode == 0
    card = json.loads((tmp_path / "model" / "model-card.json").read_text(encoding="utf-8"))
    assert "cross_validation" not in card


# --------------------------------------------------------------------------- CSV input

def to_csv(path, records, with_doc=True, themes_as="semicolon"):
    join = {"semicolon": lambda t: ";".join(t), "pipe": lambda t: "|".join(t), "comma": lambda t: ",".join(t),
            "json": lambda t: json.dumps(t)}[themes_as]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow((["doc"] if with_doc else []) + ["text", "themes"])
        for r in records:
            w.writerow(([r["doc"]] if with_doc else []) + [r["text"], join(r["themes"])])
    return path



@pytest.mark.parametrize("themes_as", ["semicolon", "pipe", "comma", "json"])
def test_csv_themes_may_be_separated_in_each_documented_way(tmp_path, themes_as):
    recs = read_jsonl(LABELLED / "seed-002.jsonl")
    p = to_csv(tmp_path / "x.csv", recs, themes_as=themes_as)
    docs = read_labelled([p])
    assert [s.themes for d in docs for s in d] == [r["themes"] for r in recs]


def test_csv_without_doc_column_is_one_document_named_after_the_file(tmp_path):
    recs = read_jsonl(LABELLED / "seed-000.jsonl")
    docs = read_labelled([to_csv(tmp_path / "notes.csv", recs, with_doc=False)])
    assert len(docs) == 1 and {s.doc for s in docs[0]} == {"notes"}
    assert [s.id for s in docs[0]][:2] == ["notes:0002", "notes:0003"]      # from the CSV line numbers


@pytest.fixture(scope="module")
def csv_trained(tmp_path_factory, trained):
    """A model trained from CSV files with only the text and themes columns (one file per document),
    written over an existing model directory."""
    import shutil
    from vn_directives.themes.train import train
    d = tmp_path_factory.mktemp("csv")
    files = [to_csv(d / f"{name}.csv", read_jsonl(LABELLED / f"{name}.jsonl"), with_doc=False)
             for name in CSV_SOURCES]
    out = d / "models" / "model"
    shutil.copytree(trained.dir, out)
    card = train(files, out, folds=2)
    return out, files, card


def test_a_successful_training_replaces_the_old_model_and_leaves_nothing_behind(csv_trained, trained):
    out, files, card = csv_trained
    assert sorted(p.name for p in out.parent.iterdir()) == ["model"]          # no model.old, no .train-*
    assert sorted(p.name for p in out.iterdir()) == ["model-card.json", "model-card.md", "model.joblib",
                                                     "scorer.json.gz"]
    old = json.loads((trained.dir / "model-card.json").read_text(encoding="utf-8"))
    new = json.loads((out / "model-card.json").read_text(encoding="utf-8"))
    assert new["sha256"] == card["sha256"] != old["sha256"]
    assert new["training"]["files"] == [str(f) for f in files]


def test_csv_files_with_text_and_themes_columns_train_a_model(csv_trained):
    out, files, card = csv_trained
    assert (out / "model.joblib").is_file() and (out / "model-card.json").is_file()
    assert card["training"]["files"] == [str(f) for f in files]
    recs = [r for n in CSV_SOURCES for r in read_jsonl(LABELLED / f"{n}.jsonl")]
    assert card["training"]["real"]["documents"] == len(CSV_SOURCES)
    assert card["training"]["real"]["sentences"] == len(recs)
    for t in THEMES:
        assert card["training"]["real"][t] == sum(t in r["themes"] for r in recs)


def test_a_model_trained_from_csv_loads_and_predicts(csv_trained):
    from vn_directives.themes.model import ThemeModel
    m = ThemeModel.load(csv_trained[0], trust=True)
    themes, scores = m.predict_texts(["Tổ chức tiêm chủng vắc-xin phòng COVID-19 cho học sinh."])
    assert set(scores[0]) == set(THEMES)
    assert "covid19" in themes[0]


def test_a_single_csv_with_only_text_and_themes_trains_with_the_cli(tmp_path):
    """The minimal documented input: one CSV, columns text and themes (so one document)."""
    recs = [r for n in ("seed-000", "seed-002", "seed-003") for r in read_jsonl(LABELLED / f"{n}.jsonl")]
    p = to_csv(tmp_path / "labels.csv", recs, with_doc=False)
    r = cli("train", p, "-o", tmp_path / "model", "--folds", 2)
    assert "Traceback" not in r.stderr, r.stderr[-1500:]
    assert r.returncode == 0, r.stderr[-1500:]
    assert (tmp_path / "model" / "model-card.json").is_file()
