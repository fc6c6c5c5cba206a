"""Document metadata from the letterhead or a news item's date line (placeholder: being written)."""
from __future__ import annotations

from typing import Sequence

from ..records import Metadata


def extract_metadata(lines: Sequence[str], dropped: Sequence[str] = ()) -> Metadata:
    return Metadata()
