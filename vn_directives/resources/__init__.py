"""Rules as data: gazetteers, abbreviation tables and patterns (medspaCy-style).

Every rule-driven component takes ``rules="default"`` (the files here) or a
path to a file of the same format, so users extend rules without code.
"""
from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path
from typing import Dict, List, Union


def resource_path(name: str, lang: str = "vi") -> Path:
    return Path(str(resources.files(__package__).joinpath(lang, name)))


def resolve(rules: Union[str, Path], default_name: str) -> Path:
    """``"default"`` → the packaged file; anything else is a user path that must exist."""
    if isinstance(rules, str) and rules == "default":
        return resource_path(default_name)
    p = Path(rules)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: rules file not found")
    return p


def read_tsv(path: Union[str, Path]) -> List[Dict[str, str]]:
    """Rows of a TSV with a header line; ``#`` lines and blank lines are comments."""
    with open(path, encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return [dict(r) for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]
