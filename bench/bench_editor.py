"""The outline editor against a real database: the page and a paragraph save, server time.

Targets: the editor page of a 1,500-paragraph draft within 300 ms, the same number of
queries at 150 and 1,500 paragraphs, a paragraph save within 50 ms and 10 queries.
Run with ``python bench/run.py bench_editor`` (or ``make bench``).
"""

from __future__ import annotations

import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.generate import make_tree
from bench.harness import database, median_ms

REPEAT = 5


def _meeting_with_draft(code: str, paragraphs: int, chair):
    from drafting.models import OutcomeDocument, Version
    from meetings.models import Meeting, Membership

    meeting = Meeting.objects.create(code=code, title="Benchmark meeting")
    Membership.objects.create(user=chair, meeting=meeting, role=Membership.Role.CHAIR_TEAM)
    document = OutcomeDocument.objects.create(meeting=meeting)
    Version.objects.create_from_tree(
        make_tree(paragraphs=paragraphs, items=5, headings=40, footnotes=100 * paragraphs // 1500),
        document=document,
        label="Draft 1",
        status=Version.Status.ISSUED,
    )
    return document.working_draft()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _statements(queries: CaptureQueriesContext) -> int:
    """Queries, not counting the BEGIN and COMMIT of the save's transaction."""
    return sum(1 for q in queries if q["sql"] not in ("BEGIN", "COMMIT"))


def run() -> list[tuple[str, float, str]]:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    with database():
        chair = User.objects.create_user("bench-chair")
        client = Client()
        client.force_login(chair)
        small = _meeting_with_draft("SMALL", 150, chair)
        large = _meeting_with_draft("LARGE", 1500, chair)
        small_url = reverse("editor", args=[small.document.meeting.code])
        large_url = reverse("editor", args=[large.document.meeting.code])
        client.get(large_url)  # warm the template cache

        page_ms = median_ms(lambda: client.get(large_url), REPEAT)
        queries_small, queries_large = _queries(client, small_url), _queries(client, large_url)

        paragraph = large.elements.filter(kind="paragraph").exclude(text="").first()
        save_url = reverse("editor-element", args=["LARGE", paragraph.key, "text"])
        words = itertools.count()

        def save():
            paragraph.refresh_from_db(fields=["revision"])
            response = client.post(
                save_url,
                {"text": f"States reaffirmed {next(words)}", "revision": paragraph.revision},
                HTTP_HX_REQUEST="true",
            )
            assert response.status_code == 200, response.status_code

        save_ms = median_ms(save, REPEAT)
        paragraph.refresh_from_db(fields=["revision"])
        with CaptureQueriesContext(connection) as queries:
            client.post(
                save_url,
                {"text": "States reaffirmed once more", "revision": paragraph.revision},
                HTTP_HX_REQUEST="true",
            )
    return [
        ("editor_page_ms_1500", page_ms, "ms"),
        ("editor_queries_150", float(queries_small), "queries"),
        ("editor_queries_1500", float(queries_large), "queries"),
        ("save_paragraph_ms", save_ms, "ms"),
        ("save_paragraph_queries", float(_statements(queries)), "queries"),
    ]
