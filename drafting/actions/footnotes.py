"""Footnotes of the working draft: add one at the cursor, change its text, remove it.

Footnote changes take the version's row first, like structural ones, so that an issue in
progress never sees a footnote call without its footnote.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from meetings.actions import Conflict

from .. import inline
from ..limits import MAX_FOOTNOTE_TEXT
from ..models import ChangeKind, Footnote
from ..tree import FOOTNOTE_REF
from .edits import SaveText
from .working import Outcome, WorkingDraftAction, lock_version, reread, too_long


def footnote_problems(text: str, required: str) -> list[str]:
    """Why a footnote's text cannot be saved: missing (``required`` says what to do) or too long."""
    clean = inline.sanitize(text)
    if not inline.plain_text(clean).strip():
        return [required]
    return too_long(clean, MAX_FOOTNOTE_TEXT, "A footnote")


@dataclass(kw_only=True)
class AddFootnote(SaveText):
    """Save the text with a new footnote call in it, and the footnote it calls."""

    key: str
    footnote_text: str
    reason = "added a footnote"
    kind = ChangeKind.FOOTNOTE
    structural = True

    def invalid(self) -> list[str]:
        problems = super().invalid()
        problems += footnote_problems(self.footnote_text, "Write the footnote's text.")
        try:
            uuid.UUID(self.key)
        except ValueError:
            return [*problems, "The footnote call is damaged; try again."]
        if self.key not in FOOTNOTE_REF.findall(inline.sanitize(self.text)):
            problems.append("Put the cursor where the footnote belongs, then add it.")
        elif Footnote.objects.filter(version_id=self.element.version_id, key=self.key).exists():
            problems.append("This footnote is already there; reload the page.")
        return problems

    def perform(self) -> Outcome:
        self.element.record(self.user, self.history_reason(), text=self.text)
        Footnote(version_id=self.element.version_id, key=self.key, element=self.element).record(
            self.user, "added", text=self.footnote_text
        )
        return Outcome(refresh=self.element, focus=self.element, group=self.change_id)


@dataclass(kw_only=True)
class EditFootnote(WorkingDraftAction):
    """Change a footnote's text, or remove the footnote and its call (``remove``)."""

    footnote: Footnote
    text: str = ""
    remove: bool = False
    kind = ChangeKind.FOOTNOTE

    def meeting_id(self) -> int:
        return self.footnote.version.document.meeting_id

    def describe(self) -> str:
        return "removed a footnote" if self.remove else "edited a footnote"

    def lock(self) -> None:
        lock_version(self.footnote.version_id)
        fresh = Footnote.objects.select_for_update().filter(pk=self.footnote.pk).first()
        if fresh is None:
            raise Conflict("This footnote was removed by someone else meanwhile.")
        self.footnote = fresh
        self.element = reread(fresh.element)

    def problems(self) -> list[str]:
        if self.footnote.version.is_issued:
            return ["This version has been issued and can no longer be changed."]
        if self.remove:
            return []
        return footnote_problems(self.text, "Write the footnote's text, or remove the footnote.")

    def perform(self) -> Outcome:
        if self.remove:
            call = f'<fn-ref data-key="{self.footnote.key}"></fn-ref>'
            self.element.record(
                self.user, self.history_reason(), text=self.element.text.replace(call, "")
            )
            self.footnote.delete()
        else:
            self.footnote.record(self.user, self.history_reason(), text=self.text)
        return Outcome(refresh=self.element, focus=self.element, group=self.change_id)
