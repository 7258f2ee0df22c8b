"""A focus area with many indicators in a real browser: the page links lead to the next ten, whose charts
draw with the page's shared layout, and axe finds nothing serious on a later page."""

import pytest

from focusareas.models import FocusArea
from tests.browser.test_pages import serious_violations
from tests.reporting_data import add_indicators, portal_strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def portal(live_server, settings):
    settings.PUBLIC_DASHBOARD = True
    strategy = portal_strategy(settings, areas=1, indicators=2, quarters=6)
    add_indicators(FocusArea.objects.get(strategy=strategy, slug="omraade-1"), 10, 6, start=2)
    return live_server.url


def test_the_page_links_lead_to_the_next_indicators_with_their_charts_drawn(portal, page):
    page.goto(portal + "/fokusomraader/omraade-1/")
    page.wait_for_selector(".plot-container svg.main-svg")
    assert page.locator(".chart-plot").count() == 10
    page.get_by_role("navigation", name="Sider med indikatorer, nederst").get_by_role(
        "link", name="Side 2"
    ).click()
    page.wait_for_url("**/fokusomraader/omraade-1/?side=2")
    page.wait_for_selector(".plot-container svg.main-svg")
    assert page.locator(".chart-plot .plot-container").count() == page.locator(".chart-plot").count() == 2
    # The shared layout reached the charts: the legend above the plot and the fixed height of a full chart.
    assert page.locator(".chart-plot .legend").count() == 2
    assert page.locator(".chart-plot .main-svg").first.get_attribute("height") == "400"


def test_a_later_page_has_no_serious_accessibility_findings(portal, axe_page):
    axe_page.goto(portal + "/fokusomraader/omraade-1/?side=2")
    axe_page.wait_for_selector(".plot-container svg.main-svg")
    assert serious_violations(axe_page) == []
