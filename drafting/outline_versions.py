"""Outline files in and out of stored versions: the ``ImportOutline`` action and
``export_outline``. The format itself lives in ``outline.py``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from meetings.models import Meeting

from .actions import Action, announce_issued
from .models import OutcomeDocument, Version
from .outline import dump, parse
from .tree import Tree

KIND_BY_LABEL_START = (
    ("zero", Version.Kind.ZERO_DRAFT),
    ("rev", Version.Kind.REVISION),
    ("final", Version.Kind.FINAL),
)


def kind_for_label(label: str) -> str:
    """The kind of version a customary label names: "Zero Draft", "Rev.1", "Draft 2" …"""
    start = label.strip().lower()
    return next(
        (kind for prefix, kind in KIND_BY_LABEL_START if start.startswith(prefix)),
        Version.Kind.DRAFT,
    )


@dataclass
class ImportOutline(Action):
    """Add an outline file as an issued version of a meeting's outcome document.

    ``label`` and ``date`` override the file's front matter. The meeting and its document
    are made if they do not exist yet. ``check()`` parses the file, so a malformed file
    raises ``OutlineError`` (with its line) before anything is written; ``execute()``
    writes everything in one transaction.
    """

    text: str
    meeting_code: str
    label: str | None = None
    date: datetime.date | None = None
    meta: dict[str, object] = field(default_factory=dict, init=False)
    tree: Tree = field(default_factory=Tree, init=False)
    problems: list[str] = field(default_factory=list, init=False)

    def find_problems(self) -> list[str]:
        self.meta, self.tree = parse(self.text)
        problems = []
        label = self.version_label
        if not slugify(label):
            problems.append(
                "Give the version a label, in the file ('label: Draft 1') or with --label."
            )
        elif Version.objects.filter(
            document__meeting__code=self.meeting_code, slug=slugify(label)
        ).exists():
            problems.append(
                f"{self.meeting_code} already has a version labelled “{label}”; "
                "an issued version is never replaced."
            )
        return problems

    @property
    def version_label(self) -> str:
        return (self.label or str(self.meta.get("label") or "")).strip()

    def apply(self) -> Version:
        title = str(self.meta.get("title") or "")
        meeting, _created = Meeting.objects.get_or_create(
            code=self.meeting_code, defaults={"title": title or self.meeting_code}
        )
        document, _created = OutcomeDocument.objects.get_or_create(
            meeting=meeting, defaults={"title": title}
        )
        label = self.version_label
        version = Version.objects.create_from_tree(
            self.tree,
            document=document,
            label=label,
            kind=kind_for_label(label),
            date=self.date or self.meta.get("date"),
            status=Version.Status.ISSUED,
            title=title,
            note=str(self.meta.get("note") or ""),
            issued_at=timezone.now(),
        )
        announce_issued(version)
        return version


def export_outline(version: Version) -> str:
    """The canonical outline of a stored version, footnotes numbered through the document."""
    meta = {
        "title": version.title,
        "label": version.label,
        "date": version.date,
        "note": version.note,
    }
    return dump(meta, version.tree())
