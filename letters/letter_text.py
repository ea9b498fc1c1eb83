"""The small Markdown-like text of letters and annexes, turned into sanitised inline HTML.

Blocks are separated by blank lines:

- a paragraph: any lines of text;
- a run-in heading: a block that is one line wrapped in ``**double asterisks**``;
- a list: lines starting with ``- ``;
- a table: lines starting with ``| `` and cells separated by `` | ``;
- a footnote definition: a line ``[^label]: text``, anywhere.

Inside a line: ``**bold**``, ``*italic*``, ``[text](https://…)``, ``<sup>th</sup>`` and the
footnote call ``[^label]``. Calls become ``<fn-ref data-key="SCOPE-label">`` so that footnotes
of the letter and of each annex can be numbered through the whole package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafting import inline
from drafting.tree import FOOTNOTE_REF

PARAGRAPH = "paragraph"
HEADING = "heading"
LIST = "list"
TABLE = "table"

DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$")
CALL = re.compile(r"\[\^([^\]\s]+)\]")
BOLD = re.compile(r"\*\*(.+?)\*\*")
ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
LINK = re.compile(r"\[([^\]^][^\]]*)\]\(([^)\s]+)\)")
WHOLE_LINE_BOLD = re.compile(r"^\*\*(.+)\*\*$")
DESIGNATION = re.compile(r"^(\S{1,6}\.)\s+(.+)$")


@dataclass(frozen=True)
class Block:
    """One block: ``kind`` is PARAGRAPH, HEADING, LIST or TABLE; ``parts`` holds one
    HTML string for a paragraph or heading, one per item for a list, and one list of
    cells per row for a table."""

    kind: str
    parts: tuple = ()


@dataclass(frozen=True)
class AgendaItem:
    designation: str
    html: str


@dataclass
class Text:
    """Parsed text: its blocks and the HTML of its footnotes by key."""

    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)


def to_html(line: str, scope: str) -> str:
    """One line of markup as sanitised inline HTML."""
    html = inline.sanitize(line)
    html = LINK.sub(r'<a href="\2">\1</a>', html)
    html = BOLD.sub(r"<strong>\1</strong>", html)
    html = ITALIC.sub(r"<em>\1</em>", html)
    html = CALL.sub(lambda m: f'<fn-ref data-key="{scope}-{m.group(1)}"></fn-ref>', html)
    return inline.sanitize(html)


def _split(text: str, scope: str) -> tuple[list[list[str]], dict[str, str]]:
    """Blocks of raw lines, and the footnote definitions taken out of them."""
    blocks: list[list[str]] = [[]]
    footnotes: dict[str, str] = {}
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        definition = DEFINITION.match(line)
        if definition:
            footnotes[f"{scope}-{definition.group(1)}"] = to_html(definition.group(2), scope)
        elif line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block], footnotes


def _block(lines: list[str], scope: str) -> list[Block]:
    if all(line.startswith("- ") or line == "-" for line in lines):
        return [Block(LIST, tuple(to_html(line[2:], scope) for line in lines))]
    if all(line.startswith("|") for line in lines):
        return [
            Block(
                TABLE,
                tuple(tuple(to_html(cell, scope) for cell in row_cells(line)) for line in lines),
            )
        ]
    if len(lines) == 1 and WHOLE_LINE_BOLD.match(lines[0]):
        return [Block(HEADING, (to_html(WHOLE_LINE_BOLD.match(lines[0]).group(1), scope),))]
    return [Block(PARAGRAPH, (to_html(" ".join(lines), scope),))]


def row_cells(line: str) -> list[str]:
    """The cells of one ``| a | b |`` table line."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse(text: str, scope: str) -> Text:
    """Parse letter-body markup; footnote keys are prefixed with ``scope``."""
    raw_blocks, footnotes = _split(text, scope)
    blocks = [block for lines in raw_blocks for block in _block(lines, scope)]
    return Text(blocks=blocks, footnotes=footnotes)


def parse_agenda(text: str, scope: str) -> tuple[list[AgendaItem], dict[str, str]]:
    """A draft agenda: one item per line, ``A. Title[^1]``, plus footnote definitions."""
    raw_blocks, footnotes = _split(text, scope)
    items = []
    for line in (line for lines in raw_blocks for line in lines):
        match = DESIGNATION.match(line)
        designation, title = (match.group(1), match.group(2)) if match else ("", line)
        items.append(AgendaItem(designation=designation, html=to_html(title, scope)))
    return items, footnotes


def calls_in(html_parts: list[str]) -> list[str]:
    """Footnote keys called in ``html_parts``, in order."""
    return [key for part in html_parts for key in FOOTNOTE_REF.findall(part)]


def problems(text: str) -> list[str]:
    """What a person must fix in ``text``: calls without a definition and the reverse."""
    raw_blocks, footnotes = _split(text, "x")
    called = set(CALL.findall(" ".join(line for lines in raw_blocks for line in lines)))
    defined = {key[2:] for key in footnotes}
    messages = [
        f"Footnote [^{label}] is called but has no definition line “[^{label}]: …”."
        for label in sorted(called - defined)
    ]
    messages += [
        f"Footnote [^{label}] is defined but never called in the text."
        for label in sorted(defined - called)
    ]
    return messages


def table_from_text(text: str) -> dict[str, list]:
    """A timetable typed as ``| a | b |`` lines (the first is the header) as stored JSON."""
    rows = [row_cells(line) for line in text.splitlines() if line.strip()]
    return {"header": rows[0] if rows else [], "rows": rows[1:]}


def table_to_text(table: dict[str, list]) -> str:
    """The inverse of ``table_from_text``, for editing."""
    rows = [table.get("header", [])] + list(table.get("rows", []))
    return "\n".join("| " + " | ".join(row) + " |" for row in rows if row)
