"""Delegations' written inputs: checking working papers, the compilation per paragraph, and
the chair's decisions on proposals (accept, merge by hand, note), each an action class.

A proposal is on a paragraph of an issued draft; the chair's team applies it to the
working draft, where the paragraph is found by its lineage key. Every change goes through
``Element.record`` (or the editor's own actions), so the paragraph's history names the
proposal: "Accepted proposal by Germany on Draft 1".
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.utils.safestring import SafeString

from drafting import inline
from drafting.actions import AddParagraph, Delete, SaveText
from drafting.diff import word_diff
from drafting.models import Element
from drafting.rendering.markup import DocumentNumbering, fragments_html
from drafting.tree import AGENDA_ITEM, Node, Tree
from meetings.access import Access
from meetings.actions import Action
from meetings.models import Meeting

from .models import CompilationPublication, Proposal

MAX_WORKING_PAPER_BYTES = 10 * 1024 * 1024
WORKING_PAPER_KINDS = {".pdf": "PDF", ".docx": "Word (DOCX)"}


# Working papers --------------------------------------------------------------------------


def working_paper_problem(name: str, size: int, content: BinaryIO) -> str | None:
    """Why an upload cannot be a working paper, in plain words; None if it can.

    The name's extension and the file's first bytes must agree: a PDF starts with
    ``%PDF-``; a DOCX is a zip archive holding ``word/document.xml``.
    """
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in WORKING_PAPER_KINDS:
        return "A working paper must be a PDF or a Word document (.docx); this file is neither."
    if size > MAX_WORKING_PAPER_BYTES:
        megabytes = size / (1024 * 1024)
        return f"This file is {megabytes:.1f} MB; a working paper can be at most 10 MB."
    content.seek(0)
    head = content.read(8)
    content.seek(0)
    if extension == ".pdf" and not head.startswith(b"%PDF-"):
        return "This file is named .pdf but is not a PDF document. Save it as PDF and try again."
    if extension == ".docx" and not _is_docx(head, content):
        return (
            "This file is named .docx but is not a Word document. "
            "Save it as .docx (Word 2007 or later) and try again."
        )
    return None


def _is_docx(head: bytes, content: BinaryIO) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(content) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        content.seek(0)


# The compilation ------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledProposal:
    proposal: Proposal
    redline: SafeString  # the proposal as a word diff against the paragraph


@dataclass(frozen=True)
class CompiledParagraph:
    node: Node
    agenda_item: Node | None
    proposals: tuple[CompiledProposal, ...]


def redline(proposal: Proposal, paragraph_html: str, numbers: Mapping[str, int]) -> SafeString:
    """What the proposal would do to the paragraph, as inline insertions and deletions;
    footnote calls (kept, added or dropped) numbered as in the version (``numbers``)."""
    numbering = DocumentNumbering(numbers)
    if proposal.kind == Proposal.Kind.REPLACE:
        return fragments_html(word_diff(paragraph_html, proposal.text), numbering)
    if proposal.kind == Proposal.Kind.ADD_AFTER:
        return fragments_html(word_diff("", proposal.text), numbering)
    if proposal.kind == Proposal.Kind.DELETE:
        return fragments_html(word_diff(paragraph_html, ""), numbering)
    return SafeString("")


def compilation(tree: Tree, proposals: Iterable[Proposal]) -> list[CompiledParagraph]:
    """The paragraphs of ``tree`` that have proposals, in document order, each with its
    proposals (oldest first). Pure: the caller fetches the tree and the proposals."""
    by_key: dict[str, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        by_key[str(proposal.element.key)].append(proposal)
    numbers = tree.footnote_numbers()
    compiled = []
    agenda_item = None
    for node, depth in tree.walk():
        if depth == 0:
            agenda_item = node if node.kind == AGENDA_ITEM else None
        if node.key in by_key:
            compiled.append(
                CompiledParagraph(
                    node=node,
                    agenda_item=agenda_item if agenda_item is not node else None,
                    proposals=tuple(
                        CompiledProposal(p, redline(p, node.text, numbers))
                        for p in by_key[node.key]
                    ),
                )
            )
    return compiled


# The chair's decisions ------------------------------------------------------------------


@dataclass(kw_only=True)
class Decision(Action[Any]):
    """What accepting, merging and noting share: only the chair's team decides, once. The
    proposal's row is locked first, so that two decisions on it queue and the second is
    refused."""

    proposal: Proposal
    element: Element | None = field(default=None, init=False)

    def forbidden(self) -> str | None:
        if not Access.of(self.user, self.proposal.meeting_id).can_decide_inputs:
            return "Only the chair's team can decide on proposals."
        return None

    def lock(self) -> None:
        self.proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("meeting__document", "version", "element", "state")
            .get(pk=self.proposal.pk)
        )
        self.element = self.working_element()

    def problems(self) -> list[str]:
        if self.proposal.status != Proposal.Status.SUBMITTED:
            return [f"This proposal has already been {self.proposal.get_status_display()}."]
        return self.more_problems()

    def more_problems(self) -> list[str]:
        return []

    def working_element(self) -> Element | None:
        """The paragraph in the working draft, found by its lineage key."""
        working = self.proposal.meeting.document.working_draft()
        return working.elements.filter(key=self.proposal.element.key).first()

    def gone(self) -> str:
        return (
            f"The paragraph this proposal is on is no longer in the working draft: it was "
            f"deleted after {self.proposal.version.label}. Note the proposal instead."
        )


@dataclass(kw_only=True)
class NoteProposal(Decision):
    """Take note of a proposal (or comment) without changing the text."""

    reason = "noted a proposal"

    def perform(self) -> None:
        self.proposal.decide(Proposal.Status.NOTED, self.user)


@dataclass(kw_only=True)
class AcceptProposal(Decision):
    """Apply the proposal to the working draft as it is: new wording replaces the
    paragraph's text, a new paragraph goes in after it, a deletion removes it.

    Refused when the paragraph has changed in the working draft since the draft the
    proposal is on: accepting would silently undo those changes; merge by hand instead.
    """

    def describe(self) -> str:
        return f"Accepted {self.proposal.source}"

    def more_problems(self) -> list[str]:
        if self.proposal.kind == Proposal.Kind.COMMENT:
            return ["A comment does not change the text; note it instead."]
        if self.element is None:
            return [self.gone()]
        kind = self.proposal.kind
        if kind != Proposal.Kind.ADD_AFTER and self.element.text != self.proposal.element.text:
            return [
                f"The paragraph has changed in the working draft since "
                f"{self.proposal.version.label}; accepting would undo those changes. "
                "Merge the proposal by hand instead."
            ]
        return []

    def perform(self) -> Element | None:
        element, kind, because = self.element, self.proposal.kind, self.describe()
        assert element is not None
        if kind == Proposal.Kind.REPLACE:
            self.run(
                SaveText(
                    user=self.user,
                    element=element,
                    text=self.proposal.text,
                    base_revision=element.revision,
                    because=because,
                )
            )
        elif kind == Proposal.Kind.ADD_AFTER:
            outcome = self.run(
                AddParagraph(
                    user=self.user, element=element, text=self.proposal.text, because=because
                )
            )
            element = outcome.focus
        else:
            self.run(Delete(user=self.user, element=element, because=because))
            element = None
        self.proposal.decide(Proposal.Status.ACCEPTED, self.user)
        return element


@dataclass(kw_only=True)
class MergeProposal(Decision):
    """Save the text the chair's team wrote from the proposal, and mark it merged.

    For a new paragraph the text goes into a new paragraph after the one proposed on;
    otherwise it becomes the paragraph's text. ``base_revision`` is the revision the text
    was written over: if someone has changed the paragraph since, nothing is saved.
    """

    text: str = ""
    base_revision: int = 0

    def describe(self) -> str:
        return f"Merged {self.proposal.source}"

    @property
    def adds_paragraph(self) -> bool:
        return self.proposal.kind == Proposal.Kind.ADD_AFTER

    def more_problems(self) -> list[str]:
        if self.element is None:
            return [self.gone()]
        if not self.adds_paragraph and self.element.revision != self.base_revision:
            return [
                "Someone changed this paragraph in the working draft while you were merging. "
                "Your text is kept below; compare it with the paragraph as it is now and save again."
            ]
        if self.adds_paragraph and not inline.sanitize(self.text):
            return ["Type the text of the new paragraph, or note the proposal instead."]
        return []

    def perform(self) -> Element:
        element, because = self.element, self.describe()
        assert element is not None
        if self.adds_paragraph:
            outcome = self.run(
                AddParagraph(user=self.user, element=element, text=self.text, because=because)
            )
            element = outcome.focus
        elif inline.sanitize(self.text) != element.text:
            self.run(
                SaveText(
                    user=self.user,
                    element=element,
                    text=self.text,
                    base_revision=self.base_revision,
                    because=because,
                )
            )
        self.proposal.decide(Proposal.Status.MERGED, self.user)
        return element


@dataclass(kw_only=True)
class PublishCompilation(Action[None]):
    """Let every delegation read every State's written inputs (``publish``), or go back to
    each delegation reading its own. The meeting's row is locked, so two clicks publish once."""

    meeting: Meeting
    publish: bool = True

    def describe(self) -> str:
        return "published the compilation" if self.publish else "withdrew the compilation"

    def forbidden(self) -> str | None:
        if not Access.of(self.user, self.meeting).can_decide_inputs:
            return "Only the chair's team can publish the compilation."
        return None

    def lock(self) -> None:
        self.meeting = Meeting.objects.select_for_update().get(pk=self.meeting.pk)

    def perform(self) -> None:
        published = CompilationPublication.objects.filter(meeting=self.meeting)
        if not self.publish:
            published.delete()
        elif not published.exists():
            CompilationPublication.objects.create(meeting=self.meeting, published_by=self.user)
