"""The meeting page with the negotiation at a glance of five issued 1,500-paragraph drafts,
server time through Django's test client: the first time (cache empty: five trees read, four
comparisons, the figures and the plot) and served again (the section cached).

Run with ``python bench/run.py bench_glance`` (or ``make bench``).
"""

from __future__ import annotations

import datetime
import gc

from bench.bench_pages import _first_time_ms
from bench.generate import make_tree, mutate
from bench.harness import database, median_ms

DRAFTS = 5


def _meeting():
    """A meeting with ``DRAFTS`` successive drafts of 1,500 paragraphs, each 10% changed."""
    from drafting.models import OutcomeDocument, Version
    from meetings.models import Meeting

    meeting = Meeting.objects.create(code="GLANCE", title="Benchmark meeting")
    document = OutcomeDocument.objects.create(meeting=meeting)
    tree = make_tree(paragraphs=1500, items=5, headings=40, footnotes=100)
    for number in range(1, DRAFTS + 1):
        Version.objects.create_from_tree(
            tree,
            document=document,
            label=f"Draft {number}",
            status=Version.Status.ISSUED,
            date=datetime.date(2021, 6, 1) + datetime.timedelta(days=14 * number),
        )
        tree = mutate(tree, seed=number)
    return meeting


def run() -> list[tuple[str, float, str]]:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from meetings.models import Membership

    with database():
        meeting = _meeting()
        user = User.objects.create_user("bench-reader")
        Membership.objects.create(user=user, meeting=meeting, role=Membership.Role.SECRETARIAT)
        client = Client()
        client.force_login(user)
        url = reverse("meeting-detail", args=[meeting.code])
        client.get(url)  # warm the template cache and the connection
        gc.collect()
        first = _first_time_ms(client, url)
        cached = median_ms(lambda: client.get(url))
    return [
        (f"meeting_page_ms_{DRAFTS}x1500", first, "ms"),
        (f"meeting_page_ms_{DRAFTS}x1500_cached", cached, "ms"),
    ]
