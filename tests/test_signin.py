"""Signing in is paused after repeated wrong passwords, and the page says so."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

PASSWORD = "pass-for-tests"  # tests.factory's
PAUSED = "Signing in to this account from your computer is paused for 15 minutes"


def sign_in(client, username: str, password: str, address: str = "192.0.2.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def chair(factory):
    return factory.make_user("chair")


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client, chair):
    for _ in range(30):
        sign_in(client, "chair", "wrong")

    response = sign_in(client, "chair", PASSWORD)

    assert response.status_code == 429
    assert PAUSED in response.content.decode()
    assert 'value="chair"' in response.content.decode()  # the username is kept
    assert not signed_in(client)


def test_the_fifth_wrong_password_pauses_signing_in_and_the_fourth_does_not(client, chair):
    for _ in range(4):
        response = sign_in(client, "chair", "wrong")
    assert response.status_code == 200
    assert "After 5 wrong passwords in a row" in response.content.decode()

    assert sign_in(client, "chair", "wrong").status_code == 429
    assert sign_in(client, "chair", PASSWORD).status_code == 429


def test_signing_in_works_again_after_the_pause(client, chair):
    for _ in range(5):
        sign_in(client, "chair", "wrong")
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )

    response = sign_in(client, "chair", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_wrong_passwords_from_one_address_do_not_lock_the_account_elsewhere(client, chair):
    for _ in range(10):
        sign_in(client, "chair", "wrong", address="198.51.100.7")

    response = sign_in(client, "chair", PASSWORD, address="192.0.2.1")

    assert response.status_code == 302
    assert signed_in(client)
