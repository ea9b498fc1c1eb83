"""Multi-step operations on an outcome document, each as a small action class.

An action is built with its inputs, ``check()`` lists what stands in its way in plain
words (an empty list means it may go ahead), and ``execute()`` does it in one transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from meetings.access import Access
from meetings.models import Meeting

from .models import OutcomeDocument, Publication, Version
from .signals import version_issued


class ActionRefused(Exception):
    """``execute()`` was called although ``check()`` found problems."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


class Action:
    """The shape every action shares: subclasses write ``find_problems()`` and ``apply()``."""

    problems: list[str]

    def find_problems(self) -> list[str]:
        return []

    def check(self) -> list[str]:
        """What stands in the way, in plain words; empty when the action may go ahead."""
        self.problems = self.find_problems()
        return self.problems

    def execute(self):
        """Check again and do it, all in one transaction; ``ActionRefused`` if it may not."""
        with transaction.atomic():
            if self.check():
                raise ActionRefused(self.problems)
            return self.apply()

    def apply(self):
        raise NotImplementedError


def default_label(kind: str, document: OutcomeDocument) -> str:
    """The customary label for the next version of ``kind``: "Draft 2", "Rev.1", …"""
    if kind == Version.Kind.ZERO_DRAFT:
        return "Zero Draft"
    if kind == Version.Kind.FINAL:
        return "Final"
    earlier = document.versions.issued().filter(kind=kind).count()
    prefix = "Draft " if kind == Version.Kind.DRAFT else "Rev."
    return f"{prefix}{earlier + 1}"


@dataclass
class IssueDraft(Action):
    """Freeze the working draft as a new issued version; the working draft carries on.

    The issued version is a copy of the working tree with every lineage key kept, so the
    next compare matches paragraphs by key.
    """

    document: OutcomeDocument
    user: object
    kind: str
    label: str = ""
    date: datetime.date | None = None
    note: str | None = None
    title: str | None = None
    problems: list[str] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.label = self.label.strip() or default_label(self.kind, self.document)

    @property
    def working(self) -> Version | None:
        return self.document.versions.working().first()

    def find_problems(self) -> list[str]:
        problems = []
        if not Access.of(self.user, self.document.meeting).can_issue:
            problems.append("Only the chair's team can issue a draft.")
        if self.working is None:
            problems.append("There is no working draft to issue.")
        if self.kind not in Version.Kind.values:
            problems.append(f"“{self.kind}” is not a kind of version.")
        if self.date is None:
            problems.append("Give the date the draft is issued, as delegations will quote it.")
        slug = slugify(self.label)
        if not slug:
            problems.append("Give the draft a label such as “Draft 2”.")
        elif self.document.versions.filter(slug=slug).exists():
            problems.append(
                f"A version labelled “{self.label}” already exists; choose another label."
            )
        return problems

    def apply(self) -> Version:
        working = self.working
        issued = Version.objects.create_from_tree(
            working.tree(),
            document=self.document,
            label=self.label,
            kind=self.kind,
            date=self.date,
            status=Version.Status.ISSUED,
            title=working.title if self.title is None else self.title,
            note=working.note if self.note is None else self.note,
            based_on=working.based_on,
            issued_at=timezone.now(),
            issued_by=self.user,
        )
        working.based_on = issued
        working.save(update_fields=["based_on"])
        announce_issued(issued)
        return issued


def announce_issued(version: Version) -> None:
    """Tell the layers above, once the transaction commits, that ``version`` is issued."""
    transaction.on_commit(lambda: version_issued.send(sender=Version, version=version))


@dataclass
class StartFromEarlier(Action):
    """Begin a meeting's outcome document as a copy of an earlier meeting's issued version.

    The copy becomes the new meeting's working draft; its paragraphs keep their lineage
    keys, so "the history of this paragraph" reaches back into the earlier meeting.
    """

    meeting: Meeting
    source: Version
    user: object
    problems: list[str] = field(default_factory=list, init=False)

    def find_problems(self) -> list[str]:
        problems = []
        if not Access.of(self.user, self.meeting).can_edit_working_draft:
            problems.append("Only the chair's team can start the outcome document.")
        if not self.source.is_issued:
            problems.append("Only an issued version can be the starting point.")
        if self.source.document.meeting_id == self.meeting.pk:
            problems.append("Choose a version of an earlier meeting.")
        document = OutcomeDocument.objects.filter(meeting=self.meeting).first()
        if document and document.versions.exists():
            problems.append(f"The outcome document of {self.meeting.code} has already begun.")
        return problems

    def apply(self) -> Version:
        document, _created = OutcomeDocument.objects.get_or_create(meeting=self.meeting)
        return Version.objects.create_from_tree(
            self.source.tree(),
            document=document,
            label="Working draft",
            slug="working",
            kind=Version.Kind.ZERO_DRAFT,
            status=Version.Status.WORKING,
            title=self.source.title,
            based_on=self.source,
        )


@dataclass
class PublishVersion(Action):
    """Make an issued draft public: readable by anyone, signed in or not."""

    version: Version
    user: object
    problems: list[str] = field(default_factory=list, init=False)

    def find_problems(self) -> list[str]:
        if not Access.of(self.user, self.version.document.meeting).can_issue:
            return ["Only the chair's team can publish a draft."]
        if not self.version.is_issued:
            return ["Only an issued draft can be published; issue the working draft first."]
        if Publication.objects.filter(version=self.version).exists():
            return [f"{self.version.label} is already published."]
        return []

    def apply(self) -> Publication:
        return Publication.objects.create(version=self.version, published_by=self.user)
