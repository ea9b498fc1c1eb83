"""A tree as flat rows in document order: what every renderer and exporter of a version reads.

``blocks(tree)`` returns one ``Block`` per element, in reading order, built without
recursion (any nesting depth renders). What an exporter may rely on:

- ``depth`` is 0 at the top level; ``kind`` is agenda_item, heading or paragraph; ``level``
  is 1–3 for headings; ``designation`` is as stored ("A.", "1.", "(a)" or empty);
- ``text`` is the stored, sanitised inline HTML (``drafting.inline``), footnote calls still
  ``<fn-ref data-key="K">``; ``footnotes`` lists the keys it calls, in order; numbers come
  from ``Tree.footnote_numbers()`` or a numbering of the caller's (``markup``);
- ``is_placeholder``: an empty bullet ("-") that invites more input;
- lists: consecutive paragraph siblings form one list (a heading or agenda item between
  them starts a new one). ``opens_list`` says a list starts before this block; ``closes``
  says what ends after it (and after its descendants), innermost first: ``ITEM`` (this or an
  enclosing paragraph), ``LIST`` (a run of paragraphs), ``SECTION`` (an agenda item). An
  agenda item contains its descendants; a heading contains nothing (its children follow it);
- ``location`` names the place for people: "A > 1. Effective national controls > bullet 3";
  ``agenda_item`` is the key of the agenda item it belongs to (None outside the items).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from drafting.inline import plain_text
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree, is_placeholder

ITEM, LIST, SECTION = "item", "list", "section"
_SHORT = 40


class Block(NamedTuple):
    """One element of a version as a row; see the module docstring for the contract.

    (A named tuple: a 1,500-paragraph page makes thousands, and it is quicker to make.)
    """

    key: str
    kind: str
    depth: int
    level: int
    designation: str
    text: str
    footnotes: tuple[str, ...]
    is_placeholder: bool
    location: str
    agenda_item: str | None
    opens_list: bool
    closes: tuple[str, ...]


@dataclass
class _Siblings:
    """The walk's place among one list of siblings, and what their rows need to know."""

    nodes: list[Node]
    depth: int
    owner: str  # what closes after the last descendant: ITEM, SECTION or "" (nothing)
    prefix: str  # the parent's location and " > " ("" at the top level)
    agenda_item: str | None
    index: int = 0
    in_list: bool = False
    bullets: int = 0
    headings: list[tuple[int, str]] = field(default_factory=list)
    under_headings: str = ""  # ``prefix`` and the titles of the headings above

    def __post_init__(self) -> None:
        self.under_headings = self.prefix

    def location(self, node: Node) -> str:
        """Where ``node`` stands, for people: its parent's location, the headings above
        it among its siblings, and its own label ("A", "1. Effective …", "bullet 3")."""
        if node.kind == PARAGRAPH:
            self.bullets += 1
            return self.under_headings + (node.designation.rstrip(".") or f"bullet {self.bullets}")
        if node.kind != HEADING:
            return self.under_headings + (node.designation.rstrip(".") or _title(node))
        while self.headings and self.headings[-1][0] >= node.level:
            self.headings.pop()
        location = self.under_headings = "".join(
            [self.prefix, *(f"{title} > " for _level, title in self.headings)]
        )
        title = _title(node)
        self.headings.append((node.level, title))
        self.under_headings += f"{title} > "
        self.bullets = 0
        return location + title


def blocks(tree: Tree) -> list[Block]:
    """Every element of ``tree`` as a ``Block``, in document order."""
    rows: list[tuple[object, ...]] = []  # a Block's fields but the last, ``closes``
    closes: list[list[str]] = []
    stack = [_Siblings(tree.nodes, 0, "", "", None)]
    while stack:
        here = stack[-1]
        if here.index == len(here.nodes):
            stack.pop()
            if here.in_list:
                closes[-1].append(LIST)
            if here.owner:
                closes[-1].append(here.owner)
            continue
        node = here.nodes[here.index]
        here.index += 1
        kind, text = node.kind, node.text
        is_paragraph = kind == PARAGRAPH
        if here.in_list and not is_paragraph:
            closes[-1].append(LIST)
        opens_list = is_paragraph and not here.in_list
        here.in_list = is_paragraph
        location = here.location(node)
        item = node.key if kind == AGENDA_ITEM and here.depth == 0 else here.agenda_item
        rows.append(
            (
                node.key,
                kind,
                here.depth,
                node.level,
                node.designation,
                text,
                tuple(node.footnote_keys()) if "<fn-ref" in text else (),
                is_placeholder(kind, text),
                location,
                item,
                opens_list,
            )
        )
        owner = ITEM if is_paragraph else SECTION if kind == AGENDA_ITEM else ""
        if node.children:
            closes.append([])
            stack.append(_Siblings(node.children, here.depth + 1, owner, f"{location} > ", item))
        else:
            closes.append([owner] if owner else [])
    return [Block._make((*row, tuple(after))) for row, after in zip(rows, closes, strict=True)]


def _title(node: Node) -> str:
    """The designation and the start of the text, footnote calls left out."""
    text = " ".join(f"{node.designation} {plain_text(node.text)}".split())
    if len(text) <= _SHORT:
        return text
    return text[:_SHORT].rsplit(" ", 1)[0] + " …"
