"""The benchmark and comparison pages in a real browser: charts drawn, tables there, axe clean, CSP kept."""

import pytest

from tests import statistics_data
from tests.browser.test_csp import _watch_for_violations
from tests.browser.test_pages import serious_violations
from tests.reporting_data import portal_strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = ["/benchmark/", "/sammenligning/F2.0/"]


@pytest.fixture
def portal(live_server, settings):
    settings.PUBLIC_DASHBOARD = True
    strategy = portal_strategy(settings, areas=3, indicators=2, quarters=6)
    statistics_data.link_ballerup(strategy.municipality)
    statistics_data.add_benchmark(periods=4)
    statistics_data.add_monthly(months=6, code=statistics_data.RATE)
    statistics_data.add_monthly(months=6)
    statistics_data.use_measures(
        strategy,
        {"F1.0": "BM-FORSKEL-IALT", "F2.0": statistics_data.RATE, "F2.1": statistics_data.MONTHLY},
    )
    return live_server.url


@pytest.mark.parametrize("path", PAGES)
def test_the_chart_draws_under_the_policy_beside_its_table(portal, page, path):
    refused = _watch_for_violations(page)
    response = page.goto(portal + path)
    policy = response.headers["content-security-policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    page.wait_for_selector(".plot-container svg.main-svg")
    assert page.locator(".chart-plot .plot-container").count() == 1
    assert page.locator("table.data-table").count() >= 1
    assert refused == []


def test_the_benchmark_chart_has_four_lines_and_its_table_the_ranks(portal, page):
    page.goto(portal + "/benchmark/")
    page.wait_for_selector(".plot-container svg.main-svg")
    assert page.locator(".chart-plot .scatterlayer .trace").count() == 4
    page.locator("details.chart-data summary").click()
    last = page.locator("details.chart-data tbody tr").last.locator("th, td").all_inner_texts()
    assert last == ["3. kvt. 2023 – 2. kvt. 2024", "2.", "10.", "20.", "8."]
    assert "2. plads af 98" in page.locator(".benchmark-summary").inner_text()


def test_the_comparison_draws_98_bars_and_sorts_its_table(portal, page):
    page.goto(portal + "/sammenligning/F2.0/")
    page.wait_for_selector(".plot-container svg.main-svg")
    assert page.locator(".chart-plot .barlayer .point").count() == 98
    assert page.locator("#comparison-table tbody tr").count() == 98
    page.get_by_role("link", name="Kommune (sortér)").click()
    page.wait_for_url("**sort=name")
    assert page.locator("#comparison-table tbody tr").first.locator("td").first.inner_text() == "Aabenraa"
    assert (
        page.locator("#comparison-table tbody tr.own").locator("td").first.inner_text()
        == "Ballerup ★ kommunen"
    )


@pytest.mark.parametrize("path", PAGES + ["/sammenligning/", "/sammenligning/F2.1/"])
def test_axe_finds_no_serious_or_critical_violation(portal, axe_page, path):
    page = axe_page
    page.goto(portal + path)
    if page.locator(".chart-plot").count():
        page.wait_for_selector(".plot-container svg.main-svg")
    if page.locator("details.chart-data").count():
        page.locator("details.chart-data summary").click()
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_a_phone_reads_it_without_sideways_scrolling(portal, browser, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK")
    page = context.new_page()
    page.goto(portal + path)
    page.wait_for_selector(".plot-container svg.main-svg")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
