"""The record model and its JSON Lines form (ANNOTATION.md §3)."""
import json

import pytest

from vn_directives.records import RecordError, Sentence, Span, read_jsonl, write_jsonl

REC = {"doc": "seed-000", "id": "seed-000:0012",
       "text": "Trưởng phòng GDĐT các huyện bố trí giáo viên lớp 3, 7, 10 trong năm học 2022-2023.",
       "themes": ["ctgdpt2018", "teacher_staffing"],
       "actors": [{"start": 0, "end": 27, "text": "Trưởng phòng GDĐT các huyện",
                   "canonical": "Trưởng phòng Giáo dục và Đào tạo các huyện"}],
       "grades": [{"start": 45, "end": 57, "text": "lớp 3, 7, 10", "value": [3, 7, 10]}],
       "deadlines": [{"start": 58, "end": 81, "text": "trong năm học 2022-2023",
                      "value": {"start": "2022-09-01", "end": "2023-05-31"}}]}


def test_example_record_spans_equal_slices():
    for key in ("actors", "grades", "deadlines"):
        for sp in REC[key]:
            assert REC["text"][sp["start"]:sp["end"]] == sp["text"]


def test_record_round_trip_is_exact():
    assert Sentence.from_record(REC).to_record() == REC


def test_jsonl_round_trip(tmp_path):
    s = Sentence.from_record(REC)
    s.item, s.kind, s.start, s.end = "I.2", "sentence", 100, 182
    path = tmp_path / "x.jsonl"
    write_jsonl([s, s], path)
    back = read_jsonl(path)
    assert back == [s, s]
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert list(line)[:7] == ["doc", "id", "text", "themes", "actors", "grades", "deadlines"]


def test_unknown_keys_survive_a_round_trip():
    rec = dict(REC, source="https://example.org/x", kind="heading")
    assert Sentence.from_record(rec).to_record()["source"] == "https://example.org/x"


def test_bad_jsonl_names_file_and_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps(REC, ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"bad\.jsonl:2: not valid JSON"):
        read_jsonl(p)


def test_entities_are_sorted_by_offset():
    s = Sentence.from_record(REC)
    assert [e.label for e in s.entities] == ["ACTOR", "GRADE", "DEADLINE"]
    assert isinstance(s.grades[0], Span) and s.grades[0].value == [3, 7, 10]
