"""Editing the working draft: the outline as the editor shows it, and each change to it.

Every change is a small action: built with its inputs, ``check()`` lists in plain words what
stands in its way (an empty list means it may go ahead) and ``execute()`` applies it in one
transaction, through ``Element.record`` so that history keeps who did it and why, and
returns an ``Outcome`` saying which part of the outline to show again. Positions among
siblings are always renumbered 0, 1, 2 … in one bulk update.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Min
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from . import inline
from .actions import ActionRefused
from .models import Element, Footnote, Version
from .tree import FOOTNOTE_REF

AGENDA_ITEM, HEADING, PARAGRAPH = (
    Element.Kind.AGENDA_ITEM,
    Element.Kind.HEADING,
    Element.Kind.PARAGRAPH,
)
MAX_HEADING_LEVEL = 3
BRACKETS = re.compile(r"[\[\]]")


# The outline as the editor shows it ----------------------------------------------------


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
        mark = mark_safe('<span class="bullet" aria-hidden="true">–</span>')
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

    def find(self, key: str) -> Element | None:
        for siblings in self.children.values():
            for element in siblings:
                if str(element.key) == str(key):
                    return element
        return None

    def text_of(self, element: Element) -> SafeString:
        return editable_html(element.text, self.footnotes)


def history_cursor(version: Version) -> str:
    """The newest element and footnote history ids of ``version``, as "E.F"."""
    element = Element.history.filter(version_id=version.pk).aggregate(m=Max("history_id"))["m"]
    footnote = Footnote.history.filter(version_id=version.pk).aggregate(m=Max("history_id"))["m"]
    return f"{element or 0}.{footnote or 0}"


# The reasons edits of the text alone are recorded with; any other change to an element
# (added, deleted, moved, indented, made a heading, reverted …) may change the outline's shape.
TEXT_ONLY = frozenset(
    {
        "edited the text",
        "bracketed the text",
        "removed brackets",
        "added a footnote",
        "removed a footnote",
    }
)


@dataclass(frozen=True)
class ChangesSince:
    """What others changed in the working draft after a history cursor ("E.F": the last
    element and footnote history ids seen).

    ``structural`` is true when the outline's shape may have changed, and the editor then
    takes the whole outline; otherwise ``keys`` are the elements whose text or footnotes
    changed. Changes by ``user`` are left out (their editor already shows them), but the
    new cursor moves past them.
    """

    cursor: str
    keys: frozenset[str]
    structural: bool

    @classmethod
    def find(cls, version: Version, cursor: str, user) -> ChangesSince:
        element_since, footnote_since = _parse_cursor(cursor)
        rows = list(
            Element.history.filter(version_id=version.pk, history_id__gt=element_since).values(
                "history_id", "key", "history_type", "history_change_reason", "history_user_id"
            )
        )
        notes = list(
            Footnote.history.filter(version_id=version.pk, history_id__gt=footnote_since).values(
                "history_id", "element_id", "history_user_id"
            )
        )
        new_cursor = (
            f"{max([r['history_id'] for r in rows], default=element_since)}."
            f"{max([n['history_id'] for n in notes], default=footnote_since)}"
        )
        rows = [r for r in rows if r["history_user_id"] != user.pk]
        notes = [n for n in notes if n["history_user_id"] != user.pk]
        structural = any(
            r["history_type"] != "~" or r["history_change_reason"] not in TEXT_ONLY for r in rows
        )
        keys = {str(r["key"]) for r in rows}
        if notes and not structural:
            called_from = {n["element_id"] for n in notes}
            keys |= {
                str(k)
                for k in Element.objects.filter(pk__in=called_from).values_list("key", flat=True)
            }
        return cls(new_cursor, frozenset(keys), structural)


def _parse_cursor(cursor: str) -> tuple[int, int]:
    try:
        element, footnote = (int(part) for part in cursor.split("."))
    except ValueError:
        return 0, 0
    return element, footnote


# Changes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What an edit changed: ``refresh`` is the element whose subtree to show again (None
    for the whole outline); ``focus`` the element to put the cursor in afterwards."""

    refresh: Element | None
    focus: Element | None = None
    undo: str = ""


@dataclass
class Edit:
    """The shape every change shares; subclasses fill in ``problems()`` and ``apply()``."""

    element: Element
    user: object
    errors: list[str] = field(default_factory=list, init=False)

    def problems(self) -> list[str]:
        return []

    def check(self) -> list[str]:
        if self.element.version.is_issued:
            self.errors = ["This version has been issued and can no longer be changed."]
        else:
            self.errors = self.problems()
        return self.errors

    @transaction.atomic
    def execute(self) -> Outcome:
        # Lock the row and re-read its revision inside the transaction, so that of two
        # saves arriving together the second sees the first and is refused as stale.
        self.element.revision = (
            Element.objects.select_for_update()
            .values_list("revision", flat=True)
            .get(pk=self.element.pk)
        )
        if self.check():
            raise ActionRefused(self.errors)
        return self.apply()

    def apply(self) -> Outcome:
        raise NotImplementedError

    # Shared steps ---------------------------------------------------------------------

    def siblings(self, parent: Element | None) -> list[Element]:
        return list(
            Element.objects.filter(version_id=self.element.version_id, parent=parent).order_by(
                "position", "id"
            )
        )

    def parent(self) -> Element | None:
        return self.element.parent if self.element.parent_id else None

    @staticmethod
    def renumber(*sibling_lists: list[Element]) -> None:
        """Positions 0, 1, 2 … in each list, written in one bulk update."""
        changed = []
        for siblings in sibling_lists:
            for position, element in enumerate(siblings):
                if element.position != position:
                    element.position = position
                    changed.append(element)
        if changed:
            Element.objects.bulk_update(changed, ["position"])


@dataclass
class SaveText(Edit):
    """Save what someone typed, unless it was typed over a text that has changed since."""

    text: str = ""
    base_revision: int = 0

    @property
    def is_stale(self) -> bool:
        return self.base_revision != self.element.revision

    def problems(self) -> list[str]:
        if self.is_stale:
            return ["Someone else changed this text after you started editing it."]
        return []

    def apply(self) -> Outcome:
        self.element.record(self.user, "edited the text", text=self.text)
        return Outcome(refresh=self.element)


@dataclass
class Place(Edit):
    """Move an element (with everything under it) to ``index`` among ``new_parent``'s children."""

    new_parent: Element | None = None
    index: int = 0
    reason: str = "moved"

    def problems(self) -> list[str]:
        parent, kind = self.new_parent, self.element.kind
        if kind == AGENDA_ITEM and parent is not None:
            return ["An agenda item stays at the top level of the document."]
        if parent is None:
            return []
        if parent.kind == HEADING:
            return ["A heading has no paragraphs under it; place the paragraph after the heading."]
        if parent.kind == PARAGRAPH and kind != PARAGRAPH:
            return ["Only paragraphs can sit under a paragraph."]
        if parent.version_id != self.element.version_id:
            return ["That place is in another version."]
        if self._inside_itself(parent):
            return ["An element cannot be moved inside itself."]
        return []

    def _inside_itself(self, parent: Element) -> bool:
        parents = dict(
            Element.objects.filter(version_id=self.element.version_id).values_list(
                "id", "parent_id"
            )
        )
        current: int | None = parent.pk
        while current is not None:
            if current == self.element.pk:
                return True
            current = parents.get(current)
        return False

    def apply(self) -> Outcome:
        old_parent = self.parent()
        old = [e for e in self.siblings(old_parent) if e.pk != self.element.pk]
        same = _same(old_parent, self.new_parent)
        new = old if same else self.siblings(self.new_parent)
        index = max(0, min(self.index, len(new)))
        new.insert(index, self.element)
        self.element.position = index  # recorded below with the new parent
        self.renumber(*([new] if same else [old, new]))
        self.element.record(self.user, self.reason, parent=self.new_parent, position=index)
        return Outcome(refresh=_common(old_parent, self.new_parent), focus=self.element)


def _same(a: Element | None, b: Element | None) -> bool:
    return (a.pk if a else None) == (b.pk if b else None)


def _common(old_parent: Element | None, new_parent: Element | None) -> Element | None:
    """The element whose subtree holds both places (None: the whole outline)."""
    if _same(old_parent, new_parent):
        return old_parent
    for candidate, other in ((old_parent, new_parent), (new_parent, old_parent)):
        node = other
        while node is not None:
            if candidate is not None and node.pk == candidate.pk:
                return candidate
            node = node.parent if node.parent_id else None
    return None


def indent(element: Element, user) -> Edit:
    """Tab: a paragraph goes under the paragraph before it; a heading goes one level down."""
    if element.kind == HEADING:
        return ChangeLevel(element, user, step=1)
    siblings = Edit(element, user).siblings(element.parent if element.parent_id else None)
    index = [e.pk for e in siblings].index(element.pk)
    if element.kind == AGENDA_ITEM:
        return Refused(
            element, user, reason="An agenda item stays at the top level of the document."
        )
    if index == 0:
        return Refused(
            element, user, reason="There is no paragraph before this one to indent it under."
        )
    before = siblings[index - 1]
    return Place(element, user, new_parent=before, index=before.children.count(), reason="indented")


def outdent(element: Element, user) -> Edit:
    """Shift+Tab: an element goes out of its parent, just after it; a heading goes one level up."""
    if element.kind == HEADING:
        return ChangeLevel(element, user, step=-1)
    if not element.parent_id:
        return Refused(element, user, reason="This is already at the top level of the document.")
    parent = element.parent
    grandparent = parent.parent if parent.parent_id else None
    return Place(
        element, user, new_parent=grandparent, index=parent.position + 1, reason="outdented"
    )


def move_by(element: Element, user, step: int) -> Edit:
    """Alt+Up / Alt+Down: swap places with the sibling before or after."""
    index = element.position + step
    count = Element.objects.filter(
        version_id=element.version_id, parent_id=element.parent_id
    ).count()
    if not 0 <= index < count:
        where = "first" if step < 0 else "last"
        return Refused(element, user, reason=f"This is already the {where} in its list.")
    parent = element.parent if element.parent_id else None
    return Place(
        element,
        user,
        new_parent=parent,
        index=index,
        reason="moved up" if step < 0 else "moved down",
    )


def move_to(element: Element, user, target: Element, placement: str) -> Edit:
    """Drag and drop: put ``element`` before, after or inside (as last child of) ``target``."""
    if placement == "inside":
        return Place(
            element, user, new_parent=target, index=target.children.count(), reason="moved"
        )
    parent = target.parent if target.parent_id else None
    index = target.position + (1 if placement == "after" else 0)
    if _same(parent, element.parent if element.parent_id else None) and element.position < index:
        index -= 1  # the element leaves its old place first
    return Place(element, user, new_parent=parent, index=index, reason="moved")


@dataclass
class Refused(Edit):
    """A change that cannot be made, with the reason in plain words."""

    reason: str = ""

    def problems(self) -> list[str]:
        return [self.reason]


@dataclass
class ChangeLevel(Edit):
    """Make a heading one level lower (``step`` 1) or higher (``step`` -1)."""

    step: int = 1

    def problems(self) -> list[str]:
        level = self.element.level + self.step
        if level < 1:
            return ["This heading is already at the highest level."]
        if level > MAX_HEADING_LEVEL:
            return [f"Headings go down to level {MAX_HEADING_LEVEL}."]
        return []

    def apply(self) -> Outcome:
        self.element.record(
            self.user, "changed the heading level", level=self.element.level + self.step
        )
        return Outcome(refresh=self.element, focus=self.element)


@dataclass
class AddParagraph(Edit):
    """A new paragraph after the element (or first under an agenda item), holding ``text``:
    empty, or the part of a paragraph after the cursor when Enter splits it.

    An empty paragraph is a placeholder bullet ("–") that invites more input.
    """

    reason: str = "added a paragraph"
    text: str = ""

    def apply(self) -> Outcome:
        if self.element.kind == AGENDA_ITEM:
            parent, index = self.element, 0
        else:
            parent, index = self.parent(), self.element.position + 1
        siblings = self.siblings(parent)
        paragraph = Element(
            version_id=self.element.version_id,
            parent=parent,
            position=index,
            kind=PARAGRAPH,
            text=self.text,
        )
        paragraph.record(self.user, self.reason)
        siblings.insert(index, paragraph)
        self.renumber(siblings)
        return Outcome(refresh=parent, focus=paragraph)


@dataclass
class AddAgendaItem(Edit):
    """A new agenda item after the one the element belongs to, designated next in sequence."""

    def apply(self) -> Outcome:
        item = self.element
        while item.parent_id:
            item = item.parent
        top = self.siblings(None)
        index = item.position + 1
        designations = [e.designation for e in top[:index] if e.kind == AGENDA_ITEM]
        new = Element(
            version_id=item.version_id,
            position=index,
            kind=AGENDA_ITEM,
            designation=next_designation(designations[-1] if designations else ""),
        )
        new.record(self.user, "added an agenda item")
        top.insert(index, new)
        self.renumber(top)
        return Outcome(refresh=None, focus=new)


ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
ROMAN_NUMERAL = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")


def _to_roman(number: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _from_roman(text: str) -> int:
    return next(v for v in range(1, 40) if _to_roman(v) == text)


def next_designation(previous: str) -> str:
    """The designation after ``previous`` in its own style: "B." → "C.", "IV." → "V.",
    "ii." → "iii.", "3." → "4."; "A." when there is none before. A lone "I." reads as
    a Roman numeral."""
    stem = previous.rstrip(".")
    dot = "." if previous.endswith(".") else ""
    if stem.isdigit():
        return f"{int(stem) + 1}{dot}"
    if stem and ROMAN_NUMERAL.match(stem.upper()) and (stem.isupper() or stem.islower()):
        following = _to_roman(_from_roman(stem.upper()) + 1)
        return (following if stem.isupper() else following.lower()) + dot
    if len(stem) == 1 and stem.isalpha() and stem not in "zZ":
        return chr(ord(stem) + 1) + dot
    return "A."


@dataclass
class ToggleHeading(Edit):
    """Turn a paragraph into a heading (level 1) or a heading back into a paragraph."""

    def problems(self) -> list[str]:
        if self.element.kind == AGENDA_ITEM:
            return ["An agenda item cannot become a heading."]
        if self.element.kind == PARAGRAPH and self.element.children.exists():
            return ["Move the paragraphs under this one out first: a heading has nothing under it."]
        return []

    def apply(self) -> Outcome:
        if self.element.kind == HEADING:
            self.element.record(self.user, "made it a paragraph", kind=PARAGRAPH, level=0)
        else:
            self.element.record(self.user, "made it a heading", kind=HEADING, level=1)
        return Outcome(refresh=self.element, focus=self.element)


@dataclass
class Bracket(Edit):
    """Put the whole text in square brackets (not agreed), or take every bracket out."""

    remove: bool = False

    def problems(self) -> list[str]:
        text = self.element.text
        if self.remove and not BRACKETS.search(text):
            return ["This text has no brackets to remove."]
        if not self.remove and not text.strip():
            return ["There is no text to bracket yet."]
        return []

    def apply(self) -> Outcome:
        text = self.element.text
        if self.remove:
            self.element.record(self.user, "removed brackets", text=BRACKETS.sub("", text))
        else:
            self.element.record(self.user, "bracketed the text", text=f"[{text}]")
        return Outcome(refresh=self.element, focus=self.element)


@dataclass
class Delete(Edit):
    """Delete an element and everything under it; ``Outcome.undo`` brings it all back.

    The undo token names the history rows the deletion wrote ("first-last" history ids), so
    undo works from the history itself, even after a reload.
    """

    def apply(self) -> Outcome:
        parent = self.parent()
        before = Element.history.aggregate(m=Max("history_id"))["m"] or 0
        ids = _subtree_ids(self.element)
        Element.objects.filter(pk__in=ids).delete()
        rows = Element.history.filter(history_type="-", id__in=ids, history_id__gt=before)
        rows.update(history_user=self.user, history_change_reason="deleted")
        span = rows.aggregate(first=Min("history_id"), last=Max("history_id"))
        self.renumber(self.siblings(parent))
        return Outcome(refresh=parent, undo=f"{span['first']}-{span['last']}")


def _subtree_ids(element: Element) -> list[int]:
    parents = Element.objects.filter(version_id=element.version_id).values_list("id", "parent_id")
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent in parents:
        children[parent].append(pk)
    ids, queue = [], [element.pk]
    while queue:
        pk = queue.pop()
        ids.append(pk)
        queue.extend(children[pk])
    return ids


@dataclass
class Restore:
    """Undo a deletion: put the deleted element and its subtree back where they were,
    with their footnotes; recorded in history as restored."""

    version: Version
    user: object
    token: str
    errors: list[str] = field(default_factory=list, init=False)

    def _rows(self) -> list:
        try:
            first, last = (int(part) for part in self.token.split("-"))
        except ValueError:
            return []
        return list(
            Element.history.filter(
                version_id=self.version.pk, history_type="-", history_id__range=(first, last)
            ).order_by("history_id")
        )

    def check(self) -> list[str]:
        self.rows = self._rows()
        self.errors = []
        if not self.rows:
            self.errors = ["There is nothing to undo."]
        elif Element.objects.filter(pk__in=[r.id for r in self.rows]).exists():
            self.errors = ["This has already been restored."]
        elif (
            self._top().parent_id and not Element.objects.filter(pk=self._top().parent_id).exists()
        ):
            self.errors = ["The place it was deleted from no longer exists."]
        return self.errors

    def _top(self):
        ids = {r.id for r in self.rows}
        return next(r for r in self.rows if r.parent_id not in ids)

    @transaction.atomic
    def execute(self) -> Outcome:
        if self.check():
            raise ActionRefused(self.errors)
        top = self._top()
        by_depth = sorted(self.rows, key=lambda r: _depth(r, {x.id: x for x in self.rows}))
        elements = [r.instance for r in by_depth]
        Element.objects.bulk_create(elements)
        Element.history.bulk_history_create(
            elements, default_user=self.user, default_change_reason="restored"
        )
        self._restore_footnotes([e.pk for e in elements])
        restored = next(e for e in elements if e.pk == top.id)
        parent = restored.parent if restored.parent_id else None
        siblings = [
            e
            for e in Element.objects.filter(version=self.version, parent=parent).order_by(
                "position", "id"
            )
            if e.pk != restored.pk
        ]
        siblings.insert(min(top.position, len(siblings)), restored)
        Edit.renumber(siblings)
        return Outcome(refresh=parent, focus=restored)

    def _restore_footnotes(self, element_ids: list[int]) -> None:
        latest = {}
        for row in Footnote.history.filter(history_type="-", element_id__in=element_ids).order_by(
            "-history_id"
        ):
            latest.setdefault(row.id, row)
        called = set()
        for element in Element.objects.filter(pk__in=element_ids).only("text"):
            called.update(FOOTNOTE_REF.findall(element.text))
        notes = [row.instance for row in latest.values() if str(row.key) in called]
        existing = set(Footnote.objects.filter(version=self.version).values_list("key", flat=True))
        notes = [n for n in notes if n.key not in existing]
        if notes:
            Footnote.objects.bulk_create(notes)
            Footnote.history.bulk_history_create(
                notes, default_user=self.user, default_change_reason="restored"
            )


def _depth(row, rows: dict) -> int:
    depth = 0
    while row.parent_id in rows:
        row, depth = rows[row.parent_id], depth + 1
    return depth


# Footnotes -----------------------------------------------------------------------------


@dataclass
class AddFootnote(SaveText):
    """Save the text with a new footnote call in it, and the footnote it calls."""

    key: str = ""
    footnote_text: str = ""

    def problems(self) -> list[str]:
        problems = super().problems()
        if not inline.plain_text(inline.sanitize(self.footnote_text)).strip():
            problems.append("Write the footnote's text.")
        try:
            uuid.UUID(self.key)
        except ValueError:
            problems.append("The footnote call is damaged; try again.")
            return problems
        if self.key not in FOOTNOTE_REF.findall(inline.sanitize(self.text)):
            problems.append("Put the cursor where the footnote belongs, then add it.")
        return problems

    def apply(self) -> Outcome:
        self.element.record(self.user, "added a footnote", text=self.text)
        Footnote(version_id=self.element.version_id, key=self.key, element=self.element).record(
            self.user, "added", text=self.footnote_text
        )
        return Outcome(refresh=self.element, focus=self.element)


@dataclass
class EditFootnote(Edit):
    """Change a footnote's text, or remove the footnote and its call (``remove``)."""

    footnote: Footnote | None = None
    text: str = ""
    remove: bool = False

    def problems(self) -> list[str]:
        if not self.remove and not inline.plain_text(inline.sanitize(self.text)).strip():
            return ["Write the footnote's text, or remove the footnote."]
        return []

    def apply(self) -> Outcome:
        footnote = self.footnote
        if self.remove:
            call = f'<fn-ref data-key="{footnote.key}"></fn-ref>'
            self.element.record(
                self.user, "removed a footnote", text=self.element.text.replace(call, "")
            )
            footnote._history_user = self.user
            footnote._change_reason = "removed"
            footnote.delete()
        else:
            footnote.record(self.user, "edited", text=self.text)
        return Outcome(refresh=self.element, focus=self.element)


# History -------------------------------------------------------------------------------


@dataclass
class Revert(Edit):
    """Bring an element's text, kind and designation back to an earlier state; the revert
    is itself a recorded change."""

    history_id: int = 0

    def problems(self) -> list[str]:
        self.state = self.element.history.filter(history_id=self.history_id).first()
        if self.state is None:
            return ["That earlier state of this element was not found."]
        return []

    def apply(self) -> Outcome:
        state = self.state
        self.element.record(
            self.user,
            f"reverted to the state of {state.history_date:%d %b %Y %H:%M}",
            text=state.text,
            kind=state.kind,
            level=state.level,
            designation=state.designation,
        )
        return Outcome(refresh=self.element, focus=self.element)
