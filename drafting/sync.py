"""What changed in the working draft since an editor tab last looked: the live feed.

A tab remembers a cursor ("E.F": the newest element and footnote history ids it has
seen) and asks for what came after. The answer reads the kind of each change (a field of
the history row, never its wording): a structural change means the tab takes the whole
outline again; text and footnote changes name the elements to show again. A tab's own
changes are left out (the tab shows them already), but the cursor moves past them; another
tab of the same person is someone else here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max

from .models import ChangeKind, Element, Footnote, Version


def history_cursor(version: Version) -> str:
    """The newest element and footnote history ids of ``version``, as "E.F"."""
    element = Element.history.filter(version_id=version.pk).aggregate(m=Max("history_id"))["m"]
    footnote = Footnote.history.filter(version_id=version.pk).aggregate(m=Max("history_id"))["m"]
    return f"{element or 0}.{footnote or 0}"


def _parse_cursor(cursor: str) -> tuple[int, int]:
    try:
        element, footnote = (int(part) for part in cursor.split("."))
    except ValueError:
        return 0, 0
    return element, footnote


@dataclass(frozen=True)
class ChangesSince:
    """What others changed after ``cursor``: ``structural`` when the outline's shape may
    have changed (the tab then takes the whole outline), otherwise ``keys`` are the
    elements whose text or footnotes changed. ``cursor`` is the new cursor."""

    cursor: str
    keys: frozenset[str]
    structural: bool

    @classmethod
    def find(cls, version: Version, cursor: str, user: object, tab: str = "") -> ChangesSince:
        element_since, footnote_since = _parse_cursor(cursor)
        rows = list(
            Element.history.filter(version_id=version.pk, history_id__gt=element_since).values(
                "history_id", "key", "history_type", "change_kind", "history_user_id", "change_tab"
            )
        )
        notes = list(
            Footnote.history.filter(version_id=version.pk, history_id__gt=footnote_since).values(
                "history_id", "element_id", "history_user_id", "change_tab"
            )
        )
        new_cursor = (
            f"{max([r['history_id'] for r in rows], default=element_since)}."
            f"{max([n['history_id'] for n in notes], default=footnote_since)}"
        )
        me = getattr(user, "pk", None)
        rows = [r for r in rows if (r["history_user_id"], r["change_tab"]) != (me, tab)]
        notes = [n for n in notes if (n["history_user_id"], n["change_tab"]) != (me, tab)]
        structural = any(
            r["history_type"] != "~"
            or r["change_kind"] not in (ChangeKind.TEXT, ChangeKind.FOOTNOTE)
            for r in rows
        )
        keys = {str(r["key"]) for r in rows}
        if notes and not structural:
            called_from = {n["element_id"] for n in notes}
            keys |= {
                str(k)
                for k in Element.objects.filter(pk__in=called_from).values_list("key", flat=True)
            }
        return cls(new_cursor, frozenset(keys), structural)
