"""Per-sentence themes from the project's classifier."""
import pytest

spacy = pytest.importorskip("spacy")

from vn_directives.records import THEMES  # noqa: E402


def test_a_covid_sentence_gets_covid19(spacy_nlp):
    doc = spacy_nlp("Các trường chủ động phòng, chống dịch COVID-19 trong trường học.")
    (sentence,) = doc.spans["sentences"]
    assert sentence._.themes == ["covid19"]
    assert set(sentence._.theme_scores) == set(THEMES)
    assert sentence._.theme_scores["covid19"] > 0.9 > sentence._.theme_scores["inspection"]
    assert [(s.text, s.label_) for s in doc.spans["themes"]] == [(sentence.text, "covid19")]


def test_themes_and_scores_equal_the_plain_pipeline(seed_doc, seed_ref):
    spans = seed_doc.spans["sentences"]
    assert [s._.themes for s in spans] == [s.themes for s in seed_ref.sentences]
    for span, sentence in zip(spans, seed_ref.sentences):
        assert span._.theme_scores == pytest.approx(sentence.theme_scores, abs=1e-9)
    assert sum(1 for s in spans if s._.themes) > 10


def test_the_component_never_unpickles_so_a_model_without_a_scorer_file_is_refused(tmp_path):
    import shutil
    from vn_directives.themes.bundled import bundled_model_dir
    from vn_directives.themes.model import ModelError
    shutil.copytree(bundled_model_dir(), tmp_path / "m")
    (tmp_path / "m" / "scorer.json.gz").unlink()
    nlp = spacy.blank("xx")
    comp = nlp.add_pipe("vn_directives_themes", config={"model": str(tmp_path / "m")})
    with pytest.raises(ModelError, match="scorer.json.gz"):
        nlp("Phòng, chống dịch COVID-19.")
    assert comp.name == "vn_directives_themes"


def test_vd_load_spacy_still_asks_for_trust_for_a_model_of_ones_own():
    import vn_directives as vd
    from vn_directives.themes.model import UntrustedModelError
    with pytest.raises(UntrustedModelError, match="data"):
        vd.load(spacy=True, model="data")
