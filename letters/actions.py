"""The chair's letters: sending one freezes it; a new letter can be made from another; a
letter not yet sent can be deleted."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from meetings.access import Access
from meetings.actions import Action, Conflict

from .models import Annex, Letter, StoredPdf

# What a new letter takes from the one it is made from; the rest is its own: a date (today)
# and a reference (none: references are unique in a meeting), and it is not sent.
COPIED = (
    "letterhead",
    "salutation",
    "body",
    "closing",
    "signatory_name",
    "signatory_title",
    "signature",
    "addressees",
)
ANNEX_COPIED = ("position", "kind", "title", "text", "table", "version", "compared_with")


@dataclass(kw_only=True)
class LetterAction(Action[Letter]):
    """What every change to a meeting's letters shares: only the chair's team and the
    secretariat prepare letters."""

    letter: Letter

    def forbidden(self) -> str | None:
        if not Access.of(self.user, self.letter.meeting_id).can_prepare_letters:
            return "Only the chair's team and the secretariat prepare letters."
        return None

    def lock(self) -> None:
        """Lock the letter's row and read it again; someone may have deleted it meanwhile."""
        found = Letter.objects.select_for_update().filter(pk=self.letter.pk).first()
        if found is None:
            raise Conflict("Someone else deleted this letter a moment ago.")
        self.letter = found


@dataclass(kw_only=True)
class SendLetter(LetterAction):
    """Mark the letter as sent: from then on it never changes and is printed from its stored
    PDF. The letter's row is locked, so two clicks send it once."""

    reason = "sent the letter"

    def problems(self) -> list[str]:
        if self.letter.is_sent:
            return ["This letter has already been sent."]
        return []

    def perform(self) -> Letter:
        self.letter.mark_sent(self.user)
        return self.letter


@dataclass(kw_only=True)
class CopyLetter(LetterAction):
    """A new letter made from ``letter``, sent or not: its letterhead, text, signatory and
    addressees, and its annexes in their positions; dated today, with no reference, not
    sent. Returns the new letter."""

    reason = "made a new letter from another"

    def perform(self) -> Letter:
        original = self.letter
        copy = Letter.objects.create(
            meeting=original.meeting,
            date=timezone.localdate(),
            **{name: getattr(original, name) for name in COPIED},
        )
        for annex in original.annexes.all():
            Annex.objects.create(
                letter=copy, **{name: getattr(annex, name) for name in ANNEX_COPIED}
            )
        return copy


@dataclass(kw_only=True)
class DeleteLetter(LetterAction):
    """Delete a letter not yet sent, with its annexes and the PDF previewed of it. A sent
    letter is never deleted: the delegations hold it."""

    reason = "deleted the letter"

    def problems(self) -> list[str]:
        if self.letter.is_sent:
            sent = self.letter.sent_at
            return [f"This letter was sent on {sent.day} {sent:%B %Y}; a sent letter is kept."]
        return []

    def perform(self) -> Letter:
        previews = StoredPdf.objects.filter(letter=self.letter).exclude(file="")
        files = [stored.file for stored in previews]
        self.letter.delete()
        # The files go once the rows are gone for good, not if the deletion is rolled back.
        transaction.on_commit(lambda: [file.storage.delete(file.name) for file in files])
        return self.letter
