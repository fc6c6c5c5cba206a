"""The pipeline: stages, inputs, errors, and a cheap import."""
import subprocess
import sys

import pytest

from vn_directives.pipeline import EmptyDocumentError, Pipeline
from vn_directives.reading.decode import ReadError
from tests.conftest import TEXTS


def test_stages_in_data_flow_order(nlp):
    assert nlp.stage_names[:5] == ["read", "clean", "metadata", "segment", "tokenize"]


def test_text_and_path_inputs_give_the_same_sentences(nlp):
    path = TEXTS / "c001.txt"
    a = nlp(path)
    b = nlp(path.read_text(encoding="utf-8"), doc_id="c001")
    assert [s.text for s in a] == [s.text for s in b]
    assert a.source == str(path) and b.source == "<string>"


def test_tokens_have_offsets_into_the_sentence(seed_docs):
    for s in seed_docs["seed-002"].sentences:
        assert s.tokens
        for t in s.tokens:
            assert s.text[t.start:t.end] == t.text
    words = [t.text for t in seed_docs["seed-000"].sentences[10].tokens]
    assert "triển khai" in words          # multi-syllable words are one token


def test_later_stages_fields_exist_and_are_empty_without_components():
    import vn_directives as vd
    doc = vd.load(components=())(TEXTS / "seed-000.txt")
    s = doc.sentences[10]
    assert s.themes == [] and s.actors == [] and s.grades == [] and s.deadlines == []
    assert s.theme_scores == {}


def test_default_pipeline_fills_themes_and_entities(seed_docs):
    doc = seed_docs["seed-000"]
    assert doc.sentences[0].text.startswith("Số:")
    programme = next(s for s in doc.sentences if "Chương trình giáo dục phổ thông 2018" in s.text)
    assert "ctgdpt2018" in programme.themes
    assert set(programme.theme_scores) == {"covid19", "ctgdpt2018", "digital_transformation",
                                           "inspection", "teacher_staffing"}
    assert any(a.text == "Giám đốc Sở Giáo dục và Đào tạo Đắk Lắk" for s in doc.sentences for a in s.actors)


def test_load_rejects_an_unknown_component_name():
    import vn_directives as vd
    with pytest.raises(ValueError, match="unknown component 'ner'"):
        vd.load(components=("ner",))


def test_components_plug_into_classify_and_extract():
    def shout(doc):
        for s in doc.sentences:
            s.themes = ["inspection"] if "thanh tra" in s.text else []
        return doc
    nlp = Pipeline([("classify", "toy", shout)])
    doc = nlp("1. Tăng cường thanh tra. 2. Chuyển đổi số.")
    assert [s.themes for s in doc] == [["inspection"], []]
    assert nlp.stage_names[-2:] == ["classify:toy", "items"]
    with pytest.raises(ValueError):
        nlp.add_component("read", "x", shout)


def test_tag_sentence_keeps_text_and_id(nlp):
    s = nlp.tag_sentence("Học sinh trở lại trường từ ngày 14-2.", doc_date="2022-02-10", id="x:7")
    assert (s.id, s.doc, s.text, s.doc_date) == ("x:7", "x", "Học sinh trở lại trường từ ngày 14-2.", "2022-02-10")


def test_empty_and_missing_documents_raise_clear_errors(nlp, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(EmptyDocumentError, match="empty.txt"):
        nlp(empty)
    with pytest.raises(ReadError, match="no such file"):
        nlp(str(tmp_path / "missing.txt"))


def test_pipe_streams_documents(nlp):
    docs = list(nlp.pipe([TEXTS / "c001.txt", TEXTS / "c002.txt"]))
    assert [d.id for d in docs] == ["c001", "c002"]


def test_import_is_cheap():
    code = ("import sys, vn_directives as vd; vd.load(); "
            "heavy = [m for m in ('underthesea', 'sklearn', 'pandas', 'spacy') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_read_text_never_takes_a_text_for_a_path_and_read_path_never_the_reverse(nlp, tmp_path):
    from vn_directives.reading.decode import ReadError
    doc = nlp.read_text("c001.txt")                          # looks like a file name: still a text
    assert doc.source == "<string>" and doc.sentences[0].text == "c001.txt"
    p = tmp_path / "Sở GDĐT chỉ đạo các trường.txt"
    p.write_text("Các trường báo cáo.", encoding="utf-8")
    assert nlp.read_path(str(p)).sentences[0].text == "Các trường báo cáo."
    with pytest.raises(ReadError):
        nlp.read_path("Các trường báo cáo.")                 # a text given as a path: no such file
