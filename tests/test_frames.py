"""pandas frames: one row per sentence and one per entity, offsets kept."""
from vn_directives.frames import entity_frame, sentence_frame
from vn_directives.records import THEMES, read_jsonl
from tests.conftest import ROOT


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
