"""Versions and comparisons downloaded as Word and Akoma Ntoso from their pages: read by
real clients (pandoc, the OASIS schema), found among what the reader may read, and written
once for issued versions."""

from __future__ import annotations

import copy
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting.akn import read_akn, schema_errors
from drafting.docx_versions import docx_meta
from drafting.models import Publication
from drafting.views import downloads
from meetings.models import Meeting, Membership
from tests.word_clients import draft_words, pandoc_words

Role = Membership.Role
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def drafts(factory):
    """A meeting with an issued Draft 1 and Draft 2 (a reworded bullet, a moved one) and
    a working draft."""
    document = factory.make_document(factory.make_meeting("DL1"))
    tree = factory.make_tree(paragraphs=9, items=3, footnotes=2)
    draft_1 = factory.make_version(document, tree, label="Draft 1")
    changed = copy.deepcopy(tree)
    changed.nodes[0].children[1].text = "Paragraph 0 on [strengthened] stockpile management"
    changed.nodes[1].children.append(changed.nodes[2].children.pop(0))
    draft_2 = factory.make_version(document, changed, label="Draft 2")
    document.working_draft()
    return draft_1, draft_2


def member(client, factory, version, role=Role.DELEGATION):
    client.force_login(factory.make_member(version.document.meeting, role))


def test_version_page_offers_word_and_akoma_ntoso_downloads(client, factory, drafts):
    _, draft_2 = drafts
    member(client, factory, draft_2)

    page = client.get(draft_2.get_absolute_url()).content.decode()

    assert 'href="/meetings/DL1/drafts/draft-2/docx/">Download as Word (.docx)' in page
    assert 'href="/meetings/DL1/drafts/draft-2/akn/">Download as Akoma Ntoso (XML)' in page


@pytest.mark.parametrize("view", ["compare", "compare-side-by-side"])
def test_compare_pages_offer_word_with_tracked_changes(client, factory, drafts, view):
    member(client, factory, drafts[0])

    page = client.get(reverse(view, args=["DL1", "draft-1", "draft-2"])).content.decode()

    link = reverse("comparison-docx", args=["DL1", "draft-1", "draft-2"])
    assert f'href="{link}">Download as Word with tracked changes' in page


def test_word_download_is_a_named_docx_that_pandoc_reads_word_for_word(
    client, factory, drafts, tmp_path
):
    _, draft_2 = drafts
    member(client, factory, draft_2)

    response = client.get(reverse("version-docx", args=["DL1", "draft-2"]))

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="DL1-draft-2.docx"'
    path = tmp_path / "download.docx"
    path.write_bytes(response.content)
    expected = draft_words(draft_2.tree(), docx_meta(draft_2))
    assert pandoc_words(path, "accept") == expected


def test_word_comparison_accepts_into_the_later_draft_and_rejects_into_the_earlier(
    client, factory, drafts, tmp_path
):
    draft_1, draft_2 = drafts
    member(client, factory, draft_1)

    response = client.get(reverse("comparison-docx", args=["DL1", "draft-1", "draft-2"]))

    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="DL1-draft-1-to-draft-2.docx"'
    path = tmp_path / "comparison.docx"
    path.write_bytes(response.content)
    meta = docx_meta(draft_2)
    assert pandoc_words(path, "accept") == draft_words(draft_2.tree(), meta)
    assert pandoc_words(path, "reject") == draft_words(draft_1.tree(), meta)


def test_akoma_ntoso_download_validates_and_reads_back_as_the_version(client, factory, drafts):
    draft_1, _ = drafts
    member(client, factory, draft_1)

    response = client.get(reverse("version-akn", args=["DL1", "draft-1"]))

    assert response["Content-Type"] == "application/akn+xml"
    assert response["Content-Disposition"] == 'attachment; filename="DL1-draft-1.xml"'
    assert schema_errors(response.content) == []
    _meta, tree = read_akn(response.content)
    assert [(n.key, n.text) for n, _ in tree.walk()] == [
        (n.key, n.text) for n, _ in draft_1.tree().walk()
    ]


@pytest.mark.parametrize("route", ["version-docx", "version-akn"])
def test_a_delegation_downloads_no_working_draft(client, factory, drafts, route):
    member(client, factory, drafts[0])

    assert client.get(reverse(route, args=["DL1", "working"])).status_code == 404
    assert client.get(reverse(route, args=["DL1", "draft-1"])).status_code == 200


def test_a_delegation_downloads_no_comparison_with_the_working_draft(client, factory, drafts):
    member(client, factory, drafts[0])

    url = reverse("comparison-docx", args=["DL1", "draft-2", "working"])

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("route", ["version-docx", "version-akn"])
def test_signed_out_visitors_download_published_drafts_only(client, drafts, route):
    draft_1, _ = drafts
    Publication.objects.create(version=draft_1)

    assert client.get(reverse(route, args=["DL1", "draft-1"])).status_code == 200
    assert client.get(reverse(route, args=["DL1", "draft-2"])).status_code == 404


def _writes(client, url: str, target: str, times: int = 2) -> int:
    """How many times ``target`` in the downloads module wrote a file over ``times`` GETs."""
    original = getattr(downloads, target)
    with mock.patch.object(downloads, target, side_effect=original) as writer:
        for _ in range(times):
            assert client.get(url).status_code == 200
    return writer.call_count


@pytest.mark.parametrize(
    ("route", "args", "target"),
    [
        ("version-docx", ["draft-1"], "version_docx"),
        ("version-akn", ["draft-1"], "export_akn"),
        ("comparison-docx", ["draft-1", "draft-2"], "comparison_docx"),
    ],
)
def test_files_of_issued_versions_are_written_once(client, factory, drafts, route, args, target):
    member(client, factory, drafts[0], Role.CHAIR_TEAM)

    assert _writes(client, reverse(route, args=["DL1", *args]), target) == 1


@pytest.mark.parametrize(
    ("route", "args", "target"),
    [
        ("version-docx", ["working"], "version_docx"),
        ("version-akn", ["working"], "export_akn"),
        ("comparison-docx", ["draft-2", "working"], "comparison_docx"),
    ],
)
def test_files_of_the_working_draft_are_written_on_every_request(
    client, factory, drafts, route, args, target
):
    member(client, factory, drafts[0], Role.CHAIR_TEAM)

    assert _writes(client, reverse(route, args=["DL1", *args]), target) == 2


def test_a_corrected_paper_size_is_not_served_from_an_older_file(client, factory, drafts):
    draft_1, _ = drafts
    member(client, factory, draft_1)
    url = reverse("version-docx", args=["DL1", "draft-1"])
    letter = client.get(url).content
    meeting = draft_1.document.meeting
    meeting.paper_size = Meeting.PaperSize.A4
    meeting.save()

    assert client.get(url).content != letter


def _download_queries(client, factory, paragraphs: int, route: str) -> int:
    document = factory.make_document()
    tree = factory.make_tree(paragraphs=paragraphs, items=3, footnotes=paragraphs // 10)
    factory.make_version(document, tree, label="Draft 1")
    factory.make_version(document, copy.deepcopy(tree), label="Draft 2")
    client.force_login(factory.make_member(document.meeting, Role.DELEGATION))
    args = ["draft-1", "draft-2"] if route == "comparison-docx" else ["draft-2"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(route, args=[document.meeting.code, *args]))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("route", ["version-docx", "version-akn", "comparison-docx"])
def test_download_query_count_does_not_grow_with_the_document(client, factory, route):
    small = _download_queries(client, factory, 20, route)

    assert _download_queries(client, factory, 200, route) == small
