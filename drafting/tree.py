"""The outcome document as a plain tree, with no ORM in it.

The outline parser produces a ``Tree``, ``Version.tree()`` loads one from the database,
``Version.objects.create_from_tree()`` stores one, and the renderers, exporters and the
compare engine all read one.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

AGENDA_ITEM = "agenda_item"
HEADING = "heading"
PARAGRAPH = "paragraph"
KINDS = (AGENDA_ITEM, HEADING, PARAGRAPH)

FOOTNOTE_REF = re.compile(r'<fn-ref data-key="([^"]+)"></fn-ref>')


def new_key() -> str:
    """A fresh lineage key."""
    return str(uuid.uuid4())


def is_placeholder(kind: str, text: str) -> bool:
    """An empty bullet that invites more input ("-"): a paragraph with no text."""
    return kind == PARAGRAPH and not text.strip()


@dataclass(slots=True)
class Node:
    """One element: an agenda item, a heading or a paragraph (bullet), with its children.

    ``text`` is sanitised inline HTML; a footnote call is ``<fn-ref data-key="K"></fn-ref>``
    where K is the footnote's key. ``level`` is 1–3 for headings and 0 otherwise.
    """

    kind: str
    text: str = ""
    designation: str = ""
    level: int = 0
    key: str = field(default_factory=new_key)
    children: list[Node] = field(default_factory=list)
    id: int | None = None

    @property
    def is_placeholder(self) -> bool:
        """An empty bullet that invites more input ("-")."""
        return is_placeholder(self.kind, self.text)

    def footnote_keys(self) -> list[str]:
        """Keys of the footnotes this element calls, in the order they are called."""
        return FOOTNOTE_REF.findall(self.text)


@dataclass
class Tree:
    """The element forest of one version plus its footnote texts by footnote key."""

    nodes: list[Node] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)

    def walk(self) -> Iterator[tuple[Node, int]]:
        """Every node in document order, with its depth (0 for top level)."""
        stack: list[tuple[Node, int]] = [(node, 0) for node in reversed(self.nodes)]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(node.children))

    def footnote_callers(self) -> dict[str, str]:
        """Footnote key → key of the node that calls it (the first, if called twice)."""
        callers: dict[str, str] = {}
        for node, _depth in self.walk():
            for key in node.footnote_keys():
                callers.setdefault(key, node.key)
        return callers

    def footnote_numbers(self) -> dict[str, int]:
        """Footnote numbers through the whole document, in the order footnotes are called."""
        numbers: dict[str, int] = {}
        for node, _depth in self.walk():
            for key in node.footnote_keys():
                numbers.setdefault(key, len(numbers) + 1)
        return numbers

    def defined_footnote_numbers(self) -> dict[str, int]:
        """``footnote_numbers`` for the footnotes that have a text: a call to a footnote
        with no text is left out of exports, so it takes no number."""
        called = [key for key in self.footnote_numbers() if key in self.footnotes]
        return {key: number for number, key in enumerate(called, start=1)}

    def __len__(self) -> int:
        return sum(1 for _ in self.walk())


def assemble(nodes: Iterable[tuple[int | None, Node]], footnotes: dict[str, str]) -> Tree:
    """A tree from nodes given in sibling order, each with its parent's ``id`` (None at the
    top level) and its own ``id`` set: the one place that links children to parents."""
    children: dict[int | None, list[Node]] = defaultdict(list)
    for parent, node in nodes:
        children[parent].append(node)
    for siblings in children.values():
        for node in siblings:
            node.children = children.get(node.id, [])
    return Tree(nodes=children[None], footnotes=footnotes)
