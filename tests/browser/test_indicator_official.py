"""The indicator page's official months and breakdowns in a real browser: every chart drawn beside its table,
axe clean, readable on a phone."""

from decimal import Decimal

import pytest

from measures.importing import breakdowns_made
from measures.models import Dimension, Measure, OfficialValue
from tests import statistics_data
from tests.browser.test_pages import serious_violations
from tests.reporting_data import portal_strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PATH = "/indikatorer/F2.0/"


@pytest.fixture
def portal(live_server, settings):
    settings.PUBLIC_DASHBOARD = True
    strategy = portal_strategy(settings, areas=3, indicators=2, quarters=6)
    statistics_data.link_ballerup(strategy.municipality)
    months = statistics_data.add_monthly(months=25)
    statistics_data.use_measures(strategy, {"F2.0": statistics_data.MONTHLY})
    measure = Measure.objects.get(code=statistics_data.MONTHLY)
    measure.shown_by.set([Dimension.objects.get_or_create(name="Køn", defaults={"total": "Køn i alt"})[0]])
    keys = breakdowns_made(["Køn=Mænd", "Køn=Kvinder"])
    area = statistics_data.ballerup()
    OfficialValue.objects.bulk_create(
        OfficialValue(
            measure=measure, area=area, year=p.year, kind=p.kind, number=p.number, breakdown_id=keys[key],
            value=None if (key, p) == ("Køn=Kvinder", months[-2]) else Decimal(100 + n), is_synthetic=True,
        )
        for n, p in enumerate(months[-13:])
        for key in keys
    )  # fmt: skip
    return live_server.url


def test_the_months_and_the_breakdown_draw_beside_their_tables(portal, page):
    page.goto(portal + PATH)
    page.wait_for_selector("#chart-breakdown-1-trend .plot-container svg.main-svg")
    drawn = page.locator(".chart-plot.js-plotly-plot")
    assert drawn.count() == 4  # the quarters, the months, the breakdown and its trend
    assert "Juni 2024:" in page.locator(".month-sentence").inner_text()
    assert page.locator("#chart-breakdown-1 .barlayer .point").count() == 2
    months = page.locator("section[aria-labelledby=months-title] details.chart-data")
    months.locator("summary").click()
    assert months.locator("tbody tr").count() == 13
    assert "ikke offentliggjort (diskretioneret af Jobindsats)" in page.content()


def test_axe_finds_no_serious_or_critical_violation(portal, axe_page):
    page = axe_page
    page.goto(portal + PATH)
    page.wait_for_selector("#chart-breakdown-1-trend .plot-container svg.main-svg")
    for summary in page.locator("details.chart-data summary").all():
        summary.click()
    assert serious_violations(page) == []


def test_a_phone_reads_the_months_and_breakdowns_without_sideways_scrolling(portal, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK")
    page = context.new_page()
    page.goto(portal + PATH)
    page.wait_for_selector("#chart-breakdown-1-trend .plot-container svg.main-svg")
    # The sections and their charts fit the screen; a wide table scrolls inside its own region.
    sections = "section[aria-labelledby=months-title], section[aria-labelledby^=opdeling]"
    shown = f"{sections}, .chart-plot svg.main-svg"
    rights = f"Array.from(document.querySelectorAll('{shown}')).map(e => e.getBoundingClientRect().right)"
    widest = page.evaluate(f"Math.max(...{rights})")
    assert 0 < widest <= 390
