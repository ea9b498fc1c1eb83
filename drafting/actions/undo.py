"""Taking changes back: undo (and redo) any change by its id, and revert one element to an
earlier state from its history.

Every action run leaves history rows that share one id (``change_group``). Undoing it
applies their inverse from the history itself, so it works after a reload and in any tab:
an element the change created is deleted, one it deleted comes back where it was with its
footnotes, one it changed gets back the state it had before. Undoing an undo is a redo.
What someone else has changed since is never overwritten: the undo is refused instead.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from meetings.actions import Conflict

from ..models import ChangeKind, Element, Footnote, Version
from .working import Outcome, WorkingDraftAction, lock_version, renumber, reread

ELEMENT_FIELDS = ("text", "kind", "level", "designation", "parent_id")


@dataclass(kw_only=True)
class Undo(WorkingDraftAction):
    """Take back the change whose id is ``token`` (undoing an undo redoes the change)."""

    version: Version
    token: str
    reason = "undid a change"
    rows: list[Any] = field(default_factory=list, init=False)
    notes: list[Any] = field(default_factory=list, init=False)

    def meeting_id(self) -> int:
        return self.version.document.meeting_id

    def lock(self) -> None:
        lock_version(self.version.pk)
        try:
            uuid.UUID(self.token)
        except ValueError:
            return  # not the id of any change: nothing to undo
        self.rows = list(
            Element.history.filter(version_id=self.version.pk, change_group=self.token).order_by(
                "-history_id"
            )
        )
        self.notes = list(
            Footnote.history.filter(version_id=self.version.pk, change_group=self.token).order_by(
                "-history_id"
            )
        )

    @property
    def already_restored(self) -> bool:
        """A deletion whose elements are back already (undone in another tab, say)."""
        deleted = {row.id for row in self.rows if row.history_type == "-"}
        return (
            bool(self.rows)
            and len(deleted) == len({row.id for row in self.rows})
            and Element.objects.filter(pk__in=deleted).exists()
        )

    def conflict(self) -> Conflict | None:
        """A change made since to what this one touched, and still there: undoing would
        overwrite it. Changes since that were themselves undone (undo, redo, undo again,
        in any order) are no obstacle: the element is as this change left it."""
        if self.already_restored:
            return None
        left: dict[int, Any] = {}  # element → the state this change left it in
        for row in self.rows:
            left.setdefault(row.id, row)
        later = list(
            Element.history.filter(id__in=left, history_id__gt=self._last_id())
            .exclude(change_group=self.token)
            .select_related("history_user")
            .order_by("history_id")
        )
        now = {e.pk: e for e in Element.objects.filter(pk__in={row.id for row in later})}
        for row in later:
            state, current = left[row.id], now.get(row.id)
            unchanged = (
                state.history_type != "-"
                and current is not None
                and all(getattr(current, name) == getattr(state, name) for name in ELEMENT_FIELDS)
            )
            if not unchanged:
                who = row.history_user
                name = (who.get_full_name() or who.username) if who else "someone"
                return Conflict(f"This cannot be undone: {name} has changed it since.")
        return None

    def _last_id(self) -> int:
        return max((row.history_id for row in self.rows), default=0)

    def problems(self) -> list[str]:
        if not self.rows and not self.notes:
            return ["There is nothing to undo."]
        if self.already_restored:
            return ["This has already been restored."]
        coming_back = {row.id for row in self.rows if row.history_type == "-"}
        for row in self.rows:
            if row.history_type == "-" and row.parent_id and row.parent_id not in coming_back:
                if not Element.objects.filter(pk=row.parent_id).exists():
                    return ["The place it was deleted from no longer exists."]
        return []

    def perform(self) -> Outcome:
        placed: dict[int | None, list[tuple[int, Element]]] = defaultdict(list)
        spans = _spans(self.rows)
        back = {pk: span for pk, span in spans.items() if span[0].history_type != "+"}
        created = [pk for pk, (first, last) in spans.items() if first.history_type == "+"]
        restored = self._bring_back(back, placed)
        self._delete(created)
        self._undo_footnotes()
        for parent_id, wanted in placed.items():
            _place_all(self.version.pk, parent_id, wanted)
        return Outcome(refresh=None, focus=restored[0] if restored else None, group=self.change_id)

    def _bring_back(
        self, spans: dict[int, tuple[Any, Any]], placed: dict[int | None, list[tuple[int, Element]]]
    ) -> list[Element]:
        """Give each element the state it had before the change: recreated if the change
        deleted it (parents first), its fields set back otherwise."""
        states = {pk: _state_before(first) for pk, (first, _last) in spans.items()}
        gone = {pk for pk, (_first, last) in spans.items() if last.history_type == "-"}
        restored = []
        for pk in sorted(states, key=lambda pk: _depth(states[pk], states)):
            state = states[pk]
            if state is None:
                continue
            if pk in gone:
                element = Element(pk=pk, version_id=self.version.pk, key=state.key)
                restored.append(element)
            else:
                element = Element.objects.get(pk=pk)
                if state.parent_id != element.parent_id:
                    placed[element.parent_id].append((-1, element))  # the list it leaves
            if state.parent_id and state.parent_id not in states:
                if not Element.objects.filter(pk=state.parent_id).exists():
                    raise Conflict("This cannot be undone: the place it came from is gone.")
            changes = {
                name: getattr(state, name)
                for name in ELEMENT_FIELDS
                if pk in gone or getattr(state, name) != getattr(element, name)
            }
            if state.position != element.position:
                # Recorded, so that the undo's own change id takes the place back too (redo).
                changes["position"] = state.position
            if changes:
                element.record(self.user, self.history_reason(), **changes)
            placed[state.parent_id].append((state.position, element))
        return restored

    def _delete(self, created: list[int]) -> None:
        """Delete what the change created, unless someone has put something under it since."""
        existing = list(Element.objects.filter(pk__in=created).values_list("pk", "parent_id"))
        if not existing:
            return
        ids = [pk for pk, _parent in existing]
        if Element.objects.filter(parent_id__in=ids).exclude(pk__in=ids).exists():
            raise Conflict("This cannot be undone: someone has added paragraphs under it since.")
        Footnote.objects.filter(element_id__in=ids).delete()
        Element.objects.filter(pk__in=ids).delete()
        for parent_id in {parent for _pk, parent in existing} - set(ids):
            _place_all(self.version.pk, parent_id, [])

    def _undo_footnotes(self) -> None:
        for pk, (first, _last) in _spans(self.notes).items():
            footnote = Footnote.objects.filter(pk=pk).first()
            state = None if first.history_type == "+" else _state_before(first)
            if state is None:
                if footnote is not None:
                    footnote.delete()
                continue
            if not Element.objects.filter(pk=state.element_id).exists():
                continue
            if footnote is None:
                footnote = Footnote(pk=pk, version_id=self.version.pk, key=state.key)
            footnote.record(
                self.user, self.history_reason(), text=state.text, element_id=state.element_id
            )


def _spans(rows: list[Any]) -> dict[int, tuple[Any, Any]]:
    """For each object the rows touch: its oldest and its newest row."""
    spans: dict[int, tuple[Any, Any]] = {}
    for row in sorted(rows, key=lambda row: row.history_id):
        first, _last = spans.get(row.id, (row, row))
        spans[row.id] = (first, row)
    return spans


def _state_before(first: Any) -> Any:
    """The state an object had before the row ``first`` (a deletion row holds it itself)."""
    if first.history_type == "-":
        return first
    return (
        type(first)
        .objects.filter(id=first.id, history_id__lt=first.history_id)
        .order_by("-history_id")
        .first()
    )


def _depth(state: Any, states: dict[int, Any]) -> int:
    depth = 0
    while state is not None and state.parent_id in states:
        state, depth = states[state.parent_id], depth + 1
    return depth


def _place_all(version_id: int, parent_id: int | None, wanted: list[tuple[int, Element]]) -> None:
    """Put each element of ``wanted`` at its position among ``parent_id``'s children (a
    position of -1 only renumbers the list it left), then renumber them densely."""
    moving = {element.pk for position, element in wanted if position >= 0}
    staying = [
        e
        for e in Element.objects.filter(version_id=version_id, parent_id=parent_id).order_by(
            "position", "id"
        )
        if e.pk not in moving
    ]
    for position, element in sorted(
        ((p, e) for p, e in wanted if p >= 0), key=lambda pair: pair[0]
    ):
        staying.insert(min(position, len(staying)), element)
    renumber(staying)


@dataclass(kw_only=True)
class Revert(WorkingDraftAction):
    """Bring an element's text, kind, level and designation back to an earlier state of its
    history; the revert is itself a recorded change (and can be undone)."""

    element: Element
    history_id: int
    kind = ChangeKind.STRUCTURE
    state: Any = field(default=None, init=False)

    def meeting_id(self) -> int:
        return self.element.version.document.meeting_id

    def lock(self) -> None:
        lock_version(self.element.version_id)
        self.element = reread(self.element)
        self.state = self.element.history.filter(history_id=self.history_id).first()

    def describe(self) -> str:
        if self.state is None:
            return "reverted"
        return f"reverted to the state of {self.state.history_date:%d %b %Y %H:%M}"

    def problems(self) -> list[str]:
        if self.state is None:
            return ["That earlier state of this element was not found."]
        return []

    def perform(self) -> Outcome:
        state = self.state
        self.element.record(
            self.user,
            self.history_reason(),
            text=state.text,
            kind=state.kind,
            level=state.level,
            designation=state.designation,
        )
        return Outcome(refresh=self.element, focus=self.element, group=self.change_id)
