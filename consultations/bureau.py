"""The Bureau of a meeting: seats per regional group, who is nominated, what is missing.

Custom, as the 2021 letter puts it: "each regional group can nominate three members to the
Bureau, except for the … Group from which the Chair-designate has been nominated – who
can nominate two". ``BureauSeats`` rows change that number for one meeting.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from meetings.access import Access
from meetings.actions import Action
from meetings.models import Meeting, RegionalGroup, State

from .models import BureauNomination, BureauSeats

SEATS = 3
SEATS_OF_CHAIRS_GROUP = 2


def customary_seats(meeting: Meeting, group: RegionalGroup) -> int:
    chair_group = meeting.chair_state.regional_group_id if meeting.chair_state_id else None
    return SEATS_OF_CHAIRS_GROUP if group.pk == chair_group else SEATS


@dataclass(frozen=True)
class GroupSeats:
    """One regional group's part of the Bureau."""

    group: RegionalGroup
    seats: int
    nominations: tuple[BureauNomination, ...]
    is_chairs_group: bool

    @property
    def filled(self) -> int:
        return len(self.nominations)

    @property
    def missing(self) -> int:
        return max(self.seats - self.filled, 0)

    @property
    def is_complete(self) -> bool:
        return self.missing == 0


@dataclass(frozen=True)
class Bureau:
    meeting: Meeting
    groups: tuple[GroupSeats, ...]

    @classmethod
    def of(cls, meeting: Meeting) -> Bureau:
        """The Bureau of ``meeting`` in three queries, however many groups and nominations."""
        groups = list(RegionalGroup.objects.all())
        seats = dict(meeting.bureau_seats.values_list("regional_group_id", "seats"))
        nominations: dict[int, list[BureauNomination]] = {g.pk: [] for g in groups}
        for nomination in meeting.bureau_nominations.select_related("state"):
            nominations.setdefault(nomination.regional_group_id, []).append(nomination)
        chair_group = meeting.chair_state.regional_group_id if meeting.chair_state_id else None
        return cls(
            meeting=meeting,
            groups=tuple(
                GroupSeats(
                    group=group,
                    seats=seats.get(group.pk, customary_seats(meeting, group)),
                    nominations=tuple(nominations[group.pk]),
                    is_chairs_group=group.pk == chair_group,
                )
                for group in groups
            ),
        )

    @property
    def seats(self) -> int:
        return sum(g.seats for g in self.groups)

    @property
    def filled(self) -> int:
        return sum(g.filled for g in self.groups)

    @property
    def missing(self) -> int:
        return sum(g.missing for g in self.groups)

    def of_group(self, group: RegionalGroup) -> GroupSeats:
        return next(g for g in self.groups if g.group.pk == group.pk)


@dataclass(kw_only=True)
class KeepingTheBureau(Action[Any]):
    """What changing the Bureau shares: the secretariat and the chair's team do it, and the
    meeting's row is locked first, so that two nominations for a group's last seat queue
    and the second is refused."""

    meeting: Meeting

    def forbidden(self) -> str | None:
        if not Access.of(self.user, self.meeting).can_keep_bureau:
            return "Only the secretariat and the chair's team keep the Bureau list."
        return None

    def lock(self) -> None:
        self.meeting = Meeting.objects.select_for_update().get(pk=self.meeting.pk)


@dataclass(kw_only=True)
class NominateToBureau(KeepingTheBureau):
    """Record that ``group`` has nominated ``state`` to the Bureau of ``meeting``."""

    meeting: Meeting
    state: State
    group: RegionalGroup
    nominated_on: datetime.date
    reason = "nominated to the Bureau"

    def problems(self) -> list[str]:
        problems = []
        if self.state.regional_group_id != self.group.pk:
            belongs = (
                f"is in the {self.state.regional_group} group"
                if self.state.regional_group_id
                else "belongs to no regional group"
            )
            problems.append(
                f"{self.state} {belongs}, so the {self.group} group cannot nominate it."
            )
        if self.meeting.bureau_nominations.filter(state=self.state).exists():
            problems.append(f"{self.state} is already nominated to the Bureau of {self.meeting}.")
        seats = Bureau.of(self.meeting).of_group(self.group)
        if seats.is_complete:
            problems.append(
                f"The {self.group} group has already filled its {seats.seats} "
                f"seat{'s' if seats.seats != 1 else ''}; withdraw a nomination first "
                "or change the number of seats."
            )
        return problems

    def perform(self) -> BureauNomination:
        return BureauNomination.objects.create(
            meeting=self.meeting,
            state=self.state,
            regional_group=self.group,
            nominated_on=self.nominated_on,
        )


@dataclass(kw_only=True)
class WithdrawNomination(KeepingTheBureau):
    """Take a State's nomination off the Bureau list."""

    meeting: Meeting
    nomination: BureauNomination

    def problems(self) -> list[str]:
        if not BureauNomination.objects.filter(pk=self.nomination.pk).exists():
            return [f"The nomination of {self.nomination.state} was already withdrawn."]
        return []

    def perform(self) -> None:
        BureauNomination.objects.filter(pk=self.nomination.pk).delete()


@dataclass(kw_only=True)
class SetBureauSeats(KeepingTheBureau):
    """Change how many seats each regional group has; never fewer than it has filled."""

    meeting: Meeting
    seats: dict[RegionalGroup, int]

    def problems(self) -> list[str]:
        bureau = Bureau.of(self.meeting)
        return [
            f"The {group} group has already nominated {bureau.of_group(group).filled}; "
            f"withdraw a nomination before lowering its seats to {number}."
            for group, number in self.seats.items()
            if number < bureau.of_group(group).filled
        ]

    def perform(self) -> None:
        for group, number in self.seats.items():
            BureauSeats.objects.update_or_create(
                meeting=self.meeting, regional_group=group, defaults={"seats": number}
            )
