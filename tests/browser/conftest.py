"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Run with ``make test-browser`` (DJANGO_ALLOW_ASYNC_UNSAFE=true, because Playwright's sync
API runs an event loop in the test's thread).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Screenshots go to a temporary folder; `REFRESH_SCREENSHOTS=1 make test-browser` writes the
# README's pictures in docs/screenshots/ instead.
README_PICTURES = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SCREENSHOTS = (
    README_PICTURES
    if os.environ.get("REFRESH_SCREENSHOTS") == "1"
    else Path(tempfile.mkdtemp(prefix="drafting-screenshots-"))
)
PASSWORD = "pass-for-tests"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """SQLite in a file, not in memory: the live server then has its own connection and
    waits for the test's locks instead of sharing one connection across threads, which
    fails at random with "database table is locked" while the editor polls."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        folder = tempfile.mkdtemp(prefix="drafting-browser-")
        database.setdefault("TEST", {})["NAME"] = os.path.join(folder, "test.sqlite3")
        database.setdefault("OPTIONS", {})["timeout"] = 20


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def sign_in(browser, live_server):
    """``sign_in(username)`` → a page of a fresh browser context, signed in through the form."""
    contexts = []

    def sign_in(username: str, viewport=(1280, 900)):
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        return page

    yield sign_in
    for context in contexts:
        context.close()
