"""Issuing a 1,500-paragraph working draft as a frozen version, against a real database.

Run with ``python bench/run.py bench_issue`` (or ``make bench``).
"""

from __future__ import annotations

import datetime
import itertools

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from bench.generate import make_tree
from bench.harness import database, median_ms

QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
REPEAT = 5


def run() -> list[tuple[str, float, str]]:
    from django.contrib.auth.models import User

    from drafting.actions import IssueDraft
    from drafting.models import OutcomeDocument, Version
    from meetings.models import Meeting, Membership

    # The PDF of each issued draft is queued, as in production, not rendered here.
    with database(), override_settings(TASKS=QUEUE_ONLY):
        meeting = Meeting.objects.create(code="BENCH", title="Benchmark meeting")
        document = OutcomeDocument.objects.create(meeting=meeting)
        chair = User.objects.create_user("bench-chair")
        Membership.objects.create(user=chair, meeting=meeting, role=Membership.Role.CHAIR_TEAM)
        tree = make_tree()
        working = Version.objects.create_from_tree(
            tree, document=document, label="Working draft", slug="working", status="working"
        )
        numbers = itertools.count(1)

        def issue() -> None:
            # Each issue needs something new to issue: one paragraph changes first.
            number = next(numbers)
            working.elements.filter(kind="paragraph").first().record(chair, text=f"Now {number}")
            IssueDraft(
                user=chair,
                document=document,
                kind="draft",
                label=f"Draft {number}",
                date=datetime.date(2021, 6, 10),
            ).execute()

        elapsed = median_ms(issue, REPEAT)
        with CaptureQueriesContext(connection) as queries:
            issue()
    return [
        ("issue_version_ms_1500", elapsed, "ms"),
        ("issue_version_queries_1500", float(len(queries)), "queries"),
    ]
