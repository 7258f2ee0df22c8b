"""The Content-Security-Policy allows no inline script, and the charts and the admin still work under it."""

import pytest

from core import roles
from tests import factories
from tests.reporting_data import portal_strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = ["/", "/fokusomraader/omraade-1/", "/indikatorer/F1.0/", "/rapport/2024/2/"]


def _watch_for_violations(page) -> list[str]:
    """Collect what the browser reports as refused by the policy, and any script error."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: refused.append(str(error)))
    return refused


@pytest.fixture
def portal(live_server, settings):
    strategy = portal_strategy(settings, areas=2, indicators=2, quarters=6)
    manager = factories.user("leder-csp", role=roles.MANAGER, is_staff=True)
    factories.assign(manager, *strategy.focus_areas.all())
    return live_server.url


def _log_in(page, portal: str, path: str):
    page.goto(f"{portal}/admin/login/?next={path}")
    page.get_by_label("Brugernavn").fill("leder-csp")
    page.get_by_label("Adgangskode").fill("test-password-123")
    page.get_by_role("button", name="Log ind").click()


def test_the_charts_draw_under_the_policy_without_inline_script(portal, page):
    refused = _watch_for_violations(page)
    _log_in(page, portal, "/")
    page.wait_for_url(f"{portal}/")
    for path in PAGES:
        response = page.goto(portal + path)
        policy = response.headers["content-security-policy"]
        script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
        page.wait_for_selector(".plot-container svg.main-svg")
        assert page.locator(".chart-plot .plot-container").count() > 0
    assert refused == []


def test_the_quarterly_entry_grid_works_under_the_policy(portal, page):
    refused = _watch_for_violations(page)
    _log_in(page, portal, "/admin/indicators/measurement/kvartal/")
    page.wait_for_url("**/admin/indicators/measurement/kvartal/**")
    assert page.locator("h1").count() == 1
    assert refused == []
