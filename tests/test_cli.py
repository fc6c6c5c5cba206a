"""The `vn-directives` command end to end, in a subprocess."""
import codecs
import json
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
