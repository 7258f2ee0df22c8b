"""Headless Chromium (the system's) for the browser tests, driven with Playwright's sync API."""

import os

import pytest
from django.db import connections

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


# Function scope on purpose: Playwright must start after the test's database is set up and stop before it
# is flushed, or the flush misses the serialized rollback and later transactional tests break.
@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, beside which Django's ORM refuses to run.
    # Only while a browser test runs: a leftover variable would fail the deployment check elsewhere.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            yield chromium
            chromium.close()
            # Django keeps a connection per context, and Playwright's event loop makes one of its own: the
            # connection the test used there is closed here, or it stays open until the test database is
            # dropped, which then fails.
            connections.close_all()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def _page(browser, **options):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="da-DK", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def page(browser):
    """A page under the portal's own Content-Security-Policy: charts must draw without inline script."""
    context, page = _page(browser)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser):
    """A page that lets the test inject axe-core as a script tag, which the portal's CSP would refuse."""
    context, page = _page(browser, bypass_csp=True)
    yield page
    context.close()
