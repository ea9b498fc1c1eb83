"""The compare page's "Summary for the cover letter": the drafted paragraph for those who
prepare letters, with a link that starts a letter from it."""

from __future__ import annotations

import copy
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting import diff
from drafting.views import compare
from meetings.models import Membership
from tests.demo_drafts import DRAFT_1_DATE, DRAFT_2_DATE, bms7_draft_1, bms7_draft_2

Role = Membership.Role
OPENING = "Draft 2 reflects the discussions of (date) on Draft 1 of 10 June 2021."


@pytest.fixture
def demo_pair(factory):
    """BMS7 Draft 1 as circulated and the hand-made Draft 2 of tests/demo_drafts.py."""
    document = factory.make_document(factory.make_meeting("BMS7"))
    draft_1 = bms7_draft_1()
    factory.make_version(document, draft_1, label="Draft 1", date=DRAFT_1_DATE)
    factory.make_version(
        document, bms7_draft_2(copy.deepcopy(draft_1)), label="Draft 2", date=DRAFT_2_DATE
    )
    document.working_draft()
    return document.meeting


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", [Role.CHAIR_TEAM, Role.SECRETARIAT])
@pytest.mark.parametrize("view", ["compare", "compare-side-by-side"])
def test_those_who_prepare_letters_get_the_drafted_paragraph_and_a_letter_link(
    client, factory, demo_pair, role, view
):
    client.force_login(factory.make_member(demo_pair, role))

    html = page(client, reverse(view, args=["BMS7", "draft-1", "draft-2"]))

    assert "Summary for the cover letter" in html
    assert OPENING in html
    assert (
        "In agenda item A (Consideration of the implementation of the Programme …), "
        "one paragraph was added, one was deleted and one was reworded" in html
    )
    assert (
        'href="/meetings/BMS7/letters/new/?summary=draft-1...draft-2">'
        "Start a letter with this summary</a>" in html
    )


def test_the_summary_stands_between_the_comparisons_summary_and_the_redline(
    client, factory, demo_pair
):
    client.force_login(factory.make_member(demo_pair, Role.CHAIR_TEAM))

    html = page(client, reverse("compare", args=["BMS7", "draft-1", "draft-2"]))

    assert html.index('id="summary-title"') < html.index("Summary for the cover letter")
    assert html.index("Summary for the cover letter") < html.index('aria-label="Tracked changes"')


def test_delegations_see_no_cover_letter_summary(client, factory, demo_pair):
    client.force_login(factory.make_member(demo_pair, Role.DELEGATION))

    html = page(client, reverse("compare", args=["BMS7", "draft-1", "draft-2"]))

    assert "Summary for the cover letter" not in html
    assert "?summary=" not in html


def test_the_working_draft_has_its_summary_too(client, factory, demo_pair):
    client.force_login(factory.make_member(demo_pair, Role.CHAIR_TEAM))

    html = page(client, reverse("compare", args=["BMS7", "draft-2", "working"]))

    assert "Working draft makes no change to the text of Draft 2." in html
    assert "?summary=draft-2...working" in html


def test_the_summary_quotes_typed_markup_as_text(client, factory):
    document = factory.make_document(factory.make_meeting("BMS8"))
    tree = factory.make_tree(paragraphs=3, items=1)
    factory.make_version(document, tree, label="Draft 1")
    changed = copy.deepcopy(tree)
    changed.nodes[0].children[1].text = "[&lt;script&gt;alert(1)&lt;/script&gt;]"
    factory.make_version(document, changed, label="Draft 2")
    client.force_login(factory.make_member(document.meeting, Role.CHAIR_TEAM))

    html = page(client, reverse("compare", args=["BMS8", "draft-1", "draft-2"]))

    assert "<script>" not in html


def test_a_comparison_of_issued_versions_is_compared_once_and_summarised_once(
    client, factory, demo_pair
):
    client.force_login(factory.make_member(demo_pair, Role.SECRETARIAT))
    inline = reverse("compare", args=["BMS7", "draft-1", "draft-2"])
    side = reverse("compare-side-by-side", args=["BMS7", "draft-1", "draft-2"])

    with (
        mock.patch.object(diff, "compare", side_effect=diff.compare) as comparing,
        mock.patch.object(
            compare, "change_summary", side_effect=compare.change_summary
        ) as summarising,
    ):
        for url in (inline, inline, side):
            page(client, url)

    # The first request compares once for both; the side-by-side view renders anew.
    assert comparing.call_count == 2
    assert summarising.call_count == 1


def _summary_queries(client, factory, paragraphs: int) -> int:
    document = factory.make_document()
    tree = factory.make_tree(paragraphs=paragraphs, items=3, footnotes=paragraphs // 10)
    factory.make_version(document, tree, label="Draft 1")
    changed = copy.deepcopy(tree)
    changed.nodes[0].children[1].text = "Reworded"
    factory.make_version(document, changed, label="Draft 2")
    client.force_login(factory.make_member(document.meeting, Role.CHAIR_TEAM))
    with CaptureQueriesContext(connection) as queries:
        page(client, reverse("compare", args=[document.meeting.code, "draft-1", "draft-2"]))
    return len(queries)


def test_the_summary_keeps_the_query_count_flat(client, factory):
    assert _summary_queries(client, factory, 20) == _summary_queries(client, factory, 200)
