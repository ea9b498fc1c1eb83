"""Lineage for a draft that has none of its own: the elements of an imported file take the
keys of the elements the compare engine pairs them with (by text, since the file shares no
key), so that "the history of this paragraph" and the next compare follow them."""

from __future__ import annotations

import copy
from collections.abc import Iterable

from ..tree import Tree
from .comparison import compare
from .model import Row
from .rebuild import _rekey_calls


def adopt_keys(old: Tree, new: Tree) -> Tree:
    """A copy of ``new`` in which each element and footnote that ``compare(old, new)``
    pairs with one of ``old`` carries that one's key (footnote calls follow their
    footnote); the others keep their own. A key is never given twice: one that ``new``
    keeps for an unpaired element is not taken by another."""
    changes = compare(old, new)
    adopted = copy.deepcopy(new)
    nodes = [node for node, _depth in adopted.walk()]
    elements = _renames(changes.rows, (node.key for node in nodes))
    footnotes = _renames(changes.footnote_rows, adopted.footnotes)
    for node in nodes:
        node.key = elements.get(node.key, node.key)
        node.text = _rekey_calls(node.text, footnotes)
    adopted.footnotes = {footnotes.get(key, key): text for key, text in adopted.footnotes.items()}
    return adopted


def _renames(rows: Iterable[Row], keys: Iterable[str]) -> dict[str, str]:
    """New key → old key for the paired rows, leaving out an old key that stays in use."""
    pairs = {row.new_key: row.old_key for row in rows if row.new_key and row.old_key}
    kept = {key for key in keys if key not in pairs}
    return {new: old for new, old in pairs.items() if old not in kept}
