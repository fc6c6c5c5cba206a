"""The `vn-directives` command end to end, in a subprocess."""
import codecs
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, TEXTS


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "vn_directives", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd or ROOT)


def test_console_script_is_installed():
    from pathlib import Path
    script = Path(sys.executable).parent / "vn-directives"
    if not script.exists():
        pytest.skip("package not installed in this interpreter (run through `python3 dev.py test`)")
    out = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "vn-directives" in out.stdout


def test_tag_a_seed_writes_one_record_per_sentence(tmp_path):
    out = tmp_path / "seed.jsonl"
    r = cli("tag", TEXTS / "seed-002.txt", "-o", out, "--table")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) > 50
    assert recs[2]["text"] == "Số: 04/CT-UBND" and recs[2]["id"] == "seed-002:0002"
    for rec in recs:
        assert set(rec) >= {"doc", "id", "text", "themes", "actors", "grades", "deadlines"}
    assert "seed-002:0002" in r.stdout and "themes" in r.stdout        # the table
    assert "1 documents" in r.stderr


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_tag_writes_csv_and_parquet(tmp_path, suffix):
    import pandas as pd
    out = tmp_path / ("seed" + suffix)
    r = cli("tag", TEXTS / "c001.txt", "-o", out)
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(out) if suffix == ".csv" else pd.read_parquet(out)
    assert list(df["id"])[:2] == ["c001:0000", "c001:0001"]


def test_tag_sentences_keeps_ids_and_text(tmp_path):
    inp = tmp_path / "in.jsonl"
    rows = [{"id": "g:1", "text": "Học sinh trở lại trường từ ngày 14-2.", "doc_date": "2022-02-10"},
            {"id": "g:2", "text": "Giám đốc Sở GDĐT chỉ đạo. Các trường thực hiện."}]
    inp.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = cli("tag", "--sentences", inp, "-o", out)
    assert r.returncode == 0, r.stderr
    recs = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [(x["id"], x["text"]) for x in recs] == [(r["id"], r["text"]) for r in rows]   # not re-split


def test_tag_sentences_bad_line_names_file_and_line(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "x"}\n{"id": "b"}\n', encoding="utf-8")
    r = cli("tag", "--sentences", inp, "-o", tmp_path / "o.jsonl")
    assert r.returncode != 0 and "in.jsonl:2" in r.stderr


def test_single_empty_file_fails_with_a_clear_message(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    r = cli("tag", p, "-o", tmp_path / "o.jsonl")
    assert r.returncode == 1 and "empty.txt" in r.stderr and "Traceback" not in r.stderr


def test_single_binary_file_fails_with_a_clear_message(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(bytes(range(256)) * 8)
    r = cli("tag", p, "-o", tmp_path / "o.jsonl")
    assert r.returncode == 1 and "photo.txt" in r.stderr and "Traceback" not in r.stderr


def test_utf16_file_is_read(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes((TEXTS / "c001.txt").read_text(encoding="utf-8").encode("utf-16"))
    out = tmp_path / "o.jsonl"
    assert cli("tag", p, "-o", out).returncode == 0
    assert "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA" in out.read_text(encoding="utf-8")


def test_folder_with_one_unreadable_file_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TEXTS / "c001.txt", folder / "a.txt")
    shutil.copy(TEXTS / "c002.txt", folder / "b.txt")
    (folder / "broken.txt").write_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfa broken")
    out = tmp_path / "o.jsonl"
    r = cli("tag", folder, "-o", out)
    assert r.returncode == 0, r.stderr
    docs = {json.loads(l)["doc"] for l in out.read_text(encoding="utf-8").splitlines()}
    assert docs == {"a", "b"}
    errors = (tmp_path / "o.jsonl.errors.tsv").read_text(encoding="utf-8")
    assert "broken.txt" in errors and "not valid UTF-8" in errors
    assert "2 documents" in r.stderr and "1 failed" in r.stderr


def test_unknown_output_format_is_a_usage_error(tmp_path):
    r = cli("tag", TEXTS / "c001.txt", "-o", tmp_path / "o.xlsx")
    assert r.returncode == 2 and "unknown output format" in r.stderr


def test_tag_sentences_refuses_a_repeated_id_before_writing(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "Một câu."}\n{"id": "b", "text": "Câu hai."}\n'
                   '{"id": "a", "text": "Câu ba."}\n', encoding="utf-8")
    out = tmp_path / "o.jsonl"
    r = cli("tag", "--sentences", inp, "-o", out)
    assert r.returncode != 0 and "in.jsonl:3" in r.stderr and "line 1" in r.stderr
    assert not out.exists()


@pytest.mark.parametrize("command", ["tag", "validate", "train", "evaluate", "suggest", "render", "samples"])
def test_every_command_answers_h(command):
    r = cli(command, "-h")
    assert r.returncode == 0 and "Usage:" in r.stdout, r.stderr


def test_samples_copies_the_bundled_directives(tmp_path):
    r = cli("samples", tmp_path / "s")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [f"seed-00{i}.txt" for i in range(5)]
    assert (tmp_path / "s" / "seed-002.txt").read_bytes() == (TEXTS / "seed-002.txt").read_bytes()


def test_rows_carry_the_document_columns_and_ids_differ_across_folders(tmp_path):
    for p in ("angiang", "hanoi"):
        (tmp_path / "in" / p).mkdir(parents=True)
        (tmp_path / "in" / p / "chi-thi.txt").write_bytes((TEXTS / "c001.txt").read_bytes())
    out = tmp_path / "o.jsonl"
    r = cli("tag", tmp_path / "in", "-o", out, "-j", "1")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert list(dict.fromkeys(x["doc"] for x in recs)) == ["angiang/chi-thi", "hanoi/chi-thi"]
    assert len({x["id"] for x in recs}) == len(recs)
    first = recs[0]
    assert first["source"].endswith("angiang/chi-thi.txt")
    assert first["doc_number"] == "17/CT-UBND" and first["doc_type"] == "chi_thi"
    assert first["province"] == "Khánh Hòa" and first["doc_date"]


def test_json_output_is_one_json_array_of_the_records(tmp_path):
    r = cli("tag", TEXTS / "c001.txt", "-o", tmp_path / "o.json", "-j", "1")
    assert r.returncode == 0, r.stderr
    data = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert isinstance(data, list) and data[0]["id"] == "c001:0000" and "source" in data[0]
    r = cli("tag", TEXTS / "c001.txt", "--items", "-o", tmp_path / "i.json", "-j", "1")
    assert r.returncode == 0 and isinstance(json.loads((tmp_path / "i.json").read_text(encoding="utf-8")), list)


def test_parquet_keeps_lists_and_structs_and_csv_a_score_column_per_theme(tmp_path):
    import pandas as pd
    import pyarrow.parquet as pq
    from vn_directives.records import THEMES
    assert cli("tag", TEXTS / "seed-002.txt", "-o", tmp_path / "o.parquet", "-j", "1").returncode == 0
    schema = pq.read_schema(tmp_path / "o.parquet")
    assert str(schema.field("themes").type) == "list<element: string>"
    assert "struct<" in str(schema.field("actors").type) and "canonical" in str(schema.field("actors").type)
    assert "value: struct<start: string, end: string>" in str(schema.field("deadlines").type)
    df = pd.read_parquet(tmp_path / "o.parquet")
    assert any(len(a) and a[0]["canonical"] for a in df["actors"])
    assert cli("tag", TEXTS / "seed-002.txt", "-o", tmp_path / "o.csv", "-j", "1").returncode == 0
    csv = pd.read_csv(tmp_path / "o.csv")
    for t in THEMES:
        assert csv[f"score_{t}"].between(0, 1).all()
    assert (csv["doc_number"] == "04/CT-UBND").all() and (csv["province"] == "An Giang").all()


def _nothing_left(tmp_path, out):
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(out.name))


def test_parquet_without_pyarrow_is_one_error_line_before_any_work(tmp_path):
    fake = tmp_path / "fake"
    (fake / "pyarrow").mkdir(parents=True)
    (fake / "pyarrow" / "__init__.py").write_text("raise ImportError('no pyarrow here')\n")
    out = tmp_path / "o.parquet"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake), str(ROOT)])}
    r = subprocess.run([sys.executable, "-m", "vn_directives", "tag", str(TEXTS / "c001.txt"), "-o", str(out)],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().splitlines() == [r.stderr.strip()] and r.stderr.startswith("error: ")
    assert "pyarrow" in r.stderr and _nothing_left(tmp_path, out) == []


def test_an_unreachable_scheduler_is_one_error_line_before_any_work(tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "o.jsonl"
    r = cli("tag", TEXTS / "c001.txt", TEXTS / "c002.txt", "-o", out, "--scheduler", "tcp://127.0.0.1:9")
    assert r.returncode == 2, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach the Dask scheduler"), r.stderr
    assert _nothing_left(tmp_path, out) == []


def test_an_output_folder_that_does_not_exist_is_made(tmp_path):
    r = cli("tag", TEXTS / "c001.txt", "-o", tmp_path / "new" / "o.jsonl")
    assert r.returncode == 0 and (tmp_path / "new" / "o.jsonl").is_file(), r.stderr


def test_an_output_folder_that_cannot_be_made_is_refused_before_any_work(tmp_path):
    (tmp_path / "file").write_text("x")
    r = cli("tag", TEXTS / "c001.txt", "-o", tmp_path / "file" / "sub" / "o.jsonl")
    assert r.returncode == 2 and "cannot be made" in r.stderr and "Traceback" not in r.stderr


def test_files_skipped_in_a_folder_are_counted_in_the_summary(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes((TEXTS / "c001.txt").read_bytes())
    (d / "notes.xlsx").write_bytes(b"x")
    (d / "image.png").write_bytes(b"x")
    r = cli("tag", d, "-o", tmp_path / "o.jsonl", "-j", "1")
    assert r.returncode == 0 and "2 file(s) in the folders skipped" in r.stderr, r.stderr


def test_evaluate_on_the_listed_documents_only(tmp_path):
    lst = tmp_path / "docs.txt"
    lst.write_text("# two documents\nc001\nseed-002\n", encoding="utf-8")
    r = cli("evaluate", ROOT / "data" / "labelled", "--docs", lst, "--folds", 0, "-o", tmp_path / "r.json")
    assert r.returncode == 0, r.stderr
    rep = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    n = sum(1 for name in ("c001", "seed-002")
            for line in (ROOT / "data" / "labelled" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip())
    assert rep["documents"] == 2 and rep["sentences"] == n
