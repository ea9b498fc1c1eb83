"""The outline format: an outcome document as Markdown a person can write by hand.

``parse(text)`` reads an outline into its front matter and a ``Tree``; ``dump(meta, tree)``
writes the canonical outline of a tree. For any outline in canonical form (see
the README) ``dump(*parse(text))`` gives the text back. No ORM in here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import front_matter
from .front_matter import OutlineError
from .limits import MAX_DEPTH, MAX_DESIGNATION, MAX_ELEMENT_TEXT, MAX_FOOTNOTE_TEXT
from .markup import FOOTNOTE_LABEL, FootnoteCall, MarkupError, inline_html, no_footnote_calls, typed
from .tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree, new_key

# "A.", "II.", "i.", "12." or "a)", "(a)", "(iv)", "(3)"
DESIGNATION = (
    r"(?:[IVXLCDM]+|[ivxlcdm]+|[A-Za-z]|\d+)\."
    r"|\((?:[ivxlcdm]+|[A-Za-z]|\d+)\)"
    r"|(?:[A-Za-z]|\d+)\)"
)
DESIGNATED = re.compile(rf"(?P<designation>{DESIGNATION})(?: +(?P<text>.*))?$")
HEADING_LINE = re.compile(r"(?P<hashes>#+)(?: +(?P<rest>.*))?$")
BULLET_LINE = re.compile(r"(?P<indent> *)-(?: +(?P<text>.*))?$")
NUMBERED_LINE = re.compile(rf"(?P<indent> *)(?P<designation>{DESIGNATION})(?: +(?P<text>.*))?$")
FOOTNOTE_DEFINITION = re.compile(rf"\[\^(?P<label>{FOOTNOTE_LABEL})\]:(?: +(?P<text>.*))?$")
INDENT_STEP = 2
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
DEEPEST_HEADING = 3

LINE_SHAPES = (
    "an agenda item (# A. …), a heading (## …, ### … or #### …), a bullet (- …), "
    "a numbered paragraph (1. …) or a footnote ([^1]: …)"
)


# Reading ---------------------------------------------------------------------------


def parse(text: str) -> tuple[dict[str, object], Tree]:
    """The front matter and the tree of an outline; every node gets a fresh key.

    Raises ``OutlineError`` naming the first line that is wrong.
    """
    lines = text.lstrip("\ufeff").splitlines()
    meta, first_body_line = front_matter.read(lines)
    builder = _TreeBuilder()
    for number in range(first_body_line, len(lines) + 1):
        builder.add(number, lines[number - 1])
    return meta, builder.finish()


@dataclass
class _Footnotes:
    """Footnote labels as written in the file, their keys, and where they are used."""

    keys: dict[str, str] = field(default_factory=dict)
    first_calls: dict[str, int] = field(default_factory=dict)
    definitions: dict[str, tuple[int, str]] = field(default_factory=dict)

    def call(self, label: str, line: int) -> str:
        self.first_calls.setdefault(label, line)
        return self.keys.setdefault(label, new_key())

    def define(self, label: str, line: int, text: str) -> None:
        if label in self.definitions:
            first = self.definitions[label][0]
            raise OutlineError(
                line, f"footnote [^{label}] is defined twice (first on line {first})"
            )
        if not text:
            raise OutlineError(line, f"footnote [^{label}] has no text")
        self.definitions[label] = (line, text)

    def texts(self) -> dict[str, str]:
        """Footnote texts by key, once every call has a definition and every definition a call."""
        problems = [
            (line, f"footnote [^{label}] is called but never defined")
            for label, line in self.first_calls.items()
            if label not in self.definitions
        ] + [
            (line, f"footnote [^{label}] is defined but never called")
            for label, (line, _text) in self.definitions.items()
            if label not in self.first_calls
        ]
        if problems:
            raise OutlineError(*min(problems))
        return {self.keys[label]: text for label, (_line, text) in self.definitions.items()}


class _TreeBuilder:
    """Builds the tree one line at a time, remembering the open agenda item and bullets."""

    def __init__(self) -> None:
        self.tree = Tree()
        self.item: Node | None = None
        self.bullets: list[Node] = []
        self.footnotes = _Footnotes()

    @property
    def container(self) -> list[Node]:
        return self.item.children if self.item is not None else self.tree.nodes

    def add(self, number: int, line: str) -> None:
        line = line.rstrip()
        if not line:
            return
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            raise OutlineError(number, "indent with spaces (two per level), not tabs")
        if match := FOOTNOTE_DEFINITION.match(line):
            written = match["text"] or ""
            text = _limited_inline(
                written, number, no_footnote_calls, "a footnote", MAX_FOOTNOTE_TEXT
            )
            self.footnotes.define(match["label"], number, text)
        elif match := HEADING_LINE.match(line):
            self._heading(number, len(match["hashes"]), match["rest"] or "")
        elif match := BULLET_LINE.match(line):
            self._paragraph(number, match["indent"], "", match["text"] or "")
        elif match := NUMBERED_LINE.match(line):
            self._paragraph(number, match["indent"], match["designation"], match["text"] or "")
        elif line.strip() == front_matter.FENCE:
            raise OutlineError(
                number, "a '---' line may only open and close the front matter at the top"
            )
        else:
            raise OutlineError(number, f"this line is not {LINE_SHAPES}")

    def _heading(self, number: int, hashes: int, rest: str) -> None:
        if hashes > DEEPEST_HEADING + 1:
            raise OutlineError(
                number, f"headings go no deeper than {'#' * (DEEPEST_HEADING + 1)} (level 3)"
            )
        match = DESIGNATED.match(rest)
        designation = _designation(number, match["designation"] if match else "")
        written = (match["text"] or "") if match else rest
        what = "agenda item" if hashes == 1 else "heading"
        text = _limited_inline(written, number, self._calls(number), f"an {what}", MAX_ELEMENT_TEXT)
        if not designation and not text:
            raise OutlineError(number, f"this {what} has neither a designation nor a title")
        self.bullets = []
        if hashes == 1:
            self.item = Node(kind=AGENDA_ITEM, designation=designation, text=text)
            self.tree.nodes.append(self.item)
        else:
            heading = Node(kind=HEADING, level=hashes - 1, designation=designation, text=text)
            self.container.append(heading)

    def _paragraph(self, number: int, indent: str, designation: str, text: str) -> None:
        if len(indent) % INDENT_STEP:
            raise OutlineError(
                number,
                f"this line is indented by {len(indent)} spaces; "
                f"indent by {INDENT_STEP} spaces per level",
            )
        depth = len(indent) // INDENT_STEP
        if depth > len(self.bullets):
            raise OutlineError(number, _too_deep(depth, len(self.bullets)))
        if depth >= MAX_DEPTH:
            raise OutlineError(
                number,
                f"this bullet is {depth + 1} levels deep; bullets go at most {MAX_DEPTH} levels "
                "deep below an agenda item or at the top of the document",
            )
        node = Node(
            kind=PARAGRAPH,
            designation=_designation(number, designation),
            text=_limited_inline(
                text, number, self._calls(number), "a paragraph", MAX_ELEMENT_TEXT
            ),
        )
        siblings = self.bullets[depth - 1].children if depth else self.container
        siblings.append(node)
        self.bullets[depth:] = [node]

    def _calls(self, line: int) -> FootnoteCall:
        return lambda label: self.footnotes.call(label, line)

    def finish(self) -> Tree:
        self.tree.footnotes = self.footnotes.texts()
        return self.tree


def _designation(number: int, designation: str) -> str:
    if len(designation) > MAX_DESIGNATION:
        raise OutlineError(
            number,
            f"the designation '{designation[:30]}…' is {len(designation)} characters long; "
            f"a designation (such as A., IV. or 12.) can be at most {MAX_DESIGNATION}",
        )
    return designation


def _limited_inline(written: str, number: int, calls: FootnoteCall, what: str, limit: int) -> str:
    """``_inline`` of a line's text, refused when it is over ``limit`` characters as typed
    (checked before any parsing) or as stored, with its markup and footnote calls."""
    _refuse_over(limit, len(written), number, what, "")
    stored = _inline(written, number, calls)
    _refuse_over(limit, len(stored), number, what, " once stored with its markup")
    return stored


def _refuse_over(limit: int, length: int, number: int, what: str, how: str) -> None:
    if length > limit:
        raise OutlineError(
            number, f"{what} can be at most {limit:,} characters; this one has {length:,}{how}"
        )


def _too_deep(depth: int, open_bullets: int) -> str:
    if open_bullets == 0:
        return "this bullet is indented, but there is no bullet above it for it to belong to"
    levels = depth - (open_bullets - 1)
    return (
        f"this bullet is indented {NUMBER_WORDS.get(levels, levels)} levels deeper "
        "than the one above it; "
        "a bullet may be at most one level deeper"
    )


def _inline(text: str, line: int, footnote: FootnoteCall) -> str:
    """Sanitised inline HTML for the text of a line, through the one inline grammar."""
    try:
        return inline_html(text, footnote)
    except MarkupError as error:
        raise OutlineError(line, error.message) from error


# Writing ---------------------------------------------------------------------------


def dump(meta: dict[str, object], tree: Tree) -> str:
    """The canonical outline: front matter, the body, then every footnote numbered 1..N.

    Raises ``ValueError`` for a tree the format cannot express (an agenda item below the
    top level, anything inside a heading, a heading or agenda item inside a paragraph).
    """
    numbers = tree.defined_footnote_numbers()
    fields = front_matter.text(meta)
    blocks = [[fields]] if fields else []
    blocks += _blocks(tree.nodes, numbers, top_level=True)
    footnotes = [
        f"[^{number}]: {typed(tree.footnotes[key], {})}" for key, number in numbers.items()
    ]
    if footnotes:
        blocks.append(footnotes)
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _blocks(nodes: list[Node], numbers: dict[str, int], top_level: bool) -> list[list[str]]:
    """Lines grouped into blocks: each heading alone, each run of paragraphs together."""
    blocks: list[list[str]] = []
    previous_was_paragraph = False
    for node in nodes:
        if node.kind == PARAGRAPH:
            lines = _paragraph_lines(node, numbers, depth=0)
            if previous_was_paragraph:
                blocks[-1].extend(lines)
            else:
                blocks.append(lines)
        elif node.kind == AGENDA_ITEM and top_level:
            blocks.append([_titled_line("#", node, numbers)])
            blocks += _blocks(node.children, numbers, top_level=False)
        elif node.kind == HEADING and not node.children:
            blocks.append([_titled_line("#" * (node.level + 1), node, numbers)])
        else:
            raise ValueError(f"an outline cannot hold a {node.kind} here: {node.text!r}")
        previous_was_paragraph = node.kind == PARAGRAPH
    return blocks


def _titled_line(hashes: str, node: Node, numbers: dict[str, int]) -> str:
    if not 1 <= len(hashes) <= DEEPEST_HEADING + 1:
        raise ValueError(f"heading level {node.level} is outside 1–{DEEPEST_HEADING}")
    text = typed(node.text, numbers)
    if not node.designation:
        text = _escape_designation(text)
    return " ".join(part for part in (hashes, node.designation, text) if part)


def _paragraph_lines(node: Node, numbers: dict[str, int], depth: int) -> list[str]:
    marker = node.designation or "-"
    text = typed(node.text, numbers)
    lines = [" " * (INDENT_STEP * depth) + " ".join(part for part in (marker, text) if part)]
    for child in node.children:
        if child.kind != PARAGRAPH:
            raise ValueError(f"an outline cannot hold a {child.kind} inside a paragraph")
        lines += _paragraph_lines(child, numbers, depth + 1)
    return lines


def _escape_designation(text: str) -> str:
    """Keep a title that merely starts like "A. …" from being read as designated."""
    match = DESIGNATED.match(text)
    if not match:
        return text
    end = match.end("designation") - 1
    return f"{text[:end]}\\{text[end:]}"
