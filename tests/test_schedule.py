"""The schedule of consultations: the week grid, calendar files, and keeping the schedule."""

import datetime
from io import StringIO

import icalendar
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.models import Consultation
from consultations.timetable import week_grid
from meetings.models import Meeting, Membership

Role = Membership.Role
T = datetime.time


@pytest.fixture
def bms7(db):
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())
    return Meeting.objects.get(code="BMS7")


def cell_text(cell) -> list[str]:
    return [f"{s.hours} {s.where} {s.topic}".strip() for s in cell]


def test_the_bms7_week_is_laid_out_like_annex_2(bms7):
    grid = week_grid(bms7.consultations.all(), datetime.date(2021, 7, 26))
    assert [d.strftime("%A %d") for d in grid.days] == [
        "Monday 26",
        "Tuesday 27",
        "Wednesday 28",
        "Thursday 29",
        "Friday 30",
    ]
    assert [row.slot and (row.slot.start, row.slot.end) for row in grid.rows] == [
        (T(9), T(10, 30)),
        (T(11), T(13)),
        None,
        (T(15), T(17)),
    ]
    morning, late_morning, _break, afternoon = grid.rows
    assert morning.cells[0] == ()  # no virtual consultations on the Monday
    assert cell_text(morning.cells[1]) == [
        "9am to 10.30am Virtual only Informal consultations on the draft outcome document (English only)"
    ]
    assert cell_text(late_morning.cells[0]) == [
        "11am to 1pm Hybrid (in-person in CR 1, 2, 3 and Interprefy)"
    ]
    assert (
        "Statements by international and regional organizations"
        in cell_text(late_morning.cells[2])[0]
    )
    assert all(
        cell_text(c) == ["3pm to 5pm Hybrid (in-person in CR 1, 2, 3 and Interprefy)"]
        for c in afternoon.cells
    )


def test_the_june_consultations_of_the_letter(bms7):
    june = bms7.consultations.filter(date__month=6)
    assert [(s.date.day, s.hours) for s in june] == [
        (15, "9.30am to 11.30am"),
        (17, "8.45am to 10.45am"),
        (22, "3pm to 5pm"),
        (24, "3pm to 5pm"),
        (25, "10am to 12pm"),
    ]
    first = june[0]
    assert first.format == Consultation.Format.VIRTUAL and first.platform == "MS Teams"
    assert june.get(date__day=25).facilitator.name == "Belgium"
    assert june.get(date__day=17).version.label == "Draft 1"
    assert {s.time_zone for s in june} == {"America/New_York"}


def test_two_sessions_at_once_share_a_cell_and_a_weekend_day_appears_only_when_used(factory):
    meeting = factory.make_meeting()
    a = factory.make_consultation(meeting, date=datetime.date(2021, 6, 15), topic="A")
    b = factory.make_consultation(meeting, date=datetime.date(2021, 6, 15), topic="B")
    grid = week_grid([a, b], datetime.date(2021, 6, 14))
    assert len(grid.days) == 5 and [s.topic for s in grid.rows[0].cells[1]] == ["A", "B"]
    c = factory.make_consultation(meeting, date=datetime.date(2021, 6, 19), topic="Saturday")
    assert len(week_grid([a, c], datetime.date(2021, 6, 14)).days) == 6


def test_session_calendar_file_has_its_time_zone_and_a_stable_uid(bms7, client):
    client.force_login(Membership.objects.get(meeting=bms7, role=Role.DELEGATION).user)
    session = bms7.consultations.get(date=datetime.date(2021, 6, 15))
    url = reverse("consultation-ics", args=["BMS7", session.pk])
    first, again = client.get(url), client.get(url)
    assert first["Content-Type"].startswith("text/calendar")
    assert "attachment" in first["Content-Disposition"]
    body = first.content.decode()
    assert "DTSTART;TZID=America/New_York:20210615T093000" in body
    assert "DTEND;TZID=America/New_York:20210615T113000" in body
    assert "BEGIN:VTIMEZONE" in body and "TZID:America/New_York" in body
    event = icalendar.Calendar.from_ical(first.content).walk("VEVENT")[0]
    assert event["UID"] == f"{session.uid}@outcome-documents"
    assert icalendar.Calendar.from_ical(again.content).walk("VEVENT")[0]["UID"] == event["UID"]
    start = event.decoded("DTSTART")
    assert start.astimezone(datetime.UTC) == datetime.datetime(
        2021, 6, 15, 13, 30, tzinfo=datetime.UTC
    )
    assert "MS Teams" in event["DESCRIPTION"]


def test_meeting_calendar_file_holds_every_session(bms7, client):
    client.force_login(Membership.objects.get(meeting=bms7, role=Role.SECRETARIAT).user)
    cal = icalendar.Calendar.from_ical(client.get(reverse("schedule-ics", args=["BMS7"])).content)
    events = cal.walk("VEVENT")
    assert len(events) == bms7.consultations.count() == 19
    assert len({e["UID"] for e in events}) == 19
    facilitated = [e for e in events if "Belgium" in e["DESCRIPTION"]]
    assert len(facilitated) == 1


def test_secretariat_adds_edits_and_removes_a_session(factory, client):
    meeting = factory.make_meeting()
    client.force_login(factory.make_member(meeting, Role.SECRETARIAT))
    data = {
        "date": "2021-06-29",
        "start_time": "10:00",
        "end_time": "12:00",
        "time_zone": "America/New_York",
        "format": "hybrid",
        "rooms": "CR 4",
        "platform": "Interprefy",
        "topic": "Draft 2, first reading",
    }
    response = client.post(reverse("consultation-create", args=[meeting.code]), data)
    assert response.status_code == 302
    session = meeting.consultations.get()
    assert session.where == "Hybrid (in-person in CR 4 and Interprefy)"
    client.post(
        reverse("consultation-update", args=[meeting.code, session.pk]), {**data, "rooms": "CR 1"}
    )
    session.refresh_from_db()
    assert session.rooms == "CR 1"
    client.post(reverse("consultation-delete", args=[meeting.code, session.pk]))
    assert not meeting.consultations.exists()


def test_a_session_ending_before_it_starts_or_in_an_unknown_zone_is_refused_and_kept(
    factory, client
):
    meeting = factory.make_meeting()
    client.force_login(factory.make_member(meeting, Role.CHAIR_TEAM))
    data = {
        "date": "2021-06-29",
        "start_time": "12:00",
        "end_time": "10:00",
        "time_zone": "New York",
        "format": "virtual",
        "topic": "Typed with care",
    }
    response = client.post(reverse("consultation-create", args=[meeting.code]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The session must end after it starts." in page
    assert "is not a time zone name" in page
    assert "Typed with care" in page
    assert not meeting.consultations.exists()


def test_a_delegation_reads_the_schedule_but_cannot_change_it(factory, client):
    meeting = factory.make_meeting()
    session = factory.make_consultation(meeting)
    client.force_login(factory.make_member(meeting, Role.DELEGATION))
    assert client.get(reverse("schedule", args=[meeting.code])).status_code == 200
    assert (
        client.post(reverse("consultation-delete", args=[meeting.code, session.pk])).status_code
        == 403
    )
    assert meeting.consultations.exists()


def test_schedule_and_timetable_cost_the_same_queries_however_many_sessions(factory, client):
    meeting = factory.make_meeting(start_date=datetime.date(2021, 6, 14))
    client.force_login(factory.make_member(meeting, Role.SECRETARIAT))
    version = factory.make_version(factory.make_document(meeting))
    facilitator = factory.make_state()

    def queries(name: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name, args=[meeting.code])).status_code == 200
        return len(captured)

    factory.make_consultation(meeting, version=version, facilitator=facilitator)
    few = {name: queries(name) for name in ("schedule", "timetable")}
    for day in range(14, 19):
        factory.make_consultation(
            meeting, date=datetime.date(2021, 6, day), version=version, facilitator=facilitator
        )
    assert {name: queries(name) for name in ("schedule", "timetable")} == few
