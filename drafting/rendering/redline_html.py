"""Redline rows (``redline.Redline``) written as HTML: the compare page's inline and
side-by-side views and footnotes, and the printed redline.

Marks never rely on colour: insertions are underlined, deletions struck through, each
changed row has a bar in the margin and its kind of change in words, a moved element says
where it came from, and its old place says, struck through, where it went. Labels are
words, never square brackets (in a negotiation text brackets mean disputed wording).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString

from drafting.diff import ADDED, DELETED, MODIFIED, MOVED, Change
from drafting.tree import HEADING, PARAGRAPH

from .markup import html, join
from .redline import MERGED, NEW, OLD, FootnoteRow, Redline, RedlineRow

EMPTY = html("")
EMPTY_PLACEHOLDER = html('<span class="visually-hidden">empty placeholder</span>')
KIND_LABELS = {ADDED: "Added", DELETED: "Deleted", MODIFIED: "Modified", MOVED: "Moved"}
COARSE_NOTE = "This paragraph is shown replaced whole: it is too long to compare word by word."


@dataclass(frozen=True)
class Links:
    """What the compare page's links need to know: the layer knows no URL configuration.

    ``comparison`` is the address of the whole comparison (for links from a view filtered
    to one agenda item to a row outside it); ``old_version`` the older version's page;
    ``history`` the address of an element's history by its key (None: no history links).
    """

    old_label: str
    new_label: str
    comparison: str = ""
    old_version: str = ""
    history: Callable[[str], str] | None = None
    total: int = 0


def origin_anchor(change: Change) -> str:
    """The id of the place a moved element came from."""
    return f"{change.anchor}-origin"


def _href(anchor: str, shown: set[str], links: Links) -> str:
    return f"#{anchor}" if anchor in shown else f"{links.comparison}#{anchor}"


def _shown_anchors(rows: Iterable[RedlineRow]) -> set[str]:
    anchors = set()
    for row in rows:
        if row.change is not None and row.is_origin:
            anchors.add(origin_anchor(row.change))
        elif row.change is not None and row.is_primary:
            anchors.add(row.change.anchor)
    return anchors


def _row_classes(row: RedlineRow) -> str:
    classes = f"rl-row rl-{row.kind} rl-depth-{row.depth} rl-{row.status}"
    if row.kind == HEADING:
        classes += f" rl-heading-{row.level}"
    if row.is_origin:
        classes += " rl-origin"
    return classes


def _kind_label(change: Change) -> str:
    label = KIND_LABELS[change.kind]
    return f"{label} and reworded" if change.kind == MOVED and change.text_changed else label


def _origin_mark(redline: Redline, change: Change, shown: set[str], links: Links) -> SafeString:
    """At a moved element's old place: where it went, struck through."""
    return html(
        '<p class="change-mark" id="{}"><del class="moved-to"><span class="change-kind">Moved'
        '</span> to <a href="{}">{}</a></del></p>',
        origin_anchor(change),
        _href(change.anchor, shown, links),
        redline.new_blocks[change.new_key or ""].location,
    )


def _change_mark(redline: Redline, row: RedlineRow, shown: set[str], links: Links) -> SafeString:
    """Above a changed row: the kind of change in words, where a moved element came from,
    and the way to the previous and next change and to the element's history."""
    change = row.change
    if change is None:
        return EMPTY
    if row.is_origin:
        return _origin_mark(redline, change, shown, links)
    parts = [html('<span class="change-kind">{}</span>', _kind_label(change))]
    if change.kind == MOVED and row.is_primary and change.old is not None:
        parts.append(
            html(
                '<span class="moved-from">from <a href="{}">{}</a> in <a href="{}#el-{}">{}'
                "</a></span>",
                _href(origin_anchor(change), shown, links),
                redline.old_blocks[change.old.key].location,
                links.old_version,
                change.old.key,
                links.old_label,
            )
        )
    if change.coarse:
        parts.append(html('<span class="coarse-note">{}</span>', COARSE_NOTE))
    if row.is_primary:
        parts.append(_navigation(change, links))
        return html('<p class="change-mark" id="{}">{}</p>', change.anchor, join(parts))
    return html('<p class="change-mark">{}</p>', join(parts))


def _navigation(change: Change, links: Links) -> SafeString:
    parts = [html("change {} of {}", change.number, links.total)]
    if change.number > 1:
        parts.append(html(' · <a href="#change-{}" rel="prev">previous</a>', change.number - 1))
    if change.number < links.total:
        parts.append(html(' · <a href="#change-{}" rel="next">next</a>', change.number + 1))
    if links.history is not None and change.new_key:
        parts.append(html(' · <a href="{}">history</a>', links.history(change.new_key)))
    return html('<span class="change-nav">{}</span>', join(parts))


def _text(row: RedlineRow, side: str, placeholder: SafeString = EMPTY_PLACEHOLDER) -> SafeString:
    """A row's designation and text, as the older, the newer or the merged version; an
    empty placeholder bullet as ``placeholder`` (words for screen readers on a page)."""
    designation = row.designation(side)
    text = row.text(side)
    if not text and row.is_placeholder:
        text = placeholder
    if not designation:
        return text
    return html('<span class="designation">{}</span> {}', designation, text)


def inline_html(redline: Redline, rows: Sequence[RedlineRow], links: Links) -> SafeString:
    """The inline redline: one row per element, insertions and deletions marked in place."""
    shown = _shown_anchors(rows)
    parts = []
    for row in rows:
        if row.is_origin:
            parts.append(
                html(
                    '<div class="{}">{}</div>\n',
                    _row_classes(row),
                    _change_mark(redline, row, shown, links),
                )
            )
            continue
        parts.append(
            html(
                '<div class="{}">{}<div class="rl-text">{}</div></div>\n',
                _row_classes(row),
                _change_mark(redline, row, shown, links),
                _text(row, MERGED),
            )
        )
    return join(parts)


def side_by_side_html(redline: Redline, rows: Sequence[RedlineRow], links: Links) -> SafeString:
    """Both versions in two columns, each in its own order; a blank cell where a row shows
    one version only."""
    shown = _shown_anchors(rows)
    blank_old = html('<span class="visually-hidden">not in {} here</span>', links.old_label)
    blank_new = html('<span class="visually-hidden">not in {} here</span>', links.new_label)
    parts = [
        html(
            '<div class="rl-columns rl-column-heads" aria-hidden="true"><div>{}</div>'
            "<div>{}</div></div>\n",
            links.old_label,
            links.new_label,
        )
    ]
    for row in rows:
        old_blank, new_blank = row.old is None, row.new is None
        parts.append(
            html(
                '<div class="{}">{}<div class="rl-columns"><div class="rl-old{}">{}</div>'
                '<div class="rl-new{}">{}</div></div></div>\n',
                _row_classes(row),
                _change_mark(redline, row, shown, links),
                " rl-blank" if old_blank else "",
                blank_old if old_blank else _text(row, OLD),
                " rl-blank" if new_blank else "",
                blank_new if new_blank else _text(row, NEW),
            )
        )
    return join(parts)


def footnotes_html(footnotes: Sequence[FootnoteRow], links: Links) -> SafeString:
    """The footnotes of both versions: each with its number (and the older one if it
    changed), its change in words and its text marked."""
    parts = []
    for footnote in footnotes:
        change = footnote.change
        number: object = footnote.new_number or footnote.old_number or ""
        if footnote.old_number and footnote.new_number and footnote.old_number != number:
            number = html(
                '<span title="numbered {} in {}">{}</span>',
                footnote.old_number,
                links.old_label,
                number,
            )
        parts.append(
            html(
                '<li class="rl-row rl-{}"{}><span class="fn-number">{}</span> {}{}</li>\n',
                change.kind if change else "unchanged",
                html(' id="{}"', change.anchor) if change else "",
                number,
                html('<span class="change-kind">{} footnote</span> ', KIND_LABELS[change.kind])
                if change
                else "",
                footnote.html,
            )
        )
    return join(parts)


def print_html(redline: Redline, rows: Sequence[RedlineRow]) -> SafeString:
    """The redline for print (``static/print/print.css``): the kind of change as a word in
    the margin, a moved element's old place struck through, footnotes as the numbering of
    the rows makes them."""
    parts = []
    for row in rows:
        change = row.change
        classes = f"row {row.kind} depth-{row.depth}"
        if row.kind == HEADING:
            classes += f" level-{row.level}"
        if change is not None:
            classes += f" changed {change.kind}" + (" origin" if row.is_origin else "")
        margin = (
            html('<span class="margin-note">{}</span>', _kind_label(change)) if change else EMPTY
        )
        if row.is_origin:
            assert change is not None
            where = redline.new_blocks[change.new_key or ""].location
            body = html('<del class="moved-note">Moved to {}</del>', where)
        else:
            moved = (
                html(
                    '<span class="moved-note">Moved from {}.</span> ',
                    redline.old_blocks[change.old.key].location,
                )
                if change is not None and change.kind == MOVED and change.old is not None
                else EMPTY
            )
            bullet = html('<span class="bullet">•</span> ') if row.kind == PARAGRAPH else EMPTY
            body = html("{}{}{}", moved, bullet, _text(row, MERGED, placeholder=EMPTY))
        parts.append(html('<div class="{}">{}{}</div>\n', classes, margin, body))
    return join(parts)
