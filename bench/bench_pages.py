"""The reading and compare pages of a 1,500-paragraph draft, and its downloads as Word and
Akoma Ntoso, server time through Django's test client: the first time (cache empty) and
served again (the issued body or file cached).

Targets: version page, inline and side-by-side comparison within 150 ms the first time;
within 20 ms once cached. Run with ``python bench/run.py bench_pages`` (or ``make bench``).
"""

from __future__ import annotations

import datetime
import gc
import statistics
import time

from bench.generate import make_tree, mutate
from bench.harness import database, median_ms

REPEAT = 5


def _first_time_ms(client, url: str) -> float:
    """The median time of a request with the cache emptied before each one."""
    from django.core.cache import cache

    times = []
    for _ in range(REPEAT):
        cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def _drafts():
    """A meeting with Draft 1 (1,500 paragraphs) and Draft 2 (10% changed), both issued."""
    from drafting.models import OutcomeDocument, Version
    from meetings.models import Meeting

    meeting = Meeting.objects.create(code="PAGES", title="Benchmark meeting")
    document = OutcomeDocument.objects.create(meeting=meeting)
    old = make_tree(paragraphs=1500, items=5, headings=40, footnotes=100)
    for label, tree, day in (("Draft 1", old, 10), ("Draft 2", mutate(old), 24)):
        Version.objects.create_from_tree(
            tree,
            document=document,
            label=label,
            status=Version.Status.ISSUED,
            date=datetime.date(2021, 6, day),
        )
    return meeting


def run() -> list[tuple[str, float, str]]:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from meetings.models import Membership

    with database():
        meeting = _drafts()
        user = User.objects.create_user("bench-reader")
        Membership.objects.create(user=user, meeting=meeting, role=Membership.Role.SECRETARIAT)
        client = Client()
        client.force_login(user)
        pages = {
            "version_page": reverse("version-detail", args=[meeting.code, "draft-2"]),
            "compare_page": reverse("compare", args=[meeting.code, "draft-1", "draft-2"]),
            "side_by_side": reverse(
                "compare-side-by-side", args=[meeting.code, "draft-1", "draft-2"]
            ),
            "version_docx": reverse("version-docx", args=[meeting.code, "draft-2"]),
            "version_akn": reverse("version-akn", args=[meeting.code, "draft-2"]),
            "comparison_docx": reverse(
                "comparison-docx", args=[meeting.code, "draft-1", "draft-2"]
            ),
        }
        for url in pages.values():
            client.get(url)  # warm the template cache and the connection
        gc.collect()  # the set-up's garbage is not the pages' to collect
        rows = []
        for name, url in pages.items():
            rows.append((f"{name}_ms_1500", _first_time_ms(client, url), "ms"))
            client.get(url)
            rows.append((f"{name}_ms_1500_cached", median_ms(lambda u=url: client.get(u)), "ms"))
    return rows
