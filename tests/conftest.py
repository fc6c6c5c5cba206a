"""Shared fixtures. The five seed directives live in data/texts/seed-00N.txt
(copied from the project's founding set; provenance in data/sources.tsv)."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "data" / "texts"
SEEDS = sorted(TEXTS.glob("seed-*.txt"))


@pytest.fixture(scope="session")
def nlp():
    import vn_directives as vd
    return vd.load()


@pytest.fixture(scope="session")
def seed_docs(nlp):
    return {p.stem: nlp(p) for p in SEEDS}
