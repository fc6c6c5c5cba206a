"""The sample directives that ship with the package: the project's five seeds.

They are the documents the README's examples run on, from any directory:

>>> from vn_directives import samples
>>> samples.names()
['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004']
>>> samples.path("seed-002").name
'seed-002.txt'
>>> samples.path("nope")
Traceback (most recent call last):
...
KeyError: "no sample 'nope'; the samples are seed-000, seed-001, seed-002, seed-003, seed-004"

``vn-directives samples DIR`` copies them into ``DIR``. In a wheel they are in
``vn_directives/samples/`` (copied there at build time); in a checkout they
are read from ``data/texts/``.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import List, Union

_PACKAGE = Path(__file__).resolve().parent
_GLOB = "seed-*.txt"


def directory() -> Path:
    """Where the sample texts are: the installed copy, else the checkout's ``data/texts``."""
    inst = _PACKAGE / "samples"
    return inst if any(inst.glob(_GLOB)) else _PACKAGE.parent / "data" / "texts"


def names() -> List[str]:
    return sorted(p.stem for p in directory().glob(_GLOB))


def path(name: str) -> Path:
    """The file of sample ``name`` (``"seed-002"``, the README's sample: Chỉ thị 04/CT-UBND, An Giang)."""
    p = directory() / f"{name}.txt"
    if name not in names():
        raise KeyError(f"no sample {name!r}; the samples are {', '.join(names())}")
    return p


def paths() -> List[Path]:
    return sorted(directory().glob(_GLOB))


def copy_to(target: Union[str, Path]) -> List[Path]:
    """Copy every sample into ``target`` (created if needed); returns the new files."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for p in paths():
        shutil.copyfile(p, target / p.name)
        out.append(target / p.name)
    return out
