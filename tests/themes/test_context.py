"""Context: each sentence is read with its document's title, item headings and neighbours,
and sentence records are tagged document by document."""
import pytest

from vn_directives.pipeline import Pipeline
from vn_directives.records import Sentence
from vn_directives.themes.context import TITLE_SENTENCES, sentence_contexts


def doc(items, kinds=None):
    kinds = kinds or ["sentence"] * len(items)
    return [Sentence(f"d:{i}", "d", f"câu {i}", item=item, kind=k) for i, (item, k) in enumerate(zip(items, kinds))]


# --------------------------------------------------------------------------- title

def test_title_is_the_first_six_sentences_for_every_sentence():
    ctx = sentence_contexts(doc([""] * 10))
    assert TITLE_SENTENCES == 6
    assert all(c.title == [0, 1, 2, 3, 4, 5] for c in ctx)


def test_title_of_a_short_document_is_all_of_it():
    assert [c.title for c in sentence_contexts(doc(["", "", ""]))] == [[0, 1, 2]] * 3


def test_title_size_can_be_chosen():
    assert sentence_contexts(doc([""] * 5), title_size=2)[4].title == [0, 1]


# --------------------------------------------------------------------------- headings

def test_headings_are_the_first_sentence_of_each_ancestor_item():
    #            0     1      2       3         4         5       6
    ctx = sentence_contexts(doc(["", "I", "I.1", "I.1", "I.1.a", "I.1.a", "II"]))
    assert ctx[3].headings == [1, 2]          # I → 1, I.1 → 2
    assert ctx[5].headings == [1, 2, 4]       # I, I.1, I.1.a
    assert ctx[4].headings == [1, 2]          # its own item's first sentence is itself: left out


def test_a_heading_sentence_is_not_its_own_heading():
    ctx = sentence_contexts(doc(["I", "I.1"]))
    assert ctx[0].headings == [] and ctx[1].headings == [0]


def test_headings_skip_ancestors_that_have_no_sentence():
    ctx = sentence_contexts(doc(["II.3.b", "II.3.b"]))
    assert ctx[1].headings == [0]             # II and II.3 never appear


def test_a_new_item_starts_new_headings():
    ctx = sentence_contexts(doc(["I", "I.1", "II", "II.1", "II.1"]))
    assert ctx[4].headings == [2, 3]


def test_sentences_without_items_have_no_headings():
    assert all(c.headings == [] for c in sentence_contexts(doc([""] * 4)))


# --------------------------------------------------------------------------- neighbours

def test_neighbours_are_the_sentences_just_before_and_after():
    ctx = sentence_contexts(doc([""] * 3))
    assert [(c.prev, c.next) for c in ctx] == [(None, 1), (0, 2), (1, None)]


def test_a_lone_sentence_has_no_neighbours_and_is_its_own_title():
    (c,) = sentence_contexts(doc([""]))
    assert (c.prev, c.next, c.title, c.headings) == (None, None, [0], [])


# --------------------------------------------------------------------------- features see the context

def test_features_carry_the_heading_neighbour_and_title_words():
    from vn_directives.themes.features import feature_rows
    sents = [Sentence("d:0", "d", "KẾ HOẠCH phòng chống dịch"),
             Sentence("d:1", "d", "I. NHIỆM VỤ", item="I", kind="heading"),
             Sentence("d:2", "d", "Báo cáo kết quả.", item="I")]
    row = feature_rows(sents)[2]
    assert row["heading"].split()[1:] == ["i.", "nhiệm", "vụ"]
    assert row["near"].split()[1:] == ["i.", "nhiệm", "vụ"]
    assert row["title"].split()[1:] == ["kế", "hoạch", "phòng", "chống", "dịch", "i.", "nhiệm", "vụ"]  # not itself
    assert row["cue_title_covid19"] == 0.5 and row["cue_sent_covid19"] == 0.0
    assert row["cue_doc_covid19"] == pytest.approx(1 / 3)


# --------------------------------------------------------------------------- tag_sentences

def spy_pipeline():
    calls = []

    def spy(d):
        calls.append((d.id, [s.id for s in d.sentences]))
        return d

    return Pipeline([("classify", "spy", spy)]), calls


RECORDS = [{"id": "a:0", "doc": "a", "text": "KẾ HOẠCH"},
           {"id": "a:1", "doc": "a", "text": "Tuyển dụng giáo viên."},
           {"id": "a:2", "doc": "a", "text": "Đẩy mạnh chuyển đổi số."},
           {"id": "b:7", "doc": "b", "text": "THÔNG BÁO"},
           {"id": "b:9", "doc": "b", "text": "Thanh tra dạy thêm."}]


def test_tag_sentences_tags_consecutive_records_of_one_doc_together():
    nlp, calls = spy_pipeline()
    list(nlp.tag_sentences(RECORDS))
    assert calls == [("a", ["a:0", "a:1", "a:2"]), ("b", ["b:7", "b:9"])]


def test_tag_sentences_yields_every_sentence_in_order_with_its_id_and_text():
    nlp, _ = spy_pipeline()
    out = list(nlp.tag_sentences(RECORDS))
    assert [(s.id, s.doc, s.text) for s in out] == [(r["id"], r["doc"], r["text"]) for r in RECORDS]
    assert all(s.tokens for s in out)


def test_tag_sentences_starts_a_new_batch_when_the_doc_comes_back():
    nlp, calls = spy_pipeline()
    list(nlp.tag_sentences(RECORDS[:2] + RECORDS[3:] + RECORDS[2:3]))
    assert [c[0] for c in calls] == ["a", "b", "a"]


def test_tag_sentences_takes_the_doc_from_the_id_when_missing():
    nlp, calls = spy_pipeline()
    out = list(nlp.tag_sentences([{"id": "x:1", "text": "Một."}, {"id": "x:2", "text": "Hai."},
                                  {"id": "y:1", "text": "Ba."}]))
    assert [s.doc for s in out] == ["x", "x", "y"] and len(calls) == 2


def test_tag_sentences_keeps_item_and_kind_for_the_context():
    nlp, _ = spy_pipeline()
    out = list(nlp.tag_sentences([{"id": "a:0", "doc": "a", "text": "I. NHIỆM VỤ", "item": "I", "kind": "heading"},
                                  {"id": "a:1", "doc": "a", "text": "Tuyển dụng.", "item": "I"}]))
    assert [(s.item, s.kind) for s in out] == [("I", "heading"), ("I", "sentence")]
    assert sentence_contexts(out)[1].headings == [0]


def test_tagged_scores_are_those_of_the_whole_document_in_context(trained, loaded_model):
    import vn_directives as vd
    from vn_directives.themes.train import tokenize_documents
    nlp = vd.load(components=("themes",), model=trained.dir, trust_model=True)
    records = [{"id": f"a:{i}", "doc": "a", "text": t} for i, t in enumerate(
        ["KẾ HOẠCH phòng, chống dịch COVID-19 trong trường học",
         "Các trường tạm dừng đến trường, chuyển sang dạy học trên truyền hình.",
         "Bố trí giáo viên hỗ trợ học sinh."])]
    tagged = list(nlp.tag_sentences(records))
    whole = [Sentence(r["id"], "a", r["text"]) for r in records]
    tokenize_documents([whole])
    loaded_model.predict_documents([whole])
    assert [s.theme_scores for s in tagged] == [s.theme_scores for s in whole]
    alone = [Sentence(r["id"], "a", r["text"]) for r in records[1:2]]
    tokenize_documents([alone])
    loaded_model.predict_documents([alone])
    assert alone[0].theme_scores != tagged[1].theme_scores        # the context counted
