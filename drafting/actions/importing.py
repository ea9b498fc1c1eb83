"""Adding a whole draft from a file (an outline, a Word document) as an issued version, or
making it the working draft.

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
from meetings.actions import Action, Conflict
from meetings.models import Meeting

from .. import inline
from ..diff import adopt_keys
from ..limits import MAX_DEPTH, MAX_ELEMENT_TEXT, MAX_FOOTNOTE_TEXT
from ..models import ChangeKind, Element, Footnote, OutcomeDocument, Version
from ..outline import parse
from ..sync import history_cursor
from ..tree import PARAGRAPH, Node, Tree
from .issuing import TITLE_LENGTH, announce_issued, kind_for_label, label_problems, last_issued
from .working import lock_version

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


@dataclass(kw_only=True)
class ReplaceWorkingDraft(Action[Version]):
    """Make ``tree`` (read from a file, with the file's own title and note in ``meta``) the
    working draft of ``meeting``, made if there is none.

    A working draft that holds nothing takes the file at once. One that holds elements is
    replaced only when the person confirmed it (``replace``), having seen it as it was at
    ``seen`` (its ``history_cursor``): if anyone changed it since, nothing is replaced and
    they are told. The replaced elements stay in the working draft's history.

    A file brings no lineage keys: each element the compare engine pairs, by text, with one
    of the draft it replaces (the working draft, or the last issued draft when the working
    draft is empty) takes that one's key, so that paragraph history and the next compare
    follow it; the issued version it carries on from stays the same.
    """

    meeting: Meeting
    tree: Tree = field(default_factory=Tree)
    meta: dict[str, Any] = field(default_factory=dict)
    replace: bool = False
    seen: str = ""
    reason = "replaced the working draft from a file"
    kind = ChangeKind.STRUCTURE
    working: Version | None = field(default=None, init=False)
    held: int = field(default=0, init=False)

    def forbidden(self) -> str | None:
        if not Access.of(self.user, self.meeting).can_edit_working_draft:
            return "Only the chair's team can replace the working draft."
        return None

    def lock(self) -> None:
        Meeting.objects.select_for_update().filter(pk=self.meeting.pk).first()
        working = (
            Version.objects.working()
            .filter(document__meeting=self.meeting)
            .values_list("pk", flat=True)
            .first()
        )
        self.working = lock_version(working) if working is not None else None
        self.held = self.working.elements.count() if self.working is not None else 0

    def conflict(self) -> Conflict | None:
        if not (self.held and self.replace) or self.working is None:
            return None
        if history_cursor(self.working) != self.seen:
            return Conflict(
                "Someone changed the working draft after you looked at it, so nothing was "
                "replaced. Look at it again before you replace it."
            )
        return None

    def problems(self) -> list[str]:
        problems = []
        if not self.tree.nodes:
            problems.append("The file has no text to make a working draft of.")
        if self.held and not self.replace:
            problems.append(
                f"The working draft already holds {self.held} elements. Tick “Replace the "
                "working draft” to put the file in their place."
            )
        if len(str(self.meta.get("title") or "")) > TITLE_LENGTH:
            problems.append(f"A title can be at most {TITLE_LENGTH} characters.")
        return problems + tree_problems(self.tree)

    def perform(self) -> Version:
        document, _created = OutcomeDocument.objects.get_or_create(meeting=self.meeting)
        latest = last_issued(document)
        working = self.working
        if self.held:
            assert working is not None
            base = working.tree()
        else:
            base = latest.tree() if latest else Tree()
        tree = adopt_keys(base, self.tree) if base.nodes else self.tree
        title = str(self.meta.get("title") or "")
        note = str(self.meta.get("note") or "")
        if working is None:
            working = Version.objects.create(
                document=document,
                label="Working draft",
                slug="working",
                status=Version.Status.WORKING,
                kind=latest.kind if latest else Version.Kind.ZERO_DRAFT,
                title=title or (latest.title if latest else ""),
                note=note or (latest.note if latest else ""),
                based_on=latest,
            )
        else:
            # Deleted row by row, so that the history keeps what the working draft held.
            Footnote.objects.filter(version=working).delete()
            Element.objects.filter(version=working).delete()
            working.title = title or working.title
            working.note = note or working.note
            working.save(update_fields=["title", "note"])
        Version.objects.store_tree(working, tree)
        return working
