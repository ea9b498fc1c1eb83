"""Word files uploaded in the browser, kept between the preview and the person's choice.

The bytes go to the default file storage, which every app server shares, under a random
name; the person's session holds which of them are theirs and for which meeting. The
address of a preview carries only a random token: a request reaches a file its own session
uploaded for that meeting, never a path the browser names. A person keeps one upload per
meeting (a new one replaces it); it is deleted once used, and any upload left over is
deleted a day after it was made, whenever someone uploads again.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "word-uploads"
KEPT_FOR = datetime.timedelta(days=1)
SESSION_KEY = "word_uploads"


@dataclass(frozen=True)
class KeptUpload:
    """An uploaded file waiting for the person's choice: its token, its name, its bytes."""

    token: str
    name: str
    data: bytes


def keep(session: Any, meeting_code: str, name: str, data: bytes) -> str:
    """Store ``data`` (a file called ``name``) for the session's person in ``meeting_code``
    and return the token that finds it again; their earlier upload there is deleted."""
    sweep()
    for token, record in list(_records(session).items()):
        if record["meeting"] == meeting_code:
            discard(session, token)
    token = secrets.token_urlsafe(18)
    path = default_storage.save(f"{FOLDER}/{token}.docx", ContentFile(data))
    session[SESSION_KEY] = {
        **_records(session),
        token: {"meeting": meeting_code, "name": name, "path": path},
    }
    return token


def kept(session: Any, meeting_code: str, token: str) -> KeptUpload | None:
    """The upload ``token`` of this session in ``meeting_code``; None if there is none (or
    no longer)."""
    record = _records(session).get(token)
    if record is None or record["meeting"] != meeting_code:
        return None
    try:
        with default_storage.open(record["path"], "rb") as file:
            data = file.read()
    except FileNotFoundError:
        discard(session, token)
        return None
    return KeptUpload(token, record["name"], data)


def discard(session: Any, token: str) -> None:
    """Delete the upload ``token`` of this session, if it has one."""
    records = _records(session)
    record = records.pop(token, None)
    if record is not None:
        default_storage.delete(record["path"])
        session[SESSION_KEY] = records


def sweep() -> None:
    """Delete every upload older than ``KEPT_FOR``, whoever made it: sessions end without
    saying so, and their files must not stay."""
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    limit = timezone.now() - KEPT_FOR
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except FileNotFoundError:
            continue  # deleted by another request meanwhile


def _records(session: Any) -> dict[str, dict[str, str]]:
    return dict(session.get(SESSION_KEY, {}))
