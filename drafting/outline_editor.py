"""The working draft as the editor shows it: one row per element, its text ready for a
contenteditable, fetched in two queries whatever the draft's size."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from . import inline
from .models import Element, Version
from .tree import FOOTNOTE_REF

AGENDA_ITEM, HEADING, PARAGRAPH = (
    Element.Kind.AGENDA_ITEM,
    Element.Kind.HEADING,
    Element.Kind.PARAGRAPH,
)


def editable_html(text: str, footnotes: dict[str, str]) -> SafeString:
    """Stored text made ready for a contenteditable: each footnote call becomes a marker
    the cursor steps over, titled with the footnote's text (CSS numbers the markers)."""

    def marker(match: re.Match[str]) -> str:
        key = match.group(1)
        return format_html(
            '<fn-ref data-key="{}" contenteditable="false" title="Footnote: {}"></fn-ref>',
            key,
            inline.plain_text(footnotes.get(key, "")),
        )

    return mark_safe(FOOTNOTE_REF.sub(marker, text))  # text was sanitised on save


KIND_LABEL = {AGENDA_ITEM: "Agenda item", HEADING: "Heading, level", PARAGRAPH: "Paragraph"}
PROMPT = {
    AGENDA_ITEM: "Title of the agenda item",
    HEADING: "Heading",
    PARAGRAPH: "Placeholder: type to add text",
}


def row_html(element: Element, html: SafeString, oob: bool = False) -> SafeString:
    """The editor's row for one element: drag handle, designation or bullet, editable text.

    Built here rather than in a template because the editor page repeats it for every
    element of the draft, and a template include per row costs more than the rest of the
    page together. ``oob`` marks it for htmx to swap into the page out of band.
    """
    kind = element.kind
    classes = f"row kind-{kind}" + (f" level-{element.level}" if kind == HEADING else "")
    if element.designation:
        mark = format_html('<span class="designation">{}</span>', element.designation)
    elif kind == PARAGRAPH:
        mark = mark_safe('<span class="bullet" aria-hidden="true">•</span>')
    else:
        mark = ""
    label = KIND_LABEL[kind] + (
        f" {element.level}"
        if kind == HEADING
        else f" {element.designation}"
        if element.designation
        else ""
    )
    return format_html(
        '<div class="{}" id="row-{}" data-key="{}" data-revision="{}" data-kind="{}"{}>'
        '<span class="handle" draggable="true" title="Drag to move" aria-hidden="true">⠿</span>{}'
        '<div class="text" contenteditable="true" role="textbox" spellcheck="true" aria-label="{}" '
        'data-placeholder="{}">{}</div></div>',
        classes,
        element.key,
        element.key,
        element.revision,
        kind,
        mark_safe(' hx-swap-oob="true"') if oob else "",
        mark,
        label,
        PROMPT[kind],
        html,
    )


@dataclass(frozen=True)
class Row:
    """One element in document order, with how many lists close after it."""

    element: Element
    html: SafeString
    depth: int
    has_children: bool
    closes: range

    @property
    def markup(self) -> SafeString:
        return row_html(self.element, self.html)

    @property
    def oob_markup(self) -> SafeString:
        """The row alone, for htmx to swap in out of band where the row of that id is."""
        return row_html(self.element, self.html, oob=True)


@dataclass(frozen=True)
class PaneNote:
    """A footnote as the editor's footnote pane shows it: ``number`` is None when no text
    calls it any more; ``element_key`` is the element that calls it first."""

    key: str
    number: int | None
    element_key: str | None
    html: SafeString


@dataclass
class Outline:
    """The working draft's elements and footnotes, fetched in two queries whatever its size."""

    version: Version
    children: dict[int | None, list[Element]]
    footnotes: dict[str, str]

    @classmethod
    def of(cls, version: Version) -> Outline:
        children: dict[int | None, list[Element]] = defaultdict(list)
        for element in version.elements.order_by("position", "id"):
            children[element.parent_id].append(element)
        footnotes = {str(f.key): f.text for f in version.footnotes.all()}
        return cls(version=version, children=children, footnotes=footnotes)

    def rows(self, root: Element | None = None) -> list[Row]:
        """The rows of the whole outline, or of ``root`` and its descendants."""
        start = [root] if root is not None else self.children[None]
        return list(self._rows(start, 0))

    def _rows(self, elements: list[Element], depth: int) -> Iterator[Row]:
        for element in elements:
            kids = self.children.get(element.pk, [])
            html = self.text_of(element)
            if kids:
                yield Row(element, html, depth, True, range(0))
                rows = list(self._rows(kids, depth + 1))
                # The last descendant also closes the list of this element's children.
                last = rows[-1]
                rows[-1] = dataclasses.replace(last, closes=range(len(last.closes) + 1))
                yield from rows
            else:
                yield Row(element, html, depth, False, range(0))

    def order(self) -> dict[int, int]:
        """Each element's place in document order (by id), for sorting a selection."""
        return {element.pk: index for index, element in enumerate(self.in_order())}

    def in_order(self) -> Iterator[Element]:
        """Every element in document order."""
        stack = list(reversed(self.children[None]))
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed(self.children.get(element.pk, [])))

    def footnote_pane(self) -> list[PaneNote]:
        """The footnotes, numbered in the order the text calls them, each with the element
        that calls it; a footnote no text calls any more comes last, without a number."""
        notes: dict[str, PaneNote] = {}
        for element in self.in_order():
            for key in FOOTNOTE_REF.findall(element.text):
                if key in self.footnotes and key not in notes:
                    notes[key] = PaneNote(key, len(notes) + 1, str(element.key), self._note(key))
        orphans = [PaneNote(k, None, None, self._note(k)) for k in self.footnotes if k not in notes]
        return [*notes.values(), *orphans]

    def _note(self, key: str) -> SafeString:
        return mark_safe(self.footnotes[key])  # sanitised on save

    def find(self, key: str) -> Element | None:
        for siblings in self.children.values():
            for element in siblings:
                if str(element.key) == str(key):
                    return element
        return None

    def text_of(self, element: Element) -> SafeString:
        return editable_html(element.text, self.footnotes)
