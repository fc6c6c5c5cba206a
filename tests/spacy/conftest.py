"""Shared fixtures for the spaCy pipeline tests: one loaded pipeline for the session."""
import pytest

from tests.conftest import TEXTS

SEED = TEXTS / "seed-002.txt"     # Chỉ thị 04/CT-UBND (An Giang, 2021)


@pytest.fixture(scope="session")
def spacy_nlp():
    pytest.importorskip("spacy")
    import vn_directives.spacy as vds
    return vds.load()


@pytest.fixture(scope="session")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(spacy_nlp, seed_text):
    return spacy_nlp(seed_text)


@pytest.fixture(scope="session")
def seed_ref(nlp, seed_text):
    """The same text through the plain pipeline, ``vd.load()``."""
    return nlp(seed_text)
