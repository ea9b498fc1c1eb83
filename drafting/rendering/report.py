"""A change set as plain text and as the documented JSON, for the ``compare`` command."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from drafting import inline
from drafting.diff import DELETE, INSERT, ChangeSet, Counts, Fragment

STYLESHEET = Path(__file__).resolve().parent.parent.parent / "static" / "css" / "compare.css"


def _fragment_text(fragments: tuple[Fragment, ...]) -> str:
    parts = []
    for fragment in fragments:
        words = inline.plain_text(fragment.html)
        parts.append({INSERT: f"{{+{words}+}}", DELETE: f"[-{words}-]"}.get(fragment.op, words))
    return "".join(parts)


def as_text(change_set: ChangeSet) -> str:
    """A plain-text report: the summary, then each change with its word diff."""
    summary = change_set.summary
    total = summary.total
    lines = [
        f"{total.total} changes: {total.added} added, {total.deleted} deleted, "
        f"{total.modified} modified, {total.moved} moved.",
        f"Bracketed passages: {summary.old_brackets.passages} → {summary.new_brackets.passages}.",
        "",
    ]
    for change in change_set.changes:
        where = change.new_location or change.old_location
        lines.append(f"{change.number}. {change.kind.upper()} {change.element} at {where}")
        if change.kind == "moved":
            lines.append(f"   moved from {change.old_location}")
        if change.kind in ("added", "deleted"):
            lines.append(f"   {change.new_text if change.new else change.old_text}")
        elif change.text_changed or change.kind == "modified":
            lines.append(f"   {_fragment_text(change.fragments)}")
        lines.append("")
    return "\n".join(lines)


def _counts_json(counts: Counts) -> dict[str, int]:
    return {
        "added": counts.added,
        "deleted": counts.deleted,
        "modified": counts.modified,
        "moved": counts.moved,
        "total": counts.total,
    }


def as_json(
    change_set: ChangeSet, old: Mapping[str, object], new: Mapping[str, object]
) -> dict[str, object]:
    """The documented JSON shape: ``{"from", "to", "summary", "changes"}``; ``old`` and
    ``new`` describe the two versions."""
    summary = change_set.summary
    return {
        "from": dict(old),
        "to": dict(new),
        "summary": {
            "total": _counts_json(summary.total),
            "agenda_items": [
                {"label": item.agenda_item.label, **_counts_json(item.counts)}
                for item in summary.items
            ],
            "brackets": {
                "from": summary.old_brackets.passages,
                "to": summary.new_brackets.passages,
            },
        },
        "changes": [
            {
                "number": change.number,
                "kind": change.kind,
                "element": change.element,
                "old_text": change.old_text,
                "new_text": change.new_text,
                "old_path": change.old_location,
                "new_path": change.new_location,
                "old_position": list(change.old.path) if change.old else None,
                "new_position": list(change.new.path) if change.new else None,
                "text_changed": change.text_changed,
                "agenda_item": change.agenda_item.label,
            }
            for change in change_set.changes
        ],
    }


@cache
def stylesheet() -> str:
    """The redline marks' CSS, for documents that stand alone (the HTML export)."""
    return STYLESHEET.read_text(encoding="utf-8")
