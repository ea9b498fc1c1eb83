"""Production settings: Django's deployment checks pass, and forwarded headers are
trusted only when a TLS proxy is said to set them."""

import importlib
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from config.signin import client_ip_behind_proxy

THROWAWAY = {
    "SECRET_KEY": "throwaway-" + "k3y-" * 15,
    "ALLOWED_HOSTS": "drafting.example.org",
    "DATABASE_URL": "sqlite:///unused.sqlite3",
}


def production_settings(monkeypatch, **environment):
    for name, value in (THROWAWAY | environment).items():
        monkeypatch.setenv(name, value)
    return importlib.reload(importlib.import_module("config.settings.prod"))


def test_check_deploy_passes_on_production_settings_with_no_warning():
    environment = os.environ | THROWAWAY | {"DJANGO_SETTINGS_MODULE": "config.settings.prod"}

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_forwarded_headers_are_not_trusted_without_a_tls_proxy(monkeypatch):
    monkeypatch.delenv("BEHIND_TLS_PROXY", raising=False)

    prod = production_settings(monkeypatch)

    assert not hasattr(prod, "SECURE_PROXY_SSL_HEADER")
    assert not hasattr(prod, "AXES_CLIENT_IP_CALLABLE")
    assert prod.SECURE_SSL_REDIRECT and prod.SECURE_HSTS_SECONDS >= 365 * 24 * 60 * 60


def test_a_tls_proxy_said_to_be_there_is_trusted_for_the_scheme_and_address(monkeypatch):
    prod = production_settings(monkeypatch, BEHIND_TLS_PROXY="1")

    assert prod.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert prod.AXES_CLIENT_IP_CALLABLE == "config.signin.client_ip_behind_proxy"


def test_an_unclear_proxy_setting_stops_production_from_starting(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="BEHIND_TLS_PROXY"):
        production_settings(monkeypatch, BEHIND_TLS_PROXY="yes")


def test_behind_a_proxy_the_address_is_the_one_the_proxy_appended():
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.5", REMOTE_ADDR="127.0.0.1"
    )

    assert client_ip_behind_proxy(request) == "203.0.113.5"
    assert client_ip_behind_proxy(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")) == (
        "127.0.0.1"
    )
