"""Changes to where an element stands in the working draft: indent, outdent, move up or
down, move before, after or inside another element (drag and drop, cut and paste, "Move
to…"), a heading's level, and heading ↔ paragraph.

Each move works out its destination only after the version's row is locked, from the tree
as it is then, so that two people moving the same paragraphs at once queue instead of
undoing each other, and no move can put an element inside itself or too deep.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..limits import MAX_DEPTH
from ..models import Element
from .edits import ElementEdit
from .working import (
    AGENDA_ITEM,
    HEADING,
    PARAGRAPH,
    Outcome,
    Shape,
    renumber,
    siblings,
    too_deep,
)

MAX_HEADING_LEVEL = 3
PLACEMENTS = ("before", "after", "inside")


@dataclass(frozen=True)
class Destination:
    """Where a moved element goes: under ``parent`` (None: the top level) at ``index``."""

    parent: Element | None
    index: int


@dataclass(kw_only=True)
class Move(ElementEdit):
    """What every move shares: a destination worked out under lock, checked, then taken."""

    destination: Destination | None = field(default=None, init=False)
    shape: Shape | None = field(default=None, init=False)
    no_destination: str = field(default="", init=False)

    def lock(self) -> None:
        super().lock()
        self.shape = Shape(self.element.version_id)
        found = self.find_destination()
        if isinstance(found, str):
            self.no_destination = found
        else:
            self.destination = found

    def find_destination(self) -> Destination | str:
        """The destination, or why there is none, in plain words."""
        raise NotImplementedError

    def invalid(self) -> list[str]:
        if self.no_destination:
            return [self.no_destination]
        assert self.destination is not None and self.shape is not None
        parent, kind = self.destination.parent, self.element.kind
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
        if self.shape.is_inside(parent.pk, self.element.pk):
            return ["An element cannot be moved inside itself."]
        if kind == PARAGRAPH:
            depth = self.shape.depth(parent.pk) + 1 + self.shape.height(self.element.pk)
            if depth > MAX_DEPTH:
                return [too_deep(depth)]
        return []

    def perform(self) -> Outcome:
        assert self.destination is not None
        element, new_parent = self.element, self.destination.parent
        old_parent = self.parent()
        old = [e for e in siblings(element.version_id, element.parent_id) if e.pk != element.pk]
        same = _pk(old_parent) == _pk(new_parent)
        new = old if same else siblings(element.version_id, _pk(new_parent))
        index = max(0, min(self.destination.index, len(new)))
        new.insert(index, element)
        element.position = index  # recorded below with the new parent
        renumber(*([new] if same else [old, new]))
        element.record(self.user, self.history_reason(), parent=new_parent, position=index)
        refresh = _common(self.shape, old_parent, new_parent)
        return Outcome(refresh=refresh, focus=element, group=self.change_id)


def _pk(element: Element | None) -> int | None:
    return element.pk if element is not None else None


def _common(shape: Shape | None, old: Element | None, new: Element | None) -> Element | None:
    """The element whose subtree holds both places (None: the whole outline)."""
    if _pk(old) == _pk(new):
        return old
    if shape is not None and old is not None and new is not None:
        if shape.is_inside(new.pk, old.pk):
            return old
        if shape.is_inside(old.pk, new.pk):
            return new
    return None


def _parent_of(element: Element) -> Element | None:
    return element.parent if element.parent_id else None


@dataclass(kw_only=True)
class Indent(Move):
    """Tab: a paragraph goes under the paragraph before it, as its last child."""

    reason = "indented"

    def find_destination(self) -> Destination | str:
        if self.element.kind == AGENDA_ITEM:
            return "An agenda item stays at the top level of the document."
        sibling_list = siblings(self.element.version_id, self.element.parent_id)
        index = [e.pk for e in sibling_list].index(self.element.pk)
        if index == 0:
            return "There is no paragraph before this one to indent it under."
        before = sibling_list[index - 1]
        if before.kind == HEADING:
            # The first bullet under a heading: the heading is its sibling, not a parent.
            return (
                "The heading just above stands on its own and has nothing under it. Tab puts "
                "a paragraph under the paragraph just before it: add one above this first."
            )
        assert self.shape is not None
        return Destination(before, len(self.shape.children.get(before.pk, [])))


@dataclass(kw_only=True)
class Outdent(Move):
    """Shift+Tab: an element goes out of its parent, just after it."""

    reason = "outdented"

    def find_destination(self) -> Destination | str:
        parent = _parent_of(self.element)
        if parent is None:
            return "This is already at the top level of the document."
        return Destination(_parent_of(parent), parent.position + 1)


@dataclass(kw_only=True)
class MoveBy(Move):
    """Alt+Up / Alt+Down: swap places with the sibling before (``step`` -1) or after (+1)."""

    step: int

    def describe(self) -> str:
        return "moved up" if self.step < 0 else "moved down"

    def find_destination(self) -> Destination | str:
        index = self.element.position + self.step
        count = len(siblings(self.element.version_id, self.element.parent_id))
        if not 0 <= index < count:
            return f"This is already the {'first' if self.step < 0 else 'last'} in its list."
        return Destination(_parent_of(self.element), index)


@dataclass(kw_only=True)
class MoveTo(Move):
    """Put the element before, after or inside (as the last child of) ``target``: drag and
    drop, paste after cut, and "Move to…" an agenda item or heading chosen by name. The
    element keeps its lineage key: it is moved, not copied."""

    target: Element
    placement: str = "after"
    reason = "moved"

    def find_destination(self) -> Destination | str:
        if self.placement not in PLACEMENTS:
            return "Choose before, after or inside."
        target = Element.objects.filter(pk=self.target.pk).first()
        if target is None:
            return "The place you chose no longer exists."
        if target.pk == self.element.pk:
            return "An element cannot be moved next to itself."
        assert self.shape is not None
        if self.placement == "inside":
            return Destination(target, len(self.shape.children.get(target.pk, [])))
        parent = _parent_of(target)
        index = target.position + (1 if self.placement == "after" else 0)
        if _pk(parent) == self.element.parent_id and self.element.position < index:
            index -= 1  # the element leaves its old place first
        return Destination(parent, index)


@dataclass(kw_only=True)
class ChangeLevel(ElementEdit):
    """Tab / Shift+Tab on a heading: one level lower (``step`` 1) or higher (-1)."""

    step: int = 1
    reason = "changed the heading level"

    def invalid(self) -> list[str]:
        if self.element.kind != HEADING:
            return ["This is no longer a heading."]
        level = self.element.level + self.step
        if level < 1:
            return ["This heading is already at the highest level."]
        if level > MAX_HEADING_LEVEL:
            return [f"Headings go down to level {MAX_HEADING_LEVEL}."]
        return []

    def perform(self) -> Outcome:
        self.element.record(self.user, self.history_reason(), level=self.element.level + self.step)
        return Outcome(refresh=self.element, focus=self.element, group=self.change_id)


@dataclass(kw_only=True)
class ToggleHeading(ElementEdit):
    """Turn a paragraph into a heading (level 1) or a heading back into a paragraph."""

    def describe(self) -> str:
        return "made it a paragraph" if self.element.kind == HEADING else "made it a heading"

    def invalid(self) -> list[str]:
        if self.element.kind == AGENDA_ITEM:
            return ["An agenda item cannot become a heading."]
        if self.element.kind == PARAGRAPH and self.element.children.exists():
            return ["Move the paragraphs under this one out first: a heading has nothing under it."]
        if self.element.kind == PARAGRAPH and _parent_of(self.element) is not None:
            if _parent_of(self.element).kind == PARAGRAPH:
                return ["Outdent this paragraph first: a heading stands in an agenda item."]
        return []

    def perform(self) -> Outcome:
        reason = self.history_reason()
        if self.element.kind == HEADING:
            self.element.record(self.user, reason, kind=PARAGRAPH, level=0)
        else:
            self.element.record(self.user, reason, kind=HEADING, level=1)
        return Outcome(refresh=self.element, focus=self.element, group=self.change_id)


def indent(element: Element, user: object, tab_id: str = "") -> ElementEdit:
    """Tab: a heading goes one level down; anything else under the paragraph before it."""
    if element.kind == HEADING:
        return ChangeLevel(user=user, element=element, step=1, tab_id=tab_id)
    return Indent(user=user, element=element, tab_id=tab_id)


def outdent(element: Element, user: object, tab_id: str = "") -> ElementEdit:
    """Shift+Tab: a heading goes one level up; anything else out of its parent."""
    if element.kind == HEADING:
        return ChangeLevel(user=user, element=element, step=-1, tab_id=tab_id)
    return Outdent(user=user, element=element, tab_id=tab_id)
