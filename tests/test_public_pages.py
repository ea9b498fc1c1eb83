"""Public pages served whole from the cache to visitors who are not signed in."""

from unittest import mock

from django.test import Client

from drafting.models import Publication
from drafting.views.reading import VersionDetailView


def counting_renders():
    """A patch of the version page's context that counts how often the page is built."""
    built = []
    original = VersionDetailView.get_context_data

    def build(self, **kwargs):
        built.append(1)
        return original(self, **kwargs)

    return built, mock.patch.object(VersionDetailView, "get_context_data", build)


def test_a_public_page_is_served_again_from_the_cache_to_the_next_visitor(db, factory):
    version = factory.make_version()
    Publication.objects.create(version=version)
    built, patch = counting_renders()

    with patch:
        first = Client().get(version.get_absolute_url())
        second = Client().get(version.get_absolute_url())

    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(built) == 1


def test_a_withdrawn_publication_is_gone_from_the_cache_at_once(db, factory):
    version = factory.make_version()
    publication = Publication.objects.create(version=version)
    assert Client().get(version.get_absolute_url()).status_code == 200

    publication.delete()

    assert Client().get(version.get_absolute_url()).status_code == 404


def test_signed_in_people_and_htmx_requests_never_get_the_cached_page(db, factory, client):
    version = factory.make_version()
    Publication.objects.create(version=version)
    Client().get(version.get_absolute_url())
    built, patch = counting_renders()
    client.force_login(factory.make_user())

    with patch:
        client.get(version.get_absolute_url())
        Client().get(version.get_absolute_url(), HTTP_HX_REQUEST="true")

    assert len(built) == 2
