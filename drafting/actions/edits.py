"""Changes to one element of the working draft: its text, brackets, a new paragraph or
agenda item after it, a join with the paragraph above, its deletion; and several at once."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from meetings.actions import Conflict
from meetings.history import recording

from .. import inline
from ..limits import MAX_DEPTH, MAX_ELEMENT_TEXT
from ..models import ChangeKind, Element, Footnote
from .working import (
    AGENDA_ITEM,
    PARAGRAPH,
    WHAT,
    Outcome,
    Shape,
    WorkingDraftAction,
    lock_version,
    renumber,
    reread,
    siblings,
    too_deep,
    too_long,
)

BRACKETS = re.compile(r"[\[\]]")
# Text saves by the same person in the same tab within this time become one history row.
MERGE_TEXT_SAVES_WITHIN = datetime.timedelta(seconds=60)


@dataclass(kw_only=True)
class ElementEdit(WorkingDraftAction):
    """A change to ``element`` (as the person saw it; re-read under lock before deciding)."""

    element: Element

    def meeting_id(self) -> int:
        return self.element.version.document.meeting_id

    def lock(self) -> None:
        if self.structural:
            lock_version(self.element.version_id)
        self.element = reread(self.element)

    def problems(self) -> list[str]:
        if self.element.version.is_issued:
            return ["This version has been issued and can no longer be changed."]
        return self.invalid()

    def invalid(self) -> list[str]:
        """The edit's own reasons why it cannot be made."""
        return []

    def parent(self) -> Element | None:
        return self.element.parent if self.element.parent_id else None


def text_too_long(text: str) -> list[str]:
    return too_long(text, MAX_ELEMENT_TEXT, "A paragraph", " Split it into several.")


@dataclass(kw_only=True)
class SaveText(ElementEdit):
    """Save what someone typed, unless it was typed over a text that has changed since."""

    text: str
    base_revision: int
    reason = "edited the text"
    kind = ChangeKind.TEXT
    structural = False

    @property
    def is_stale(self) -> bool:
        return self.base_revision != self.element.revision

    def conflict(self) -> Conflict | None:
        if not self.is_stale:
            return None
        return Conflict(
            "Someone else changed this text after you started editing it.",
            stale=True,
            element=self.element,
            yours=self.text,
        )

    def invalid(self) -> list[str]:
        return text_too_long(inline.sanitize(self.text))

    def perform(self) -> Outcome:
        previous = self.element.history.order_by("-history_id").first()
        if self._continues(previous):
            # The same person typing on: one history row for the whole burst, carrying the
            # burst's id, so that undo takes the burst back at once.
            self.change_id = previous.change_group
            with recording(
                self.user, self.history_reason(), self.kind, self.change_id, self.tab_id
            ):
                self.element.record(self.user, self.history_reason(), text=self.text)
            previous.delete()
        else:
            self.element.record(self.user, self.history_reason(), text=self.text)
        return Outcome(refresh=self.element, group=self.change_id)

    def _continues(self, previous: Any) -> bool:
        return (
            previous is not None
            and previous.history_type == "~"
            and previous.history_user_id == getattr(self.user, "pk", None)
            and previous.change_kind == ChangeKind.TEXT
            and previous.history_change_reason == self.history_reason()
            and previous.change_tab == self.tab_id
            and bool(previous.change_group)
            and timezone.now() - previous.history_date < MERGE_TEXT_SAVES_WITHIN
        )


@dataclass(kw_only=True)
class Bracket(ElementEdit):
    """Put the whole text in square brackets (not agreed), or take every bracket out."""

    remove: bool = False
    kind = ChangeKind.TEXT
    structural = False

    def describe(self) -> str:
        return "removed brackets" if self.remove else "bracketed the text"

    def invalid(self) -> list[str]:
        text = self.element.text
        if self.remove and not BRACKETS.search(text):
            return ["This text has no brackets to remove."]
        if not self.remove and not text.strip():
            return ["There is no text to bracket yet."]
        return []

    def perform(self) -> Outcome:
        text = self.element.text
        new = BRACKETS.sub("", text) if self.remove else f"[{text}]"
        self.element.record(self.user, self.history_reason(), text=new)
        return Outcome(refresh=self.element, focus=self.element, group=self.change_id)


@dataclass(kw_only=True)
class AddParagraph(ElementEdit):
    """A new paragraph after the element (or first under an agenda item), holding ``text``:
    empty, or the part of a paragraph after the cursor when Enter splits it.

    An empty paragraph is a placeholder bullet that invites more input.
    """

    text: str = ""
    placeholder: bool = False

    def describe(self) -> str:
        return "added a placeholder" if self.placeholder else "added a paragraph"

    def invalid(self) -> list[str]:
        return text_too_long(inline.sanitize(self.text))

    def perform(self) -> Outcome:
        if self.element.kind == AGENDA_ITEM:
            parent, index = self.element, 0
        else:
            parent, index = self.parent(), self.element.position + 1
        sibling_list = siblings(self.element.version_id, parent.pk if parent else None)
        paragraph = Element(
            version_id=self.element.version_id,
            parent=parent,
            position=index,
            kind=PARAGRAPH,
        )
        paragraph.record(self.user, self.history_reason(), text=self.text)
        sibling_list.insert(index, paragraph)
        renumber(sibling_list)
        return Outcome(refresh=parent, focus=paragraph, group=self.change_id)


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


@dataclass(kw_only=True)
class AddAgendaItem(ElementEdit):
    """A new agenda item after the one the element belongs to, designated next in sequence."""

    reason = "added an agenda item"

    def perform(self) -> Outcome:
        item = self.element
        while item.parent_id:
            item = item.parent
        top = siblings(item.version_id, None)
        index = item.position + 1
        designations = [e.designation for e in top[:index] if e.kind == AGENDA_ITEM]
        new = Element(
            version_id=item.version_id,
            position=index,
            kind=AGENDA_ITEM,
        )
        new.record(
            self.user,
            self.history_reason(),
            designation=next_designation(designations[-1] if designations else ""),
        )
        top.insert(index, new)
        renumber(top)
        return Outcome(refresh=None, focus=new, group=self.change_id)


@dataclass(kw_only=True)
class Delete(ElementEdit):
    """Delete an element and everything under it, with their footnotes; undoing the change
    (its ``group``) brings it all back, even after a reload."""

    reason = "deleted"

    def perform(self) -> Outcome:
        parent = self.parent()
        ids = Shape(self.element.version_id).subtree(self.element.pk)
        # The history rows of both deletions are filled in from this action's recording.
        Footnote.objects.filter(element_id__in=ids).delete()
        Element.objects.filter(pk__in=ids).delete()
        renumber(siblings(self.element.version_id, parent.pk if parent else None))
        return Outcome(refresh=parent, group=self.change_id, undo=self.change_id)


@dataclass(kw_only=True)
class JoinWithAbove(ElementEdit):
    """Backspace at the start of a paragraph: its text (formatting and footnote calls kept)
    goes onto the end of the paragraph just above it in the outline, with its footnotes;
    the paragraphs under it go under that paragraph; then it is gone. The inverse of the
    split that Enter makes."""

    reason = "joined with the paragraph above"
    above: Element | None = field(default=None, init=False)
    shape: Shape | None = field(default=None, init=False)

    def lock(self) -> None:
        super().lock()
        self.shape = Shape(self.element.version_id)
        above = self.shape.above(self.element.pk)
        self.above = reread(Element(pk=above)) if above is not None else None

    def invalid(self) -> list[str]:
        if self.element.kind != PARAGRAPH:
            return [f"Only a paragraph joins the one above; this is a {WHAT[self.element.kind]}."]
        if self.above is None or self.above.kind != PARAGRAPH:
            return ["There is no paragraph just above this one to join it to."]
        assert self.shape is not None
        depth = self.shape.depth(self.above.pk) + self.shape.height(self.element.pk)
        if depth > MAX_DEPTH:
            return [too_deep(depth)]
        return text_too_long(self.above.text + self.element.text)

    def perform(self) -> Outcome:
        above, element = self.above, self.element
        assert above is not None
        children = siblings(element.version_id, element.pk)
        for child in children:
            child.record(self.user, self.history_reason(), parent=above)
        renumber(siblings(above.version_id, above.pk) + children)
        for footnote in Footnote.objects.filter(element=element):
            footnote.record(self.user, self.history_reason(), element=above)
        above.record(self.user, self.history_reason(), text=f"{above.text}{element.text}")
        parent = self.parent()
        element.delete()
        renumber(siblings(element.version_id, parent.pk if parent else None))
        return Outcome(refresh=parent, focus=above, group=self.change_id)


@dataclass(kw_only=True)
class Together(WorkingDraftAction):
    """Several edits as one change (one undo): the elements selected with Shift+↑/↓ indented,
    moved, bracketed or deleted together. ``edits`` run in order, each with its own checks;
    if one is refused, none is made."""

    edits: list[ElementEdit]
    reason = "changed several elements at once"

    def meeting_id(self) -> int:
        return self.edits[0].meeting_id()

    def problems(self) -> list[str]:
        return [] if self.edits else ["Select the elements to change first."]

    def perform(self) -> Outcome:
        outcomes = [self.run(edit) for edit in self.edits]
        focus = next((o.focus for o in reversed(outcomes) if o.focus is not None), None)
        return Outcome(
            refresh=None,
            focus=focus,
            group=self.change_id,
            undo=outcomes[-1].undo and self.change_id,
        )
