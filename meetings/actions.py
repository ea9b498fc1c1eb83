"""The one shape of every change a person makes: build an action, ``execute()`` it.

An action is a dataclass holding its inputs and the ``user`` who acts. ``execute()`` opens
one transaction, ``lock()``s and re-reads the rows it decides on, ``check()``s, then
``perform()``s the change, with every history row it writes recording the user, the
action's reason and kind, and one id for the whole execution (see ``meetings.history``).

``check()`` raises what stands in the way:

- ``Forbidden`` (a ``PermissionDenied``: 403) when the user may not do this at all;
- ``Invalid`` (400) with the problems in plain words when the change is not valid;
- ``Conflict`` (409) when someone else changed or deleted what this action is about since
  the person looked at it; it carries what the page needs to show both sides.

A deadlock or serialization failure is retried once, then answered as a ``Conflict``:
never a server error. One action runs another only through ``run()``, inside its own
transaction, so that the other's checks and locks are never skipped.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, OperationalError, transaction

from .history import recording

Result = TypeVar("Result")

# PostgreSQL's codes for "try the transaction again": deadlock, serialization failure.
RETRYABLE = {"40P01", "40001"}
BUSY = "Someone else was changing the same part of the draft at that moment. Nothing was saved; try again."


class Refusal(Exception):
    """What stands in the way of an action, as sentences a person can act on."""

    status: ClassVar[int] = 400

    def __init__(self, problems: list[str] | str, **details: Any) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.details = details
        super().__init__(" ".join(self.problems))


class Forbidden(Refusal, PermissionDenied):
    """The user may not do this at all (403)."""

    status = 403


class Invalid(Refusal):
    """The change is not valid as asked (400)."""

    status = 400


class Conflict(Invalid):
    """Someone else changed or deleted what the action is about since the person saw it (409)."""

    status = 409


@dataclass(kw_only=True)
class Action(Generic[Result]):
    """The base every action shares. Subclasses set ``reason`` (the words history records),
    ``kind`` (what kind of change history records, for readers such as the editor's sync)
    and write ``forbidden()``, ``lock()``, ``problems()`` and ``perform()``."""

    user: Any
    # What history records as the reason, unless the caller gives its own (``because``):
    # an accepted proposal deletes a paragraph "because" of that proposal.
    reason: ClassVar[str] = ""
    because: str = ""
    kind: ClassVar[str] = ""
    # Set by ``execute()``: the id every history row of this execution carries, and what
    # ``perform()`` returned.
    change_id: str = field(default="", init=False, repr=False)
    result: Any = field(default=None, init=False, repr=False)

    def forbidden(self) -> str | None:
        """Why the user may not do this at all, or None if they may."""
        return None

    def lock(self) -> None:
        """Lock (``select_for_update``) and re-read the rows the action decides on."""

    def conflict(self) -> Conflict | None:
        """Someone else's change that this one would silently undo, if any."""
        return None

    def problems(self) -> list[str]:
        """What makes the change invalid as asked; empty when it may go ahead."""
        return []

    def describe(self) -> str:
        """The action's own words for history; an action may word them from its inputs."""
        return self.reason

    def history_reason(self) -> str:
        """The reason history records: the caller's ``because``, or the action's own."""
        return self.because or self.describe()

    def check(self) -> None:
        """Raise ``Forbidden``, ``Conflict`` or ``Invalid``, in that order, or nothing."""
        refusal = self.forbidden()
        if refusal:
            raise Forbidden(refusal)
        conflict = self.conflict()
        if conflict is not None:
            raise conflict
        problems = self.problems()
        if problems:
            raise Invalid(problems)

    def perform(self) -> Result:
        raise NotImplementedError

    def refusal(self) -> Refusal | None:
        """What would stand in the way if the action ran now, for a page to show before the
        person confirms; the locks are let go at once."""
        with transaction.atomic():
            self.lock()
            try:
                self.check()
            except Refusal as refusal:
                return refusal
        return None

    def execute(self) -> Result:
        """Lock, check and perform in one transaction; retried once if the database asks."""
        for attempt in (1, 2):
            try:
                result = self._attempt()
                self.result = result
                return result
            except OperationalError as error:
                if _code(error) not in RETRYABLE:
                    raise
                if attempt == 2:
                    raise Conflict(BUSY) from error
        raise AssertionError("unreachable")

    def _attempt(self) -> Result:
        self.change_id = str(uuid.uuid4())
        with (
            transaction.atomic(),
            recording(self.user, self.history_reason(), self.kind, self.change_id, self.tab()),
        ):
            self.lock()
            self.check()
            return self.perform()

    def tab(self) -> str:
        """The browser tab the change came from, when it came from the editor."""
        return ""

    def run(self, other: Action[Any]) -> Any:
        """Run another action inside this one's transaction: its locks, checks and history
        (under its own reason and kind, and this execution's group) included."""
        other.change_id = self.change_id
        with recording(self.user, other.history_reason(), other.kind, self.change_id, self.tab()):
            other.lock()
            other.check()
            return other.perform()


def _code(error: DatabaseError) -> str | None:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
