"""A version's tree flattened into document order: what matching and the change set read."""

from __future__ import annotations

from dataclasses import dataclass

from ..inline import plain_text
from ..tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from .brackets import count_brackets
from .model import FOOTNOTE, Brackets, Snapshot

_SHORT = 40


@dataclass(slots=True)
class Entry:
    """One node of a flattened tree, with what the comparison needs to know about it."""

    node: Node
    parent: int  # index of the parent entry, -1 at the top level
    depth: int
    path: tuple[int, ...]
    location: str
    item: int  # index of the agenda item entry it belongs to, -1 for none
    text: str


class FlatVersion:
    """A tree flattened into document order, with footnote numbers and callers."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.numbers = tree.footnote_numbers()
        self.entries: list[Entry] = []
        self.children: dict[int, list[int]] = {-1: []}
        self.callers: dict[str, int] = {}
        self._visit(tree.nodes, parent=-1, depth=0, labels=(), path=(), item=-1)
        self.index: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            self.index.setdefault(entry.node.key, index)
        self.footnote_order = sorted(
            tree.footnotes, key=lambda key: self.numbers.get(key, len(self.numbers) + 1)
        )

    def _visit(
        self,
        nodes: list[Node],
        parent: int,
        depth: int,
        labels: tuple[str, ...],
        path: tuple[int, ...],
        item: int,
    ) -> None:
        headings: list[tuple[int, str]] = []  # the heading siblings above, by level
        bullets = 0
        for position, node in enumerate(nodes):
            index = len(self.entries)
            text = f"{node.designation} {plain_text(node.text, self.numbers)}".strip()
            if node.kind == HEADING:
                while headings and headings[-1][0] >= node.level:
                    headings.pop()
                label = _shorten(text)
            elif node.kind == PARAGRAPH:
                bullets += 1
                label = node.designation.rstrip(".") or str(bullets)
            else:
                label = node.designation.rstrip(".") or _shorten(text)
            own_labels = labels + tuple(title for _level, title in headings) + (label,)
            if node.kind == HEADING:
                headings.append((node.level, label))
                bullets = 0
            own_item = index if node.kind == AGENDA_ITEM else item
            self.entries.append(
                Entry(
                    node, parent, depth, path + (position,), " > ".join(own_labels), own_item, text
                )
            )
            self.children[parent].append(index)
            self.children[index] = []
            if "<fn-ref" in node.text:
                for key in node.footnote_keys():
                    self.callers.setdefault(key, index)
            self._visit(node.children, index, depth + 1, own_labels, path + (position,), own_item)

    def snapshot(self, index: int) -> Snapshot:
        entry = self.entries[index]
        node = entry.node
        return Snapshot(
            node.key, node.kind, node.designation, node.level, node.text, entry.text,
            entry.path, entry.location,
        )  # fmt: skip

    def footnote_snapshot(self, key: str) -> Snapshot:
        number = self.numbers.get(key)
        html = self.tree.footnotes[key]
        return Snapshot(
            key, FOOTNOTE, str(number or ""), 0, html, plain_text(html), (),
            f"Footnote {number}" if number else "Footnote",
        )  # fmt: skip

    def brackets(self) -> Brackets:
        body = "\n".join(entry.text for entry in self.entries)
        footnotes = (plain_text(text) for text in self.tree.footnotes.values())
        return count_brackets([body, *footnotes])


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _SHORT:
        return text
    return text[:_SHORT].rsplit(" ", 1)[0] + " …"


def snapshots(tree: Tree) -> dict[str, Snapshot]:
    """Every element of a tree as a ``Snapshot`` (location, plain text), by key."""
    version = FlatVersion(tree)
    return {key: version.snapshot(index) for key, index in version.index.items()}
