"""The chair's letters: sending one freezes it."""

from __future__ import annotations

from dataclasses import dataclass

from meetings.access import Access
from meetings.actions import Action

from .models import Letter


@dataclass(kw_only=True)
class SendLetter(Action[Letter]):
    """Mark the letter as sent: from then on it never changes and is printed from its stored
    PDF. The letter's row is locked, so two clicks send it once."""

    letter: Letter
    reason = "sent the letter"

    def forbidden(self) -> str | None:
        if not Access.of(self.user, self.letter.meeting_id).can_prepare_letters:
            return "Only the chair's team and the secretariat send letters."
        return None

    def lock(self) -> None:
        self.letter = Letter.objects.select_for_update().get(pk=self.letter.pk)

    def problems(self) -> list[str]:
        if self.letter.is_sent:
            return ["This letter has already been sent."]
        return []

    def perform(self) -> Letter:
        self.letter.mark_sent(self.user)
        return self.letter
