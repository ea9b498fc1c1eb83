"""In a real browser: a delegation proposes new wording on Draft 1 of BMS7, the chair's team
accepts it from the compilation; and pictures of the timetable, Bureau and compilation."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from consultations.models import Proposal
from drafting.models import Element
from meetings.models import Meeting, Membership, State

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role
BULLET = "Emphasis on human security"


@pytest.fixture
def bms7(factory):
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())
    meeting = Meeting.objects.get(code="BMS7")
    meeting.document.working_draft()
    for username, role, state in [
        ("kimani-team", Role.CHAIR_TEAM, None),
        ("unoda", Role.SECRETARIAT, None),
        ("germany", Role.DELEGATION, "Germany"),
        ("philippines", Role.DELEGATION, "Philippines"),
    ]:
        Membership.objects.create(
            user=factory.make_user(username),
            meeting=meeting,
            role=role,
            state=State.objects.get(name=state) if state else None,
        )
    return meeting


def test_a_delegation_proposes_and_the_chair_accepts(sign_in, live_server, bms7, factory):
    draft_1 = bms7.document.versions.get(slug="draft-1")
    philippines = bms7.memberships.get(user__username="philippines").user
    factory.make_proposal(
        draft_1,
        philippines,
        kind=Proposal.Kind.ADD_AFTER,
        element=draft_1.elements.get(text=BULLET),
        text="Impact of the illicit trade on women, children and youth",
        comment="To be read with section 7.",
    )

    delegate = sign_in("germany")
    delegate.goto(f"{live_server.url}/meetings/BMS7/drafts/draft-1/")
    delegate.get_by_role("link", name="Propose changes to Draft 1").click()
    delegate.get_by_role("link", name=f"Propose on “{BULLET}”").click()
    delegate.get_by_label("New wording").check()
    delegate.get_by_label("Proposed text").fill(
        "Emphasis on human security and on the protection of civilians"
    )
    delegate.get_by_role("textbox", name="Comment").fill("Protection of civilians belongs here.")
    delegate.screenshot(path=str(SCREENSHOTS / "propose.png"), full_page=True)
    delegate.keyboard.press("Tab")
    delegate.get_by_role("button", name="Send to the chair as Germany").press("Enter")
    expect(delegate.get_by_role("status")).to_contain_text("Your proposal on Draft 1 is sent")
    delegate.goto(f"{live_server.url}/meetings/BMS7/inputs/")
    expect(delegate.locator("table")).to_contain_text("Submitted")
    # Not published: Germany does not see the Philippines' proposal.
    delegate.goto(f"{live_server.url}/meetings/BMS7/drafts/draft-1/compilation/")
    expect(delegate.locator("main")).not_to_contain_text("Philippines")

    chair = sign_in("kimani-team")
    chair.goto(f"{live_server.url}/meetings/BMS7/drafts/draft-1/compilation/")
    germany = chair.locator(".proposal", has_text="Germany")
    expect(germany.locator("ins")).to_contain_text("and on the protection of civilians")
    expect(chair.locator(".proposal", has_text="Philippines")).to_contain_text(
        "a new paragraph after it"
    )
    chair.screenshot(path=str(SCREENSHOTS / "compilation.png"), full_page=True)
    germany.get_by_role("button", name="Accept the proposal by Germany").click()
    expect(chair.get_by_role("status")).to_contain_text("The proposal by Germany is accepted")
    expect(chair.locator(".proposal", has_text="Germany")).to_contain_text("Accepted")

    key = draft_1.elements.get(text=BULLET).key
    element = Element.objects.get(version=bms7.document.working_draft(), key=key)
    assert element.text == "Emphasis on human security and on the protection of civilians"
    assert (
        element.history.first().history_change_reason == "Accepted proposal by Germany on Draft 1"
    )

    delegate.goto(f"{live_server.url}/meetings/BMS7/inputs/")
    expect(delegate.locator("table")).to_contain_text("Accepted")


def test_screenshots_of_the_timetable_and_the_bureau(sign_in, live_server, bms7):
    page = sign_in("unoda", viewport=(1400, 900))
    page.goto(f"{live_server.url}/meetings/BMS7/schedule/timetable/")
    expect(page.locator("table.timetable")).to_contain_text(
        "Statements by international and regional organizations"
    )
    expect(page.locator(".break-row").first).to_contain_text("Break")
    page.screenshot(path=str(SCREENSHOTS / "timetable.png"), full_page=True)

    page.goto(f"{live_server.url}/meetings/BMS7/schedule/")
    page.screenshot(path=str(SCREENSHOTS / "schedule.png"), full_page=True)

    page.goto(f"{live_server.url}/meetings/BMS7/bureau/")
    expect(page.locator("main")).to_contain_text("5 of 14 seats filled")
    page.screenshot(path=str(SCREENSHOTS / "bureau.png"), full_page=True)
