"""The redline of two versions for print, from ``drafting.diff``'s change set.

Marks never rely on colour: insertions are underlined, deletions struck through, a moved
element says where it came from, and a bar stands in the margin by every changed element.
"""

from __future__ import annotations

from drafting import inline
from drafting.diff import Change, ChangeSet, Row, compare
from drafting.tree import Node, Tree

WRAP = {"insert": "ins", "delete": "del"}


def _numbers(change_set: ChangeSet, op: str) -> dict[str, int]:
    return dict(change_set.old_numbers if op == "delete" else change_set.new_numbers)


def _marked(change: Change, change_set: ChangeSet) -> str:
    """The word diff: each fragment is balanced sanitised HTML (the diff contract), so it is
    wrapped as it is; footnote calls are rendered through ``inline.render``."""
    parts = []
    for fragment in change.fragments:
        html = inline.render(fragment.html, _numbers(change_set, fragment.op))
        tag = WRAP.get(fragment.op)
        parts.append(f"<{tag}>{html}</{tag}>" if tag else html)
    return "".join(parts)


def _row(row: Row, change_set: ChangeSet, nodes: dict[str, Node]) -> dict:
    change = row.change
    node = nodes.get(row.new_key or "") or nodes.get(row.old_key or "")
    snapshot = (change.new or change.old) if change else None
    if change and (change.text_changed or change.kind in ("added", "deleted")):
        html = _marked(change, change_set)
    else:
        html = inline.render(node.text, dict(change_set.new_numbers))
    return {
        "kind": row.kind,
        "depth": row.depth,
        "designation": snapshot.designation if snapshot else node.designation,
        "level": snapshot.level if snapshot else node.level,
        "html": html,
        "change": change.kind if change else "",
        "moved_from": change.old_location if change and change.kind == "moved" else "",
    }


def _footnote_row(row: Row, change_set: ChangeSet, old: Tree, new: Tree) -> dict:
    change = row.change
    key = row.new_key or row.old_key
    number = (change_set.new_numbers if row.new_key else change_set.old_numbers).get(key)
    if change:
        html = _marked(change, change_set)
    else:
        html = inline.render(new.footnotes.get(key, ""), dict(change_set.new_numbers))
    return {"number": number, "html": html, "change": change.kind if change else ""}


def _nodes(*trees: Tree) -> dict[str, Node]:
    return {node.key: node for tree in reversed(trees) for node, _depth in tree.walk()}


def comparison_section(old_version, new_version, notes=None, title: str = "") -> dict:
    """The print context of the redline from ``old_version`` to ``new_version``."""
    old, new = old_version.tree(), new_version.tree()
    change_set = compare(old, new)
    nodes = _nodes(old, new)
    label = f"{old_version.label} → {new_version.label}"
    return {
        "template": "print/_redline.html",
        "title": title,
        "bookmark": title or f"Changes {label}",
        "heading": f"Changes from {old_version.running_label} to {new_version.running_label}",
        "summary": change_set.summary,
        "rows": [_row(row, change_set, nodes) for row in change_set.rows],
        "footnotes": [_footnote_row(r, change_set, old, new) for r in change_set.footnote_rows],
    }
