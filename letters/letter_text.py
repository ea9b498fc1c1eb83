"""The text of letters and annexes, read by the one grammar of typed text.

Blocks (paragraphs, run-in headings, lists, tables, footnote definitions) are those of
``drafting.markup_blocks``; inside a line, the rules are those of ``drafting.markup``, as in
outlines and proposals. Footnote calls ``[^label]`` become ``<fn-ref data-key="SCOPE-label">``
so that footnotes of the letter and of each annex can be numbered through the whole package.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafting import markup, markup_blocks
from drafting.change_summary import change_summary
from drafting.diff import compare
from drafting.markup import parse_inline
from drafting.markup_blocks import HEADING, LIST, PARAGRAPH, TABLE, Block, Text, row_cells
from drafting.tree import FOOTNOTE_REF

if TYPE_CHECKING:
    from drafting.models import Version

__all__ = ["HEADING", "LIST", "PARAGRAPH", "TABLE", "Block", "Text", "row_cells"]

DESIGNATION = re.compile(r"^(\S{1,6}\.)\s+(.+)$")


@dataclass(frozen=True)
class AgendaItem:
    designation: str
    html: str


def scoped(scope: str) -> Callable[[str], str]:
    """Footnote label → key, for the footnotes of one letter or annex."""
    return lambda label: f"{scope}-{label}"


def to_html(line: str, scope: str) -> str:
    """One line of markup as sanitised inline HTML (an unpaired asterisk stays literal)."""
    return parse_inline(line, scoped(scope)).html


def parse(text: str, scope: str) -> Text:
    """Parse letter-body markup; footnote keys are prefixed with ``scope``."""
    return markup_blocks.parse(text, scoped(scope))


def read_agenda(
    text: str, scope: str, refuse_early: bool = False
) -> tuple[list[AgendaItem], dict[str, str], list[str]]:
    """A draft agenda: one item per line, ``A. Title[^1]``, plus footnote definitions; with
    the problems a person must fix in it (see ``markup_blocks.Reader`` for ``refuse_early``)."""
    source = markup_blocks.split(text)
    reader = markup_blocks.Reader(scoped(scope), refuse_early)
    items = []
    for line in (line for lines in source.blocks for line in lines):
        match = DESIGNATION.match(line.text)
        designation, title = (match.group(1), match.group(2)) if match else ("", line.text)
        items.append(AgendaItem(designation=designation, html=reader.html(title, line.number)))
    footnotes = reader.footnotes(source)
    problems = reader.problems + markup_blocks.footnote_problems(reader.called, source.definitions)
    return items, footnotes, problems


def parse_agenda(text: str, scope: str) -> tuple[list[AgendaItem], dict[str, str]]:
    """A draft agenda's items and the HTML of its footnotes by key."""
    items, footnotes, _problems = read_agenda(text, scope)
    return items, footnotes


def calls_in(html_parts: list[str]) -> list[str]:
    """Footnote keys called in ``html_parts``, in order."""
    return [key for part in html_parts for key in FOOTNOTE_REF.findall(part)]


def problems(text: str, agenda: bool = False) -> list[str]:
    """What a person must fix in a letter body or an annex text (an agenda if ``agenda``):
    asterisks that pair with nothing, calls without a definition and the reverse."""
    if agenda:
        return read_agenda(text, "x", refuse_early=True)[2]
    return markup_blocks.parse(text, scoped("x"), refuse_early=True).problems


def line_problems(text: str) -> list[str]:
    """What a person must fix in text typed on one line, such as the printed date."""
    reader = markup_blocks.Reader(scoped("x"), refuse_early=True)
    reader.html(text, 1)
    return [problem for _line, problem in reader.found]


def table_problems(text: str) -> list[str]:
    """What a person must fix in the cells of a timetable typed as ``| a | b |`` lines."""
    reader = markup_blocks.Reader(scoped("x"), refuse_early=True)
    for number, line in enumerate(text.splitlines(), start=1):
        for cell in row_cells(line) if line.strip() else []:
            reader.html(cell, number)
    return reader.problems


def typed(plain: str) -> str:
    """Plain text as a person would type it here: characters that would read as markup
    (asterisks, backslashes, ``<``, ``[^``) escaped, so that it reads back as it is."""
    return markup.typed(html.escape(plain, quote=False), {})


def summary_of_changes(old: Version, new: Version) -> str:
    """The drafted paragraph of ``drafting.change_summary`` from ``old`` to ``new`` (two
    versions), typed, as the start of a letter's body."""
    old_tree, new_tree = old.tree(), new.tree()
    summary = change_summary(
        compare(old_tree, new_tree), old_tree, new_tree, old.label, new.label, old_date=old.date
    )
    return typed(summary.text)


def table_from_text(text: str) -> dict[str, list]:
    """A timetable typed as ``| a | b |`` lines (the first is the header) as stored JSON."""
    rows = [row_cells(line) for line in text.splitlines() if line.strip()]
    return {"header": rows[0] if rows else [], "rows": rows[1:]}


def table_to_text(table: dict[str, list]) -> str:
    """The inverse of ``table_from_text``, for editing."""
    rows = [table.get("header", [])] + list(table.get("rows", []))
    return "\n".join("| " + " | ".join(row) + " |" for row in rows if row)
