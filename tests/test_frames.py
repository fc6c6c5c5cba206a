"""pandas frames: per sentence, entity, item, document and theme; fixed columns and dtypes."""
import math
import re

import pandas as pd
import pytest

from tests.conftest import ROOT
from vn_directives import frames
from vn_directives.frames import (document_frame, entity_frame, item_frame, sentence_frame,
                                  theme_frame)
from vn_directives.items import group_items
from vn_directives.records import THEMES, Document, Sentence, Span, read_jsonl

SCHEMAS = [(sentence_frame, frames.SENTENCE_COLUMNS), (entity_frame, frames.ENTITY_COLUMNS),
           (item_frame, frames.ITEM_COLUMNS), (document_frame, frames.DOCUMENT_COLUMNS),
           (theme_frame, frames.THEME_COLUMNS)]


def test_sentence_frame_of_a_document(seed_docs):
    doc = seed_docs["seed-002"]
    df = sentence_frame(doc)
    assert len(df) == len(doc.sentences)
    assert list(df.columns[:8]) == ["doc", "id", "item", "kind", "start", "end", "text", "themes"]
    assert all(t in df.columns for t in THEMES)
    row = df.iloc[2]
    assert row["text"] == "Số: 04/CT-UBND"
    assert " ".join(doc.text[row["start"]:row["end"]].split()) == "Số: 04/CT-UBND"   # "Số:\n04/CT-UBND"
    assert str(df["kind"].dtype) == "category"


def test_entity_frame_of_labelled_sentences():
    sents = read_jsonl(ROOT / "data" / "labelled" / "seed-002.jsonl")
    df = entity_frame(sents)
    assert set(df["label"].unique()) <= {"ACTOR", "GRADE", "DEADLINE", "REFERENCE"}
    by_id = {s.id: s for s in sents}
    for r in df.itertuples():
        assert by_id[r.sentence].text[r.start:r.end] == r.text
    dl = df[df["label"] == "DEADLINE"]
    assert dl["value_end"].notna().any()


@pytest.mark.parametrize("fn,schema", SCHEMAS, ids=lambda x: getattr(x, "__name__", ""))
def test_each_frame_has_its_documented_columns_and_dtypes(seed_docs, fn, schema):
    df = fn(list(seed_docs.values()))
    assert len(df) > 0
    assert [(c, str(t)) for c, t in df.dtypes.items()] == [(c, d) for c, d in schema]
    names = ["share_<theme>" if c.startswith("share_") else "score_<theme>" if c.startswith("score_") else c
             for c, _ in schema if c not in THEMES]
    undocumented = [c for c in names if not re.search(rf"(?<!\w){re.escape(c)}(?!\w)", frames.__doc__)]
    assert undocumented == []


@pytest.mark.parametrize("fn,schema", SCHEMAS, ids=lambda x: getattr(x, "__name__", ""))
def test_each_frame_of_nothing_still_has_its_columns_and_dtypes(fn, schema):
    df = fn([])
    assert len(df) == 0
    assert [(c, str(t)) for c, t in df.dtypes.items()] == [(c, d) for c, d in schema]


def test_theme_columns_are_booleans_matching_the_theme_lists(seed_docs):
    df = sentence_frame(seed_docs["seed-002"])
    for t in THEMES:
        assert df[t].dtype == bool
        assert list(df[t]) == [t in ts for ts in df["themes"]]
    assert df["covid19"].sum() > 10


def test_kind_label_and_role_categories_are_fixed_sets(seed_docs):
    docs = list(seed_docs.values())
    assert list(sentence_frame(docs)["kind"].cat.categories) == ["sentence", "heading", "header"]
    assert list(entity_frame(docs)["label"].cat.categories) == ["ACTOR", "GRADE", "DEADLINE", "REFERENCE"]
    assert list(item_frame(docs)["role"].cat.categories) == ["preamble", "item", "unnumbered", "closing"]
    assert list(theme_frame(docs)["theme"].cat.categories) == list(THEMES)


def test_sentences_join_their_items_on_item_id(seed_docs):
    doc = seed_docs["seed-002"]
    joined = sentence_frame(doc).merge(item_frame(doc), left_on="item_id", right_on="id",
                                       suffixes=("", "_item"))
    assert len(joined) == len(doc.sentences)
    assert (joined["item"] == joined["path"]).all()
    assert joined.loc[joined["id"] == "seed-002:0034", "path"].item() == "I.3.b"


def test_item_frame_one_row_per_item_with_its_union_of_grades(seed_docs):
    doc = seed_docs["seed-002"]
    df = item_frame(doc)
    assert list(df["path"]) == [i.path for i in group_items(doc)]
    row = df[df["path"] == "I.3.b"].iloc[0]
    assert row["grades"] == [2, 3, 6, 7, 10]
    assert row["ctgdpt2018"] and not row["covid19"]
    assert row["deadline_start"] == "2022-09-01" and pd.isna(row["deadline_end"])
    assert row["n_sentences"] == 8 and row["depth"] == 3 and row["parent"] == "I.3"
    assert pd.isna(df.loc[0, "parent"]) and df.loc[0, "role"] == "preamble"


def test_item_frame_is_produced_for_every_seed(seed_docs):
    for name, doc in seed_docs.items():
        df = item_frame(doc)
        assert len(df) >= 2, name
        assert df["n_sentences"].sum() == len(doc.sentences), name
        assert (df["role"] == "item").sum() >= 6, name


def test_document_frame_one_row_per_document_with_metadata_and_shares(seed_docs):
    df = document_frame(list(seed_docs.values()))
    assert list(df["doc"]) == sorted(seed_docs)
    row = df.set_index("doc").loc["seed-002"]
    doc = seed_docs["seed-002"]
    assert row["number"] == "04/CT-UBND" and row["doc_type"] == "chi_thi" and row["date"] == "2021-09-14"
    assert row["n_sentences"] == len(doc.sentences) and row["n_items"] == 17
    content = [s for s in doc.sentences if s.kind != "header"]
    assert row["n_content"] == len(content)
    assert math.isclose(row["share_covid19"], sum("covid19" in s.themes for s in content) / len(content))
    assert row["grades"] == [1, 2, 3, 6, 7, 10]
    assert all(0 <= df[f"share_{t}"].min() and df[f"share_{t}"].max() <= 1 for t in THEMES)


def test_document_frame_of_a_document_with_nothing_but_letterhead_has_nan_shares():
    d = Document(id="x", text="Số: 1", sentences=[Sentence(id="x:0", doc="x", text="Số: 1", kind="header")])
    row = document_frame(d).iloc[0]
    assert row["n_content"] == 0 and math.isnan(row["share_covid19"])


def test_document_frame_needs_documents():
    with pytest.raises(TypeError, match="needs their metadata"):
        document_frame([Sentence(id="x:0", doc="x", text="…")])


def test_theme_frame_one_row_per_sentence_and_theme(seed_docs):
    doc = seed_docs["seed-002"]
    df = theme_frame(doc)
    assert len(df) == len(THEMES) * len(doc.sentences)
    one = df[(df["id"] == "seed-002:0008") & (df["theme"] == "covid19")].iloc[0]
    assert one["assigned"] and one["score"] > 0.5


def test_entity_frame_gives_actor_levels_and_item_paths():
    s = Sentence(id="d:0", doc="d", text="Sở GDĐT chỉ đạo.", item="I.2")
    s.actors.append(Span(0, 7, "Sở GDĐT", "ACTOR", "Sở Giáo dục và Đào tạo", {"level": "province"}))
    row = entity_frame(s).iloc[0]
    assert (row["level"], row["item"], row["value"]) == ("province", "I.2", "Sở Giáo dục và Đào tạo")
    assert pd.isna(row["value_start"])


def test_item_frame_of_item_records_equals_item_frame_of_items(seed_docs):
    items = [i for d in seed_docs.values() for i in group_items(d)]
    pd.testing.assert_frame_equal(item_frame([i.to_record() for i in items]), item_frame(items))
