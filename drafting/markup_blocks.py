"""Blocks of typed text, as letters and annexes hold them, on the inline grammar of ``markup``.

Blocks are separated by blank lines:

- a paragraph: any lines of text, read as one line;
- a run-in heading: a block of one line that is wholly ``**strong**``;
- a list: lines starting with ``- `` (a bare ``-`` is an empty item);
- a table: lines starting with ``|``, cells separated by ``|``;
- a footnote definition: a line ``[^label]: text``, anywhere; it is not part of a block.

Every piece of text inside goes through ``markup.parse_inline``; footnote labels become keys
through the caller's ``key``. Problems name the line they are on. No ORM in here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .markup import (
    FOOTNOTE_LABEL,
    FootnoteCall,
    Inline,
    MarkupError,
    inline_html,
    no_footnote_calls,
    parse_inline,
)

PARAGRAPH = "paragraph"
HEADING = "heading"
LIST = "list"
TABLE = "table"

DEFINITION = re.compile(rf"\[\^(?P<label>{FOOTNOTE_LABEL})\]:(?: +(?P<text>.*))?$")
WHOLE_STRONG = re.compile(r"<strong>(?P<inner>(?:(?!</strong>).)*)</strong>", re.DOTALL)
LIST_MARK = "-"
TABLE_MARK = "|"


@dataclass(frozen=True)
class Line:
    """One non-blank line of a text, stripped, with its number (from 1)."""

    number: int
    text: str


@dataclass(frozen=True)
class Block:
    """One block: ``kind`` is PARAGRAPH, HEADING, LIST or TABLE; ``parts`` holds one
    HTML string for a paragraph or heading, one per item for a list, and one tuple of
    cells per row for a table."""

    kind: str
    parts: tuple[str | tuple[str, ...], ...] = ()


@dataclass
class Source:
    """A text split into blocks of lines, its footnote definitions (label → line) taken out."""

    blocks: list[list[Line]] = field(default_factory=list)
    definitions: dict[str, Line] = field(default_factory=dict)


def split(text: str) -> Source:
    """Blocks of lines, separated by blank lines, and the footnote definitions among them."""
    source = Source(blocks=[[]])
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        stripped = raw.strip()
        definition = DEFINITION.match(stripped)
        if definition:
            source.definitions[definition["label"]] = Line(number, definition["text"] or "")
        elif stripped:
            source.blocks[-1].append(Line(number, stripped))
        elif source.blocks[-1]:
            source.blocks.append([])
    source.blocks = [block for block in source.blocks if block]
    return source


class Reader:
    """Reads the pieces of one text through the inline grammar; remembers the footnotes it
    calls and the problems it meets, each with its line. With ``refuse_early`` it only looks
    for problems, the first of each piece, as soon as it is certain, and keeps no HTML."""

    def __init__(self, key: Callable[[str], str], refuse_early: bool = False) -> None:
        self.key = key
        self.refuse_early = refuse_early
        self.called: list[str] = []
        self.found: list[tuple[int, str]] = []

    def html(self, text: str, line: int) -> str:
        """Stored HTML of a piece of text that starts on ``line``."""
        return self._read(text, line, self._call)

    def footnotes(self, source: Source) -> dict[str, str]:
        """Stored HTML of each footnote definition, by key."""
        return {
            self.key(label): self._read(line.text, line.number, no_footnote_calls)
            for label, line in source.definitions.items()
        }

    @property
    def problems(self) -> list[str]:
        """The problems met so far, in the order of their lines, each once."""
        lines = dict.fromkeys(f"Line {line}: {problem}." for line, problem in sorted(self.found))
        return list(lines)

    def _read(self, text: str, line: int, footnote: FootnoteCall) -> str:
        read = _refused_early(text, footnote) if self.refuse_early else parse_inline(text, footnote)
        self.found += [(line, problem) for problem in read.problems]
        return read.html

    def _call(self, label: str) -> str:
        self.called.append(label)
        return self.key(label)


def _refused_early(text: str, footnote: FootnoteCall) -> Inline:
    try:
        return Inline(html=inline_html(text, footnote), problems=())
    except MarkupError as error:
        return Inline(html="", problems=(error.message,))


@dataclass
class Text:
    """A text read into blocks: its blocks, the HTML of its footnotes by key, and what a
    person must fix in it."""

    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def parse(text: str, key: Callable[[str], str], refuse_early: bool = False) -> Text:
    """Read ``text`` into blocks; ``key`` turns a footnote label into its key. With
    ``refuse_early``, only the problems are meant to be used (see ``Reader``)."""
    source = split(text)
    reader = Reader(key, refuse_early)
    blocks = [_block(lines, reader) for lines in source.blocks]
    footnotes = reader.footnotes(source)
    problems = reader.problems + footnote_problems(reader.called, source.definitions)
    return Text(blocks=blocks, footnotes=footnotes, problems=problems)


def _block(lines: list[Line], reader: Reader) -> Block:
    if all(line.text == LIST_MARK or line.text.startswith(LIST_MARK + " ") for line in lines):
        return Block(LIST, tuple(reader.html(line.text[2:], line.number) for line in lines))
    if all(line.text.startswith(TABLE_MARK) for line in lines):
        rows = (
            tuple(reader.html(cell, line.number) for cell in row_cells(line.text)) for line in lines
        )
        return Block(TABLE, tuple(rows))
    html = reader.html(" ".join(line.text for line in lines), lines[0].number)
    heading = WHOLE_STRONG.fullmatch(html)
    if len(lines) == 1 and heading:
        return Block(HEADING, (heading["inner"],))
    return Block(PARAGRAPH, (html,))


def row_cells(line: str) -> list[str]:
    """The cells of one ``| a | b |`` table line."""
    return [cell.strip() for cell in line.strip().strip(TABLE_MARK).split(TABLE_MARK)]


def footnote_problems(called: list[str], definitions: dict[str, Line]) -> list[str]:
    """Calls without a definition and definitions without a call, in plain words."""
    messages = [
        f"Footnote [^{label}] is called but has no definition line “[^{label}]: …”."
        for label in sorted(set(called) - set(definitions))
    ]
    messages += [
        f"Footnote [^{label}] is defined but never called in the text."
        for label in sorted(set(definitions) - set(called))
    ]
    return messages
