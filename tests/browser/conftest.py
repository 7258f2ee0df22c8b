"""Headless Chromium (the system's) for the browser tests, driven with Playwright's sync API."""

import os

import pytest

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM then refuses to run beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _context(browser):
    # One context for the session keeps plotly.js (4,8 MB) in the browser cache between tests.
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="da-DK")
    yield context
    context.close()


@pytest.fixture(scope="session")
def _axe_context(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="da-DK", bypass_csp=True)
    yield context
    context.close()


def _fresh_page(context):
    context.clear_cookies()  # no login or language carried over from another test
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def page(_context):
    """A page under the portal's own Content-Security-Policy: charts must draw without inline script."""
    page = _fresh_page(_context)
    yield page
    page.close()


@pytest.fixture
def axe_page(_axe_context):
    """A page that lets the test inject axe-core as a script tag, which the portal's CSP would refuse."""
    page = _fresh_page(_axe_context)
    yield page
    page.close()
