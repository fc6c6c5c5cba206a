"""Directive items: one row per item, every sentence in exactly one item (vn_directives.items)."""
import json

import pytest

from tests.conftest import ROOT, SEEDS
from vn_directives.export import write_items
from vn_directives.items import Item, group_items
from vn_directives.records import Document, Sentence, Span, read_jsonl
from vn_directives.segment import match_marker

SEED_IDS = [p.stem for p in SEEDS]


@pytest.fixture(scope="module")
def seed_items(seed_docs):
    return {name: group_items(doc) for name, doc in seed_docs.items()}


def S(i, text, item="", kind="sentence", doc="d", **kw):
    return Sentence(id=f"{doc}:{i:04d}", doc=doc, text=text, item=item, kind=kind, **kw)


# ----------------------------------------------------------------------- rules, on every seed

@pytest.mark.parametrize("name", SEED_IDS)
def test_every_sentence_is_in_exactly_one_item_in_document_order(seed_docs, seed_items, name):
    ids = [sid for it in seed_items[name] for sid in it.sentence_ids]
    assert ids == [s.id for s in seed_docs[name].sentences]


@pytest.mark.parametrize("name", SEED_IDS)
def test_items_are_numbered_and_ordered_as_in_the_document(seed_items, name):
    items = seed_items[name]
    assert [it.index for it in items] == list(range(len(items)))
    assert len({it.id for it in items}) == len(items)
    starts = [it.start for it in items]
    assert starts == sorted(starts)


@pytest.mark.parametrize("name", SEED_IDS)
def test_an_items_sentences_all_stand_under_its_path(seed_items, name):
    for it in seed_items[name]:
        assert {s.item for s in it.sentences} == {it.path}
        assert it.depth == (len(it.path.split(".")) if it.path else 0)


@pytest.mark.parametrize("name", SEED_IDS)
def test_an_items_grades_are_the_union_of_its_sentences_grades(seed_items, name):
    for it in seed_items[name]:
        union = set()
        for s in it.sentences:
            for g in s.grades:
                union |= set(g.value)
        assert it.grade_values == sorted(union)


@pytest.mark.parametrize("name", SEED_IDS)
def test_an_items_themes_are_the_union_and_its_scores_the_maximum(seed_items, name):
    for it in seed_items[name]:
        assert set(it.themes) == {t for s in it.sentences for t in s.themes}
        for t, v in it.theme_scores.items():
            assert v == max(s.theme_scores[t] for s in it.sentences if t in s.theme_scores)


@pytest.mark.parametrize("name", SEED_IDS)
def test_an_items_entities_are_its_sentences_entities_with_their_sentence_ids(seed_items, name):
    for it in seed_items[name]:
        by_id = {s.id: s for s in it.sentences}
        for key in ("actors", "grades", "deadlines", "references"):
            mentions = getattr(it, key)
            assert [m.span for m in mentions] == [sp for s in it.sentences for sp in getattr(s, key)]
            for m in mentions:
                assert by_id[m.sentence].text[m.span.start:m.span.end] == m.span.text


@pytest.mark.parametrize("name", SEED_IDS)
def test_an_items_heading_is_the_sentence_that_opens_it(seed_items, name):
    for it in seed_items[name]:
        if it.role != "item" or it.continued:
            continue
        first = it.sentences[0]
        assert it.heading_id == first.id and it.heading == first.text
        assert match_marker(first.text) is not None or first.kind == "heading"


@pytest.mark.parametrize("name", SEED_IDS)
def test_items_outside_the_numbering_have_no_heading_and_no_parent(seed_items, name):
    for it in seed_items[name]:
        if it.path == "":
            assert it.role in ("preamble", "unnumbered", "closing")
            assert it.heading == "" and it.heading_id is None and it.parent is None
        else:
            assert it.role == "item"


@pytest.mark.parametrize("name", SEED_IDS)
def test_an_items_parent_is_its_path_less_the_last_part(seed_items, name):
    for it in seed_items[name]:
        if it.path:
            assert it.parent == ".".join(it.path.split(".")[:-1])


@pytest.mark.parametrize("name", SEED_IDS)
def test_an_item_followed_by_its_sub_item_is_not_a_leaf(seed_items, name):
    items = seed_items[name]
    for a, b in zip(items, items[1:]):
        assert a.leaf == (not (a.path and b.path.startswith(a.path + ".")))
    assert items[-1].leaf


@pytest.mark.parametrize("name", SEED_IDS)
def test_an_items_span_covers_its_sentences(seed_docs, seed_items, name):
    text = seed_docs[name].text
    for it in seed_items[name]:
        assert it.start == it.sentences[0].start and it.end == max(s.end for s in it.sentences)
        assert it.start < it.end <= len(text)


@pytest.mark.parametrize("name", SEED_IDS)
def test_rolled_up_items_cover_the_same_sentences_with_short_paths(seed_docs, name):
    items = group_items(seed_docs[name], depth=1)
    assert [sid for it in items for sid in it.sentence_ids] == [s.id for s in seed_docs[name].sentences]
    assert all(it.depth <= 1 for it in items)


@pytest.mark.parametrize("name", SEED_IDS)
def test_item_records_are_json(seed_items, name):
    for it in seed_items[name]:
        rec = json.loads(json.dumps(it.to_record(), ensure_ascii=False))
        assert rec["sentence_ids"] == it.sentence_ids and rec["path"] == it.path


def test_document_items_property_gives_the_same_items(seed_docs, seed_items):
    doc = seed_docs["seed-002"]
    assert [i.sentence_ids for i in doc.items] == [i.sentence_ids for i in seed_items["seed-002"]]


# ----------------------------------------------------------------------- the seeds, concretely

def test_seed_002_items(seed_items):
    items = seed_items["seed-002"]
    assert [it.path for it in items] == [
        "", "I", "I.1", "I.2", "I.3", "I.3.a", "I.3.b", "I.3.c", "I.4", "I.5", "I.6", "I.7", "I.8",
        "I.9", "II", "II.1", "II.2", "II.3", ""]
    assert items[0].role == "preamble" and items[-1].role == "closing"
    b = items[6]
    assert b.heading.startswith("b) Tiếp tục triển khai thực hiện Chương trình giáo dục phổ thông 2018")
    assert b.grade_values == [2, 3, 6, 7, 10]
    assert b.themes == ["ctgdpt2018"]
    assert b.context == ["I. NHIỆM VỤ, GIẢI PHÁP", items[4].heading]
    assert b.parent == "I.3" and b.leaf and not items[4].leaf
    assert b.deadline_window == ("2022-09-01", None)                  # "từ năm học 2022-2023"
    assert items[15].actor_names[0] == "Giám đốc Sở Giáo dục và Đào tạo"   # II.1 "Giám đốc Sở GDĐT căn cứ …"


def test_seed_002_rolled_up_to_sections(seed_docs):
    items = group_items(seed_docs["seed-002"], depth=1)
    assert [(it.path, len(it.sentences)) for it in items] == [("", 7), ("I", 81), ("II", 5), ("", 15)]
    assert items[1].heading == "I. NHIỆM VỤ, GIẢI PHÁP"
    assert items[1].grade_values == [1, 2, 3, 6, 7, 10]


def test_seed_004_text_after_the_bullets_continues_item_2(seed_items):
    items = seed_items["seed-004"]
    last = items[-1]
    assert last.path == "2" and last.continued
    assert last.heading == items[2].heading and last.heading_id == items[2].heading_id
    assert last.sentences[0].text == "TM – VD, Văn phòng Sở"
    assert [it.path for it in items[3:12]] == [f"2.•{n}" for n in range(1, 10)]


def test_seed_003_a_restarted_number_is_a_new_item(seed_items):
    items = seed_items["seed-003"]
    pair = [it for it in items if it.path == "1.1" and it.context == ["1. Nhiệm vụ cụ thể"]][:2]
    assert pair[0].heading.startswith("1. Tiếp tục thực hiện “nhiệm vụ kép”")
    assert pair[1].heading.startswith("1. Đẩy mạnh công tác bồi dưỡng")
    assert pair[1].index == pair[0].index + 1


def test_news_item_without_numbering_before_the_list_is_a_preamble(seed_items):
    items = seed_items["seed-001"]
    assert items[0].role == "preamble" and len(items[0].sentences) == 10
    assert [it.path for it in items[1:]] == [str(n) for n in range(1, 11)]


# ----------------------------------------------------------------------- rules, on made-up sentences

def test_a_document_without_items_is_one_preamble():
    items = group_items([S(0, "Hội nghị sơ kết."), S(1, "Giám đốc Sở phát biểu.")])
    assert [(i.role, i.path, len(i.sentences)) for i in items] == [("preamble", "", 2)]


def test_unnumbered_text_between_items_is_its_own_item():
    sents = [S(0, "Kính gửi:"), S(1, "- Các trường;", item="-1"), S(2, "Căn cứ Công văn số 1."),
             S(3, "I. NHIỆM VỤ", item="I", kind="heading"), S(4, "Nơi nhận:", kind="header")]
    assert [i.role for i in group_items(sents)] == ["preamble", "item", "unnumbered", "item", "closing"]


def test_a_marker_restarting_the_same_path_splits_the_item():
    sents = [S(0, "1. Dạy học.", item="1"), S(1, "Kiểm tra.", item="1"), S(2, "1. Báo cáo.", item="1")]
    assert [i.sentence_ids for i in group_items(sents)] == [["d:0000", "d:0001"], ["d:0002"]]


def test_header_lines_with_dashes_do_not_split_the_closing():
    sents = [S(0, "1. Dạy học.", item="1"), S(1, "Nơi nhận:", kind="header"),
             S(2, "- UBND tỉnh;", kind="header"), S(3, "- Lưu: VT.", kind="header")]
    assert [len(i.sentences) for i in group_items(sents)] == [1, 3]


def test_sentences_of_two_documents_are_grouped_per_document():
    sents = [S(0, "1. A.", item="1", doc="a"), S(0, "1. B.", item="1", doc="b")]
    assert [(i.doc, i.index) for i in group_items(sents)] == [("a", 0), ("b", 0)]


def test_an_empty_document_has_no_items():
    assert group_items(Document(id="x", text="")) == []


def test_depth_must_be_positive():
    with pytest.raises(ValueError, match="depth"):
        group_items([], depth=0)


def test_labelled_sentences_without_offsets_group_too():
    sents = read_jsonl(ROOT / "data" / "labelled" / "seed-002.jsonl")
    items = group_items(sents)
    assert sum(len(i.sentences) for i in items) == len(sents)
    assert all(isinstance(i, Item) for i in items)


def test_deadline_window_is_earliest_start_to_latest_end():
    s = S(0, "1. Từ 10/01 đến 20/01 và trước 30/6.", item="1")
    s.deadlines += [Span(3, 21, "Từ 10/01 đến 20/01", "DEADLINE", {"start": "2022-01-10", "end": "2022-01-20"}),
                    Span(25, 35, "trước 30/6", "DEADLINE", {"start": None, "end": "2022-06-29"})]
    assert group_items([s])[0].deadline_window == ("2022-01-10", "2022-06-29")


# ----------------------------------------------------------------------- writing

@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_write_items_in_each_format(tmp_path, seed_docs, seed_items, suffix):
    import pandas as pd
    out = tmp_path / ("items" + suffix)
    n = write_items(seed_docs["seed-002"], out)
    assert n == len(seed_items["seed-002"])
    if suffix == ".jsonl":
        recs = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
        assert [r["path"] for r in recs] == [i.path for i in seed_items["seed-002"]]
        assert recs[6]["grades"][0]["sentence"] == "seed-002:0033"
    else:
        df = pd.read_csv(out, keep_default_na=False) if suffix == ".csv" else pd.read_parquet(out)
        assert list(df["path"]) == [i.path for i in seed_items["seed-002"]]
        grades = df.loc[6, "grades"]
        assert (json.loads(grades) if suffix == ".csv" else list(grades)) == [2, 3, 6, 7, 10]


def test_write_items_refuses_an_unknown_format(tmp_path):
    from vn_directives.export import OutputFormatError
    with pytest.raises(OutputFormatError, match="unknown output format"):
        write_items([], tmp_path / "items.xlsx")


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_item_records_read_back_write_the_same_table_as_the_items(tmp_path, seed_docs, suffix):
    import pandas as pd
    from vn_directives.export import write_item_records
    write_items(seed_docs["seed-002"], tmp_path / "items.jsonl")
    records = [json.loads(l) for l in (tmp_path / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    assert write_item_records(records, tmp_path / ("a" + suffix)) == len(records)
    write_items(seed_docs["seed-002"], tmp_path / ("b" + suffix))
    read = (lambda p: pd.read_csv(p, keep_default_na=False)) if suffix == ".csv" else pd.read_parquet
    pd.testing.assert_frame_equal(read(tmp_path / ("a" + suffix)), read(tmp_path / ("b" + suffix)))


def test_the_pipeline_fills_the_items_as_its_last_stage(nlp):
    doc = nlp("I. NHIỆM VỤ\n1. Triển khai. Báo cáo.\n2. Kiểm tra.")
    assert [(i.path, len(i.sentences)) for i in doc.items] == [("I", 1), ("I.1", 2), ("I.2", 1)]
    assert [i.id for i in doc.items] == [i.id for i in group_items(doc)]


def test_an_item_says_who_directs_who_must_act_and_who_takes_part(nlp):
    from vn_directives.frames import item_frame
    doc = nlp("1. UBND tỉnh yêu cầu Sở GDĐT chủ trì, phối hợp với Sở Y tế triển khai tiêm chủng.")
    (item,) = [i for i in doc.items if i.path == "1"]
    assert item.directs == ["Ủy ban nhân dân tỉnh"]
    assert item.lead == ["Sở Giáo dục và Đào tạo"] and item.cooperate == ["Sở Y tế"]
    row = item_frame(doc).set_index("path").loc["1"]
    assert (row["directs"], row["lead"], row["cooperate"]) == (item.directs, item.lead, item.cooperate)
