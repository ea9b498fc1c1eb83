"""What every change to the working draft shares: who may, the locks, the shape of the tree.

Locks are always taken in one order, so that concurrent edits queue instead of
deadlocking: the working version's row first (every change that moves, adds or deletes an
element or a footnote takes it), then the element's own row. A text save takes only the
element's row. Each edit re-reads what it decides on under those locks and writes only the
fields it changes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from django.utils import timezone

from meetings.access import Access
from meetings.actions import Action, Conflict

from ..limits import MAX_DEPTH
from ..models import ChangeKind, Element, Version

AGENDA_ITEM, HEADING, PARAGRAPH = (
    Element.Kind.AGENDA_ITEM,
    Element.Kind.HEADING,
    Element.Kind.PARAGRAPH,
)
WHAT = {AGENDA_ITEM: "agenda item", HEADING: "heading", PARAGRAPH: "paragraph"}


@dataclass(frozen=True)
class Outcome:
    """What an edit changed: ``refresh`` is the element whose subtree to show again (None for
    the whole outline); ``focus`` the element to put the cursor in afterwards; ``group`` the
    id of the change (what undo takes); ``undo`` the same id when the change deleted
    something, for the "Deleted. Undo" notice."""

    refresh: Element | None
    focus: Element | None = None
    group: str = ""
    undo: str = ""


def lock_version(version_id: int) -> Version:
    """Lock the working version's row: the first lock of every structural change."""
    version = Version.objects.select_for_update().filter(pk=version_id).first()
    if version is None:
        raise Conflict("This draft no longer exists; reload the page.")
    return version


def reread(element: Element) -> Element:
    """``element`` as it is now, its row locked; a ``Conflict`` if it was deleted meanwhile."""
    fresh = (
        Element.objects.select_for_update(of=("self",))
        .select_related("version__document")
        .filter(pk=element.pk)
        .first()
    )
    if fresh is None:
        raise deleted_conflict(element)
    return fresh


def deleted_conflict(element: Element) -> Conflict:
    """Who deleted ``element`` and when, with the id that brings it back."""
    row = (
        Element.history.filter(id=element.pk, history_type="-")
        .select_related("history_user")
        .order_by("-history_id")
        .first()
    )
    return _deleted(row, WHAT.get(element.kind, "element"))


def missing_element(version_id: int, key: str) -> Conflict | None:
    """The conflict for an edit of the element ``key`` that was deleted from the version;
    None if the version never held it."""
    row = (
        Element.history.filter(version_id=version_id, key=key, history_type="-")
        .select_related("history_user")
        .order_by("-history_id")
        .first()
    )
    return _deleted(row, WHAT.get(row.kind, "element")) if row is not None else None


def _deleted(row, what: str) -> Conflict:
    if row is None:
        return Conflict(f"This {what} no longer exists.", deleted=True)
    who = row.history_user
    name = (who.get_full_name() or who.username) if who else "someone else"
    at = timezone.localtime(row.history_date)
    return Conflict(
        f"This {what} was deleted by {name} at {at:%H:%M}.",
        deleted=True,
        deleted_by=name,
        deleted_at=at,
        undo=row.change_group,
    )


def siblings(version_id: int, parent_id: int | None) -> list[Element]:
    """The children of ``parent_id`` (the top level when None), in order."""
    return list(
        Element.objects.filter(version_id=version_id, parent_id=parent_id).order_by(
            "position", "id"
        )
    )


def renumber(*sibling_lists: list[Element]) -> None:
    """Positions 0, 1, 2 … in each list, written in one bulk update."""
    changed = []
    for sibling_list in sibling_lists:
        for position, element in enumerate(sibling_list):
            if element.position != position:
                element.position = position
                changed.append(element)
    if changed:
        Element.objects.bulk_update(changed, ["position"])


class Shape:
    """The working draft's tree as parent links and kinds, read in one query, for the
    checks that need the whole shape: cycles and depth."""

    def __init__(self, version_id: int) -> None:
        rows = (
            Element.objects.filter(version_id=version_id)
            .order_by("position", "id")
            .values_list("id", "parent_id", "kind")
        )
        self.parent: dict[int, int | None] = {}
        self.kind: dict[int, str] = {}
        self.children: dict[int | None, list[int]] = defaultdict(list)
        for pk, parent, kind in rows:
            self.parent[pk] = parent
            self.kind[pk] = kind
            self.children[parent].append(pk)

    def is_inside(self, pk: int, ancestor: int) -> bool:
        """Whether ``pk`` is ``ancestor`` or lies under it."""
        current: int | None = pk
        while current is not None:
            if current == ancestor:
                return True
            current = self.parent.get(current)
        return False

    def depth(self, pk: int | None) -> int:
        """How many paragraphs deep ``pk`` sits: 1 for a paragraph directly under an agenda
        item or at the top, 0 for an agenda item, a heading or the top itself."""
        depth = 0
        while pk is not None and self.kind.get(pk) == PARAGRAPH:
            depth, pk = depth + 1, self.parent.get(pk)
        return depth

    def height(self, pk: int) -> int:
        """Levels of paragraphs below ``pk`` (0 when it has none)."""
        below = [(child, 1) for child in self.children.get(pk, [])]
        height = 0
        while below:
            child, level = below.pop()
            height = max(height, level)
            below.extend((grandchild, level + 1) for grandchild in self.children.get(child, []))
        return height

    def above(self, pk: int) -> int | None:
        """The element just above ``pk`` in the outline (document order), if any."""
        sibling_ids = self.children[self.parent.get(pk)]
        index = sibling_ids.index(pk)
        if index == 0:
            return self.parent.get(pk)
        above = sibling_ids[index - 1]
        while self.children.get(above):
            above = self.children[above][-1]
        return above

    def subtree(self, pk: int) -> list[int]:
        """``pk`` and every element under it."""
        ids, queue = [], [pk]
        while queue:
            current = queue.pop()
            ids.append(current)
            queue.extend(self.children.get(current, []))
        return ids


def too_long(text: str, limit: int, what: str, advice: str = "") -> list[str]:
    """The refusal of a text over ``limit`` characters, naming both numbers."""
    if len(text) <= limit:
        return []
    return [f"{what} can be at most {limit:,} characters; this one has {len(text):,}.{advice}"]


def too_deep(depth: int) -> str:
    return (
        f"That would put a paragraph {depth} levels deep; a draft goes at most {MAX_DEPTH} "
        "levels of bullets deep. Outdent something first."
    )


@dataclass(kw_only=True)
class WorkingDraftAction(Action[Outcome]):
    """An action on a meeting's working draft: only its chair's team may. ``tab_id`` names
    the editor's browser tab, so that the tab's own changes do not come back to it."""

    kind = ChangeKind.STRUCTURE
    # Whether the change moves, adds or deletes: it then locks the version's row first.
    structural: ClassVar[bool] = True
    tab_id: str = ""

    def meeting_id(self) -> int:
        raise NotImplementedError

    def forbidden(self) -> str | None:
        if not Access.of(self.user, self.meeting_id()).can_edit_working_draft:
            return "Only the chair's team can edit the working draft."
        return None

    def tab(self) -> str:
        return self.tab_id
