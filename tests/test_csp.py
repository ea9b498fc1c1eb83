"""Every page is sent with a Content-Security-Policy that allows the app's own files only,
and no served template holds what that policy would block."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

SERVED_TEMPLATES = [
    path
    for folder in [
        Path(settings.BASE_DIR) / "templates",
        *Path(settings.BASE_DIR).glob("*/templates"),
    ]
    for path in folder.rglob("*.html")
    # Not pages: WeasyPrint's print templates, and the compare command's file.
    if "print" not in path.parts and path.name != "compare_standalone.html"
]
BLOCKED = re.compile(r"""\sstyle=|<style|<script(?![^>]*\ssrc=)|\son[a-z]+=|javascript:""")


def policy(response) -> dict[str, str]:
    directives = (d.strip() for d in response["Content-Security-Policy"].split(";"))
    return dict(d.split(" ", 1) for d in directives if d)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["meeting-list", "login"])
def test_pages_carry_a_policy_of_the_apps_own_files_and_nothing_inline(client, name):
    response = client.get(reverse(name))

    sent = policy(response)
    assert sent["default-src"] == "'self'"
    assert sent["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_paused_sign_in_page_carries_the_policy_too(client, factory):
    factory.make_user("chair")
    for _ in range(6):
        response = client.post(reverse("login"), {"username": "chair", "password": "wrong"})

    assert response.status_code == 429
    assert policy(response)["default-src"] == "'self'"


@pytest.mark.parametrize("template", SERVED_TEMPLATES, ids=lambda path: path.name)
def test_no_served_template_has_inline_script_style_or_handlers(template):
    assert BLOCKED.findall(template.read_text(encoding="utf-8")) == []
