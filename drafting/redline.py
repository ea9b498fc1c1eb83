"""A change set (``diff.ChangeSet``) made readable: redline rows for pages, text and JSON.

Every fragment of a word diff is sanitised again (``inline.clean_fragment``) and only then
wrapped in ``<ins>``/``<del>``; the single ``mark_safe`` is at the end of ``_markup``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import inline
from .diff import DELETE, INSERT, Change, ChangeSet, Fragment, Row, Snapshot
from .tree import AGENDA_ITEM, Node, Tree

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "css" / "compare.css"
WRAP = {INSERT: ("<ins>", "</ins>"), DELETE: ("<del>", "</del>")}


@dataclass(frozen=True)
class RedlineRow:
    """One element of the merged document, ready for a template."""

    depth: int
    kind: str
    level: int
    agenda_item_key: str | None
    change: Change | None
    designation: SafeString
    merged: SafeString
    old: SafeString
    new: SafeString

    @property
    def status(self) -> str:
        return self.change.kind if self.change else "unchanged"

    @property
    def is_placeholder(self) -> bool:
        return self.kind == "paragraph" and not str(self.merged).strip()


def _markup(
    fragments: tuple[Fragment, ...], numbers: Mapping[str, Mapping[str, int]], keep: set[str]
) -> SafeString:
    """The fragments whose op is in ``keep``, each sanitised, numbered and wrapped."""
    parts = []
    for fragment in fragments:
        if fragment.op not in keep:
            continue
        html = inline.render(inline.clean_fragment(fragment.html), numbers[fragment.op])
        start, end = WRAP.get(fragment.op, ("", ""))
        parts.append(f"{start}{html}{end}")
    return mark_safe("".join(parts))


def fragments_html(fragments: tuple[Fragment, ...]) -> SafeString:
    """A word diff as inline redline, footnote calls shown as a neutral mark."""
    marks: dict[str, int] = {}
    return _markup(
        fragments, {"equal": marks, INSERT: marks, DELETE: marks}, {"equal", INSERT, DELETE}
    )


def _designation(change: Change | None, node: Node | Snapshot) -> SafeString:
    old = change.old.designation if change and change.old else None
    new = change.new.designation if change and change.new else None
    if change and change.old and change.new and old != new:
        parts = [
            f"<del>{escape(old)}</del>" if old else "",
            f"<ins>{escape(new)}</ins>" if new else "",
        ]
        return mark_safe("".join(parts))
    return escape(node.designation)


def redline_rows(old: Tree, new: Tree, change_set: ChangeSet) -> list[RedlineRow]:
    """The merged document in reading order, each row rendered three ways (merged/old/new)."""
    old_nodes = {node.key: node for node, _ in old.walk()}
    new_nodes = {node.key: node for node, _ in new.walk()}
    numbers = {
        "equal": change_set.new_numbers,
        INSERT: change_set.new_numbers,
        DELETE: change_set.old_numbers,
    }
    old_numbers = {**numbers, "equal": change_set.old_numbers}
    rows = []
    item_key: str | None = None
    for row in change_set.rows:
        node = new_nodes.get(row.new_key) or old_nodes[row.old_key]
        if row.depth == 0:
            item_key = (row.new_key or row.old_key) if row.kind == AGENDA_ITEM else None
        rows.append(_row(row, node, item_key, numbers, old_numbers))
    return rows


def _row(
    row: Row,
    node: Node,
    item_key: str | None,
    numbers: Mapping[str, Mapping[str, int]],
    old_numbers: Mapping[str, Mapping[str, int]],
) -> RedlineRow:
    change = row.change
    if change is None:
        same = mark_safe(inline.render(node.text, numbers["equal"]))
        old_same = mark_safe(inline.render(node.text, old_numbers["equal"]))
        merged, old_html, new_html = same, old_same, same
    else:
        merged = _markup(change.fragments, numbers, {"equal", INSERT, DELETE})
        old_html = _markup(change.fragments, old_numbers, {"equal", DELETE})
        new_html = _markup(change.fragments, numbers, {"equal", INSERT})
    return RedlineRow(
        depth=row.depth,
        kind=row.kind,
        level=node.level,
        agenda_item_key=item_key,
        change=change,
        designation=_designation(change, node),
        merged=merged,
        old=old_html if row.old_key else mark_safe(""),
        new=new_html if row.new_key else mark_safe(""),
    )


def footnote_rows(old: Tree, new: Tree, change_set: ChangeSet) -> Iterator[dict[str, object]]:
    """Footnotes of the merged document with their numbers in each version and their marks."""
    numbers: dict[str, Mapping[str, int]] = {"equal": {}, INSERT: {}, DELETE: {}}
    for row in change_set.footnote_rows:
        change = row.change
        if change is None:
            text = mark_safe(inline.render(new.footnotes[row.new_key], {}))
        else:
            text = _markup(change.fragments, numbers, {"equal", INSERT, DELETE})
        yield {
            "old_number": change_set.old_numbers.get(row.old_key),
            "new_number": change_set.new_numbers.get(row.new_key),
            "change": change,
            "text": text,
        }


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


def _version_json(version) -> dict[str, object]:
    return {
        "meeting": version.document.meeting.code,
        "label": version.label,
        "slug": version.slug,
        "kind": version.kind,
        "status": version.status,
        "date": version.date.isoformat() if version.date else None,
    }


def _counts_json(counts) -> dict[str, int]:
    return {
        "added": counts.added,
        "deleted": counts.deleted,
        "modified": counts.modified,
        "moved": counts.moved,
        "total": counts.total,
    }


def as_json(old_version, new_version, change_set: ChangeSet) -> dict[str, object]:
    """The documented JSON shape: ``{"from", "to", "summary", "changes"}``."""
    summary = change_set.summary
    return {
        "from": _version_json(old_version),
        "to": _version_json(new_version),
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
                "old_position": list(change.old_path) if change.old else None,
                "new_position": list(change.new_path) if change.new else None,
                "text_changed": change.text_changed,
                "agenda_item": change.agenda_item.label,
            }
            for change in change_set.changes
        ],
    }


@cache
def stylesheet() -> str:
    """The redline marks' CSS, for documents that stand alone (HTML export, PDF)."""
    return STYLESHEET.read_text(encoding="utf-8")
