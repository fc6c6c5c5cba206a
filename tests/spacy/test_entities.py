"""ACTOR, GRADE, DEADLINE, REFERENCE in doc.ents and doc.spans["entities"], with values."""
import pytest

spacy = pytest.importorskip("spacy")

from vn_directives.spacy.components import choose_ents  # noqa: E402

SENTENCE = ("Thực hiện Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021 của Bộ Giáo dục và Đào tạo, "
            "dạy học trực tiếp đối với lớp 3, 7, 10. Các trường báo cáo kết quả trước ngày 15/10/2021.")


@pytest.fixture(scope="module")
def doc(spacy_nlp):
    return spacy_nlp(SENTENCE)


def ents(doc):
    return {e.label_: (e.text, e._.value) for e in doc.ents}


def test_grade_list(doc):
    assert ents(doc)["GRADE"] == ("lớp 3, 7, 10", [3, 7, 10])


def test_deadline_interval(doc):
    assert ents(doc)["DEADLINE"] == ("trước ngày 15/10/2021", {"start": None, "end": "2021-10-14"})


def test_actor_canonical_name_and_level(doc):
    actor = next(e for e in doc.ents if e.label_ == "ACTOR")
    assert (actor.text, actor._.value, actor._.attrs) == (
        "Bộ Giáo dục và Đào tạo", "Bộ Giáo dục và Đào tạo",
        {"level": "central", "group": "bộ giáo dục và đào tạo", "role": "directs"})
    assert actor._.role == "directs"                       # "… của Bộ GDĐT": the issuer of the cited Chỉ thị


def test_reference_parsed(doc):
    assert ents(doc)["REFERENCE"] == ("Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021", {
        "number": "800/CT-BGDĐT", "type": "chi_thi", "issuer": "BGDĐT", "date": "2021-08-24"})


def test_every_entity_is_in_the_entities_group(doc):
    group = {(s.start, s.end, s.label_) for s in doc.spans["entities"]}
    assert {(e.start, e.end, e.label_) for e in doc.ents} <= group
    assert {s.label_ for s in doc.spans["entities"]} == {"ACTOR", "GRADE", "DEADLINE", "REFERENCE"}


def test_entities_equal_the_plain_pipeline(seed_doc, seed_ref):
    want = sorted((e.label, e.text, repr(e.value)) for s in seed_ref.sentences for e in s.entities)
    got = sorted((e.label_, e._.clean_text, repr(e._.value)) for e in seed_doc.spans["entities"])
    assert got == want
    assert len(seed_doc.ents) > 50


def test_entity_offsets_index_the_raw_text(seed_doc, seed_text):
    for e in seed_doc.spans["entities"]:
        assert seed_text[e.start_char:e.end_char] == e.text
    hard_wrapped = next(e for e in seed_doc.ents if e.text == "Năm học\n2021-2022")
    assert hard_wrapped._.clean_text == "Năm học 2021-2022"


def test_an_entity_edge_inside_a_word_expands_to_the_word(spacy_nlp):
    """underthesea reads "CB-TH" as one word; the extractor ends the actor after "CB"."""
    doc = spacy_nlp("Giao Trung tâm CB-TH đăng công báo.")
    e = next(e for e in doc.ents if e._.clean_text == "Trung tâm CB")
    assert (e.text, e._.value) == ("Trung tâm CB-TH", "Trung tâm CB")


def test_the_distribution_list_gets_no_entities(seed_doc):
    """seed-002's "Nơi nhận" list (letterhead, ANNOTATION.md §5.1) names offices but holds no actor."""
    tail = next(s for s in doc_sentences(seed_doc) if s.text.startswith("Nơi nhận"))
    assert not [e for e in seed_doc.ents if e.start >= tail.start]


def doc_sentences(doc):
    return list(doc.spans["sentences"])


def test_overlaps_resolve_longest_then_earliest_then_label_order():
    nlp = spacy.blank("xx")
    doc = nlp("a b c d e f")
    span = lambda s, e, label: spacy.tokens.Span(doc, s, e, label=label)  # noqa: E731
    chosen = choose_ents([span(0, 1, "ACTOR"), span(0, 3, "DEADLINE"), span(2, 4, "GRADE"),
                          span(4, 5, "REFERENCE"), span(4, 5, "GRADE"), span(5, 6, "ACTOR")],
                         existing=[span(5, 6, "ORG")])
    assert [(s.start, s.end, s.label_) for s in chosen] == [(0, 3, "DEADLINE"), (4, 5, "GRADE")]


def test_existing_entities_are_kept():
    nlp = spacy.blank("xx")

    @spacy.Language.component("test_preset_ent")
    def preset(doc):
        doc.ents = [spacy.tokens.Span(doc, 0, 1, label="ORG")]
        return doc

    nlp.add_pipe("test_preset_ent")
    nlp.add_pipe("vn_directives_entities", config={"kinds": ["grades"]})
    doc = nlp("Trường dạy lớp 3, 7, 10.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Trường", "ORG"), ("lớp 3, 7, 10", "GRADE")]
