"""The tree of an imported draft, built paragraph by paragraph as the reader meets them."""

from __future__ import annotations

from ..inline import plain_text
from ..tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from .model import MAX_DEPTH, DocxError


class TreeBuilder:
    """Builds the tree paragraph by paragraph, remembering the open agenda item and list."""

    def __init__(self) -> None:
        self.tree = Tree()
        self.item: Node | None = None
        self.open: list[Node] = []
        self.jumps: list[str] = []

    @property
    def container(self) -> list[Node]:
        return self.item.children if self.item is not None else self.tree.nodes

    def agenda_item(self, designation: str, text: str) -> None:
        self.item = Node(AGENDA_ITEM, text, designation)
        self.tree.nodes.append(self.item)
        self.open = []

    def heading(self, level: int, designation: str, text: str) -> None:
        self.container.append(Node(HEADING, text, designation, level))
        self.open = []

    def paragraph(self, list_level: int, designation: str, text: str) -> None:
        depth = list_level
        if depth > len(self.open):
            self.jumps.append(text)
            depth = len(self.open)
        if depth >= MAX_DEPTH:
            raise DocxError(
                f"“{shorten(plain_text(text))}” is nested {depth + 1} levels deep; a paragraph "
                f"may be at most {MAX_DEPTH} levels below its agenda item. Move it out in Word "
                "and upload the file again."
            )
        node = Node(PARAGRAPH, text, designation)
        (self.open[depth - 1].children if depth else self.container).append(node)
        self.open[depth:] = [node]


def shorten(text: str, length: int = 60) -> str:
    """The start of a text for a message, cut at a word."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"
