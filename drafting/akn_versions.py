"""Stored versions as Akoma Ntoso: the ``AknMeta`` of a Version and its export.
The format itself lives in the ``akn`` package, which has no ORM in it."""

from __future__ import annotations

from .akn import AknMeta, version_akn
from .models import Version


def akn_meta(version: Version) -> AknMeta:
    """What an export says about ``version``; reads ``version.document.meeting``
    (select it with the version to save two queries)."""
    meeting = version.document.meeting
    return AknMeta(
        meeting_code=meeting.code,
        meeting_title=meeting.title,
        label=version.label,
        slug=version.slug,
        kind=version.kind,
        status=version.status,
        title=version.title,
        note=version.note,
        date=version.date,
        meeting_date=meeting.start_date,
    )


def export_akn(version: Version) -> bytes:
    """The Akoma Ntoso XML of a stored version."""
    return version_akn(version.tree(), akn_meta(version))
