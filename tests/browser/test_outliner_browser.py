"""The editor as the chair's team needs it, in a real browser: refusals and the save state
where they can be seen, two tabs of one person, typing into a deleted paragraph, joins,
undo and redo, several rows at once, cut and paste, "Move to…", the footnote pane and
paste from Word."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from drafting.models import Element, Footnote

from .conftest import SCREENSHOTS
from .test_editor_browser import _editor, _saved, _text, _working, meeting  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("meeting"),
]
WORD = (Path(__file__).parents[1] / "fixtures" / "word-clipboard.html").read_text(encoding="utf-8")


def _row(page, element):
    return page.locator(f"#row-{element.key}")


def _caret_at_start(page, words):
    _text(page, words).click()
    page.keyboard.press("Home")


def _caret_at_end(page, words):
    _text(page, words).click()
    page.keyboard.press("End")


# Issue 12: what the editor says, and where ------------------------------------------


def test_a_refused_tab_is_explained_next_to_the_element_and_the_save_state_recovers(
    sign_in, live_server
):
    page = _editor(sign_in, live_server)
    first_under_heading = _working("States underlined")

    _caret_at_end(page, "States underlined")
    page.keyboard.press("Tab")

    problem = _row(page, first_under_heading).get_by_role("alert")
    expect(problem).to_contain_text("The heading just above stands on its own")
    expect(problem).to_contain_text("add one above this first")
    _saved(page)
    first_under_heading.refresh_from_db()
    assert first_under_heading.parent.kind == "agenda_item"
    # The next change clears it.
    page.keyboard.press("Alt+ArrowDown")
    _saved(page)
    expect(page.locator("#outline .problem")).to_have_count(0)


def test_the_save_state_and_messages_stay_in_view_in_the_sticky_toolbar(sign_in, live_server):
    page = _editor(sign_in, live_server, viewport=(1280, 400))
    bar = page.locator(".editor-bar")
    expect(bar.locator("#save-state")).to_have_text("All changes saved")
    expect(bar.locator("#editor-messages")).to_have_count(1)

    _caret_at_end(page, "recalled the Programme")
    page.mouse.wheel(0, 2000)
    page.keyboard.type(" in full")

    expect(page.locator("#save-state")).to_be_in_viewport()
    _saved(page)
    assert page.evaluate("getComputedStyle(document.querySelector('.editor-bar')).position") == (
        "sticky"
    )


def test_a_server_error_page_is_never_inserted_and_the_text_is_kept(sign_in, live_server):
    page = _editor(sign_in, live_server)
    error = "<!doctype html><title>Server Error</title><h1>Server Error (500)</h1>"
    page.route(re.compile(r".*/text/$"), lambda route: route.fulfill(status=500, body=error))

    _caret_at_end(page, "recalled the Programme")
    page.keyboard.type(" in full")

    expect(page.locator("#editor-messages")).to_contain_text("could not do this (error 500)")
    expect(page.locator("#save-state")).to_have_text("Not saved")
    expect(page.get_by_text("Server Error (500)")).to_have_count(0)
    expect(page.locator("#editor h1")).to_have_count(1)  # the page's own title only
    expect(_text(page, "recalled the Programme")).to_have_text(
        "States recalled the Programme of Action. in full"
    )

    page.unroute(re.compile(r".*/text/$"))
    page.keyboard.type(" and in time")
    _saved(page)
    assert _working("recalled the Programme").text.endswith("in full and in time")


def test_the_deleted_notice_goes_away_by_itself_and_ctrl_z_still_undoes(sign_in, live_server):
    page = _editor(sign_in, live_server)
    element = _working("recalled the Programme")

    _caret_at_end(page, "recalled the Programme")
    page.keyboard.press("Alt+Delete")
    notice = page.locator("#notice")
    expect(notice).to_contain_text("Deleted.")
    expect(notice).to_be_hidden(timeout=10_000)

    page.keyboard.press("Control+z")
    expect(_row(page, element)).to_have_count(1)
    assert Element.objects.filter(pk=element.pk).exists()


def test_the_deleted_notice_goes_away_on_the_next_edit(sign_in, live_server):
    page = _editor(sign_in, live_server)

    _caret_at_end(page, "recalled the Programme")
    page.keyboard.press("Alt+Delete")
    expect(page.locator("#notice")).to_be_visible()
    _text(page, "welcomed assistance").click()
    page.keyboard.type("!")

    expect(page.locator("#notice")).to_be_hidden()


def test_two_tabs_of_one_person_see_each_others_edits(sign_in, live_server):
    first = _editor(sign_in, live_server)
    second = first.context.new_page()
    second.goto(f"{live_server.url}/meetings/BMS7/working/")
    element = _working("welcomed assistance")

    _caret_at_end(first, "welcomed assistance")
    first.keyboard.type(" in 2021")
    _saved(first)

    expect(_row(second, element).locator(".text")).to_contain_text("in 2021", timeout=8000)


def test_typing_into_a_paragraph_the_other_tab_deleted_keeps_the_text_with_a_choice(
    sign_in, live_server
):
    first = _editor(sign_in, live_server)
    second = first.context.new_page()
    second.goto(f"{live_server.url}/meetings/BMS7/working/")
    element = _working("recalled the Programme")

    _caret_at_end(second, "recalled the Programme")
    _caret_at_end(first, "recalled the Programme")
    first.keyboard.press("Alt+Delete")
    _saved(first)
    second.keyboard.type(" as agreed")

    choice = _row(second, element).get_by_role("alert")
    expect(choice).to_contain_text("This paragraph was deleted by chair-a at")
    expect(_row(second, element).locator(".text")).to_have_text(
        "States recalled the Programme of Action. as agreed"
    )
    expect(second.locator("#save-state")).to_have_text("Not saved: choose a text")
    second.wait_for_timeout(3500)  # the live feed has come by: the text stays
    expect(_row(second, element).locator(".text")).to_contain_text("as agreed")

    choice.get_by_role("button", name="Restore the paragraph with my text").click()
    _saved(second)
    second.wait_for_timeout(300)
    assert _working("recalled the Programme").text.endswith("as agreed")


def test_discarding_the_text_typed_into_a_deleted_paragraph_takes_it_away(sign_in, live_server):
    first = _editor(sign_in, live_server)
    second = first.context.new_page()
    second.goto(f"{live_server.url}/meetings/BMS7/working/")
    element = _working("recalled the Programme")
    _caret_at_end(second, "recalled the Programme")
    _caret_at_end(first, "recalled the Programme")
    first.keyboard.press("Alt+Delete")
    _saved(first)
    second.keyboard.type(" as agreed")

    _row(second, element).get_by_role("button", name="Discard my text").click()

    expect(_row(second, element)).to_have_count(0)
    _saved(second)
    assert not Element.objects.filter(pk=element.pk).exists()


def test_in_the_footnote_dialog_enter_saves_and_shift_enter_starts_a_new_line(sign_in, live_server):
    page = _editor(sign_in, live_server)
    _caret_at_end(page, "welcomed assistance")
    page.keyboard.press("Alt+n")
    dialog = page.get_by_role("dialog", name="Add a footnote at the cursor")

    page.keyboard.type("See A/CONF.192/BMS/2021/1,")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("annex.")
    expect(dialog.get_by_label("Text of the footnote")).to_have_value(
        "See A/CONF.192/BMS/2021/1,\nannex."
    )
    page.keyboard.press("Enter")

    expect(dialog).to_be_hidden()
    expect(_text(page, "welcomed assistance").locator("fn-ref")).to_have_count(1)
    _saved(page)
    note = Footnote.objects.get(element=_working("welcomed assistance"))
    assert note.text.startswith("See A/CONF.192/BMS/2021/1,") and note.text.endswith("annex.")


# Joins and removals -----------------------------------------------------------------------


def test_backspace_at_the_start_joins_with_the_paragraph_above_at_the_caret(sign_in, live_server):
    page = _editor(sign_in, live_server)
    child = _working("[States encouraged")
    Element.objects.filter(pk=child.pk).update(
        text="[States encouraged the <em>exchange</em> of information on diverted weapons.]"
    )
    page.reload()
    above = _working("States underlined")

    _caret_at_start(page, "[States encouraged")
    page.keyboard.press("Backspace")
    expect(_row(page, child)).to_have_count(0)
    page.keyboard.type("|")
    _saved(page)

    joined = Element.objects.get(pk=above.pk)
    assert re.search(
        r"life cycle of small arms and light weapons\.<fn-ref data-key=\"[^\"]+\"></fn-ref>"
        r"\|\[States encouraged the <em>exchange</em> of information",
        joined.text,
    )
    assert not Element.objects.filter(pk=child.pk).exists()
    assert Footnote.objects.filter(element=joined).count() == 1


def test_delete_at_the_end_joins_the_paragraph_below_to_this_one(sign_in, live_server):
    page = _editor(sign_in, live_server)
    below = _working("recalled the Programme")

    _caret_at_end(page, "welcomed assistance")
    page.keyboard.press("Delete")
    expect(_row(page, below)).to_have_count(0)
    page.keyboard.type(" |")
    _saved(page)

    assert _working("welcomed assistance").text == (
        "States welcomed assistance provided through regional organizations. |"
        "States recalled the Programme of Action."
    )


def test_backspace_or_delete_in_an_empty_bullet_removes_it(sign_in, live_server):
    page = _editor(sign_in, live_server)
    empty = Element.objects.get(version__status="working", text="")

    _row(page, empty).locator(".text").click()
    page.keyboard.press("Backspace")
    expect(_row(page, empty)).to_have_count(0)
    page.keyboard.type("!")
    _saved(page)
    assert not Element.objects.filter(pk=empty.pk).exists()
    assert _working("record-keeping").text.endswith("tracing.!")

    page.keyboard.press("Alt+p")
    _saved(page)
    placeholder = Element.objects.get(version__status="working", text="")
    page.keyboard.press("Delete")
    expect(_row(page, placeholder)).to_have_count(0)
    _saved(page)
    assert not Element.objects.filter(pk=placeholder.pk).exists()


# Undo and redo ----------------------------------------------------------------------------


def test_ctrl_z_undoes_typing_and_structure_and_redo_makes_them_again(sign_in, live_server):
    page = _editor(sign_in, live_server)
    record = _working("record-keeping")
    original = record.text

    _caret_at_end(page, "record-keeping")
    page.keyboard.type(" and marking")
    page.keyboard.press("Tab")  # the pending text is saved first, then indented
    _saved(page)
    record.refresh_from_db()
    indented_under = record.parent_id

    page.keyboard.press("Control+z")
    _saved(page)
    record.refresh_from_db()
    assert record.parent_id != indented_under and record.text.endswith("and marking")

    page.keyboard.press("Control+z")
    expect(_row(page, record).locator(".text")).to_have_text(original)
    _saved(page)
    record.refresh_from_db()
    assert record.text == original

    page.keyboard.press("Control+Shift+z")
    expect(_row(page, record).locator(".text")).to_have_text(f"{original} and marking")
    page.keyboard.press("Control+y")
    _saved(page)
    record.refresh_from_db()
    assert record.parent_id == indented_under and record.text == f"{original} and marking"


def test_alt_z_undoes_the_last_deletion(sign_in, live_server):
    page = _editor(sign_in, live_server)
    element = _working("welcomed assistance")

    _caret_at_end(page, "welcomed assistance")
    page.keyboard.press("Alt+Delete")
    expect(_row(page, element)).to_have_count(0)
    page.keyboard.press("Alt+z")

    expect(_row(page, element)).to_have_count(1)
    assert Element.objects.filter(pk=element.pk).exists()


# Several rows, cut and paste, move to ---------------------------------------------------


def test_shift_arrows_select_rows_that_are_indented_together_and_undone_at_once(
    sign_in, live_server
):
    page = _editor(sign_in, live_server)
    record = _working("record-keeping")
    empty = Element.objects.get(version__status="working", text="")
    underlined = _working("States underlined")

    _caret_at_end(page, "record-keeping")
    page.keyboard.press("Shift+ArrowDown")
    expect(_row(page, record)).to_have_class(re.compile(r"\bselected\b"))
    expect(_row(page, empty)).to_have_class(re.compile(r"\bselected\b"))
    expect(page.locator("#announce")).to_contain_text("2 elements selected")
    page.keyboard.press("Tab")
    _saved(page)

    record.refresh_from_db()
    empty.refresh_from_db()
    assert record.parent_id == underlined.pk and empty.parent_id == underlined.pk
    expect(page.locator("#outline .row.selected")).to_have_count(0)

    page.keyboard.press("Control+z")
    _saved(page)
    record.refresh_from_db()
    empty.refresh_from_db()
    assert record.parent_id == underlined.parent_id == empty.parent_id


def test_ctrl_x_marks_elements_as_cut_and_ctrl_v_moves_them_with_their_children(
    sign_in, live_server
):
    page = _editor(sign_in, live_server)
    underlined = _working("States underlined")
    child = _working("[States encouraged")
    target = _working("recalled the Programme")

    _caret_at_end(page, "States underlined")
    page.keyboard.press("Control+x")
    expect(_row(page, underlined)).to_have_class(re.compile(r"\bcut\b"))
    expect(page.locator("#announce")).to_contain_text("1 element cut")
    page.keyboard.press("Escape")
    expect(page.locator("#outline .row.cut")).to_have_count(0)

    page.keyboard.press("Control+x")
    _caret_at_end(page, "recalled the Programme")
    page.keyboard.press("Control+v")
    _saved(page)

    moved = Element.objects.get(pk=underlined.pk)  # the same element: moved, not copied
    assert moved.parent_id == target.parent_id and moved.position == target.position + 1
    assert Element.objects.get(pk=child.pk).parent_id == moved.pk
    expect(page.locator("#outline .text:focus")).to_contain_text("States underlined")


def test_move_to_a_heading_chosen_by_name(sign_in, live_server):
    page = _editor(sign_in, live_server)
    heading = Element.objects.get(version__status="working", kind="heading")
    moving = _working("recalled the Programme")

    _caret_at_end(page, "recalled the Programme")
    page.keyboard.press("Alt+m")
    dialog = page.get_by_role("dialog", name="Move to…")
    expect(dialog).to_be_visible()
    page.keyboard.type("effective")
    expect(dialog.locator("option:not([hidden])")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(page.locator(f"#el-{heading.key} + #el-{moving.key}")).to_have_count(1)
    _saved(page)

    moving.refresh_from_db()
    assert moving.parent_id == heading.parent_id and moving.position == heading.position + 1


# The footnote pane ----------------------------------------------------------------------


def test_the_footnote_pane_edits_a_footnote_in_place_and_links_it_with_its_call(
    sign_in, live_server
):
    page = _editor(sign_in, live_server)
    note = Footnote.objects.get(element__version__status="working")
    pane = page.get_by_role("region", name="Footnotes")
    item = pane.locator(f"#fn-{note.key}")
    expect(item).to_contain_text("See A/CONF.192/15, section II, paragraph 4.")
    expect(item.locator(".fn-number")).to_have_text("1")

    item.locator(".fn-text").click()
    page.keyboard.press("End")
    page.keyboard.type(" See also ")
    page.keyboard.press("Control+i")
    page.keyboard.type("ibid.")
    _saved(page)
    note.refresh_from_db()
    assert note.text.endswith("paragraph 4. See also <em>ibid.</em>")
    page.screenshot(path=str(SCREENSHOTS / "footnote-pane.png"), full_page=True)

    item.locator(".fn-number").click()
    page.keyboard.type(" (ibid.)")
    _saved(page)
    assert re.search(r"</fn-ref> \(ibid\.\)$", _working("States underlined").text)

    _text(page, "States underlined").locator("fn-ref").click()
    expect(item.locator(".fn-text")).to_be_focused()


# Paste ----------------------------------------------------------------------------------


def _paste(page, html: str, text: str) -> None:
    page.evaluate(
        """([html, text]) => {
          const data = new DataTransfer();
          if (html) data.setData("text/html", html);
          data.setData("text/plain", text);
          const paste = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
          document.activeElement.dispatchEvent(paste);
        }""",
        [html, text],
    )


def test_paste_from_word_gives_paragraphs_levels_formatting_and_footnotes(sign_in, live_server):
    page = _editor(sign_in, live_server)
    last = _working("recalled the Programme")

    _caret_at_end(page, "recalled the Programme")
    _paste(page, WORD, "States recognized the importance…")
    expect(page.locator("#outline .text:focus")).to_contain_text("Marking and record-keeping")
    _saved(page)

    siblings = list(last.parent.children.order_by("position"))
    assert [e.text[:20] for e in siblings[2:]] == [
        "States recognized th",
        "Export, import, tran",
        "Marking and record-k",
    ]
    post = _working("Post-shipment")
    assert post.parent_id == siblings[3].pk and post.text.startswith(
        "Post-shipment <em>on-site</em>"
    )
    assert _working("Exchange of information on <strong>").parent_id == post.pk
    assert Footnote.objects.get(element=post).text == (
        "As proposed by the <strong>Group of Governmental Experts</strong>."
    )
    expect(page.locator("#footnotes .footnote")).to_have_count(3)

    page.keyboard.press("Control+z")  # the whole paste at once
    _saved(page)
    assert not Element.objects.filter(version__status="working", text__startswith="Export").exists()


def test_plain_text_lines_paste_as_paragraphs_and_a_phrase_goes_in_at_the_caret(
    sign_in, live_server
):
    page = _editor(sign_in, live_server)
    last = _working("recalled the Programme")

    _caret_at_end(page, "recalled the Programme")
    _paste(page, "", "States noted progress.\nStates called for more.")
    expect(page.locator("#outline .text:focus")).to_have_text("States called for more.")
    _saved(page)
    texts = [e.text for e in last.parent.children.order_by("position")]
    assert texts[-2:] == ["States noted progress.", "States called for more."]

    page.keyboard.press("Home")
    _paste(page, "<span style='color:red'><b>Also</b> </span>", "Also ")
    _saved(page)
    page.wait_for_timeout(300)
    assert (
        _working("States called for more").text == "<strong>Also</strong> States called for more."
    )


def test_a_colleagues_structural_change_keeps_the_caret_where_one_is_typing(sign_in, live_server):
    page = _editor(sign_in, live_server)
    colleague = _editor(sign_in, live_server, "chair-b")
    element = _working("recalled the Programme")

    _caret_at_start(page, "recalled the Programme")
    page.keyboard.type("Moreover, ")
    _caret_at_end(colleague, "welcomed assistance")
    colleague.keyboard.press("Alt+p")  # a new bullet: the whole outline comes to the first page
    _saved(colleague)
    expect(page.locator("#outline .row")).to_have_count(11, timeout=8000)
    page.keyboard.type("States ")

    expect(_row(page, element).locator(".text")).to_have_text(
        "Moreover, States States recalled the Programme of Action."
    )
    _saved(page)
    page.wait_for_timeout(300)
    assert _working("recalled the Programme").text.startswith("Moreover, States States")


# htmx: the queue, the live feed, the headers -----------------------------------------------


def test_a_change_never_overtakes_the_save_before_it(sign_in, live_server):
    page = _editor(sign_in, live_server)
    element = _working("recalled the Programme")
    events, posts = [], []

    def step(url):
        return url.rsplit("/", 2)[-2]

    page.on(
        "request",
        lambda r: r.method == "POST" and (posts.append(r), events.append(("sent", step(r.url)))),
    )
    page.on(
        "response",
        lambda r: r.request.method == "POST" and events.append(("answered", step(r.url))),
    )

    def slowly(route):
        page.wait_for_timeout(800)  # the save takes its time; the bracketing must wait for it
        route.continue_()

    page.route(re.compile(r".*/text/$"), slowly)
    _caret_at_end(page, "recalled the Programme")
    page.keyboard.type(" in full")
    page.keyboard.press("Alt+b")  # brackets the whole text, on the server
    expect(_text(page, "recalled the Programme")).to_have_text(
        "[States recalled the Programme of Action. in full]"
    )
    _saved(page)

    assert events.index(("answered", "text")) < events.index(("sent", "bracket"))
    element.refresh_from_db()
    assert element.text == "[States recalled the Programme of Action. in full]"
    expect(page.locator(".conflict")).to_have_count(0)
    # htmx's own request header; no header of our own making.
    assert all(request.headers.get("hx-request") == "true" for request in posts)
    assert not [name for request in posts for name in request.headers if name.startswith("x-")]


def test_the_live_feed_waits_while_the_tab_is_hidden(sign_in, live_server):
    page = _editor(sign_in, live_server)
    polls = []
    page.on(
        "request", lambda request: polls.append(request) if "/changes/" in request.url else None
    )
    page.wait_for_timeout(3500)
    assert polls, "the live feed asks every three seconds"

    page.evaluate("Object.defineProperty(document, 'hidden', {value: true, configurable: true})")
    page.wait_for_timeout(500)
    polls.clear()
    page.wait_for_timeout(3500)
    assert not polls

    page.evaluate(
        "Object.defineProperty(document, 'hidden', {value: false, configurable: true});"
        "document.dispatchEvent(new Event('visibilitychange'))"
    )
    page.wait_for_timeout(500)
    assert polls and "since=" in polls[0].url and "tab=" in polls[0].url
