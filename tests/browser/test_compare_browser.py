"""In a real browser: a paragraph of BMS7 Draft 1 moved to another agenda item in Draft 2,
read inline and side by side, each place linking to the other; pictures of both views."""

import copy
import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from drafting.models import Version
from drafting.tree import PARAGRAPH
from meetings.models import Meeting, Membership
from tests.demo_drafts import DRAFT_2_DATE, bms7_draft_2

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MOVED = "Transportation security"


@pytest.fixture
def bms7(factory):
    """BMS7 with Draft 2: "Transportation security" moved from A to the end of B."""
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())
    meeting = Meeting.objects.get(code="BMS7")
    draft_1 = meeting.document.versions.get(slug="draft-1")
    tree = copy.deepcopy(draft_1.tree())
    item_a, item_b = (next(n for n in tree.nodes if n.designation == d) for d in ("A.", "B."))
    moved = next(n for n in item_a.children if n.kind == PARAGRAPH and n.text == MOVED)
    item_a.children.remove(moved)
    item_b.children.append(moved)
    Version.objects.create_from_tree(
        tree,
        document=meeting.document,
        label="Draft 2",
        status=Version.Status.ISSUED,
        date=datetime.date(2021, 6, 24),
    )
    Membership.objects.create(
        user=factory.make_user("germany"), meeting=meeting, role=Membership.Role.SECRETARIAT
    )
    return meeting


def test_a_moved_paragraph_links_its_old_and_new_places(sign_in, live_server, bms7):
    page = sign_in("germany")
    page.goto(f"{live_server.url}/meetings/BMS7/compare/draft-1...draft-2/")

    origin = page.locator(".rl-origin .moved-to")
    expect(origin).to_contain_text("Moved to B > ")
    origin.get_by_role("link").click()
    expect(page.locator(".rl-moved:not(.rl-origin) .rl-text")).to_contain_text(MOVED)
    assert page.evaluate("location.hash").startswith("#change-")

    page.goto(f"{live_server.url}/meetings/BMS7/compare/draft-1...draft-2/side-by-side/")
    moved_from = page.locator(".moved-from a").first
    expect(moved_from).to_contain_text("A > ")
    moved_from.click()
    assert page.evaluate("location.hash").endswith("-origin")
    old_cell = page.locator(".rl-origin .rl-old")
    expect(old_cell).to_contain_text(MOVED)
    expect(old_cell).to_be_in_viewport()
    expect(page.locator(".rl-origin .rl-new.rl-blank")).to_have_count(1)


@pytest.fixture
def demo_pair(factory):
    """BMS7 with the hand-made Draft 2 of tests/demo_drafts.py: words changed in A, bullets
    moved within B and one moved in from C."""
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())
    meeting = Meeting.objects.get(code="BMS7")
    draft_1 = meeting.document.versions.get(slug="draft-1").tree()
    Version.objects.create_from_tree(
        bms7_draft_2(draft_1),
        document=meeting.document,
        label="Draft 2",
        status=Version.Status.ISSUED,
        date=DRAFT_2_DATE,
    )
    Membership.objects.create(
        user=factory.make_user("kenya"), meeting=meeting, role=Membership.Role.CHAIR_TEAM
    )
    return meeting


def test_pictures_of_both_views_show_moves_and_the_cover_letter_summary(
    sign_in, live_server, demo_pair
):
    page = sign_in("kenya", viewport=(1280, 1000))
    page.goto(f"{live_server.url}/meetings/BMS7/compare/draft-1...draft-2/")
    summary = page.locator("section.letter-summary")
    expect(summary.get_by_role("heading", name="Summary for the cover letter")).to_be_visible()
    expect(summary.get_by_role("link", name="Start a letter with this summary")).to_have_attribute(
        "href", "/meetings/BMS7/letters/new/?summary=draft-1...draft-2"
    )
    summary.screenshot(path=SCREENSHOTS / "compare-letter-summary.png")

    moved_to = page.locator(".rl-origin .moved-to", has_text="Moved to B > ").first
    moved_to.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -140)")
    expect(page.locator(".rl-moved:not(.rl-origin)").first).to_be_in_viewport()
    page.screenshot(path=SCREENSHOTS / "compare.png")

    page.goto(f"{live_server.url}/meetings/BMS7/compare/draft-1...draft-2/side-by-side/")
    moved = page.locator(".rl-moved .moved-from").first
    moved.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -140)")
    expect(page.locator(".rl-origin .rl-new.rl-blank").first).to_be_in_viewport()
    page.screenshot(path=SCREENSHOTS / "compare-side-by-side.png")
