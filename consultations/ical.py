"""Consultation sessions as iCalendar (RFC 5545) files, for people's own calendars.

Times are written in the session's own time zone (``DTSTART;TZID=America/New_York``) with
the matching VTIMEZONE, so a calendar anywhere shows the right local time. Each session
keeps one UID for ever, so downloading again updates the event instead of adding a copy.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import icalendar

from .models import Consultation

PRODID = "-//Outcome documents//Consultations//EN"
UID_DOMAIN = "outcome-documents"


def calendar(sessions: Iterable[Consultation], name: str, url_of) -> bytes:
    """One calendar holding ``sessions``; ``url_of(session)`` gives the page to link."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    for session in sessions:
        cal.add_component(_event(session, stamp, url_of(session)))
    cal.add_missing_timezones()
    return cal.to_ical()


def _event(session: Consultation, stamp: datetime.datetime, url: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{session.uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", summary(session))
    event.add("description", description(session))
    location = ", ".join(p for p in [session.rooms, session.platform] if p)
    if location:
        event.add("location", location)
    event.add("url", url)
    return event


def summary(session: Consultation) -> str:
    topic = session.topic or "Session"
    return f"{session.meeting.code}: {topic}"


def description(session: Consultation) -> str:
    lines = [session.topic or "Session", str(session.where)]
    if session.version_id:
        lines.append(f"Draft discussed: {session.version.label}")
    if session.facilitator_id:
        lines.append(f"Facilitated by {session.facilitator}")
    return "\n".join(lines)
