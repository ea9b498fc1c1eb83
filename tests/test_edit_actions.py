"""The editor's actions beyond single edits: undo and redo by change id, joining with the
paragraph above, several elements at once, the depth and length limits, history merging,
the live feed per browser tab, and what a person meets when an element is gone."""

import datetime
import json

import pytest
from django.urls import reverse

from drafting import actions, sync
from drafting.limits import MAX_DEPTH, MAX_ELEMENT_TEXT
from drafting.models import ChangeKind, Element, Footnote
from meetings.models import Membership
from tests.refusals import problems_of

Role = Membership.Role


@pytest.fixture
def working(factory):
    document = factory.make_document()
    factory.make_version(
        document, label="Draft 1", tree=factory.make_tree(paragraphs=9, footnotes=2)
    )
    return document.working_draft()


@pytest.fixture
def chair(factory, working):
    return factory.make_member(working.document.meeting, Role.CHAIR_TEAM, username="chair")


def top_paragraphs(version):
    return list(
        version.elements.filter(kind="paragraph", parent__kind="agenda_item").order_by(
            "parent", "position"
        )
    )


def shape(version):
    return [(n.kind, n.text, depth) for n, depth in version.tree().walk()], version.tree().footnotes


def test_undo_takes_a_move_back_and_redo_makes_it_again(working, chair):
    before = shape(working)
    first, second = top_paragraphs(working)[:2]

    moved = actions.MoveBy(user=chair, element=second, step=-1).execute()
    after = shape(working)
    undone = actions.Undo(user=chair, version=working, token=moved.group).execute()

    assert shape(working) == before
    actions.Undo(user=chair, version=working, token=undone.group).execute()
    assert shape(working) == after


def test_undo_takes_back_an_added_paragraph_and_a_deleted_subtree_with_its_footnotes(
    working, chair
):
    before = shape(working)
    item = working.elements.get(kind="agenda_item", position=0)

    added = actions.AddParagraph(user=chair, element=item, text="New").execute()
    actions.Undo(user=chair, version=working, token=added.group).execute()
    assert shape(working) == before

    deleted = actions.Delete(user=chair, element=item).execute()
    assert deleted.undo == deleted.group
    actions.Undo(user=chair, version=working, token=deleted.group).execute()
    assert shape(working) == before


def test_undo_refuses_to_overwrite_what_someone_changed_since(factory, working, chair):
    colleague = factory.make_member(working.document.meeting, Role.CHAIR_TEAM)
    element = top_paragraphs(working)[0]
    bracketed = actions.Bracket(user=chair, element=element).execute()
    actions.SaveText(
        user=colleague, element=element, text="Their later wording", base_revision=2
    ).execute()

    problems = problems_of(actions.Undo(user=chair, version=working, token=bracketed.group))

    assert problems == [f"This cannot be undone: {colleague.username} has changed it since."]
    element.refresh_from_db()
    assert element.text == "Their later wording"


def test_undo_of_nothing_says_so(working, chair):
    for token in ("", "not-an-id", "0b0c6b7e-8d1f-4d4e-9a55-0d5a8a1f3e21"):
        assert problems_of(actions.Undo(user=chair, version=working, token=token)) == [
            "There is nothing to undo."
        ]


def test_several_elements_change_as_one_undoable_edit(working, chair):
    before = shape(working)
    first, second, third = top_paragraphs(working)[:3]

    together = actions.Together(
        user=chair,
        edits=[
            actions.Bracket(user=chair, element=second),
            actions.Bracket(user=chair, element=third),
            actions.Indent(user=chair, element=third),
        ],
    ).execute()

    third.refresh_from_db()
    assert third.parent_id == second.pk and third.text.startswith("[")
    actions.Undo(user=chair, version=working, token=together.group).execute()
    assert shape(working) == before


def test_one_refused_edit_makes_the_whole_selection_refused(working, chair):
    before = shape(working)
    first, second = top_paragraphs(working)[:2]
    item = working.elements.get(kind="agenda_item", position=0)

    together = actions.Together(
        user=chair,
        edits=[
            actions.Bracket(user=chair, element=second),
            actions.Indent(user=chair, element=item),
        ],
    )

    with pytest.raises(actions.Invalid) as refused:
        together.execute()

    assert refused.value.problems == ["An agenda item stays at the top level of the document."]
    assert shape(working) == before


def test_backspace_at_the_start_joins_with_the_paragraph_above_keeping_footnotes(working, chair):
    item = working.elements.get(kind="agenda_item", position=1)
    second = actions.AddParagraph(user=chair, element=item, text="<em>Second</em> part").execute()
    first = actions.AddParagraph(user=chair, element=item, text="First part, ").execute()
    first, second = first.focus, second.focus
    first_text = first.text
    note = Footnote.objects.create(
        version=working, element=second, text="A note", key="0b0c6b7e-8d1f-4d4e-9a55-0d5a8a1f3e21"
    )
    second.record(chair, text=f'{second.text}<fn-ref data-key="{note.key}"></fn-ref>')
    second_text = second.text
    child = actions.AddParagraph(user=chair, element=second, text="Under the second").execute()
    actions.Indent(user=chair, element=child.focus).execute()

    joined = actions.JoinWithAbove(user=chair, element=second).execute()

    first.refresh_from_db()
    note.refresh_from_db()
    assert joined.focus.pk == first.pk
    assert first.text == first_text + second_text
    assert note.element_id == first.pk
    assert not Element.objects.filter(pk=second.pk).exists()
    assert Element.objects.get(pk=child.focus.pk).parent_id == first.pk
    actions.Undo(user=chair, version=working, token=joined.group).execute()
    first.refresh_from_db()
    assert first.text == first_text and Element.objects.get(pk=second.pk).text == second_text


def test_join_needs_a_paragraph_above(working, chair):
    item = working.elements.get(kind="agenda_item", position=0)
    first_child = item.children.order_by("position").first()
    heading = working.elements.get(kind="heading")
    if first_child.pk == heading.pk:
        first_child = item.children.order_by("position")[1]
    assert problems_of(actions.JoinWithAbove(user=chair, element=first_child)) == [
        "There is no paragraph just above this one to join it to."
    ]


def test_an_indent_past_the_deepest_level_is_refused_with_the_limit(working, chair):
    item = working.elements.get(kind="agenda_item", position=1)
    element = actions.AddParagraph(user=chair, element=item, text="Level 1").execute().focus
    for level in range(2, MAX_DEPTH + 1):
        element = actions.AddParagraph(user=chair, element=element, text=f"Level {level}")
        element = element.execute().focus
        actions.Indent(user=chair, element=element).execute()
    deepest = actions.AddParagraph(user=chair, element=element, text="One too deep").execute()

    problems = problems_of(actions.Indent(user=chair, element=deepest.focus))

    assert problems == [
        f"That would put a paragraph {MAX_DEPTH + 1} levels deep; a draft goes at most "
        f"{MAX_DEPTH} levels of bullets deep. Outdent something first."
    ]


def test_a_text_over_the_limit_is_refused_with_its_length(working, chair):
    element = top_paragraphs(working)[0]
    text = "a" * (MAX_ELEMENT_TEXT + 1)
    assert problems_of(
        actions.SaveText(user=chair, element=element, text=text, base_revision=1)
    ) == [
        f"A paragraph can be at most {MAX_ELEMENT_TEXT:,} characters; this one has "
        f"{MAX_ELEMENT_TEXT + 1:,}. Split it into several."
    ]


def test_a_burst_of_typing_is_one_history_row_and_one_change(working, chair):
    element = top_paragraphs(working)[0]
    rows_before = element.history.count()
    groups = set()
    for revision, text in enumerate(["S", "St", "Sta", "Stat", "State"], start=1):
        outcome = actions.SaveText(
            user=chair, element=element, text=text, base_revision=revision, tab_id="tab-1"
        ).execute()
        groups.add(outcome.group)

    assert element.history.count() == rows_before + 1
    assert len(groups) == 1
    latest = element.history.first()
    assert latest.text == "State" and latest.change_kind == ChangeKind.TEXT


def test_saves_after_a_pause_or_by_someone_else_are_rows_of_their_own(factory, working, chair):
    colleague = factory.make_member(working.document.meeting, Role.CHAIR_TEAM)
    element = top_paragraphs(working)[0]
    rows_before = element.history.count()

    actions.SaveText(user=chair, element=element, text="Mine", base_revision=1).execute()
    actions.SaveText(user=colleague, element=element, text="Theirs", base_revision=2).execute()
    later = element.history.first()
    type(later).objects.filter(pk=later.pk).update(
        history_date=later.history_date - datetime.timedelta(minutes=5)
    )
    actions.SaveText(
        user=colleague, element=element, text="Theirs again", base_revision=3
    ).execute()

    assert element.history.count() == rows_before + 3


def test_history_rows_record_kind_group_and_tab(working, chair):
    element = top_paragraphs(working)[0]
    outcome = actions.Indent(user=chair, element=top_paragraphs(working)[1], tab_id="t1").execute()
    row = Element.history.filter(change_group=outcome.group).get()
    assert (row.change_kind, row.change_tab, row.history_user) == (
        ChangeKind.STRUCTURE,
        "t1",
        chair,
    )
    assert row.history_change_reason == "indented"
    saved = actions.SaveText(user=chair, element=element, text="x", base_revision=1).execute()
    assert Element.history.get(change_group=saved.group).change_kind == ChangeKind.TEXT


def test_the_live_feed_leaves_out_only_the_asking_tabs_own_changes(working, chair):
    cursor = sync.history_cursor(working)
    element = top_paragraphs(working)[0]
    actions.SaveText(
        user=chair, element=element, text="From tab A", base_revision=1, tab_id="A"
    ).execute()

    in_tab_a = sync.ChangesSince.find(working, cursor, chair, "A")
    in_tab_b = sync.ChangesSince.find(working, cursor, chair, "B")

    assert not in_tab_a.keys and not in_tab_a.structural
    assert in_tab_b.keys == {str(element.key)} and not in_tab_b.structural
    assert in_tab_a.cursor == in_tab_b.cursor != cursor


def test_a_structural_change_is_read_from_its_kind_not_its_words(working, chair):
    cursor = sync.history_cursor(working)
    element = top_paragraphs(working)[0]
    element.record(chair, "a reason nobody listed anywhere", text="Only the text")
    assert not sync.ChangesSince.find(working, cursor, None, "").structural
    element.record(chair, "edited the text", designation="1.")
    assert sync.ChangesSince.find(working, cursor, None, "").structural


# Pages ---------------------------------------------------------------------------------


def post(client, element, action, **data):
    meeting = element.version.document.meeting
    return client.post(reverse("editor-element", args=[meeting.code, element.key, action]), data)


def test_typing_into_a_paragraph_deleted_meanwhile_is_a_plain_conflict(
    client, factory, working, chair
):
    colleague = factory.make_member(working.document.meeting, Role.CHAIR_TEAM, username="ana")
    element = top_paragraphs(working)[0]
    deleted = actions.Delete(user=colleague, element=element).execute()
    client.force_login(chair)

    response = post(client, element, "text", text="What I typed", revision=1)

    assert response.status_code == 409
    body = response.content.decode()
    assert "was deleted by ana at" in body
    assert f'data-undo="{deleted.group}"' in body
    assert "Restore the paragraph with my text" in body and "Copy my text" in body
    assert "<html" not in body


def test_a_move_to_a_malformed_target_is_a_400_in_words(client, working, chair):
    client.force_login(chair)
    response = post(client, top_paragraphs(working)[0], "move", target="not-a-uuid")
    assert response.status_code == 400
    assert "The place you chose no longer exists" in response.content.decode()


def test_several_selected_elements_are_bracketed_in_one_request(client, working, chair):
    client.force_login(chair)
    first, second = top_paragraphs(working)[:2]

    response = post(client, first, "bracket", keys=[str(first.key), str(second.key)])

    assert response.status_code == 200
    group = json.loads(response["HX-Trigger"])["editor:changed"]["group"]
    assert Element.history.filter(change_group=group).count() == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.text.startswith("[") and second.text.startswith("[")


def test_pasting_cut_elements_moves_them_in_order_keeping_their_keys(client, working, chair):
    client.force_login(chair)
    paragraphs = top_paragraphs(working)
    cut = paragraphs[:2]
    target = paragraphs[-1]

    response = post(
        client,
        cut[0],
        "move",
        keys=[str(e.key) for e in cut],
        target=str(target.key),
        placement="after",
    )

    assert response.status_code == 200
    siblings = list(target.parent.children.order_by("position").values_list("key", flat=True))
    at = siblings.index(target.key)
    assert siblings[at + 1 : at + 3] == [cut[0].key, cut[1].key]
