"""The demo letters of the Chairs of BMS6 and BMS7, from ``fixtures/letters/*.yaml``.

``load_letters`` is a step of ``manage.py load_demo``: it makes each letter whose meeting
exists and which is not there yet, and returns one line per letter made.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.conf import settings

from drafting.models import Version
from meetings.models import Meeting

from .models import Annex, Letter, Letterhead

LETTERS = settings.BASE_DIR / "fixtures" / "letters"
LETTER_FIELDS = (
    "reference",
    "printed_date",
    "salutation",
    "body",
    "closing",
    "signatory_name",
    "signatory_title",
    "addressees",
)


def load_letters() -> list[str]:
    return [line for path in sorted(LETTERS.glob("*.yaml")) for line in load_letter(path)]


def load_letter(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    meeting = Meeting.objects.filter(code=data["meeting"]).first()
    if meeting is None or meeting.letters.filter(date=data["date"]).exists():
        return []
    letterhead, _ = Letterhead.objects.get_or_create(meeting=meeting, **data["letterhead"])
    letter = Letter.objects.create(
        meeting=meeting,
        letterhead=letterhead,
        date=data["date"],
        **{name: data[name] for name in LETTER_FIELDS},
    )
    for position, annex in enumerate(data["annexes"], start=1):
        _make_annex(letter, position, annex)
    if data.get("sent"):
        sent_at = datetime.datetime.combine(data["date"], datetime.time(12), datetime.UTC)
        Letter.objects.filter(pk=letter.pk).update(sent_at=sent_at)
    annexes = len(data["annexes"])
    return [f"letter of {letter.date:%d %B %Y} of {meeting.code} with {annexes} annex(es)"]


def _make_annex(letter: Letter, position: int, data: dict) -> Annex:
    fields = {"kind": data["kind"], "title": data["title"], "text": data.get("text", "")}
    if "table" in data:
        fields["table"] = data["table"]
    if "version" in data:
        fields["version"] = Version.objects.get(
            document__meeting=letter.meeting, label=data["version"]
        )
    annex = Annex(letter=letter, position=position, **fields)
    annex.full_clean()
    annex.save()
    return annex
