"""The editor as an outliner: answers htmx swaps in place, refusals next to the element,
typing into a deleted paragraph, joins, undo and redo, several elements at once, cut and
paste, the footnote pane and paste from Word."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from drafting import actions, sync
from drafting.clipboard import Pasted
from drafting.limits import MAX_PASTED_PARAGRAPHS
from drafting.models import Element, Footnote
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from meetings.models import Membership

Role = Membership.Role
WORD = (Path(__file__).parent / "fixtures" / "word-clipboard.html").read_text(encoding="utf-8")


def p(text, *children):
    return Node(kind=PARAGRAPH, text=text, children=list(children))


@pytest.fixture
def working(factory):
    """A: a heading, then "First" (with "Under first"), "Second"; B: "Third"."""
    call = Node(kind=PARAGRAPH).key
    tree = Tree(
        nodes=[
            Node(
                kind=AGENDA_ITEM,
                designation="A.",
                text="Item A",
                children=[
                    Node(kind=HEADING, level=1, text="A heading"),
                    p(f'First<fn-ref data-key="{call}"></fn-ref>', p("Under first")),
                    p("Second"),
                ],
            ),
            Node(kind=AGENDA_ITEM, designation="B.", text="Item B", children=[p("Third")]),
        ],
        footnotes={call: "The first footnote."},
    )
    document = factory.make_document()
    factory.make_version(document, label="Draft 1", tree=tree)
    return document.working_draft()


@pytest.fixture
def chair(factory, working, client):
    user = factory.make_member(working.document.meeting, Role.CHAIR_TEAM, username="chair")
    client.force_login(user)
    return user


def _el(working, text):
    return working.elements.get(text__startswith=text)


def _code(working):
    return working.document.meeting.code


def _post(client, element, action, **data):
    url = reverse("editor-element", args=[_code(element.version), element.key, action])
    return client.post(url, {"tab": "tab-1", **data})


def _undo(client, working, token):
    return client.post(reverse("editor-undo", args=[_code(working)]), {"token": token})


def _paste(client, element, **data):
    url = reverse("editor-paste", args=[_code(element.version), element.key])
    return client.post(url, data)


def _event(response, name):
    return json.loads(response["HX-Trigger"])[name]


def _outline(working):
    """(text, depth) in document order."""
    return [(n.text, depth) for n, depth in working.tree().walk()]


# Answers and refusals ------------------------------------------------------------------


def test_a_change_answers_the_part_to_swap_and_the_footnote_pane_out_of_band(
    client, working, chair
):
    second = _el(working, "Second")

    body = _post(client, second, "move-up").content.decode()

    item = _el(working, "Item A")
    assert f'<li id="el-{item.key}" class="el" hx-swap-oob="true">' in body
    assert '<section id="footnotes" class="footnote-pane"' in body
    assert body.count('hx-swap-oob="true"') == 2


def test_a_refusal_is_placed_next_to_its_element_and_says_so(client, working, chair):
    first = _el(working, "First")

    response = _post(client, first, "indent")

    assert response.status_code == 400
    body = response.content.decode()
    assert f'hx-swap-oob="beforeend:#row-{first.key}"' in body
    assert _event(response, "editor:refused") == {"kind": "problem", "key": str(first.key)}


def test_tab_on_the_first_bullet_under_a_heading_says_what_to_do(client, working, chair):
    response = _post(client, _el(working, "First"), "indent")

    assert "The heading just above stands on its own" in response.content.decode()
    assert "add one above this first" in response.content.decode()


def test_typing_into_a_paragraph_deleted_meanwhile_keeps_the_text_and_offers_choices(
    client, factory, working, chair
):
    second = _el(working, "Second")
    colleague = factory.make_member(working.document.meeting, Role.CHAIR_TEAM)
    deletion = actions.Delete(user=colleague, element=second)
    deletion.execute()

    response = _post(client, second, "text", text="Second, as I typed it", revision=1)

    assert response.status_code == 409
    body = response.content.decode()
    assert f"This paragraph was deleted by {colleague.username} at" in body
    assert f'data-undo="{deletion.change_id}"' in body
    assert "Restore the paragraph with my text" in body and "Copy my text" in body
    assert _event(response, "editor:refused")["kind"] == "deleted"
    # Restoring it brings back the same paragraph, whose text can then be saved.
    assert _undo(client, working, deletion.change_id).status_code == 200
    restored = working.elements.get(key=second.key)
    assert (
        _post(client, restored, "text", text="Mine", revision=restored.revision).status_code == 200
    )


def test_an_element_that_never_was_in_the_working_draft_is_not_found(client, working, chair):
    url = reverse(
        "editor-element", args=[_code(working), "0b0c6b7e-8d1f-4d4e-9a55-0d5a8a1f3e21", "text"]
    )
    assert client.post(url, {"text": "x", "revision": 1}).status_code == 404


def test_a_saved_text_answers_its_new_revision_and_change(client, working, chair):
    third = _el(working, "Third")

    response = _post(client, third, "text", text="Third, edited", revision=1)

    saved = _event(response, "editor:saved")
    assert saved["key"] == str(third.key) and saved["revision"] == 2
    assert Element.history.filter(change_group=saved["group"]).count() == 1


# Join, undo and redo --------------------------------------------------------------------


def test_backspace_at_the_start_joins_with_the_paragraph_above_keeping_its_children(
    client, working, chair
):
    under, second = _el(working, "Under first"), _el(working, "Second")
    Element.objects.filter(pk=second.pk).update(text="<em>Second</em>")
    nested = Element.objects.create(version=working, parent=second, position=0, text="Nested")

    response = _post(client, second, "join")

    assert _event(response, "editor:changed")["focus"] == str(under.key)
    under.refresh_from_db()
    nested.refresh_from_db()
    assert under.text == "Under first<em>Second</em>" and nested.parent_id == under.pk
    assert not Element.objects.filter(pk=second.pk).exists()


def test_undo_takes_back_a_burst_of_typing_at_once_and_redo_makes_it_again(client, working, chair):
    third = _el(working, "Third")
    first = _post(client, third, "text", text="Third and", revision=1)
    second = _post(client, third, "text", text="Third and more", revision=2)
    group = _event(second, "editor:saved")["group"]
    assert _event(first, "editor:saved")["group"] == group

    undone = _undo(client, working, group)

    assert undone.status_code == 200
    assert _event(undone, "editor:changed")["undid"] == group
    third.refresh_from_db()
    assert third.text == "Third"
    redone = _undo(client, working, _event(undone, "editor:changed")["group"])
    third.refresh_from_db()
    assert redone.status_code == 200 and third.text == "Third and more"


def test_undo_of_a_structural_change_and_its_redo(client, working, chair):
    before = _outline(working)
    response = _post(client, _el(working, "Second"), "indent")
    after = _outline(working)

    undone = _undo(client, working, _event(response, "editor:changed")["group"])
    assert _outline(working) == before
    _undo(client, working, _event(undone, "editor:changed")["group"])
    assert _outline(working) == after


def test_an_undo_that_cannot_be_made_is_refused_in_the_toolbar(client, working, chair):
    response = _undo(client, working, "0b0c6b7e-8d1f-4d4e-9a55-0d5a8a1f3e21")

    assert response.status_code == 400
    assert 'hx-swap-oob="innerHTML:#editor-messages"' in response.content.decode()
    assert _event(response, "editor:refused")["undid"] == "0b0c6b7e-8d1f-4d4e-9a55-0d5a8a1f3e21"


# Several elements, cut and paste, move to ----------------------------------------------


def test_selected_elements_are_indented_together_as_one_change(client, working, chair):
    second, third = _el(working, "Second"), _el(working, "Third")
    before = _outline(working)

    response = _post(client, second, "outdent", keys=[str(second.key), str(third.key)])

    assert response.status_code == 200
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.parent is None and third.parent is None
    _undo(client, working, _event(response, "editor:changed")["group"])
    assert _outline(working) == before


def test_an_element_selected_with_its_parent_goes_along_with_it(client, working, chair):
    first, under = _el(working, "First"), _el(working, "Under first")

    response = _post(client, first, "delete", keys=[str(first.key), str(under.key)])

    assert response.status_code == 200
    assert not Element.objects.filter(pk__in=[first.pk, under.pk]).exists()
    assert _event(response, "editor:changed")["undo"]


def test_cut_and_paste_moves_elements_with_their_children_keeping_their_keys(
    client, working, chair
):
    first, second, third = _el(working, "First"), _el(working, "Second"), _el(working, "Third")
    keys = [str(first.key), str(second.key)]

    response = _post(client, first, "move", target=third.key, placement="after", keys=keys)

    assert response.status_code == 200
    item_b = _el(working, "Item B")
    assert [(e.key, e.position) for e in item_b.children.order_by("position")] == [
        (third.key, 0),
        (first.key, 1),
        (second.key, 2),
    ]
    assert _el(working, "Under first").parent_id == first.pk


def test_move_to_a_heading_puts_the_paragraph_just_below_it(client, working, chair):
    third, heading = _el(working, "Third"), _el(working, "A heading")

    _post(client, third, "move", target=heading.key, placement="after")

    third.refresh_from_db()
    assert third.parent_id == heading.parent_id and third.position == heading.position + 1


# The footnote pane ----------------------------------------------------------------------


def test_the_page_lists_the_footnotes_in_the_order_the_text_calls_them(client, working, chair):
    third = _el(working, "Third")
    call = "0b0c6b7e-8d1f-4d4e-9a55-0d5a8a1f3e21"
    _post(
        client,
        third,
        "add-footnote",
        text=f'Third<fn-ref data-key="{call}"></fn-ref>',
        revision=1,
        key=call,
        footnote="The <em>second</em> footnote.",
    )

    body = client.get(reverse("editor", args=[_code(working)])).content.decode()

    first_note = working.footnotes.get(text="The first footnote.")
    pane = body[body.index('id="footnotes"') :]
    assert pane.index(f'id="fn-{first_note.key}"') < pane.index(f'id="fn-{call}"')
    assert f'href="#row-{third.key}" data-call="{call}"' in pane
    assert "The <em>second</em> footnote." in pane


def test_a_footnote_no_text_calls_is_listed_last_as_such(client, working, chair):
    first = _el(working, "First")
    _post(client, first, "text", text="First, without its call", revision=1)

    body = client.get(reverse("editor", args=[_code(working)])).content.decode()

    assert 'class="footnote orphan"' in body
    assert "No text calls this footnote any more" in body


def test_a_footnote_is_edited_in_the_pane_with_its_formatting(client, working, chair):
    note = working.footnotes.get(text="The first footnote.")
    url = reverse("editor-footnote", args=[_code(working), note.key])

    response = client.post(url, {"text": "The <strong>first</strong> footnote.", "tab": "t"})

    assert response.status_code == 200 and _event(response, "editor:changed")["footnote"]
    note.refresh_from_db()
    assert note.text == "The <strong>first</strong> footnote."
    refused = client.post(url, {"text": " "})
    assert refused.status_code == 400
    assert f'hx-swap-oob="beforeend:#fn-{note.key}"' in refused.content.decode()


def test_the_live_feed_sends_changed_rows_and_the_pane_out_of_band(client, factory, working, chair):
    url = reverse("editor-changes", args=[_code(working)])
    cursor = sync.history_cursor(working)
    colleague = factory.make_member(working.document.meeting, Role.CHAIR_TEAM)
    third = _el(working, "Third")
    third.record(colleague, "edited the text", text="Third, by a colleague")

    body = client.get(url, {"since": cursor}).content.decode()

    assert f'id="row-{third.key}"' in body and 'hx-swap-oob="true"' in body
    assert 'id="footnotes"' in body


# Paste -------------------------------------------------------------------------------


def test_paste_from_word_adds_its_paragraphs_levels_and_footnotes_as_one_change(
    client, working, chair
):
    second = _el(working, "Second")

    response = _paste(client, second, html=WORD, text="ignored")

    assert response.status_code == 200
    item = _el(working, "Item A")
    texts = [e.text for e in item.children.order_by("position")]
    assert texts[:3] == ["A heading", texts[1], "Second"]
    assert texts[3].startswith("States recognized the <em>importance</em>")
    export = _el(working, "Export, import")
    post = _el(working, "Post-shipment <em>on-site</em>")
    exchange = _el(working, "Exchange of information")
    assert (post.parent_id, exchange.parent_id) == (export.pk, post.pk)
    assert exchange.text == "Exchange of information on <strong><em>diverted</em></strong> weapons"
    notes = {f.text: f.element_id for f in Footnote.objects.filter(version=working)}
    assert notes["See the <em>International Tracing Instrument</em>, A/60/88, annex."] == (
        _el(working, "States recognized").pk
    )
    assert notes["As proposed by the <strong>Group of Governmental Experts</strong>."] == post.pk
    group = _event(response, "editor:changed")["group"]
    assert Element.history.filter(change_group=group).count() == 5
    assert _event(response, "editor:changed")["focus"] == str(_el(working, "Marking").key)


def test_one_undo_takes_a_whole_paste_back(client, working, chair):
    before = _outline(working)
    notes = Footnote.objects.filter(version=working).count()

    response = _paste(client, _el(working, "Second"), html=WORD)
    _undo(client, working, _event(response, "editor:changed")["group"])

    assert _outline(working) == before
    assert Footnote.objects.filter(version=working).count() == notes


def test_paste_into_an_empty_bullet_fills_it_and_into_an_agenda_item_comes_first(
    client, working, chair
):
    third = _el(working, "Third")
    Element.objects.filter(pk=third.pk).update(text="")

    _paste(client, third, text="One\nTwo")
    _paste(client, _el(working, "Item B"), text="Zero\nHalf")

    item_b = _el(working, "Item B")
    assert [e.text for e in item_b.children.order_by("position")] == ["Zero", "Half", "One", "Two"]
    assert _el(working, "One").pk == third.pk


def test_a_piece_of_one_paragraph_goes_back_to_the_cursor_unchanged(client, working, chair):
    third = _el(working, "Third")
    count = working.elements.count()

    response = _paste(client, third, html="<b>entire</b> life <script>x</script>cycle")

    assert response.status_code == 200 and response.content == b""
    assert _event(response, "editor:paste") == {
        "key": str(third.key),
        "html": "<strong>entire</strong> life cycle",
    }
    assert working.elements.count() == count


def test_a_paste_too_deep_for_the_draft_is_refused_in_words(client, working, chair):
    deep = _el(working, "Under first")
    for depth in range(4):
        deep = Element.objects.create(version=working, parent=deep, position=0, text=f"D{depth}")

    response = _paste(client, deep, html=WORD)

    assert response.status_code == 400
    assert "levels deep" in response.content.decode()
    assert not Element.objects.filter(text__startswith="Export").exists()


def test_a_paste_larger_than_the_limit_is_refused_in_words(client, working, chair):
    response = _paste(client, _el(working, "Third"), text="x" * 1_000_001)

    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_undo_goes_back_through_ones_own_changes_in_any_depth(client, working, chair):
    second = _el(working, "Second")
    typed = _post(client, second, "text", text="Second, typed", revision=1)
    indented = _post(client, second, "indent")
    done = _outline(working)

    first_undo = _undo(client, working, _event(indented, "editor:changed")["group"])
    second_undo = _undo(client, working, _event(typed, "editor:saved")["group"])

    assert (first_undo.status_code, second_undo.status_code) == (200, 200)
    second.refresh_from_db()
    assert second.text == "Second"
    # Redo both, the last undone first.
    _undo(client, working, _event(second_undo, "editor:changed")["group"])
    _undo(client, working, _event(first_undo, "editor:changed")["group"])
    assert _outline(working) == done


def test_an_undo_that_would_overwrite_someone_elses_later_change_is_refused(
    client, factory, working, chair
):
    third = _el(working, "Third")
    typed = _post(client, third, "text", text="Third, mine", revision=1)
    colleague = factory.make_member(working.document.meeting, Role.CHAIR_TEAM, username="kim")
    third.refresh_from_db()
    third.record(colleague, "edited the text", text="Third, theirs")

    response = _undo(client, working, _event(typed, "editor:saved")["group"])

    assert response.status_code == 409
    assert "This cannot be undone: kim has changed it since." in response.content.decode()
    third.refresh_from_db()
    assert third.text == "Third, theirs"


def test_a_revert_answers_its_change_for_the_undo_stack(client, working, chair):
    third = _el(working, "Third")
    _post(client, third, "text", text="Third, edited", revision=1)
    first_state = third.history.order_by("history_id").first()
    url = reverse("element-revert", args=[_code(working), third.key, first_state.history_id])

    response = client.post(url, HTTP_HX_REQUEST="true")

    group = _event(response, "editor:changed")["group"]
    assert _undo(client, working, group).status_code == 200
    third.refresh_from_db()
    assert third.text == "Third, edited"


def test_the_history_of_an_element_deleted_meanwhile_is_not_found(client, working, chair):
    third = _el(working, "Third")
    actions.Delete(user=chair, element=third).execute()

    url = reverse("element-history", args=[_code(working), third.key])
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 404


def test_a_paste_of_more_paragraphs_than_the_limit_is_refused_in_words(working, chair):
    paste = actions.PasteParagraphs(
        user=chair,
        element=_el(working, "Third"),
        paragraphs=tuple(Pasted(f"P{n}") for n in range(MAX_PASTED_PARAGRAPHS + 1)),
    )

    with pytest.raises(actions.Invalid, match="one paste adds at most 1,000"):
        paste.execute()
