"""Every main page works under the Content-Security-Policy: the chair's team goes through
them in Chromium, edits the working draft, and the browser reports no violation."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from consultations.models import Proposal
from drafting.models import Element
from meetings.models import Meeting, Membership, State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BULLET = "Emphasis on human security"
# Runs in every page before its own scripts: the page's violations, kept for the test.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def bms7(factory):
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())
    meeting = Meeting.objects.get(code="BMS7")
    meeting.document.working_draft()
    Membership.objects.create(
        user=factory.make_user("kimani-team"), meeting=meeting, role=Membership.Role.CHAIR_TEAM
    )
    Membership.objects.create(
        user=factory.make_user("germany"),
        meeting=meeting,
        role=Membership.Role.DELEGATION,
        state=State.objects.get(name="Germany"),
    )
    return meeting


class CspWatch:
    """Collects what the browser says about the policy: ``securitypolicyviolation`` events
    of each page (read before leaving it) and console messages."""

    def __init__(self, page) -> None:
        self.page = page
        self.violations: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self._console)

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.violations.append(f"console: {text}")

    def collect(self) -> None:
        events = self.page.evaluate("window.__cspViolations || []")
        self.violations += [f"{self.page.url}: {event}" for event in events]

    def visit(self, url: str) -> None:
        self.collect()
        response = self.page.goto(url)
        assert response.ok, f"{url} answered {response.status}"
        assert "default-src 'self'" in response.headers["content-security-policy"]
        self.page.wait_for_load_state("load")


def _edit_the_working_draft(watch: CspWatch, url: str) -> None:
    page = watch.page
    watch.visit(f"{url}/working/")
    saved = page.locator("#save-state")
    bullet = page.locator("#outline .text", has_text=BULLET).first
    bullet.click()
    page.keyboard.press("End")
    page.keyboard.type(" and of civilians")
    expect(saved).to_have_text("All changes saved")
    page.keyboard.press("Enter")
    page.keyboard.type("States noted new technologies.")
    expect(saved).to_have_text("All changes saved")
    page.keyboard.press("Tab")
    expect(saved).to_have_text("All changes saved")
    page.keyboard.press("Alt+b")
    expect(saved).to_have_text("All changes saved")
    page.keyboard.press("Alt+Shift+h")  # the history panel, through htmx
    expect(page.locator("#side-panel #history")).to_be_visible()
    page.locator("#side-panel .revert").first.click()
    expect(page.locator("#side-panel")).to_contain_text("Reverted.")
    page.wait_for_timeout(3500)  # one round of the editor's polling for others' changes
    watch.collect()


def test_every_main_page_and_the_editor_work_under_the_policy(sign_in, live_server, bms7, factory):
    draft_1 = bms7.document.versions.get(slug="draft-1")
    proposal = factory.make_proposal(
        draft_1,
        bms7.memberships.get(user__username="germany").user,
        kind=Proposal.Kind.REPLACE,
        element=draft_1.elements.get(text=BULLET),
        text=f"{BULLET} and on civilians",
    )
    letter = bms7.letters.first()
    url = f"{live_server.url}/meetings/BMS7"
    page = sign_in("kimani-team")
    watch = CspWatch(page)

    _edit_the_working_draft(watch, url)
    paragraph = Element.objects.get(version=draft_1, text=BULLET)
    for path in [
        "/",
        url,
        f"{url}/drafts/draft-1/",
        f"{url}/compare/",
        f"{url}/compare/draft-1...working/",
        f"{url}/compare/draft-1...working/side-by-side/",
        f"{url}/paragraphs/{paragraph.key}/",
        f"{url}/working/elements/{paragraph.key}/history/",
        f"{url}/issue/",
        f"{url}/from-word/",
        f"{url}/letters/",
        f"{url}/letters/{letter.pk}/",
        f"{url}/letters/new/",
        f"{url}/schedule/",
        f"{url}/schedule/timetable/?week=2021-07-26",
        f"{url}/schedule/new/",
        f"{url}/bureau/",
        f"{url}/inputs/",
        f"{url}/drafts/draft-1/compilation/",
        f"{url}/proposals/{proposal.pk}/merge/",
    ]:
        watch.visit(path if path.startswith("http") else f"{live_server.url}{path}")
    _write_a_letter_from_the_demo_one(watch, f"{url}/letters/{letter.pk}/")
    watch.collect()

    assert watch.violations == []


def _write_a_letter_from_the_demo_one(watch: CspWatch, letter_url: str) -> None:
    """The pages of a letter not yet sent: its copy, the annex form's two steps, deleting."""
    page = watch.page
    watch.visit(letter_url)
    page.get_by_role("button", name="New letter from this one").click()
    page.wait_for_url("**/edit/")
    copy = page.url.removesuffix("edit/")
    for path in ["", "annexes/new/", "annexes/new/?kind=comparison", "delete/"]:
        watch.visit(f"{copy}{path}")


def test_a_violation_would_be_seen(sign_in, live_server, bms7):
    watch = CspWatch(sign_in("kimani-team"))
    watch.visit(f"{live_server.url}/meetings/BMS7/")

    watch.page.evaluate(
        "document.head.insertAdjacentHTML('beforeend', '<style>main { color: red; }</style>')"
    )
    watch.page.wait_for_timeout(200)
    watch.collect()

    assert any("style-src" in violation for violation in watch.violations)
