"""In a real browser: the negotiation at a glance on BMS7's page, with three drafts; a
picture of it for the README."""

import copy
import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from drafting.models import Version
from drafting.tree import Tree
from meetings.models import Meeting, Membership
from tests.demo_drafts import DRAFT_2_DATE, bms7_draft_2, position

from .conftest import SCREENSHOTS
from .test_csp_browser import CspWatch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def unbracketed(text: str) -> str:
    return text.replace("[", "").replace("]", "")


def draft_3(draft_2: Tree) -> Tree:
    """Draft 2 after another round: B and C's titles agreed, A's new bullet agreed, a
    bracket put around a bullet of B."""
    tree = copy.deepcopy(draft_2)
    a, b, c = tree.nodes[7:10]
    b.text, c.text = unbracketed(b.text), unbracketed(c.text)
    added = a.children[position(a.children, "Destruction of [surplus]")]
    added.text = unbracketed(added.text)
    bullet = b.children[position(b.children, "Durable and cost-effective")]
    bullet.text = f"[{bullet.text}]"
    return tree


@pytest.fixture
def bms7(factory):
    """BMS7 with Draft 1 as circulated, the hand-made Draft 2 and a Draft 3 after it."""
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())
    meeting = Meeting.objects.get(code="BMS7")
    draft_1 = meeting.document.versions.get(slug="draft-1").tree()
    draft_2 = bms7_draft_2(draft_1)
    for label, tree, date in [
        ("Draft 2", draft_2, DRAFT_2_DATE),
        ("Draft 3", draft_3(draft_2), datetime.date(2021, 7, 8)),
    ]:
        Version.objects.create_from_tree(
            tree,
            document=meeting.document,
            label=label,
            status=Version.Status.ISSUED,
            date=date,
        )
    Membership.objects.create(
        user=factory.make_user("kenya"), meeting=meeting, role=Membership.Role.CHAIR_TEAM
    )
    return meeting


def test_the_meeting_page_shows_the_negotiation_at_a_glance(sign_in, live_server, bms7):
    page = sign_in("kenya")
    watch = CspWatch(page)
    page.goto(f"{live_server.url}/meetings/BMS7/")

    section = page.locator("section.negotiation")
    expect(section.get_by_role("heading", name="The negotiation at a glance")).to_be_visible()
    expect(section.get_by_role("img")).to_have_accessible_name(
        re.compile(r"^Bracketed passages per agenda item, Draft 1 to Draft 3 ")
    )
    expect(section.locator("caption", has_text="The drafts")).to_be_visible()
    chart = section.locator("svg")
    assert chart.bounding_box()["width"] > 500
    section.screenshot(path=SCREENSHOTS / "negotiation.png")
    section.get_by_role("link", name="Changed in 1 of 2 drafts").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("History")
    watch.collect()
    assert watch.violations == []
