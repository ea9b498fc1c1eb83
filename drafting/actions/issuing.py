"""Issuing, publishing and beginning drafts: the actions on whole versions.

Issuing freezes the working draft as a new version in one transaction, reading the working
draft under its row's lock so that the issued draft is always whole (no edit that adds,
moves or deletes an element or a footnote can land half-way through the read); two issues
at once give one version and a plain refusal.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from meetings.access import Access
from meetings.actions import Action
from meetings.models import Meeting

from ..diff import ChangeSet, compare
from ..models import OutcomeDocument, Publication, Version
from ..signals import version_issued
from ..tree import Tree

KIND_BY_LABEL_START = (
    ("zero", Version.Kind.ZERO_DRAFT),
    ("rev", Version.Kind.REVISION),
    ("final", Version.Kind.FINAL),
)
LABEL_LENGTH = Version._meta.get_field("label").max_length
# ``IssueDraft.after`` when the caller does not say which issued version it saw last.
UNCHECKED = -1
TITLE_LENGTH = Version._meta.get_field("title").max_length


def kind_for_label(label: str) -> str:
    """The kind of version a customary label names: "Zero Draft", "Rev.1", "Draft 2" …"""
    start = label.strip().lower()
    return next(
        (kind for prefix, kind in KIND_BY_LABEL_START if start.startswith(prefix)),
        Version.Kind.DRAFT,
    )


def default_label(kind: str, document: OutcomeDocument) -> str:
    """The customary label for the next version of ``kind``: "Draft 2", "Rev.1", …"""
    if kind == Version.Kind.ZERO_DRAFT:
        return "Zero Draft"
    if kind == Version.Kind.FINAL:
        return "Final"
    earlier = document.versions.issued().filter(kind=kind).count()
    prefix = "Draft " if kind == Version.Kind.DRAFT else "Rev."
    return f"{prefix}{earlier + 1}"


def announce_issued(version: Version) -> None:
    """Tell the layers above, once the transaction commits, that ``version`` is issued."""
    transaction.on_commit(lambda: version_issued.send(sender=Version, version=version))


def label_problems(label: str) -> list[str]:
    """Why ``label`` cannot name a version at all."""
    if not slugify(label):
        return ["Give the draft a label such as “Draft 2”."]
    if len(label) > LABEL_LENGTH:
        return [f"A label can be at most {LABEL_LENGTH} characters; this one has {len(label)}."]
    return []


def last_issued(document: OutcomeDocument) -> Version | None:
    return document.versions.issued().order_by("-issued_at", "-date", "-id").first()


@dataclass(kw_only=True)
class IssueDraft(Action[Version]):
    """Freeze the working draft as a new issued version; the working draft carries on.

    The issued version is a copy of the working tree with every lineage key kept, so the
    next compare matches paragraphs by key. ``after`` is the last issued version the person
    saw when they asked (None: none yet): if another was issued since, by a second click or
    in another tab, nothing is issued and they are told (``UNCHECKED``: no such check).
    """

    document: OutcomeDocument
    kind: str
    label: str = ""
    date: datetime.date | None = None
    note: str | None = None
    title: str | None = None
    after: int | None = UNCHECKED
    working: Version | None = field(default=None, init=False)
    tree: Tree | None = field(default=None, init=False)
    reason = "issued"

    def __post_init__(self) -> None:
        self.label = self.label.strip() or default_label(self.kind, self.document)

    def forbidden(self) -> str | None:
        if not Access.of(self.user, self.document.meeting_id).can_issue:
            return "Only the chair's team can issue a draft."
        return None

    def lock(self) -> None:
        working = self.document.versions.working().values_list("pk", flat=True).first()
        if working is not None:
            self.working = Version.objects.select_for_update().get(pk=working)
            self.tree = self.working.tree()

    def problems(self) -> list[str]:
        if self.working is None:
            return ["There is no working draft to issue."]
        latest = last_issued(self.document)
        if self.after != UNCHECKED and (latest.pk if latest else None) != self.after:
            assert latest is not None
            by = f" by {latest.issued_by}" if latest.issued_by else ""
            return [
                f"{latest.label} was issued{by} at {timezone.localtime(latest.issued_at):%H:%M} "
                "after you opened this page, so nothing more was issued. Look at it first; "
                "issue again if the working draft has changed since."
            ]
        problems = []
        if self.kind not in Version.Kind.values:
            problems.append(f"“{self.kind}” is not a kind of version.")
        if self.date is None:
            problems.append("Give the date the draft is issued, as delegations will quote it.")
        problems += label_problems(self.label)
        if self.document.versions.filter(slug=slugify(self.label)).exists():
            problems.append(
                f"A version labelled “{self.label}” already exists; choose another label."
            )
        if latest is not None and not self.changes_since(latest).has_changes:
            problems.append(
                f"The working draft is the same as {latest.label}: there is nothing to issue."
            )
        return problems

    def changes_since(self, latest: Version) -> ChangeSet:
        return compare(latest.tree(), self.tree or Tree())

    def perform(self) -> Version:
        working = self.working
        assert working is not None and self.tree is not None
        issued = Version.objects.create_from_tree(
            self.tree,
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


@dataclass(kw_only=True)
class StartFromEarlier(Action[Version]):
    """Begin a meeting's outcome document as a copy of an earlier meeting's issued version.

    The copy becomes the new meeting's working draft; its paragraphs keep their lineage
    keys, so "the history of this paragraph" reaches back into the earlier meeting. Only a
    version the person may read in its own meeting can be copied: an unpublished draft of a
    meeting they are not part of stays there.
    """

    meeting: Meeting
    source: Version
    reason = "started from an earlier meeting"

    def forbidden(self) -> str | None:
        if not Access.of(self.user, self.meeting).can_edit_working_draft:
            return "Only the chair's team can start the outcome document."
        readable = Version.objects.filter(pk=self.source.pk).visible_to(
            Access.of(self.user, self.source.document.meeting_id)
        )
        if not readable.exists():
            return "You cannot read that version, so it cannot be copied here."
        return None

    def lock(self) -> None:
        Meeting.objects.select_for_update().filter(pk=self.meeting.pk).first()

    def problems(self) -> list[str]:
        problems = []
        if not self.source.is_issued:
            problems.append("Only an issued version can be the starting point.")
        if self.source.document.meeting_id == self.meeting.pk:
            problems.append("Choose a version of an earlier meeting.")
        document = OutcomeDocument.objects.filter(meeting=self.meeting).first()
        if document and document.versions.exists():
            problems.append(f"The outcome document of {self.meeting.code} has already begun.")
        return problems

    def perform(self) -> Version:
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


@dataclass(kw_only=True)
class PublicationChange(Action[Any]):
    """What publishing and withdrawing share: the chair's team does it, and the version's
    row is locked (issued versions never change, but the lock serialises two clicks)."""

    version: Version
    doing: ClassVar[str] = ""

    def forbidden(self) -> str | None:
        if not Access.of(self.user, self.version.document.meeting_id).can_issue:
            return f"Only the chair's team can {self.doing}."
        return None

    def lock(self) -> None:
        self.version = Version.objects.select_for_update().get(pk=self.version.pk)


@dataclass(kw_only=True)
class PublishVersion(PublicationChange):
    """Make an issued draft public: readable by anyone, signed in or not."""

    reason = "published"
    doing = "publish a draft"

    def problems(self) -> list[str]:
        if not self.version.is_issued:
            return ["Only an issued draft can be published; issue the working draft first."]
        if Publication.objects.filter(version=self.version).exists():
            return [f"{self.version.label} is already published."]
        return []

    def perform(self) -> Publication:
        publication = Publication(version=self.version, published_by=self.user)
        publication.save()
        return publication


@dataclass(kw_only=True)
class WithdrawPublication(PublicationChange):
    """Take back a publication made by mistake: the version stays issued and frozen, only
    members of the meeting read it again. The publication's history says who withdrew it
    and when."""

    reason = "withdrew the publication"
    doing = "withdraw a publication"

    def problems(self) -> list[str]:
        if not Publication.objects.filter(version=self.version).exists():
            return [f"{self.version.label} is not published."]
        return []

    def perform(self) -> None:
        Publication.objects.get(version=self.version).delete()
