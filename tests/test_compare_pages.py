"""The compare pages, paragraph history and the compare command, as people use them."""

import copy
import json
import re
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting.models import Publication
from drafting.tree import PARAGRAPH, Node
from drafting.views.compare import CompareView
from meetings.models import Membership

Role = Membership.Role


@pytest.fixture
def drafts(factory):
    """Draft 1 and Draft 2 of one document: one reworded, one moved, one added, one deleted."""
    document = factory.make_document()
    old_tree = factory.make_tree(paragraphs=9, footnotes=2)
    draft_1 = factory.make_version(document, old_tree, label="Draft 1")
    new_tree = copy.deepcopy(old_tree)
    item_a, item_b = new_tree.nodes
    item_a.children[1].text = "Paragraph 0 on <strong>stockpiles</strong> of ammunition"
    moved = item_a.children.pop(2)
    item_b.children.append(moved)
    item_b.children.insert(0, Node(kind=PARAGRAPH, text="[States shall report annually]"))
    del item_b.children[1]
    draft_2 = factory.make_version(document, new_tree, label="Draft 2")
    return document.meeting, draft_1, draft_2


def _visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_readable_address_shows_inline_redline_with_marks_and_summary(client, factory, drafts):
    meeting, draft_1, draft_2 = drafts
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    url = reverse("compare", args=[meeting.code, "draft-1", "draft-2"])
    response = client.get(url)

    assert url.endswith("/compare/draft-1...draft-2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<ins> of ammunition</ins>" in html or "<ins>of ammunition</ins>" in html.replace(
        " <ins>", "<ins>"
    )
    assert "<ins>[States shall report annually]</ins>" in html
    assert "Moved" in html and "from <a href=" in html
    assert "Bracketed passages" in html
    assert len(re.findall(r'id="change-\d+"', html)) == len(response.context["changes"])


def test_moved_paragraph_is_shown_once_with_a_link_to_where_it_came_from(client, factory, drafts):
    meeting, draft_1, draft_2 = drafts
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    response = client.get(reverse("compare", args=[meeting.code, "draft-1", "draft-2"]))

    moved = [c for c in response.context["changes"] if c.kind == "moved"]
    assert len(moved) == 1
    text = moved[0].new.text
    assert _visible_text(response.content.decode()).count(text) == 1
    assert f"{draft_1.get_absolute_url()}#el-{moved[0].old_key}" in response.content.decode()


def test_side_by_side_and_filter_to_one_agenda_item(client, factory, drafts):
    meeting, draft_1, draft_2 = drafts
    client.force_login(factory.make_member(meeting, Role.SECRETARIAT))
    item_b = draft_2.tree().nodes[1].key

    side = client.get(reverse("compare-side-by-side", args=[meeting.code, "draft-1", "draft-2"]))
    only_b = client.get(
        reverse("compare", args=[meeting.code, "draft-1", "draft-2"]), {"item": item_b}
    )

    assert side.status_code == 200 and 'class="rl-old"' in side.content.decode()
    assert only_b.status_code == 200
    assert {row.agenda_item_key for row in only_b.context["rows"]} == {item_b}
    assert all(change.agenda_item.key == item_b for change in only_b.context["changes"])


def test_delegations_compare_issued_versions_only(client, factory, drafts):
    meeting, draft_1, draft_2 = drafts
    working = draft_2.document.working_draft()
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    refused = client.get(reverse("compare", args=[meeting.code, "draft-2", working.slug]))

    assert refused.status_code == 404
    chair = factory.make_member(meeting, Role.CHAIR_TEAM)
    client.force_login(chair)
    allowed = client.get(reverse("compare", args=[meeting.code, "draft-2", working.slug]))
    assert allowed.status_code == 200 and not allowed.context["change_set"].has_changes


def test_anonymous_compares_published_drafts_only(client, drafts):
    meeting, draft_1, draft_2 = drafts
    url = reverse("compare", args=[meeting.code, "draft-1", "draft-2"])
    assert client.get(url).status_code == 404
    Publication.objects.create(version=draft_1)
    assert client.get(url).status_code == 404
    Publication.objects.create(version=draft_2)
    assert client.get(url).status_code == 200


def test_markup_typed_in_a_paragraph_is_shown_as_text_never_run(client, factory):
    document = factory.make_document()
    tree = factory.make_tree(paragraphs=3)
    factory.make_version(document, tree, label="Draft 1")
    changed = copy.deepcopy(tree)
    changed.nodes[0].children[1].text = "&lt;script&gt;alert(1)&lt;/script&gt; stays text"
    factory.make_version(document, changed, label="Draft 2")
    client.force_login(factory.make_member(document.meeting, Role.DELEGATION))

    html = client.get(
        reverse("compare", args=[document.meeting.code, "draft-1", "draft-2"])
    ).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_paragraph_history_follows_one_key_through_the_versions(client, factory, drafts):
    meeting, draft_1, draft_2 = drafts
    key = draft_1.tree().nodes[0].children[1].key
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    response = client.get(reverse("paragraph-history", args=[meeting.code, key]))

    steps = response.context["steps"]
    assert [step["version"].label for step in steps] == ["Draft 1", "Draft 2"]
    assert steps[1]["changed"] and "<ins>" in str(steps[1]["redline"])


def test_compare_page_reuses_the_chosen_pair_as_a_readable_address(client, factory, drafts):
    meeting, _, _ = drafts
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    response = client.get(
        reverse("compare-choose", args=[meeting.code]), {"from": "draft-1", "to": "draft-2"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("/compare/draft-1...draft-2/")


def test_compare_command_prints_documented_json(drafts):
    meeting, _, _ = drafts
    out = StringIO()

    call_command(
        "compare", meeting=meeting.code, old="Draft 1", new="Draft 2", format="json", stdout=out
    )

    data = json.loads(out.getvalue())
    assert set(data) == {"from", "to", "summary", "changes"}
    assert data["from"]["label"] == "Draft 1" and data["to"]["label"] == "Draft 2"
    kinds = {change["kind"] for change in data["changes"]}
    assert {"added", "deleted", "modified", "moved"} <= kinds
    for change in data["changes"]:
        assert {
            "kind",
            "element",
            "old_text",
            "new_text",
            "old_path",
            "new_path",
            "text_changed",
        } <= set(change)
        assert change["element"] in {"agenda_item", "heading", "paragraph", "footnote"}
    added = next(c for c in data["changes"] if c["kind"] == "added")
    assert added["old_text"] is None and added["new_text"] == "[States shall report annually]"
    assert data["summary"]["brackets"]["to"] == data["summary"]["brackets"]["from"] + 1


@pytest.mark.parametrize("fmt, expected", [("text", "MOVED paragraph"), ("html", "<del>")])
def test_compare_command_prints_text_and_html(drafts, fmt, expected):
    meeting, _, _ = drafts
    out = StringIO()
    call_command(
        "compare", meeting=meeting.code, old="Draft 1", new="Draft 2", format=fmt, stdout=out
    )
    assert expected in out.getvalue() or (fmt == "html" and "<ins>" in out.getvalue())


def test_paragraph_history_reaches_back_into_the_earlier_meeting(client, factory):
    from drafting.actions import StartFromEarlier

    earlier = factory.make_version(label="Final", kind="final")
    Publication.objects.create(version=earlier)
    meeting = factory.make_meeting("BMS8")
    chair = factory.make_member(meeting, Role.CHAIR_TEAM)
    working = StartFromEarlier(meeting=meeting, source=earlier, user=chair).execute()
    element = working.elements.filter(kind="paragraph").first()
    element.record(chair, text="Reworded for BMS8")
    client.force_login(chair)

    response = client.get(reverse("paragraph-history", args=["BMS8", element.key]))

    steps = response.context["steps"]
    assert [(s["meeting"].code, s["version"].label) for s in steps] == [
        (earlier.document.meeting.code, "Final"),
        ("BMS8", "Working draft"),
    ]
    assert steps[1]["changed"]


def test_paragraph_history_hides_an_earlier_meetings_unpublished_drafts(client, factory):
    from drafting.actions import StartFromEarlier

    earlier = factory.make_version(label="Final", kind="final")
    # Copied while it was published; its publication was withdrawn since.
    publication = Publication.objects.create(version=earlier)
    meeting = factory.make_meeting("BMS8")
    chair = factory.make_member(meeting, Role.CHAIR_TEAM)
    working = StartFromEarlier(meeting=meeting, source=earlier, user=chair).execute()
    publication.delete()
    key = working.elements.first().key
    client.force_login(chair)

    steps = client.get(reverse("paragraph-history", args=["BMS8", key])).context["steps"]

    assert [s["meeting"].code for s in steps] == ["BMS8"]


def test_side_by_side_shows_a_moved_paragraph_in_each_column_at_its_own_place(
    client, factory, drafts
):
    meeting, draft_1, draft_2 = drafts
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    page = client.get(
        reverse("compare-side-by-side", args=[meeting.code, "draft-1", "draft-2"])
    ).content.decode()

    moved = next(c for c in diff_changes(draft_1, draft_2) if c.kind == "moved")
    old_place = page.index(f'id="{moved.anchor}-origin"')
    item_b = page.index("[Agenda item 1]", page.index("<article"))
    new_place = page.index(f'id="{moved.anchor}"')
    assert old_place < item_b < new_place
    assert _visible_text(page).count(moved.new.text) == 2
    assert re.search(r'class="rl-old rl-blank"><span class="visually-hidden">not in', page)


def test_inline_redline_strikes_a_moves_old_place_with_where_it_went(client, factory, drafts):
    meeting, draft_1, draft_2 = drafts
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    page = client.get(
        reverse("compare", args=[meeting.code, "draft-1", "draft-2"])
    ).content.decode()

    moved = next(c for c in diff_changes(draft_1, draft_2) if c.kind == "moved")
    assert re.search(
        rf'id="{moved.anchor}-origin"><del class="moved-to"><span class="change-kind">Moved</span>'
        rf' to <a href="#{moved.anchor}">B &gt; bullet \d+</a></del>',
        page,
    )
    assert re.search(rf'from <a href="#{moved.anchor}-origin">A &gt; [^<]*bullet \d+</a>', page)


def diff_changes(old, new):
    from drafting.diff import compare

    return compare(old.tree(), new.tree()).changes


def test_agenda_item_filter_labels_leave_footnote_calls_out(client, factory):
    document = factory.make_document(factory.make_meeting("BMS8"))
    tree = factory.make_tree(paragraphs=2, items=2)
    footnote = Node(kind=PARAGRAPH).key
    tree.nodes[1].text = f'[Consideration of BMS8]<fn-ref data-key="{footnote}"></fn-ref>'
    tree.footnotes[footnote] = "Provenance."
    factory.make_version(document, tree, label="Draft 1")
    factory.make_version(document, copy.deepcopy(tree), label="Draft 2")
    client.force_login(factory.make_member(document.meeting, Role.DELEGATION))

    page = client.get(reverse("compare", args=["BMS8", "draft-1", "draft-2"])).content.decode()

    options = re.findall(r"<option value=\"[^\"]+\"[^>]*>([^<]*)</option>", page)
    assert "B. [Consideration of BMS8]" in options
    assert not any("]1" in option for option in options)


def _compare_queries(client, factory, paragraphs: int, view: str) -> int:
    document = factory.make_document()
    tree = factory.make_tree(paragraphs=paragraphs, items=3, footnotes=paragraphs // 10)
    factory.make_version(document, tree, label="Draft 1")
    changed = copy.deepcopy(tree)
    changed.nodes[0].children[1].text = "Reworded"
    changed.nodes[1].children.append(changed.nodes[0].children.pop(2))
    factory.make_version(document, changed, label="Draft 2")
    client.force_login(factory.make_member(document.meeting, Role.DELEGATION))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(view, args=[document.meeting.code, "draft-1", "draft-2"]))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("view", ["compare", "compare-side-by-side"])
def test_comparison_query_count_does_not_grow_with_the_document(client, factory, view):
    small = _compare_queries(client, factory, 30, view)

    assert _compare_queries(client, factory, 300, view) == small


def _renders(client, url: str, times: int = 2) -> int:
    with mock.patch.object(
        CompareView, "render_content", autospec=True, side_effect=CompareView.render_content
    ) as render:
        for _ in range(times):
            assert client.get(url).status_code == 200
    return render.call_count


def test_comparison_of_issued_versions_is_rendered_once_per_release_and_view(
    client, factory, drafts
):
    meeting, _, _ = drafts
    client.force_login(factory.make_member(meeting, Role.DELEGATION))
    inline = reverse("compare", args=[meeting.code, "draft-1", "draft-2"])
    side = reverse("compare-side-by-side", args=[meeting.code, "draft-1", "draft-2"])

    assert _renders(client, inline) == 1
    assert _renders(client, side) == 1
    assert _renders(client, f"{inline}?item={drafts[2].tree().nodes[1].key}") == 1
    with override_settings(RELEASE="another-release"):
        assert _renders(client, inline) == 1


def test_comparison_with_the_working_draft_is_rendered_on_every_request(client, factory, drafts):
    meeting, _, draft_2 = drafts
    working = draft_2.document.working_draft()
    client.force_login(factory.make_member(meeting, Role.CHAIR_TEAM))

    assert _renders(client, reverse("compare", args=[meeting.code, "draft-2", working.slug])) == 2


def test_paragraph_history_keeps_footnote_calls_numbered_per_version(client, factory, drafts):
    meeting, draft_1, _ = drafts
    reworded = draft_1.tree().nodes[0].children[1]  # Draft 2 dropped its footnote call
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    page = client.get(reverse("paragraph-history", args=[meeting.code, reworded.key]))

    history = page.content.decode()
    assert "<fn-ref" not in history
    assert history.count('aria-label="footnote 1">1</a></sup>') == 2
    assert re.search(r'<del><sup class="fn-call"><a [^>]*>1</a></sup>', history)
