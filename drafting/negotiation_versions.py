"""The negotiation at a glance for stored versions: ``drafting.negotiation`` fed with the
issued drafts a reader may read, in the order they were issued. The format of the figures
lives in ``negotiation`` and ``negotiation_chart``, which have no ORM in them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.utils import timezone

from .models import Version, trees_of
from .negotiation import Negotiation, negotiation


def draft_date(version: Version) -> datetime.date | None:
    """The date a draft is quoted by: its own, or the day it was issued when it has none
    (a draft imported without a date)."""
    if version.date is not None:
        return version.date
    return timezone.localdate(version.issued_at) if version.issued_at else None


def issued_in_order(versions: Iterable[Version]) -> list[Version]:
    """The issued ones of ``versions`` that have a date, oldest first (by date, then in the
    order they were stored)."""
    dated = [v for v in versions if v.is_issued and draft_date(v) is not None]
    return sorted(dated, key=lambda v: (draft_date(v), v.pk))


def versions_negotiation(drafts: Sequence[Version]) -> Negotiation:
    """The figures of ``drafts`` (issued, in order; see ``issued_in_order``), their trees
    read in two queries whatever their number."""
    trees = trees_of(draft.pk for draft in drafts)
    return negotiation([(d.label, draft_date(d), trees[d.pk]) for d in drafts])
