"""Rebuilding the new tree from the old one and a change set: the proof that a change set
says everything."""

from __future__ import annotations

from collections.abc import Mapping

from ..tree import FOOTNOTE_REF, Node, Tree
from .model import ChangeSet


def apply(old: Tree, changes: ChangeSet) -> Tree:
    """The new tree rebuilt from the old one and a change set of ``compare(old, new)``."""
    old_nodes = {node.key: node for node, _depth in old.walk()}
    footnote_keys = {
        row.old_key: row.new_key for row in changes.footnote_rows if row.old_key and row.new_key
    }
    tree = Tree()
    ancestors: list[Node] = []
    for row in changes.rows:
        if row.new_key is None:
            continue
        if row.change is not None and row.change.new is not None:
            state = row.change.new
            node = Node(state.kind, state.html, state.designation, state.level, state.key)
        else:
            assert row.old_key is not None  # a row with no change stands in both versions
            was = old_nodes[row.old_key]
            text = _rekey_calls(was.text, footnote_keys)
            node = Node(was.kind, text, was.designation, was.level, row.new_key)
        del ancestors[row.depth :]
        (ancestors[-1].children if ancestors else tree.nodes).append(node)
        ancestors.append(node)
    for row in changes.footnote_rows:
        if row.new_key is None:
            continue
        if row.change is not None and row.change.new is not None:
            tree.footnotes[row.new_key] = row.change.new.html
        else:
            assert row.old_key is not None
            tree.footnotes[row.new_key] = old.footnotes[row.old_key]
    return tree


def _rekey_calls(text: str, keys: Mapping[str, str]) -> str:
    if "<fn-ref" not in text:
        return text
    return FOOTNOTE_REF.sub(
        lambda match: f'<fn-ref data-key="{keys.get(match.group(1), match.group(1))}"></fn-ref>',
        text,
    )
