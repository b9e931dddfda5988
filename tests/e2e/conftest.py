"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import sync_playwright
from wagtail.models import Page, Site

from tests.services import CHROMIUM

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # Browser tests share the live server's database, so they run in transactions that are
            # flushed afterwards; serialized rollback restores what migrations created (groups,
            # the root page) for the tests that follow.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture
def chromium():
    # One Playwright per test, not per session: a Playwright left running keeps its event loop in
    # this thread, and tests that start their own (sync_playwright()) would then fail.
    if not CHROMIUM.exists():
        yield None
        return

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        # ORM calls a test makes while Playwright's loop runs get connections of their own: close
        # them while that loop still runs, or PostgreSQL refuses to drop the test database at the
        # end ("being accessed by other users"). browser_page does the same for its tests.
        connections.close_all()
        browser.close()


@pytest.fixture
def browser_page(require_chromium, chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    console_errors = []
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    page.console_errors = console_errors
    yield page
    context.close()
    # ORM calls made while Playwright's loop runs get connections of their own; close them, or
    # PostgreSQL refuses to drop the test database at the end.
    connections.close_all()


@pytest.fixture
def live_site(home_page, live_server):
    """Point the default Site at the live server's host and port."""

    host, port = live_server.url.removeprefix("http://").split(":")
    Site.objects.filter(pk=Site.objects.get(is_default_site=True).pk).update(
        hostname=host, port=int(port)
    )
    return home_page


@pytest.fixture
def live_demo_site(live_server):
    """The demo content, with the Site answering on the live server's host and port."""
    call_command("seed_demo")
    parts = urlsplit(live_server.url)
    # Saved, not updated: the signals clear Wagtail's site root paths and the shared page data,
    # which seeding filled in with the old address (the language switcher's links use them).
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = parts.hostname, parts.port
    site.save()
    return [page.get_full_url() for page in Page.objects.live().public().filter(depth__gte=2)]
