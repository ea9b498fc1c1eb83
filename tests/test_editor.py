"""The outline editor of the working draft: each change, conflicts, live changes, history."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting import actions, sync
from drafting.models import Element, Footnote, Version
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH
from meetings.models import Membership

Role = Membership.Role


@pytest.fixture
def working(factory):
    document = factory.make_document()
    factory.make_version(
        document, label="Draft 1", tree=factory.make_tree(paragraphs=9, footnotes=2)
    )
    return document.working_draft()


@pytest.fixture
def chair(factory, working, client):
    user = factory.make_member(working.document.meeting, Role.CHAIR_TEAM, username="chair")
    client.force_login(user)
    return user


def _post(client, element, action, **data):
    meeting = element.version.document.meeting
    url = reverse("editor-element", args=[meeting.code, element.key, action])
    return client.post(url, data, HTTP_HX_REQUEST="true")


def _event(response, name="editor:changed"):
    """The detail of the htmx event the editor's answer triggers."""
    return json.loads(response["HX-Trigger"])[name]


def _focus(response):
    return _event(response)["focus"]


def _since(response):
    return _event(response, "editor:cursor")["since"]


def _an_hour_passes(element):
    """Date the element's history an hour earlier: later saves are no longer merged into it."""
    for row in element.history.all():
        type(row).objects.filter(pk=row.pk).update(
            history_date=row.history_date - datetime.timedelta(hours=1)
        )


def _paragraphs(version):
    return list(
        version.elements.filter(kind=PARAGRAPH, parent__kind=AGENDA_ITEM).order_by(
            "parent", "position"
        )
    )


def _shape(version):
    """(text, depth, position) in document order, to check structure after a change."""
    return [(n.text, depth) for n, depth in version.tree().walk()]


def _positions_are_consistent(version):
    by_parent = {}
    for element in version.elements.all():
        by_parent.setdefault(element.parent_id, []).append(element.position)
    return all(sorted(p) == list(range(len(p))) for p in by_parent.values())


def test_working_draft_is_made_once_from_the_latest_issued_draft_keeping_keys(factory):
    document = factory.make_document()
    issued = factory.make_version(document, label="Draft 1")

    working = document.working_draft()

    assert working.status == Version.Status.WORKING and working.based_on == issued
    assert [n.key for n, _ in working.tree().walk()] == [n.key for n, _ in issued.tree().walk()]
    assert document.working_draft() == working


def test_editor_page_shows_every_element_editable(client, working, chair):
    response = client.get(reverse("editor", args=[working.document.meeting.code]))

    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('contenteditable="true"') == working.elements.count()
    assert 'role="toolbar"' in body and "htmx-2" in body and "keyboard-help" in body


def test_editor_page_query_count_does_not_grow_with_the_document(client, factory, chair):
    counts = []
    for size in (10, 60):
        document = factory.make_document()
        factory.make_member(document.meeting, Role.CHAIR_TEAM, username=f"chair{size}")
        client.force_login(document.meeting.memberships.get().user)
        factory.make_version(document, tree=factory.make_tree(paragraphs=size, footnotes=5))
        url = reverse("editor", args=[document.meeting.code])
        client.get(url)  # the first visit makes the working draft
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_saving_text_sanitises_records_who_and_moves_the_revision_on(client, working, chair):
    element = _paragraphs(working)[0]

    response = _post(
        client, element, "text", text="States <script>x</script><em>shall</em>", revision=1
    )

    assert response.status_code == 200
    element.refresh_from_db()
    assert element.text == "States <em>shall</em>" and element.revision == 2
    assert 'data-revision="2"' in response.content.decode()
    latest = element.history.first()
    assert latest.history_user == chair and latest.history_change_reason == "edited the text"


def test_stale_save_is_refused_with_both_texts_and_nothing_is_lost(client, factory, working, chair):
    element = _paragraphs(working)[0]
    other = factory.make_member(working.document.meeting, Role.CHAIR_TEAM, username="colleague")
    element.record(other, "edited the text", text="Their wording")

    response = _post(client, element, "text", text="My wording", revision=1)

    assert response.status_code == 409
    body = response.content.decode()
    assert "Their wording" in body and "My wording" in body and "colleague" in body
    assert "Keep mine" in body and "Take theirs" in body and "Edit merged" in body
    element.refresh_from_db()
    assert element.text == "Their wording"
    # Keep mine: the same text saved again on top of their revision.
    assert (
        _post(client, element, "text", text="My wording", revision=element.revision).status_code
        == 200
    )
    element.refresh_from_db()
    assert element.text == "My wording"


def test_of_two_saves_read_at_the_same_revision_the_second_is_refused(factory, working, chair):
    element = _paragraphs(working)[0]
    colleague = factory.make_member(working.document.meeting, Role.CHAIR_TEAM, username="colleague")
    loaded_twice = [Element.objects.get(pk=element.pk) for _ in range(2)]
    first, second = (
        actions.SaveText(user=user, element=copy, text=text, base_revision=copy.revision)
        for copy, user, text in zip(
            loaded_twice, [chair, colleague], ["First", "Second"], strict=True
        )
    )

    first.execute()
    with pytest.raises(actions.Conflict):
        second.execute()

    element.refresh_from_db()
    assert element.text == "First" and second.is_stale


def test_add_paragraph_goes_after_the_current_one_and_renumbers(client, working, chair):
    first, second = _paragraphs(working)[:2]

    response = _post(client, first, "add-paragraph")

    assert response.status_code == 200
    new = Element.objects.get(key=_focus(response))
    assert (
        new.parent_id == first.parent_id
        and new.position == first.position + 1
        and new.is_placeholder
    )
    second.refresh_from_db()
    assert second.position == new.position + 1
    assert _positions_are_consistent(working)
    assert new.history.first().history_user == chair


def test_a_split_paragraph_carries_the_text_after_the_cursor_sanitised(client, working, chair):
    first = _paragraphs(working)[0]

    response = _post(client, first, "add-paragraph", text="<em>tail</em> of it<script>x()</script>")

    new = Element.objects.get(key=_focus(response))
    assert new.text == "<em>tail</em> of it" and new.position == first.position + 1


def test_enter_on_an_agenda_item_adds_its_first_paragraph(client, working, chair):
    item = working.elements.get(kind=AGENDA_ITEM, position=0)
    new = Element.objects.get(key=_focus(_post(client, item, "add-paragraph")))
    assert new.parent_id == item.pk and new.position == 0


def test_indent_and_outdent(client, working, chair):
    first, second = _paragraphs(working)[:2]

    assert _post(client, second, "indent").status_code == 200
    second.refresh_from_db()
    assert second.parent_id == first.pk and second.position == first.children.count() - 1

    assert _post(client, second, "outdent").status_code == 200
    second.refresh_from_db()
    assert second.parent_id == first.parent_id and second.position == first.position + 1
    assert _positions_are_consistent(working)
    assert [h.history_change_reason for h in second.history.all()[:2]] == ["outdented", "indented"]


def test_a_paragraph_cannot_be_indented_without_one_before_it(client, working, chair):
    item = working.elements.get(kind=AGENDA_ITEM, position=1)
    first_child = item.children.order_by("position").first()
    response = _post(client, first_child, "indent")
    assert response.status_code == 400
    assert "There is no paragraph before this one to indent it under." in response.content.decode()


def test_heading_indent_changes_its_level(client, working, chair):
    heading = working.elements.get(kind=HEADING)
    _post(client, heading, "indent")
    heading.refresh_from_db()
    assert heading.level == 2


def test_move_up_and_down_swap_neighbours(client, working, chair):
    first, second = _paragraphs(working)[:2]

    assert _post(client, second, "move-up").status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.position, first.position) == (first.position - 1, second.position + 1)
    assert _post(client, second, "move-up").status_code in (200, 400)
    assert _positions_are_consistent(working)


def test_drag_and_drop_puts_an_element_before_another(client, working, chair):
    paragraphs = _paragraphs(working)
    last, target = paragraphs[-1], paragraphs[0]

    assert _post(client, last, "move", target=target.key, placement="before").status_code == 200
    last.refresh_from_db()
    target.refresh_from_db()
    assert last.parent_id == target.parent_id and last.position + 1 == target.position
    assert _positions_are_consistent(working)


def test_an_element_cannot_be_dropped_inside_itself(client, working, chair):
    first, second = _paragraphs(working)[:2]
    _post(client, second, "indent")
    response = _post(client, first, "move", target=second.key, placement="inside")
    assert response.status_code == 400 and "inside itself" in response.content.decode()


def test_delete_and_undo_bring_back_the_whole_subtree_with_footnotes(client, working, chair):
    before = _shape(working)
    footnotes = set(working.footnotes.values_list("key", flat=True))
    item = working.elements.get(kind=AGENDA_ITEM, position=0)

    response = _post(client, item, "delete")

    assert response.status_code == 200
    assert not Element.objects.filter(pk=item.pk).exists()
    restore = reverse("editor-undo", args=[working.document.meeting.code])
    assert client.post(restore, {"token": _event(response)["undo"]}).status_code == 200
    assert _shape(working) == before
    assert set(working.footnotes.values_list("key", flat=True)) == footnotes
    assert client.post(restore, {"token": _event(response)["undo"]}).status_code == 400


def test_toggle_heading_and_back(client, working, chair):
    element = _paragraphs(working)[0]
    Element.objects.filter(parent=element).delete()
    _post(client, element, "toggle-heading")
    element.refresh_from_db()
    assert (element.kind, element.level) == (HEADING, 1)
    _post(client, element, "toggle-heading")
    element.refresh_from_db()
    assert (element.kind, element.level) == (PARAGRAPH, 0)


def test_add_agenda_item_designated_next(client, working, chair):
    item = working.elements.get(kind=AGENDA_ITEM, position=0)
    response = _post(client, item, "add-agenda-item")
    new = Element.objects.get(key=_focus(response))
    assert new.kind == AGENDA_ITEM and new.parent is None and new.position == 1
    assert new.designation == "B."
    assert _positions_are_consistent(working)


def test_bracket_and_unbracket_the_whole_text(client, working, chair):
    element = _paragraphs(working)[0]
    _post(client, element, "bracket")
    element.refresh_from_db()
    assert element.text.startswith("[") and element.text.endswith("]")
    _post(client, element, "unbracket")
    element.refresh_from_db()
    assert "[" not in element.text and "]" not in element.text


def test_placeholder_is_an_empty_bullet(client, working, chair):
    element = _paragraphs(working)[0]
    new = Element.objects.get(key=_focus(_post(client, element, "add-placeholder")))
    assert new.is_placeholder and new.history.first().history_change_reason == "added a placeholder"


def test_add_edit_and_remove_a_footnote_at_the_cursor(client, working, chair):
    element = _paragraphs(working)[5]
    key = "0b0c6b7e-8d1f-4d4e-9a55-0d5a8a1f3e21"
    text = f'States<fn-ref data-key="{key}" contenteditable="false" title="x"></fn-ref> report'

    response = _post(
        client,
        element,
        "add-footnote",
        text=text,
        revision=element.revision,
        key=key,
        footnote="See A/RES/1.",
    )

    assert response.status_code == 200
    element.refresh_from_db()
    assert element.text == f'States<fn-ref data-key="{key}"></fn-ref> report'
    footnote = Footnote.objects.get(key=key)
    assert footnote.text == "See A/RES/1." and footnote.element == element
    url = reverse("editor-footnote", args=[working.document.meeting.code, key])
    assert client.post(url, {"text": "See A/RES/2."}).status_code == 200
    footnote.refresh_from_db()
    assert footnote.text == "See A/RES/2."
    assert client.post(url, {"remove": "1"}).status_code == 200
    element.refresh_from_db()
    assert element.text == "States report" and not Footnote.objects.filter(key=key).exists()


def test_a_footnote_needs_its_text_and_its_call(client, working, chair):
    element = _paragraphs(working)[5]
    response = _post(
        client,
        element,
        "add-footnote",
        text="No call",
        revision=element.revision,
        key="0b0c6b7e-8d1f-4d4e-9a55-0d5a8a1f3e21",
        footnote="",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Write the footnote" in body and "Put the cursor where the footnote belongs" in body


def test_changes_by_others_since_a_cursor(client, factory, working, chair):
    url = reverse("editor-changes", args=[working.document.meeting.code])
    cursor = sync.history_cursor(working)
    assert client.get(url, {"since": cursor}).status_code == 204

    other = factory.make_member(working.document.meeting, Role.CHAIR_TEAM, username="colleague")
    element = _paragraphs(working)[0]
    element.record(other, "edited the text", text="Changed by a colleague")

    response = client.get(url, {"since": cursor})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Changed by a colleague" in body and 'id="outline"' not in body
    assert client.get(url, {"since": _since(response)}).status_code == 204

    actions.AddParagraph(user=other, element=element).execute()
    response = client.get(url, {"since": _since(response)})
    assert 'id="outline"' in response.content.decode()


def test_own_changes_move_the_cursor_without_coming_back(client, working, chair):
    url = reverse("editor-changes", args=[working.document.meeting.code])
    cursor = sync.history_cursor(working)
    _post(client, _paragraphs(working)[0], "text", text="Mine", revision=1)
    response = client.get(url, {"since": cursor})
    assert response.status_code == 204 and _since(response) != cursor


def test_history_shows_who_what_when_as_word_diff_and_revert_is_recorded(client, working, chair):
    element = _paragraphs(working)[0]
    original = element.text
    _post(client, element, "text", text="States shall report annually", revision=1)
    _an_hour_passes(element)
    _post(client, element, "text", text="States shall report every two years", revision=2)
    url = reverse("element-history", args=[working.document.meeting.code, element.key])

    page = client.get(url)
    fragment = client.get(url, HTTP_HX_REQUEST="true")

    assert page.status_code == 200 and "<html" in page.content.decode()
    body = fragment.content.decode()
    assert "<html" not in body and "chair" in body
    assert "States shall report <del>annually</del><ins>every two years</ins>" in body
    first = element.history.order_by("history_id").first()
    assert first.history_change_reason == "copied from Draft 1"
    revert = reverse(
        "element-revert", args=[working.document.meeting.code, element.key, first.history_id]
    )
    response = client.post(revert, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "hx-swap-oob" in response.content.decode()
    element.refresh_from_db()
    assert element.text == original
    assert element.history.first().history_change_reason.startswith("reverted to the state of")


def test_only_elements_of_this_meetings_working_draft_can_be_changed(
    client, factory, working, chair
):
    elsewhere = factory.make_version(status=Version.Status.WORKING).elements.first()
    url = reverse("editor-element", args=[working.document.meeting.code, elsewhere.key, "delete"])
    assert client.post(url).status_code == 404
    assert Element.objects.filter(pk=elsewhere.pk).exists()


def test_history_escapes_what_people_typed(client, working, chair):
    element = _paragraphs(working)[0]
    element.record(chair, text="a &lt;script&gt;alert(1)&lt;/script&gt; b")
    body = client.get(
        reverse("element-history", args=[working.document.meeting.code, element.key]),
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "<script>alert" not in body


def test_save_paragraph_query_count_is_small(client, working, chair):
    element = _paragraphs(working)[0]
    with CaptureQueriesContext(connection) as queries:
        assert _post(client, element, "text", text="Short", revision=1).status_code == 200
    # Savepoints are the test's own transaction; outside tests the save opens a transaction.
    sql = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(sql) <= 10, sql


@pytest.mark.parametrize(
    "previous,following",
    [("", "A."), ("A.", "B."), ("IV.", "V."), ("ii.", "iii."), ("3.", "4."), ("VIII.", "IX.")],
)
def test_next_designation_keeps_the_style(previous, following):
    assert actions.next_designation(previous) == following


def test_load_demo_makes_one_account_per_role_and_meeting_once(db, client):
    from io import StringIO

    from django.core.management import call_command

    from meetings.demo import DEMO_PASSWORD

    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())

    for code in ("BMS6", "BMS7"):
        suffix = code.lower()
        roles = {
            m.user.username: (m.role, m.state.name if m.state else None)
            for m in Membership.objects.filter(meeting__code=code).select_related("user", "state")
        }
        assert roles == {
            f"chair-{suffix}": (Role.CHAIR_TEAM, None),
            f"secretariat-{suffix}": (Role.SECRETARIAT, None),
            f"delegation-germany-{suffix}": (Role.DELEGATION, "Germany"),
        }
    client.post(reverse("login"), {"username": "chair-bms7", "password": DEMO_PASSWORD})
    assert client.get(reverse("editor", args=["BMS7"])).status_code == 200
