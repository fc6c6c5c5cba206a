"""Where the bundled theme model lives, and what its files must hash to.

The expected SHA-256 of each bundled file is written here, in the package's
code, so a file swapped beside the model (together with the hash in its card)
is still refused: the card vouches for a model you trained and trust; the
bundled model is vouched for by the package itself. Retraining the bundled
model means updating these constants in the same commit
(``tests/themes/test_bundled.py`` fails until they match ``models/themes``).

In a wheel the model is at ``vn_directives/models/themes`` (``setup.py``
copies the repository's ``models/`` there at build time); in a checkout or an
editable install it is read from ``models/themes`` in place.

>>> sorted(BUNDLED_SHA256)
['model.joblib', 'scorer.json.gz']
>>> bundled_model_dir().name
'themes'
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

BUNDLED_SHA256 = {
    "model.joblib": "02c44dbd29698a0313eb0451ed25dbb5d19d4bdc3e502bfafd3b354454750522",
    "scorer.json.gz": "b2dbab4a4cc093580e7500b7062c412e15dc2a151825f681af7faabe6745f84c",
}

_PACKAGE = Path(__file__).resolve().parents[1]


def installed_model_dir() -> Path:
    """The copy inside an installed package (a wheel or an sdist install)."""
    return _PACKAGE / "models" / "themes"


def source_model_dir() -> Path:
    """``models/themes`` of the repository (a checkout or an editable install)."""
    return _PACKAGE.parent / "models" / "themes"


def bundled_model_dir() -> Path:
    """The bundled model's directory: the installed copy when there is one, else the
    source tree's. It may not exist (a broken install); loading then says so."""
    inst = installed_model_dir()
    return inst if inst.is_dir() else source_model_dir()


def is_bundled(directory: Path) -> bool:
    try:
        return directory.resolve() == bundled_model_dir().resolve()
    except OSError:
        return False


def expected_sha256(directory: Path, filename: str, card_value: Optional[str]) -> Optional[str]:
    """The digest ``filename`` must have: the package's constant for the bundled model,
    the card's for any other (trusted) directory."""
    if is_bundled(directory):
        return BUNDLED_SHA256.get(filename, card_value)
    return card_value
