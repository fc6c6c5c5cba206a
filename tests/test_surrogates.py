"""Lone surrogates (no encoding can write them) are replaced at reading and counted, never a crash."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vn_directives as vd

SUR = chr(0xD800)


@pytest.fixture(scope="module")
def nlp():
    return vd.load()


def test_a_text_with_a_lone_surrogate_is_tagged_and_the_replacement_counted(nlp):
    doc = nlp("Sở GDĐT triển khai " + SUR + ".")
    assert doc.replaced == 1 and "\ufffd" in doc.text and len(doc.text) == len("Sở GDĐT triển khai " + SUR + ".")
    assert [a.text for a in doc.sentences[0].actors] == ["Sở GDĐT"]
    json.dumps(doc.to_records(), ensure_ascii=False).encode("utf-8")      # writable


def test_loose_sentences_with_surrogates_are_tagged(nlp):
    s = nlp.tag_sentence("Các trường " + chr(0xDFFF) + " báo cáo trước ngày 15/10/2021.", doc_date="2021-09-01")
    assert s.text.count("\ufffd") == 1 and s.deadlines[0].value["end"] == "2021-10-14"
    (t,) = nlp.tag_sentences([{"id": "x:1", "text": "Lớp 3" + SUR}])
    assert t.grades[0].value == [3]


def test_the_spacy_pipeline_takes_surrogates():
    pytest.importorskip("spacy")
    snlp = vd.load(spacy=True)
    doc = snlp("Sở GDĐT " + SUR + " chỉ đạo các trường.")
    assert doc.text.endswith("các trường.") and any(e.label_ == "ACTOR" for e in doc.ents)


_TEXT = st.text(alphabet=st.one_of(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
                                   st.sampled_from(list("Sở GDĐT các trường lớp 3, 7 năm học 2021-2022 .\n"))),
                max_size=80)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_any_text_with_surrogates_never_crashes(nlp, text):
    from vn_directives.reading.decode import ReadError
    try:
        doc = nlp.read_text(text)            # a text, never a path ("." is a text here)
    except ReadError:                        # an empty document
        return
    for s in doc.sentences:
        s.text.encode("utf-8")
        for e in s.entities:
            assert s.text[e.start:e.end] == e.text
