"""The pages in a real browser: charts render, the quarter selector works, axe-core passes, keyboard works."""

from pathlib import Path

import axe_playwright_python
import pytest

from tests.reporting_data import portal_strategy

# A real database the live server's thread can see. serialized_rollback leaves the migrated rows (roles,
# content types) as other transactional tests expect them.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
PAGES = ["/", "/oversigt/2023/3/", "/fokusomraader/omraade-1/", "/indikatorer/F1.0/", "/rapport/2024/2/"]


@pytest.fixture
def portal(live_server, settings):
    settings.PUBLIC_DASHBOARD = True
    portal_strategy(settings, areas=5, indicators=2, quarters=6)
    return live_server.url


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_the_charts_render(portal, page, path):
    page.goto(portal + path)
    page.wait_for_selector(".plot-container svg.main-svg")
    assert page.locator(".chart-plot").count() == page.locator(".chart-plot .plot-container").count() > 0


def test_the_quarter_selector_goes_to_the_chosen_quarter(portal, page):
    page.goto(portal + "/")
    assert page.locator("h1").inner_text() == "Oversigt: 2. kvt. 2024"
    page.get_by_label("Vis kvartal").select_option("2023K3")
    page.get_by_role("button", name="Vis", exact=True).click()
    page.wait_for_url("**/oversigt/2023/3/")
    assert page.locator("h1").inner_text() == "Oversigt: 3. kvt. 2023"
    assert page.get_by_label("Vis kvartal").input_value() == "2023K3"


def test_the_table_behind_a_chart_holds_its_numbers(portal, page):
    page.goto(portal + "/fokusomraader/omraade-1/")
    chart = page.locator("figure.chart").first
    chart.locator("summary").click()
    table = chart.locator("table")
    assert table.locator("caption").inner_text() == "Indikator 1.0"
    cells = table.locator("tbody tr").last.locator("th, td").all_inner_texts()
    assert cells[:3] == ["2. kvt. 2024", "495", "500"]
    assert table.locator("tbody tr").count() == 6


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_or_critical_violation(portal, axe_page, path):
    page = axe_page
    page.goto(portal + path)
    page.wait_for_selector(".plot-container svg.main-svg")
    page.locator("details.chart-data").first.locator("summary").click()  # the tables too
    assert serious_violations(page) == []


def test_axe_passes_the_login_page(portal, axe_page, settings):
    page = axe_page
    settings.PUBLIC_DASHBOARD = False
    page.goto(portal + "/")
    page.wait_for_url("**/accounts/login/?next=/")
    assert serious_violations(page) == []


def test_tab_reaches_the_skip_link_first_and_then_the_quarter_selector(portal, page):
    page.goto(portal + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Spring til indholdet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "quarter-select":
            break
    assert page.evaluate("document.activeElement.id") == "quarter-select"


def test_a_committee_member_logs_in_through_the_form_and_sees_the_overview(
    page, portal, settings, committee_member
):
    settings.PUBLIC_DASHBOARD = False
    page.goto(portal + "/")
    page.get_by_label("Brugernavn").fill("udvalg-test")
    page.get_by_label("Adgangskode").fill("test-password-123")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(portal + "/")
    assert page.locator("h1").inner_text() == "Oversigt: 2. kvt. 2024"
    assert page.get_by_role("button", name="Log ud").is_visible()


def test_the_interface_can_be_switched_to_english(portal, page):
    page.goto(portal + "/")
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("button", name="Skift sprog").click()
    page.wait_for_selector("text=Overview")
    assert page.locator("h1").inner_text() == "Overview: Q2 2024"
