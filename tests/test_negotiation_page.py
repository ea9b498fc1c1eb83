"""The negotiation at a glance on the meeting page: the figures of the issued drafts each
reader may read, the plot and its table, the most-changed paragraphs and those bracketed
in every draft, computed once per set of drafts."""

from __future__ import annotations

import datetime
import re
from html import escape
from io import StringIO
from itertools import pairwise
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.generate import make_tree, mutate
from drafting.diff import compare
from drafting.models import Publication, Version
from drafting.negotiation import negotiation
from drafting.views import meetings
from meetings.models import Membership

Role = Membership.Role
FIRST_DATE = datetime.date(2021, 6, 10)


def issue_drafts(factory, code: str, count: int, paragraphs: int = 120) -> list:
    """``count`` successive generated drafts issued in ``code``, two weeks apart; a working
    draft beside them. Returns their trees."""
    document = factory.make_document(factory.make_meeting(code))
    trees = [make_tree(paragraphs=paragraphs, items=4, headings=8, footnotes=10)]
    for seed in range(1, count):
        trees.append(mutate(trees[-1], fraction=0.2, seed=seed))
    for number, tree in enumerate(trees, start=1):
        date = FIRST_DATE + datetime.timedelta(days=14 * (number - 1))
        factory.make_version(document, tree, label=f"Draft {number}", date=date)
    document.working_draft()
    return trees


def section(html: str) -> str:
    start = html.index('<section class="negotiation"')
    return html[start : html.index("</section>", start)]


def meeting_page(client, code: str) -> str:
    response = client.get(reverse("meeting-detail", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", [Role.CHAIR_TEAM, Role.SECRETARIAT, Role.DELEGATION])
def test_every_member_sees_every_issued_draft_in_order_with_its_figures(client, factory, role):
    trees = issue_drafts(factory, "NG1", 4)
    client.force_login(factory.make_member(Version.objects.first().document.meeting, role))

    part = section(meeting_page(client, "NG1"))

    rows = re.findall(r'<th scope="row"><a href="/meetings/NG1/drafts/(draft-\d)/">', part)
    assert rows == ["draft-1", "draft-2", "draft-3", "draft-4"]
    assert "working" not in part
    for number, (old, new) in enumerate(pairwise(trees), start=2):
        link = reverse("compare", args=["NG1", f"draft-{number - 1}", f"draft-{number}"])
        assert f'<a href="{link}">{len(compare(old, new).changes)}</a>' in part


def test_the_plot_and_its_table_give_each_agenda_items_passages(client, factory):
    issue_drafts(factory, "NG2", 3)
    client.force_login(
        factory.make_member(Version.objects.first().document.meeting, Role.CHAIR_TEAM)
    )

    part = section(meeting_page(client, "NG2"))

    assert re.search(r'<svg [^>]*role="img"', part)
    assert (
        '<title id="bracket-chart-title">Bracketed passages per agenda item, Draft 1 to Draft 3'
        in part
    )
    table = part[part.index("<caption>Bracketed passages per agenda item</caption>") :]
    assert re.findall(r'<th scope="row">([A-D])\. ', table) == ["A", "B", "C", "D"]
    assert len(re.findall(r"<td>\d+</td>", table.split("<tfoot>")[1])) == 3
    assert "style=" not in part


def test_most_changed_paragraphs_link_to_their_history(client, factory):
    issue_drafts(factory, "NG3", 4)
    client.force_login(
        factory.make_member(Version.objects.first().document.meeting, Role.CHAIR_TEAM)
    )

    part = section(meeting_page(client, "NG3"))

    changed = re.findall(
        r'<li><a href="/meetings/NG3/paragraphs/([0-9a-f-]{36})/">Changed in (\d) of 3 drafts</a>',
        part,
    )
    assert 1 <= len(changed) <= 10
    assert [count for _key, count in changed] == sorted(
        (count for _key, count in changed), reverse=True
    )
    key = changed[0][0]
    assert client.get(reverse("paragraph-history", args=["NG3", key])).status_code == 200


def test_paragraphs_bracketed_in_every_draft_are_listed_with_their_place(client, factory):
    trees = issue_drafts(factory, "NG4", 3)
    client.force_login(
        factory.make_member(Version.objects.first().document.meeting, Role.CHAIR_TEAM)
    )

    part = section(meeting_page(client, "NG4"))

    listed = part[part.index("Bracketed in every draft so far") :]
    keys = re.findall(r'href="/meetings/NG4/paragraphs/([0-9a-f-]{36})/" class="location"', listed)
    dated = [(f"Draft {n}", FIRST_DATE, tree) for n, tree in enumerate(trees, start=1)]
    expected = negotiation(dated).always_bracketed
    assert keys and keys == [paragraph.key for paragraph in expected]
    assert f"{escape(expected[0].location)}</a>" in listed


def test_signed_out_visitors_see_the_figures_of_published_drafts_only(client, factory):
    issue_drafts(factory, "NG5", 3)
    for slug in ("draft-1", "draft-3"):
        Publication.objects.create(version=Version.objects.get(slug=slug))

    part = section(meeting_page(client, "NG5"))

    rows = re.findall(r'<th scope="row"><a href="/meetings/NG5/drafts/(draft-\d)/">', part)
    assert rows == ["draft-1", "draft-3"]
    assert reverse("compare", args=["NG5", "draft-1", "draft-3"]) in part
    assert "draft-2" not in part


def test_a_meeting_with_no_issued_draft_has_no_section(client, factory):
    document = factory.make_document(factory.make_meeting("NG6"))
    document.working_draft()
    client.force_login(factory.make_member(document.meeting, Role.CHAIR_TEAM))

    assert 'class="negotiation"' not in meeting_page(client, "NG6")


def test_the_demo_meetings_show_their_draft_1_at_a_glance(client, db):
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())

    bms7 = section(meeting_page(client, "BMS7"))
    bms6 = section(meeting_page(client, "BMS6"))

    assert "Figures of Draft 1." in bms7 and "Figures of Draft 1." in bms6
    # BMS7 Draft 1: five bracketed passages, each agenda item's title wholly bracketed.
    assert "<td>5</td>" in bms7 and "5 (A, B, C, D, E)" in bms7
    assert "<td>17</td>" in bms7  # empty placeholder bullets
    assert "Consideration of international cooperation …" in bms7
    assert "Most changed paragraphs" not in bms7


def _computations(client, url: str, times: int = 2) -> int:
    with mock.patch.object(
        meetings, "versions_negotiation", side_effect=meetings.versions_negotiation
    ) as computing:
        for _ in range(times):
            assert client.get(url).status_code == 200
    return computing.call_count


def test_the_figures_are_computed_once_per_set_of_drafts(client, factory):
    issue_drafts(factory, "NG7", 2)
    document = Version.objects.first().document
    client.force_login(factory.make_member(document.meeting, Role.DELEGATION))
    url = reverse("meeting-detail", args=["NG7"])

    assert _computations(client, url) == 1
    factory.make_version(document, make_tree(paragraphs=30, seed=9), label="Draft 3")
    assert _computations(client, url) == 1


def _page_queries(client, factory, code: str, drafts: int, paragraphs: int) -> int:
    issue_drafts(factory, code, drafts, paragraphs)
    client.force_login(
        factory.make_member(
            Version.objects.filter(document__meeting__code=code).first().document.meeting,
            Role.DELEGATION,
        )
    )
    with CaptureQueriesContext(connection) as queries:
        meeting_page(client, code)
    return len(queries)


def test_the_meeting_page_costs_the_same_queries_whatever_the_drafts(client, factory):
    few = _page_queries(client, factory, "NG8", 2, 30)

    assert _page_queries(client, factory, "NG9", 5, 300) == few
