"""Issued versions and comparisons of issued versions are rendered once per release."""

from unittest import mock

import pytest
from django.test import override_settings

from drafting.views.reading import VersionDetailView
from meetings.models import Membership

Role = Membership.Role


@pytest.fixture
def draft(factory):
    return factory.make_version(tree=factory.make_tree(paragraphs=6, footnotes=2))


def _renders(client, url: str, times: int = 2) -> int:
    """How many times the version page rendered its document over ``times`` requests."""
    with mock.patch.object(
        VersionDetailView, "render_body", autospec=True, side_effect=VersionDetailView.render_body
    ) as render:
        for _ in range(times):
            assert client.get(url).status_code == 200
    return render.call_count


def test_an_issued_versions_document_is_rendered_once_and_served_again(client, factory, draft):
    client.force_login(factory.make_member(draft.document.meeting, Role.DELEGATION))

    assert _renders(client, draft.get_absolute_url()) == 1


def test_a_new_release_does_not_serve_what_an_older_one_rendered(client, factory, draft):
    client.force_login(factory.make_member(draft.document.meeting, Role.DELEGATION))
    url = draft.get_absolute_url()
    with override_settings(RELEASE="release-1"):
        first = client.get(url).content

    with override_settings(RELEASE="release-2"):
        renders = _renders(client, url, times=1)

    assert renders == 1 and b"Paragraph 0" in first


def test_the_working_draft_is_rendered_on_every_request(client, factory, draft):
    working = draft.document.working_draft()
    client.force_login(factory.make_member(draft.document.meeting, Role.CHAIR_TEAM))

    assert _renders(client, working.get_absolute_url()) == 2


def test_a_cached_document_keeps_each_readers_own_links(client, factory, draft):
    meeting = draft.document.meeting
    url = draft.get_absolute_url()
    client.force_login(factory.make_member(meeting, Role.CHAIR_TEAM))
    chair_page = client.get(url).content.decode()
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    delegation_page = client.get(url).content.decode()

    assert "Publish (anyone can then read it)" in chair_page
    assert "Publish (anyone can then read it)" not in delegation_page
    assert "Propose changes to" in delegation_page and "Propose changes to" not in chair_page
    assert delegation_page.count("Paragraph 5 on") == chair_page.count("Paragraph 5 on") == 1
