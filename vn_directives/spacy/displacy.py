"""Colours for displaCy: one per entity label.

>>> opts = displacy_options()
>>> opts["ents"]
['ACTOR', 'GRADE', 'DEADLINE', 'REFERENCE']
>>> len(set(opts["colors"].values()))
4

Use with ``spacy.displacy.render(doc, style="ent", options=displacy_options())``.
"""
from __future__ import annotations

from typing import Any, Dict

COLORS = {
    "ACTOR": "#7aecec",      # teal
    "GRADE": "#feca74",      # orange
    "DEADLINE": "#aa9cfc",   # violet
    "REFERENCE": "#c5e17a",  # green
}


def displacy_options() -> Dict[str, Any]:
    """``options`` for ``displacy.render(doc, style="ent")``: the four labels and their colours."""
    return {"ents": list(COLORS), "colors": dict(COLORS)}
