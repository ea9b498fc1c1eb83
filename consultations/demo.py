"""Demo steps of ``manage.py load_demo``: the BMS7 consultations and the BMS7 Bureau, as
the Chair's letter of 10 June 2021 gives them.

Each step makes what is missing and returns one line per thing made.
"""

from __future__ import annotations

import datetime

from meetings.models import Meeting, RegionalGroup, State

from .models import BureauNomination, Consultation

NEW_YORK = "America/New_York"
HYBRID = {"format": Consultation.Format.HYBRID, "rooms": "CR 1, 2, 3", "platform": "Interprefy"}
ON_DRAFT_1 = "Informal consultations on Draft 1"
ON_THE_OUTCOME = "Informal consultations on the draft outcome document (English only)"

# The tentative timetable of the letter of 10 June 2021, then its Annex 2 (the BMS7 week).
# (day, start, end, topic, other fields); "draft" names the version discussed.
BMS7_SESSIONS = [
    (
        "2021-06-15",
        "09:30",
        "11:30",
        "Informal consultations on BMS7 preparations/current status, format/modalities of "
        "the BMS7, and the Bureau",
        {"format": Consultation.Format.VIRTUAL, "platform": "MS Teams"},
    ),
    ("2021-06-17", "08:45", "10:45", f"{ON_DRAFT_1}, beginning with item A", {"draft": "Draft 1"}),
    ("2021-06-22", "15:00", "17:00", f"{ON_DRAFT_1} continued", {"draft": "Draft 1"}),
    ("2021-06-24", "15:00", "17:00", f"{ON_DRAFT_1} continued", {"draft": "Draft 1"}),
    (
        "2021-06-25",
        "10:00",
        "12:00",
        "Informal consultations on new technologies",
        {"facilitator": "Belgium"},
    ),
    *[
        (day, "09:00", "10:30", ON_THE_OUTCOME, {"format": Consultation.Format.VIRTUAL})
        for day in ["2021-07-27", "2021-07-28", "2021-07-29", "2021-07-30"]
    ],
    *[
        (day, "11:00", "13:00", "", HYBRID)
        for day in ["2021-07-26", "2021-07-27", "2021-07-29", "2021-07-30"]
    ],
    (
        "2021-07-28",
        "11:00",
        "13:00",
        "Statements by international and regional organizations, followed by "
        "non-governmental organizations and civil society",
        {"format": Consultation.Format.VIRTUAL},
    ),
    *[
        (day, "15:00", "17:00", "", HYBRID)
        for day in ["2021-07-26", "2021-07-27", "2021-07-28", "2021-07-29", "2021-07-30"]
    ],
]

# Footnote 2 of the letter: the nominations "to date", reported on 10 June 2021 (the
# letter gives no earlier dates, so that date stands for each).
BMS7_BUREAU = [
    ("Algeria", "AG"),
    ("Germany", "WEOG"),
    ("Hungary", "EEG"),
    ("Latvia", "EEG"),
    ("Philippines", "APG"),
]
BMS7_BUREAU_REPORTED = datetime.date(2021, 6, 10)


def load_schedule() -> list[str]:
    meeting = Meeting.objects.filter(code="BMS7").first()
    if meeting is None or meeting.consultations.exists():
        return []
    for day, start, end, topic, fields in BMS7_SESSIONS:
        fields = dict(fields)
        draft = fields.pop("draft", None)
        facilitator = fields.pop("facilitator", None)
        session = Consultation(
            meeting=meeting,
            date=datetime.date.fromisoformat(day),
            start_time=datetime.time.fromisoformat(start),
            end_time=datetime.time.fromisoformat(end),
            time_zone=NEW_YORK,
            topic=topic,
            version=meeting.document.versions.get(label=draft) if draft else None,
            facilitator=State.objects.get(name=facilitator) if facilitator else None,
            **fields,
        )
        session.full_clean()
        session.save()
    return [f"{len(BMS7_SESSIONS)} consultation sessions of BMS7 (June 2021 and the BMS7 week)"]


def load_bureau() -> list[str]:
    meeting = Meeting.objects.filter(code="BMS7").first()
    if meeting is None or meeting.bureau_nominations.exists():
        return []
    for name, group in BMS7_BUREAU:
        BureauNomination.objects.create(
            meeting=meeting,
            state=State.objects.get(name=name),
            regional_group=RegionalGroup.objects.get(short_name=group),
            nominated_on=BMS7_BUREAU_REPORTED,
        )
    return [f"{len(BMS7_BUREAU)} Bureau nominations of BMS7"]
