"""Sentences: the project's segmenter on the spaCy Doc."""
import pytest

spacy = pytest.importorskip("spacy")


def test_sentence_spans_are_the_project_sentences(seed_doc, seed_ref):
    got = [(s.start_char, s.end_char, s._.item, s.label_, s._.clean_text) for s in seed_doc.spans["sentences"]]
    want = [(s.start, s.end, s.item, s.kind, s.text) for s in seed_ref.sentences]
    assert got == want


def test_each_project_sentence_starts_a_spacy_sentence(seed_doc):
    starts = {s.start for s in seed_doc.sents}
    assert all(span.start in starts for span in seed_doc.spans["sentences"])


def test_doc_sents_follow_the_segmenter_and_keep_trailing_whitespace(spacy_nlp):
    text = "I. NHIỆM VỤ\n1. Chủ động triển khai. Báo cáo kết quả.\na) Lớp 1;\n"
    doc = spacy_nlp(text)
    assert [s.text for s in doc.sents] == ["I. NHIỆM VỤ\n", "1. Chủ động triển khai.", "Báo cáo kết quả.\n",
                                           "a) Lớp 1;\n"]
    assert [s._.item for s in doc.spans["sentences"]] == ["I", "I.1", "I.1", "I.1.a"]


def test_dropped_furniture_is_a_sentence_of_its_own(seed_doc):
    sents = [s.text.strip() for s in seed_doc.sents]
    assert sents[:3] == ["ỦY BAN NHÂN DÂN\nTỈNH AN GIANG", "-------\n|",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"]


def test_metadata_on_the_doc(seed_doc):
    assert seed_doc._.metadata["number"] == "04/CT-UBND"
    assert seed_doc._.metadata["date"] == "2021-09-14"
    assert seed_doc._.metadata["province"] == "An Giang"


def test_sentences_on_a_doc_from_another_tokenizer():
    nlp = spacy.blank("xx")             # whitespace tokens: spans expand to them
    nlp.add_pipe("vn_directives_sentences")
    doc = nlp("1. Chủ động triển khai. Báo cáo kết quả.")
    assert [s.text for s in doc.spans["sentences"]] == ["1. Chủ động triển khai.", "Báo cáo kết quả."]
    assert [s.text for s in doc.sents] == ["1. Chủ động triển khai.", "Báo cáo kết quả."]


def test_a_text_with_nothing_to_read_gives_no_sentences(spacy_nlp):
    doc = spacy_nlp("   \n ")
    assert doc.text == "   \n "
    assert list(doc.spans["sentences"]) == [] and list(doc.ents) == []
