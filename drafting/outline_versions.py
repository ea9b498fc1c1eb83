"""An issued or working version written out as an outline file (``outline.py`` holds the
format; ``actions.ImportOutline`` reads one in)."""

from __future__ import annotations

from .models import Version
from .outline import dump


def export_outline(version: Version) -> str:
    """The canonical outline of a stored version, footnotes numbered through the document."""
    meta = {
        "title": version.title,
        "label": version.label,
        "date": version.date,
        "note": version.note,
    }
    return dump(meta, version.tree())
