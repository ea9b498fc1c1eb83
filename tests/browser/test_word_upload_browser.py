"""In a real browser: the chair's team uploads BMS7's Draft 2 as a Word file from the
meeting page, reads the preview and issues it; a picture of the preview for the README."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from drafting.docx import version_docx
from drafting.models import Version
from meetings.models import Meeting, Membership
from tests.demo_drafts import bms7_draft_2
from tests.word_demo_drafts import DRAFT_2

from .conftest import SCREENSHOTS
from .test_csp_browser import CspWatch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def word_file(factory, tmp_path):
    """BMS7 as loaded by the demo, a chair's team member, and its Draft 2 as a Word file
    with its running label "DRAFT 2, 24 June 2021"."""
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())
    meeting = Meeting.objects.get(code="BMS7")
    draft_1 = meeting.document.versions.get(slug="draft-1")
    path = tmp_path / "bms7-draft-2.docx"
    path.write_bytes(version_docx(bms7_draft_2(draft_1.tree()), DRAFT_2))
    Membership.objects.create(
        user=factory.make_user("kenya"), meeting=meeting, role=Membership.Role.CHAIR_TEAM
    )
    return path


def test_the_chairs_team_uploads_previews_and_issues_a_draft_from_word(
    sign_in, live_server, word_file
):
    page = sign_in("kenya", viewport=(1280, 1000))
    watch = CspWatch(page)
    page.goto(f"{live_server.url}/meetings/BMS7/")
    page.get_by_role("link", name="Upload a draft from Word").click()
    page.get_by_label("Word file (.docx)").set_input_files(word_file)
    page.get_by_role("button", name="Read the file").click()

    expect(page.get_by_role("heading", level=1).first).to_have_text("Preview of bms7-draft-2.docx")
    expect(page.locator("article.document")).to_contain_text("Destruction of [surplus] ammunition")
    expect(page.get_by_text("There is no working draft yet")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "word-upload-preview.png")

    expect(page.get_by_label("Label")).to_have_value("Draft 2")
    expect(page.get_by_label("Date of issue")).to_have_value("2021-06-24")
    page.get_by_role("button", name="Issue it").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Draft 2 is issued from bms7-draft-2.docx and can no longer change."
    )
    assert page.url.endswith("/meetings/BMS7/drafts/draft-2/")
    assert Version.objects.get(document__meeting__code="BMS7", slug="draft-2").is_issued
    watch.collect()
    assert watch.violations == []
