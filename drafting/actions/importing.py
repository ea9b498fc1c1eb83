"""Adding a whole draft from a file (an outline, a Word document) as an issued version.

The command line imports as the system (``user`` None); a person importing from the browser
must be of the meeting's chair's team. The import is all or nothing, and a tree the app
would refuse to hold (too deep, too long, a designation too long) is refused in words
before anything is stored.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from meetings.access import Access
from meetings.actions import Action
from meetings.models import Meeting

from .. import inline
from ..limits import MAX_DEPTH, MAX_ELEMENT_TEXT, MAX_FOOTNOTE_TEXT
from ..models import Element, OutcomeDocument, Version
from ..outline import parse
from ..tree import PARAGRAPH, Node, Tree
from .issuing import TITLE_LENGTH, announce_issued, kind_for_label, label_problems

CODE_LENGTH = Meeting._meta.get_field("code").max_length
DESIGNATION_LENGTH = Element._meta.get_field("designation").max_length


def tree_problems(tree: Tree) -> list[str]:
    """What in ``tree`` the app will not hold, in words naming the place: designations too
    long, texts too long, paragraphs nested too deep."""
    problems: list[str] = []
    stack: list[tuple[Node, int]] = [(node, 0) for node in reversed(tree.nodes)]
    while stack and len(problems) < 5:
        node, depth = stack.pop()
        depth = depth + 1 if node.kind == PARAGRAPH else 0
        where = f"“{inline.plain_text(node.text)[:40]}”"
        if len(node.designation) > DESIGNATION_LENGTH:
            problems.append(
                f"The designation “{node.designation[:30]}” is longer than "
                f"{DESIGNATION_LENGTH} characters."
            )
        if len(node.text) > MAX_ELEMENT_TEXT:
            problems.append(f"The text {where} is over {MAX_ELEMENT_TEXT:,} characters.")
        if depth > MAX_DEPTH:
            problems.append(
                f"The paragraph {where} is {depth} levels deep; a draft goes at most "
                f"{MAX_DEPTH} levels of bullets deep."
            )
            continue
        stack.extend((child, depth) for child in reversed(node.children))
    problems += [
        f"A footnote is over {MAX_FOOTNOTE_TEXT:,} characters: “{inline.plain_text(text)[:40]}”."
        for text in tree.footnotes.values()
        if len(text) > MAX_FOOTNOTE_TEXT
    ]
    return problems


@dataclass(kw_only=True)
class ImportVersion(Action[Version]):
    """Add ``tree`` as an issued version of the meeting ``meeting_code``, made if new.

    ``label`` and ``date`` win over ``meta`` (the file's own title, label, date and note).
    """

    user: Any = None
    meeting_code: str
    tree: Tree = field(default_factory=Tree)
    meta: dict[str, Any] = field(default_factory=dict)
    label: str | None = None
    date: datetime.date | None = None
    reason = "imported"

    @property
    def version_label(self) -> str:
        return (self.label or str(self.meta.get("label") or "")).strip()

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")

    def forbidden(self) -> str | None:
        if self.user is None:
            return None  # the command line
        meeting = Meeting.objects.filter(code=self.meeting_code).first()
        if meeting is None or not Access.of(self.user, meeting).can_issue:
            return "Only the meeting's chair's team can add a draft to it."
        return None

    def lock(self) -> None:
        Meeting.objects.select_for_update().filter(code=self.meeting_code).first()

    def problems(self) -> list[str]:
        label = self.version_label
        problems = []
        if not self.meeting_code.strip() or len(self.meeting_code) > CODE_LENGTH:
            problems.append(
                f"A meeting code has 1 to {CODE_LENGTH} characters, such as BMS7; "
                f"“{self.meeting_code[:40]}” is not one."
            )
        if not slugify(label):
            problems.append(
                "Give the version a label, in the file ('label: Draft 1') or with --label."
            )
        else:
            problems += label_problems(label)
        if len(self.title) > TITLE_LENGTH:
            problems.append(f"A title can be at most {TITLE_LENGTH} characters.")
        if (
            slugify(label)
            and Version.objects.filter(
                document__meeting__code=self.meeting_code, slug=slugify(label)
            ).exists()
        ):
            problems.append(
                f"{self.meeting_code} already has a version labelled “{label}”; "
                "an issued version is never replaced."
            )
        return problems + tree_problems(self.tree)

    def perform(self) -> Version:
        meeting, _created = Meeting.objects.get_or_create(
            code=self.meeting_code, defaults={"title": self.title or self.meeting_code}
        )
        document, _created = OutcomeDocument.objects.get_or_create(
            meeting=meeting, defaults={"title": self.title}
        )
        label = self.version_label
        version = Version.objects.create_from_tree(
            self.tree,
            document=document,
            label=label,
            kind=kind_for_label(label),
            date=self.date or self.meta.get("date"),
            status=Version.Status.ISSUED,
            title=self.title,
            note=str(self.meta.get("note") or ""),
            issued_at=timezone.now(),
            issued_by=self.user,
        )
        announce_issued(version)
        return version


@dataclass(kw_only=True)
class ImportOutline(ImportVersion):
    """Add an outline file (see the README) as an issued version. ``execute()`` parses the
    file first, so a malformed file raises ``OutlineError`` (with its line) before anything
    is written."""

    text: str

    def lock(self) -> None:
        self.meta, self.tree = parse(self.text)
        super().lock()
