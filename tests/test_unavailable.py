"""Requests while the database is away get a 503 that says so; small page addresses."""

from unittest import mock

from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from drafting.models import Publication
from drafting.views.reading import VersionDetailView


def test_a_request_while_the_database_restarts_is_a_503_with_retry_after(db, factory):
    version = factory.make_version()
    Publication.objects.create(version=version)
    client = Client(raise_request_exception=False)
    gone = OperationalError("terminating connection due to administrator command")

    with mock.patch.object(VersionDetailView, "get_object", side_effect=gone):
        response = client.get(version.get_absolute_url())

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert "not answering right now" in body and "Nothing you saved before is lost" in body


def test_other_server_errors_stay_500(db, factory):
    version = factory.make_version()
    Publication.objects.create(version=version)
    client = Client(raise_request_exception=False)

    with mock.patch.object(VersionDetailView, "get_object", side_effect=RuntimeError("bug")):
        response = client.get(version.get_absolute_url())

    assert response.status_code == 500


def test_the_list_of_meetings_is_found_at_meetings_too(client, db):
    response = client.get("/meetings/")
    assert response.status_code == 302 and response["Location"] == reverse("meeting-list")
