"""The week timetable of a meeting, laid out like Annex 2 of the 2021 letter. No ORM here.

``week_grid(sessions, monday)`` takes anything with ``date``, ``start_time`` and
``end_time`` (consultation sessions) and returns a ``Grid``: the working days of the week
as columns, one row per time slot (a start and end time used on any day), and a break
row wherever a gap of at least ``BREAK`` separates one slot from the next. A cell holds
every session of its day and slot, so two sessions at once are both shown.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

BREAK = datetime.timedelta(hours=1)
WORKING_DAYS = 5


class Session(Protocol):
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time


@dataclass(frozen=True)
class Slot:
    start: datetime.time
    end: datetime.time


@dataclass(frozen=True)
class Row:
    """A time slot with one cell (a tuple of sessions) per day; ``slot`` None is a break."""

    slot: Slot | None
    cells: tuple[tuple[Session, ...], ...]

    @property
    def is_break(self) -> bool:
        return self.slot is None


@dataclass(frozen=True)
class Grid:
    days: tuple[datetime.date, ...]
    rows: tuple[Row, ...]

    @property
    def is_empty(self) -> bool:
        return not any(row.slot for row in self.rows)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week_grid(sessions: Iterable[Session], monday: datetime.date) -> Grid:
    """The grid of the week starting ``monday``; Saturday and Sunday appear only if used."""
    week = [monday + datetime.timedelta(days=n) for n in range(7)]
    in_week = [s for s in sessions if week[0] <= s.date <= week[-1]]
    used = {s.date for s in in_week}
    days = tuple(d for n, d in enumerate(week) if n < WORKING_DAYS or d in used)
    by_cell: dict[tuple[Slot, datetime.date], list[Session]] = defaultdict(list)
    for session in in_week:
        by_cell[(Slot(session.start_time, session.end_time), session.date)].append(session)
    slots = sorted({slot for slot, _day in by_cell}, key=lambda s: (s.start, s.end))
    rows: list[Row] = []
    for previous, slot in zip([None, *slots], slots, strict=False):
        if previous is not None and _gap(previous.end, slot.start) >= BREAK:
            rows.append(Row(slot=None, cells=tuple(() for _ in days)))
        rows.append(Row(slot=slot, cells=tuple(tuple(by_cell[(slot, day)]) for day in days)))
    return Grid(days=days, rows=tuple(rows))


def weeks_with_sessions(dates: Sequence[datetime.date]) -> list[datetime.date]:
    """The Mondays of every week that has a session, in order."""
    return sorted({monday_of(d) for d in dates})


def _gap(end: datetime.time, start: datetime.time) -> datetime.timedelta:
    day = datetime.date(2000, 1, 3)
    return datetime.datetime.combine(day, start) - datetime.datetime.combine(day, end)
