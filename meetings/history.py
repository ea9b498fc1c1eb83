"""Who changed what, why, and in which action: filled into every history row as it is made.

``recording(...)`` holds, for the code inside it, the user, the reason, the kind of change,
the id of the action's execution (its group) and the browser tab it came from. A receiver
of django-simple-history's ``pre_create_historical_record`` copies them into each history
row as it is created, so that no code rewrites history rows after the fact. What a model
sets on its instance (``_history_user``, ``_change_reason``, ``_change_kind``) wins.
Historical models opt into the kind, group and tab by having the fields of
``RecordedChange``; others just get the user and the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordedChange(models.Model):
    """Fields a historical model adds (``HistoricalRecords(bases=[RecordedChange])``)."""

    change_kind = models.CharField(_("kind of change"), max_length=20, blank=True)
    change_group = models.CharField(
        _("action"), max_length=36, blank=True, db_index=True, help_text=_("One per action run.")
    )
    change_tab = models.CharField(_("browser tab"), max_length=64, blank=True)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class Recording:
    user: Any
    reason: str
    kind: str
    group: str
    tab: str


_current: ContextVar[Recording | None] = ContextVar("recording", default=None)


@contextmanager
def recording(user: Any, reason: str, kind: str, group: str, tab: str = "") -> Iterator[None]:
    """Record ``user``, ``reason``, ``kind``, ``group`` and ``tab`` on history made inside."""
    token = _current.set(Recording(user, reason, kind, group, tab))
    try:
        yield
    finally:
        _current.reset(token)


def current() -> Recording | None:
    """What history made now is recorded with, if inside ``recording``."""
    return _current.get()


def fill_history_row(
    sender: type, instance: models.Model, history_instance: Any, **kwargs: Any
) -> None:
    """Receiver of ``pre_create_historical_record``: complete the row from the recording."""
    now = current()
    opted_in = hasattr(history_instance, "change_group")
    if opted_in:
        history_instance.change_kind = getattr(instance, "_change_kind", "") or (
            now.kind if now else ""
        )
    if now is None:
        return
    if history_instance.history_user is None and getattr(now.user, "is_authenticated", False):
        history_instance.history_user = now.user
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = now.reason or None
    if opted_in:
        history_instance.change_group = now.group
        history_instance.change_tab = now.tab


def bulk_attributes() -> dict[str, Any]:
    """What ``bulk_history_create`` should record, from the recording (empty outside one)."""
    now = current()
    if now is None:
        return {}
    return {
        "default_user": now.user if getattr(now.user, "is_authenticated", False) else None,
        "default_change_reason": now.reason,
        "custom_historical_attrs": {
            "change_kind": now.kind,
            "change_group": now.group,
            "change_tab": now.tab,
        },
    }
