"""PDFs rendered in the background: queued once, shown in progress, stored, retried.

The suite's task backend runs a task the moment it is queued; the tests that say "worker"
switch to the database queue (or RQ on a real Redis) and run the worker as `make run` and
`make serve` do, on SQLite or on PostgreSQL alike.
"""

from __future__ import annotations

import datetime
import signal
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from drafting.actions import IssueDraft
from letters import pdf, tasks
from letters.models import Letter, Letterhead, StoredPdf
from meetings.models import Membership

Role = Membership.Role
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE


def run_database_worker() -> None:
    """`manage.py db_worker --batch`: run every queued task, then stop."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


@pytest.fixture
def issued(factory):
    """An issued Draft 1 of a small document, and a delegation's user who reads it."""
    version = factory.make_version(tree=factory.make_tree(paragraphs=4), label="Draft 1")
    reader = factory.make_member(version.document.meeting, Role.DELEGATION)
    return version, reader


def pdf_url(version) -> str:
    return reverse("version-pdf", args=[version.document.meeting.code, version.slug])


def test_issuing_a_draft_queues_its_pdf_and_the_database_worker_stores_it(
    transactional_db, database_queue, factory, client
):
    first = factory.make_version(tree=factory.make_tree(paragraphs=4), label="Draft 1")
    meeting = first.document.meeting
    chair = factory.make_member(meeting, Role.CHAIR_TEAM)
    working = first.document.working_draft()
    working.elements.filter(kind="paragraph").first().record(chair, text="Changed for Draft 2")
    draft_2 = IssueDraft(
        document=first.document,
        user=chair,
        kind="draft",
        label="Draft 2",
        date=datetime.date(2021, 6, 24),
    ).execute()

    stored = StoredPdf.objects.get(version=draft_2)
    assert stored.status == StoredPdf.Status.QUEUED
    assert DBTaskResult.objects.get(id=stored.task_id).status == "READY"
    client.force_login(chair)
    waiting = client.get(pdf_url(draft_2))
    assert waiting.status_code == 202
    assert "Queued" in waiting.content.decode()

    run_database_worker()

    stored.refresh_from_db()
    assert stored.status == StoredPdf.Status.STORED
    assert DBTaskResult.objects.get(id=stored.task_id).status == "SUCCESSFUL"
    ready = client.get(pdf_url(draft_2))
    assert ready.status_code == 200
    assert ready["Content-Type"] == "application/pdf"
    assert ready.content == stored.file.open("rb").read()
    assert ready.content.startswith(b"%PDF")


def test_progress_page_polls_its_status_and_refreshes_without_javascript(
    database_queue, issued, client
):
    version, reader = issued
    client.force_login(reader)
    page = client.get(pdf_url(version))
    html = page.content.decode()
    assert page.status_code == 202
    assert 'hx-trigger="every 2s"' in html and f'hx-get="{pdf_url(version)}"' in html
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert "Check again" in html
    fragment = client.get(pdf_url(version), HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="pdf-status"')
    assert "<html" not in fragment.content.decode()


def test_status_fragment_stops_polling_and_offers_the_download_once_stored(issued, client):
    version, reader = issued
    client.force_login(reader)
    fragment = client.get(pdf_url(version), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment
    assert f'<a class="download" href="{pdf_url(version)}">download' in fragment


def test_two_requests_for_one_pdf_queue_one_task(database_queue, issued, client, factory):
    version, reader = issued
    other = factory.make_member(version.document.meeting, Role.SECRETARIAT)
    for user in (reader, other):
        client.force_login(user)
        assert client.get(pdf_url(version)).status_code == 202
    assert StoredPdf.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_failed_rendering_says_why_and_trying_again_renders_it(issued, client):
    version, reader = issued
    client.force_login(reader)
    with mock.patch.object(pdf, "write_pdf", side_effect=RuntimeError("no fonts on this machine")):
        failed = client.get(pdf_url(version))
    html = failed.content.decode()
    assert failed.status_code == 200
    assert "The PDF could not be made." in html
    assert "Why: RuntimeError: no fonts on this machine" in html
    assert f'<form method="post" action="{pdf_url(version)}">' in html
    assert client.get(pdf_url(version)).status_code == 200  # still failed: no new attempt
    assert StoredPdf.objects.get().status == StoredPdf.Status.FAILED

    retried = client.post(pdf_url(version))
    assert retried.status_code == 302 and retried["Location"] == pdf_url(version)
    ready = client.get(pdf_url(version))
    assert ready["Content-Type"] == "application/pdf"
    assert StoredPdf.objects.get().reason == ""


def test_a_queue_that_cannot_take_the_work_is_reported_on_the_page(issued, client, monkeypatch):
    version, reader = issued
    client.force_login(reader)
    broken = mock.Mock(enqueue=mock.Mock(side_effect=ConnectionError("Redis is down")))
    monkeypatch.setattr(tasks, "render_pdf", broken)
    html = client.get(pdf_url(version)).content.decode()
    assert "The task queue could not take the work: ConnectionError: Redis is down" in html
    monkeypatch.undo()
    client.post(pdf_url(version))
    assert client.get(pdf_url(version))["Content-Type"] == "application/pdf"


def test_stalled_rendering_can_be_started_again(database_queue, issued, client):
    version, reader = issued
    client.force_login(reader)
    client.get(pdf_url(version))
    assert "Check again" in client.get(pdf_url(version)).content.decode()
    StoredPdf.objects.update(
        status=StoredPdf.Status.RENDERING, requested_at=timezone.now() - datetime.timedelta(hours=1)
    )
    html = client.get(pdf_url(version)).content.decode()
    assert "taking much longer than it should" in html and "Start again" in html
    client.post(pdf_url(version))
    stored = StoredPdf.objects.get()
    assert stored.status == StoredPdf.Status.QUEUED
    assert timezone.now() - stored.requested_at < datetime.timedelta(minutes=1)
    assert DBTaskResult.objects.count() == 2


def test_comparison_of_two_issued_versions_is_rendered_once_for_everyone(factory, client):
    old = factory.make_version(tree=factory.make_tree(paragraphs=4), label="Draft 1")
    new = factory.make_version(old.document, tree=factory.make_tree(paragraphs=5), label="Draft 2")
    meeting = old.document.meeting
    url = reverse("comparison-pdf", args=[meeting.code, "draft-1", "draft-2"])
    with mock.patch.object(pdf, "write_pdf", wraps=pdf.write_pdf) as write:
        for role in (Role.DELEGATION, Role.SECRETARIAT):
            client.force_login(factory.make_member(meeting, role))
            response = client.get(url)
            assert response["Content-Type"] == "application/pdf"
    assert write.call_count == 1
    stored = StoredPdf.objects.get()
    assert (stored.version, stored.compared_with, stored.fingerprint) == (new, old, "")


def test_working_draft_pdf_is_rendered_again_only_after_the_draft_changes(factory, client):
    version = factory.make_version(tree=factory.make_tree(paragraphs=4), label="Draft 1")
    working = version.document.working_draft()
    client.force_login(factory.make_member(version.document.meeting, Role.CHAIR_TEAM))
    url = pdf_url(working)
    with mock.patch.object(pdf, "write_pdf", wraps=pdf.write_pdf) as write:
        before = client.get(url).content
        assert client.get(url).content == before
        assert write.call_count == 1
        paragraph = working.elements.filter(kind="paragraph").first()
        paragraph.text = "Paragraph rewritten by the chair"
        paragraph.save()
        after = client.get(url).content
    assert write.call_count == 2
    assert after.startswith(b"%PDF") and after != before
    assert StoredPdf.objects.get().fingerprint != ""


def test_letter_previewed_then_sent_is_rendered_once_more_as_final(factory, client):
    meeting = factory.make_meeting("BMS7")
    letter = Letter.objects.create(
        meeting=meeting,
        letterhead=Letterhead.objects.create(meeting=meeting, mission="PERMANENT MISSION"),
        date=datetime.date(2021, 6, 10),
        body="I am pleased to invite you.",
        signatory_name="Martin Kimani",
        signatory_title="Ambassador",
    )
    client.force_login(factory.make_member(meeting, Role.SECRETARIAT))
    url = reverse("letter-pdf", args=["BMS7", letter.pk])
    with mock.patch.object(pdf, "write_pdf", wraps=pdf.write_pdf) as write:
        client.get(url)
        client.get(url)
        assert write.call_count == 1
        client.post(reverse("letter-send", args=["BMS7", letter.pk]))
        assert write.call_count == 2
        client.get(url)
    assert write.call_count == 2
    assert StoredPdf.objects.get(letter=letter).fingerprint == ""


# RQ on a real Redis, as `make serve` runs it when REDIS_URL is set ------------------------


def test_rq_worker_on_redis_renders_a_queued_pdf(transactional_db, settings, redis_url, client):
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    from config import services
    from tests.factory import Factory

    settings.RQ_QUEUES = services.rq_queues(redis_url)
    settings.TASKS = services.tasks(redis_url)
    factory = Factory()
    version = factory.make_version(tree=factory.make_tree(paragraphs=4), label="Draft 1")
    client.force_login(factory.make_member(version.document.meeting, Role.DELEGATION))
    assert client.get(pdf_url(version)).status_code == 202

    queue = django_rq.get_queue("default", job_class=Job)
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)

    response = client.get(pdf_url(version))
    assert response["Content-Type"] == "application/pdf"
    assert Job.fetch(StoredPdf.objects.get().task_id, connection=queue.connection).is_finished
