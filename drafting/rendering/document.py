"""A version as HTML: the reading page's document and the printed annex, from ``blocks``.

Both are written in one pass over the rows, opening and closing lists and sections as the
rows say, so no template is included per element and any nesting depth renders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from drafting.tree import AGENDA_ITEM, HEADING, Tree

from .blocks import ITEM, LIST, SECTION, Block
from .markup import Numbering, html, inline_html, join

EMPTY = html("")
_CLOSERS = {ITEM: html("</li>\n"), LIST: html("</ul>\n"), SECTION: html("</section>\n")}
_EMPTY_PLACEHOLDER = html('<span class="visually-hidden">empty placeholder</span>')

# How one output writes the opening of a row, given the row and its text as HTML.
Opening = Callable[[Block, SafeString], SafeString]


@dataclass(frozen=True)
class _Style:
    """How one output writes each kind of row and opens a list."""

    agenda_item: Opening
    heading: Opening
    paragraph: Opening
    open_list: SafeString


def _designation(block: Block, after: str = " ") -> SafeString:
    if not block.designation:
        return EMPTY
    return html('<span class="designation">{}</span>{}', block.designation, after)


def _web_paragraph(block: Block, text: SafeString) -> SafeString:
    if block.is_placeholder:
        return html('<li id="el-{}" class="placeholder">{}', block.key, _EMPTY_PLACEHOLDER)
    css = html(' class="numbered"') if block.designation else EMPTY
    return html('<li id="el-{}"{}>{}{}', block.key, css, _designation(block), text)


def _print_paragraph(block: Block, text: SafeString) -> SafeString:
    if block.is_placeholder:
        return html('<li class="placeholder">&nbsp;')
    return html("<li>{}{}", _designation(block), text)


READING = _Style(
    agenda_item=lambda block, text: html(
        '<section class="agenda-item" aria-labelledby="el-{0}">\n'
        '<h2 class="agenda-item-title" id="el-{0}">{1}<span class="text">{2}</span></h2>\n',
        block.key,
        _designation(block),
        text,
    ),
    heading=lambda block, text: html(
        '<h{0} class="heading heading-{1}" id="el-{2}">{3}{4}</h{0}>\n',
        block.level + 2,
        block.level,
        block.key,
        _designation(block),
        text,
    ),
    paragraph=_web_paragraph,
    open_list=html("<ul>"),
)

PRINT = _Style(
    agenda_item=lambda block, text: html(
        '<section class="agenda-item">\n<h3 class="item-title">{}<span class="item-text">{}'
        "</span></h3>\n",
        _designation(block, after=""),
        text,
    ),
    heading=lambda block, text: html(
        '<h4 class="heading level-{}">{}{}</h4>\n', block.level, _designation(block), text
    ),
    paragraph=_print_paragraph,
    open_list=html('<ul class="bullets">'),
)


def reading_html(rows: Iterable[Block], numbering: Numbering) -> SafeString:
    """The document as the reading page shows it: agenda items as sections, headings,
    nested bullet lists, each element with the id ``el-<key>`` that links point to."""
    return _write(rows, numbering, READING)


def print_html(rows: Iterable[Block], numbering: Numbering) -> SafeString:
    """The document as it is printed in an annex (``static/print/print.css``)."""
    return _write(rows, numbering, PRINT)


def _write(rows: Iterable[Block], numbering: Numbering, style: _Style) -> SafeString:
    parts: list[SafeString] = []
    for block in rows:
        if block.opens_list:
            parts.append(style.open_list)
        text = inline_html(block.text, numbering)
        if block.kind == AGENDA_ITEM:
            parts.append(style.agenda_item(block, text))
        elif block.kind == HEADING:
            parts.append(style.heading(block, text))
        else:
            parts.append(style.paragraph(block, text))
        parts.extend(_CLOSERS[closer] for closer in block.closes)
    return join(parts)


@dataclass(frozen=True)
class FootnoteEntry:
    number: int
    key: str
    html: SafeString


def footnote_list(tree: Tree, numbers: dict[str, int], numbering: Numbering) -> list[FootnoteEntry]:
    """The footnotes of a version in number order, for a list at the end of a page."""
    return [
        FootnoteEntry(number, key, inline_html(tree.footnotes[key], numbering))
        for key, number in sorted(numbers.items(), key=lambda item: item[1])
        if key in tree.footnotes
    ]
