"""Each page asks the database only for the quarters it shows; the choice of quarter is known beforehand."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.periods import Quarter
from indicators.models import Measurement, QuarterLock
from reporting import pages, report
from reporting.selectors import (
    QuarterWindow,
    overview_figures,
    report_figures,
    strategy_calendar,
    strategy_figures,
)

from ..reporting_data import add_quarters, login, portal_strategy

LATEST = Quarter(2026, 2)  # 2023K1 … 2026K2: fourteen quarters


def _long_strategy(settings):
    strategy = portal_strategy(settings, areas=2, indicators=2, quarters=6)
    add_quarters(strategy, 8, after=Quarter(2024, 2))
    return strategy


def _loaded_quarters(figures) -> set[Quarter]:
    return {
        q
        for item in figures.indicators
        for q in [*item.actuals, *item.comparisons.get("Forventet (benchmark)", {})]
    }


def _figure_queries(captured) -> list[str]:
    """The query for the figures (the calendar's one query is a union)."""
    sqls = [query["sql"] for query in captured]
    return [sql for sql in sqls if 'FROM "indicators_measurement"' in sql and " UNION " not in sql]


def test_a_window_loads_the_figures_of_its_quarters_only(db, settings):
    strategy = _long_strategy(settings)
    window = QuarterWindow(Quarter(2024, 3), Quarter(2025, 1))
    figures = overview_figures(strategy, window, locked=frozenset())
    assert _loaded_quarters(figures) == {Quarter(2024, 3), Quarter(2024, 4), Quarter(2025, 1)}
    assert {target.year for item in figures.indicators for target in item.targets} == {2024}


def test_a_quarter_shown_reads_in_its_window_exactly_what_the_whole_history_says(db, settings):
    strategy = _long_strategy(settings)
    shown = Quarter(2024, 2)  # the last quarter with an expected value to compare
    window = QuarterWindow.showing(shown, shown)
    figures = report_figures(strategy, shown, window, locked=strategy_calendar(strategy).locked)
    whole = strategy_figures(strategy)
    for item in figures.indicators:
        assert item.row(shown) == whole.indicator(item.indicator.code).row(shown)


def test_the_calendar_answers_as_the_whole_history_does_in_one_query(db, settings):
    strategy = _long_strategy(settings)
    QuarterLock.objects.create(strategy=strategy, year=2024, quarter=1)
    with CaptureQueriesContext(connection) as captured:
        calendar = strategy_calendar(strategy)
    assert len(captured) == 1
    whole = strategy_figures(strategy)
    assert calendar.quarters == whole.quarters
    assert calendar.complete_quarters() == whole.complete_quarters()
    assert calendar.default_quarter() == whole.default_quarter() == LATEST
    assert calendar.locked == whole.locked


def test_the_reports_calendar_knows_the_quarters_and_locks_without_the_key_figures_history(db, settings):
    """The report is told its quarter: it asks only which quarters have figures and which are locked."""
    strategy = _long_strategy(settings)
    QuarterLock.objects.create(strategy=strategy, year=2024, quarter=1)
    with CaptureQueriesContext(connection) as captured:
        calendar = strategy_calendar(strategy, key_figures=False)
    assert len(captured) == 1
    whole = strategy_calendar(strategy)
    assert (calendar.quarters, calendar.locked) == (whole.quarters, whole.locked)
    assert calendar.key_actuals == {}


def test_the_overview_loads_the_trend_window_and_still_shows_an_old_latest_figure(
    client, settings, committee_member
):
    strategy = _long_strategy(settings)
    key = strategy.focus_areas.get(number=1).indicators.get(code="F1.0")
    # Area 1's key figure has no figure after 2024K1, long before the trend chart's eight quarters.
    Measurement.objects.filter(indicator=key, year__gte=2024).exclude(year=2024, quarter=1).delete()
    response = login(client, committee_member).get("/oversigt/2026/2/")
    assert response.status_code == 200
    window = pages.overview_window(LATEST)
    card = response.context["cards"][0]
    assert all(q in window for q in card.key.actuals)
    assert card.latest_known == (Quarter(2024, 1), key.measurements.get(year=2024, quarter=1).published_value)
    assert "Seneste godkendte tal (1. kvt. 2024)" in response.text


def test_the_report_loads_its_quarters_only(client, settings, committee_member):
    _long_strategy(settings)
    login(client, committee_member)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/rapport/2026/2/")
    assert response.status_code == 200
    window = report.report_window(LATEST)
    assert window == QuarterWindow(Quarter(2023, 3), LATEST)  # the 8 quarters charted, and a year before
    assert len(_figure_queries(captured)) == 1
    # The quarter selector still offers every quarter with approved figures.
    assert len(response.context["quarters"]) == 14


def test_the_report_asks_for_the_comparisons_of_its_own_year_and_shows_its_quarter(
    client, settings, committee_member
):
    _long_strategy(settings)
    login(client, committee_member)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/rapport/2024/2/")
    # The comparison series are read once, for the report's own year; the case's benchmark and national
    # sentences read the quarter itself (reporting.case_benchmark).
    series = [
        q["sql"] for q in captured if 'FROM "measures_officialvalue"' in q["sql"] and "BETWEEN" in q["sql"]
    ]
    assert len(series) == 1 and '"year" BETWEEN 2024 AND 2024' in series[0]
    assert "Forventet (benchmark)" in response.text
    row = response.context["report"]["areas"][0]["rows"][0]
    assert row["comparisons"] == {"Forventet (benchmark)": "600.0000"}


def test_the_overview_reads_no_comparison_series_its_small_charts_do_not_show(
    client, settings, committee_member
):
    strategy = _long_strategy(settings)
    figures = overview_figures(strategy, pages.overview_window(Quarter(2024, 2)), locked=frozenset())
    assert all(item.comparisons == {} for item in figures.indicators)
    assert any(item.comparisons for item in strategy_figures(strategy).indicators)
    login(client, committee_member)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboard:overview_quarter", args=[2024, 2]))
    assert response.status_code == 200
    assert not [q for q in captured if 'FROM "measures_officialvalue"' in q["sql"]]
