"""In a real browser: the page of a PDF still in the queue turns into its download by itself
once the worker has rendered it, without the reader reloading."""

import pytest
from playwright.sync_api import expect

from meetings.models import Membership
from tests.test_pdf_tasks import DATABASE_QUEUE, run_database_worker

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pdf_page_offers_the_download_once_the_worker_has_rendered_it(
    sign_in, live_server, factory, settings
):
    settings.TASKS = DATABASE_QUEUE
    version = factory.make_version(tree=factory.make_tree(paragraphs=6), label="Draft 1")
    meeting = version.document.meeting
    factory.make_member(meeting, Membership.Role.DELEGATION, username="germany")
    url = f"{live_server.url}/meetings/{meeting.code}/drafts/draft-1/pdf/"

    page = sign_in("germany")
    page.goto(url)
    status = page.get_by_role("status")
    expect(status).to_contain_text("Queued")
    page.screenshot(path=SCREENSHOTS / "pdf-queued.png")

    run_database_worker()

    download = status.get_by_role("link", name="download")
    expect(download).to_be_visible(timeout=10_000)
    assert page.url == url
    assert download.get_attribute("href") == f"/meetings/{meeting.code}/drafts/draft-1/pdf/"
    expect(status).not_to_have_attribute("hx-trigger", "every 2s")
