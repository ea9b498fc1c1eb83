"""The chair's team edits the working draft in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from drafting.models import Element, Footnote, OutcomeDocument
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from meetings.models import Membership

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


def _draft() -> Tree:
    def p(text, *children):
        return Node(kind=PARAGRAPH, text=text, children=list(children))

    fn = Node(kind=PARAGRAPH).key
    return Tree(
        nodes=[
            p("The below is without prejudice to the positions of States."),
            Node(
                kind=AGENDA_ITEM,
                designation="A.",
                text="Preventing and combating the diversion of small arms and light weapons",
                children=[
                    Node(kind=HEADING, level=1, text="Effective national controls"),
                    p(
                        "States underlined that diversion can occur throughout the life cycle "
                        f'of small arms and light weapons.<fn-ref data-key="{fn}"></fn-ref>',
                        p("[States encouraged the exchange of information on diverted weapons.]"),
                    ),
                    p("States stressed the importance of record-keeping and tracing."),
                    p(""),
                ],
            ),
            Node(
                kind=AGENDA_ITEM,
                designation="B.",
                text="[International cooperation and assistance]",
                children=[
                    p("States welcomed assistance provided through regional organizations."),
                    p("States recalled the Programme of Action."),
                ],
            ),
        ],
        footnotes={fn: "See A/CONF.192/15, section II, paragraph 4."},
    )


@pytest.fixture
def meeting(factory):
    meeting = factory.make_meeting("BMS7", title="Seventh Biennial Meeting of States")
    document = OutcomeDocument.objects.create(meeting=meeting)
    factory.make_version(document, label="Draft 1", tree=_draft())
    for name, role in [
        ("chair-a", Role.CHAIR_TEAM),
        ("chair-b", Role.CHAIR_TEAM),
        ("delegate", Role.DELEGATION),
    ]:
        factory.make_member(meeting, role, username=name)
    return meeting


def _editor(sign_in, live_server, username="chair-a", **kwargs):
    page = sign_in(username, **kwargs)
    page.goto(f"{live_server.url}/meetings/BMS7/working/")
    expect(page.get_by_role("toolbar", name="Edit the current paragraph")).to_be_visible()
    return page


def _text(page, words):
    return page.locator("#outline .text", has_text=words).first


def _saved(page):
    expect(page.locator("#save-state")).to_have_text("All changes saved")


def _working(text):
    return Element.objects.get(version__status="working", text__contains=text)


def test_sign_in_and_edit_a_paragraph_in_place(sign_in, live_server, meeting):
    page = _editor(sign_in, live_server)

    paragraph = _text(page, "record-keeping")
    paragraph.click()
    page.keyboard.press("End")
    page.keyboard.type(" and marking")
    _saved(page)

    page.wait_for_timeout(300)
    element = _working("record-keeping")
    assert (
        element.text == "States stressed the importance of record-keeping and tracing. and marking"
    )
    assert element.history.first().history_user.username == "chair-a"


def test_add_indent_move_heading_and_placeholder_from_the_keyboard(sign_in, live_server, meeting):
    page = _editor(sign_in, live_server)

    _text(page, "record-keeping").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    expect(page.locator("#outline .text:focus")).to_have_text("")  # the new, empty paragraph
    page.keyboard.type("States noted new technologies.")
    _saved(page)
    new = _working("new technologies")
    record = _working("record-keeping")
    assert new.parent_id == record.parent_id and new.position == record.position + 1

    page.keyboard.press("Tab")
    _saved(page)
    expect(page.locator(f"#el-{record.key} > ol #row-{new.key}")).to_be_visible()
    new.refresh_from_db()
    assert new.parent_id == record.pk

    page.keyboard.press("Shift+Tab")
    _saved(page)
    page.keyboard.press("Alt+ArrowUp")
    _saved(page)
    new.refresh_from_db()
    record.refresh_from_db()
    assert new.parent_id == record.parent_id and new.position == record.position - 1

    page.keyboard.press("Alt+h")
    expect(page.locator(f"#row-{new.key}")).to_have_class(re.compile("kind-heading"))
    new.refresh_from_db()
    assert new.kind == HEADING

    page.keyboard.press("Alt+p")
    _saved(page)
    assert (
        Element.objects.filter(version__status="working", parent_id=new.parent_id, text="").count()
        == 2
    )


def test_enter_in_the_middle_splits_the_paragraph_at_the_cursor(sign_in, live_server, meeting):
    page = _editor(sign_in, live_server)
    paragraph = _text(page, "record-keeping")
    paragraph.click()
    page.keyboard.press("Home")
    for _ in range(len("States stressed the importance of ")):
        page.keyboard.press("ArrowRight")

    page.keyboard.press("Enter")
    expect(page.locator("#outline .text:focus")).to_have_text("record-keeping and tracing.")
    page.keyboard.type("[strongly] ")
    _saved(page)

    page.wait_for_timeout(300)
    head = _working("States stressed")
    tail = _working("record-keeping and tracing.")
    assert head.text == "States stressed the importance of"
    assert tail.text == "[strongly] record-keeping and tracing."
    assert tail.parent_id == head.parent_id and tail.position == head.position + 1


def test_drag_and_drop_moves_a_paragraph(sign_in, live_server, meeting):
    page = _editor(sign_in, live_server)
    moving = _working("recalled the Programme")
    target = _working("welcomed assistance")

    page.locator(f"#row-{moving.key} .handle").drag_to(
        page.locator(f"#row-{target.key}"), target_position={"x": 40, "y": 2}
    )
    _saved(page)

    moving.refresh_from_db()
    target.refresh_from_db()
    assert moving.position == 0 and target.position == 1


def test_footnote_at_the_cursor_and_brackets(sign_in, live_server, meeting):
    page = _editor(sign_in, live_server)

    text = _text(page, "welcomed assistance")
    text.click()
    page.keyboard.press("End")
    page.keyboard.press("Alt+n")
    dialog = page.get_by_role("dialog", name="Add a footnote at the cursor")
    dialog.get_by_label("Text of the footnote").fill("As reported in A/CONF.192/BMS/2021/1.")
    dialog.get_by_role("button", name="Save footnote").click()
    expect(text.locator("fn-ref")).to_have_count(1)
    _saved(page)
    element = _working("welcomed assistance")
    footnote = Footnote.objects.get(element=element)
    assert footnote.text == "As reported in A/CONF.192/BMS/2021/1."
    assert f'<fn-ref data-key="{footnote.key}"></fn-ref>' in element.text

    _text(page, "recalled the Programme").click()
    page.keyboard.press("Alt+b")
    _saved(page)
    expect(_text(page, "recalled the Programme")).to_have_text(
        "[States recalled the Programme of Action.]"
    )
    page.keyboard.press("Alt+Shift+b")
    _saved(page)
    expect(_text(page, "recalled the Programme")).to_have_text(
        "States recalled the Programme of Action."
    )

    page.get_by_role("button", name=re.compile("^Keyboard")).click()
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "editor-help.png"))
    page.keyboard.press("Escape")


def test_delete_and_undo(sign_in, live_server, meeting):
    page = _editor(sign_in, live_server)
    element = _working("record-keeping")

    _text(page, "record-keeping").click()
    page.keyboard.press("Alt+Delete")
    expect(page.locator(f"#row-{element.key}")).to_have_count(0)
    assert not Element.objects.filter(pk=element.pk).exists()

    page.get_by_role("button", name="Undo (Alt+Z)").click()
    expect(page.locator(f"#row-{element.key}")).to_have_count(1)
    assert Element.objects.filter(pk=element.pk).exists()


def test_conflict_between_two_editors_loses_nothing(sign_in, live_server, meeting):
    first = _editor(sign_in, live_server, "chair-a")
    second = _editor(sign_in, live_server, "chair-b")
    element = _working("record-keeping")

    second_text = _text(second, "record-keeping")
    second_text.click()
    second.keyboard.press("End")
    second.keyboard.type(" and marking")
    _saved(second)
    second.keyboard.press("Escape")  # leaves the text, so that changes by others show in it

    # The first editor's page still holds the old revision: its save is a conflict.
    first_text = first.locator(f"#row-{element.key} .text")
    first_text.click()
    first.keyboard.press("End")
    first.keyboard.type(" in all cases")
    conflict = first.get_by_role("alert").filter(has_text="Someone else changed this text")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".theirs")).to_contain_text("and marking")
    expect(conflict.locator(".yours")).to_contain_text("in all cases")
    expect(conflict).to_contain_text("chair-b")
    first.set_viewport_size({"width": 1280, "height": 900})
    first.locator(f"#row-{element.key}").scroll_into_view_if_needed()
    first.screenshot(path=str(SCREENSHOTS / "conflict.png"))

    conflict.get_by_role("button", name="Keep mine").click()
    _saved(first)
    element.refresh_from_db()
    assert element.text.endswith("tracing. in all cases")

    # The second editor sees the change within a few seconds, without reloading.
    expect(second.locator(f"#row-{element.key} .text")).to_contain_text(
        "in all cases", timeout=8000
    )


def test_changes_by_others_appear_and_the_one_being_edited_is_flagged(
    sign_in, live_server, meeting
):
    first = _editor(sign_in, live_server, "chair-a")
    second = _editor(sign_in, live_server, "chair-b")
    shown = _working("welcomed assistance")
    edited = _working("recalled the Programme")

    first.locator(f"#row-{edited.key} .text").click()
    second.locator(f"#row-{shown.key} .text").click()
    second.keyboard.type("Indeed, ")
    second.locator(f"#row-{edited.key} .text").click()
    second.keyboard.type("Moreover, ")
    _saved(second)

    expect(first.locator(f"#row-{shown.key} .text")).to_contain_text("Indeed,", timeout=8000)
    expect(first.locator(f"#row-{edited.key}")).to_have_class(re.compile("changed-elsewhere"))
    expect(first.locator(f"#row-{edited.key} .text")).not_to_contain_text("Moreover")


def test_history_shows_the_change_and_reverts(sign_in, live_server, meeting):
    page = _editor(sign_in, live_server)
    element = _working("recalled the Programme")
    _text(page, "recalled the Programme").click()
    page.keyboard.press("End")
    page.keyboard.type(" in full")
    _saved(page)

    page.keyboard.press("Alt+Shift+h")
    history = page.locator("#history")
    expect(history).to_contain_text("edited the text")
    expect(history.locator("ins").first).to_have_text(" in full")
    history.get_by_role("button", name="Revert to this").first.click()
    expect(page.locator(f"#row-{element.key} .text")).to_have_text(
        "States recalled the Programme of Action."
    )
    element.refresh_from_db()
    assert element.text == "States recalled the Programme of Action."


def test_delegation_is_refused_the_working_draft(sign_in, live_server, meeting):
    page = sign_in("delegate")
    response = page.goto(f"{live_server.url}/meetings/BMS7/working/")
    assert response.status == 403
    expect(page.locator("#outline")).to_have_count(0)


def test_screenshot_of_the_editor(sign_in, live_server, meeting):
    page = _editor(sign_in, live_server, viewport=(1280, 800))
    _text(page, "record-keeping").click()
    page.keyboard.press("End")
    page.screenshot(path=str(SCREENSHOTS / "editor.png"))
