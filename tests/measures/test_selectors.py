"""Comparison series read from official values, and an indicator's history across strategy versions."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.periods import Quarter
from focusareas.models import Strategy
from indicators.locking import quarter_lock
from indicators.models import Direction, Indicator, Measurement, MeasureType, Unit
from measures.models import Area, Measure, OfficialValue
from measures.own import BENCHMARK, ESTIMATE, companion
from measures.periods import Period
from reporting import charts, exports
from reporting.selectors import strategy_figures
from reporting.tables import figures_rows, figures_table

from .. import factories

pytestmark = pytest.mark.django_db
APPROVED = Measurement.State.APPROVED
PEERS = ("159", "161", "163")  # Gladsaxe, Glostrup, Herlev


def official(measure, area_code: str, period: str, value, source="demo") -> OfficialValue:
    p = Period.parse(period)
    return OfficialValue.objects.create(
        measure=measure, area=Area.objects.get(code=area_code), year=p.year, kind=p.kind, number=p.number,
        value=Decimal(str(value)), source=source,
    )  # fmt: skip


@pytest.fixture
def ballerup(settings):
    municipality = factories.municipality(slug="ballerup", code=151, area=Area.objects.get(code="151"))
    municipality.peers.set(Area.objects.filter(code__in=PEERS))
    settings.PORTAL_MUNICIPALITY = municipality.slug
    return municipality


@pytest.fixture
def strategy(ballerup):
    strategy = factories.strategy(municipality=ballerup)
    area = factories.focus_area(strategy=strategy, number=2, slug="ledige")
    share = factories.indicator(
        focus_area=area, code="F2.1", name="Ledige i pct. af arbejdsstyrken", unit=Unit.PERCENT, decimals=1,
        is_key_figure=True,
    )  # fmt: skip
    count = factories.indicator(focus_area=area, code="F2.0", unit=Unit.FULL_TIME_PERSONS)
    for indicator, value in ((share, "2.8"), (count, 500)):
        factories.measurement(indicator, 2024, 1, value, state=APPROVED)
        factories.measurement(indicator, 2024, 2, value, state=APPROVED)
    return strategy


def test_a_share_is_compared_with_hele_landet_the_region_the_peer_group_and_the_expected_value(strategy):
    share = Indicator.objects.get(code="F2.1").measure
    official(share, "000", "2024Q1", "3.1")
    official(share, "000", "2024Q2", "3.0")
    official(share, "1084", "2024Q2", "3.4")
    for code, values in zip(PEERS, (("2.0", "2.4"), ("3.0", "2.6"), ("4.0", "3.1")), strict=True):
        official(share, code, "2024Q1", values[0])
        official(share, code, "2024Q2", values[1])
    official(share, "159", "2024Q3", "9.9")  # one peer only: no mean for the quarter
    official(share, "101", "2024Q2", "7.0")  # København is no peer of Ballerup
    official(companion(Measure, share, BENCHMARK), "151", "2024Q2", "2.9")
    official(companion(Measure, share, BENCHMARK), "153", "2024Q2", "5.5")  # Brøndby's expected value

    series = strategy_figures(strategy).indicator("F2.1").comparisons

    assert list(series) == [
        "Hele landet",
        "Region Hovedstaden",
        "Sammenligningsgruppe",
        "Forventet (benchmark)",
    ]
    assert series["Hele landet"] == {Quarter(2024, 1): Decimal("3.1"), Quarter(2024, 2): Decimal("3.0")}
    assert series["Region Hovedstaden"] == {Quarter(2024, 2): Decimal("3.4")}
    assert series["Sammenligningsgruppe"] == {
        Quarter(2024, 1): Decimal("3.0"),
        Quarter(2024, 2): Decimal("2.7"),
    }
    assert series["Forventet (benchmark)"] == {Quarter(2024, 2): Decimal("2.9")}


def test_a_count_is_never_compared_with_other_areas_only_with_its_expected_value(strategy):
    count = Indicator.objects.get(code="F2.0").measure
    official(count, "000", "2024Q2", 90000)
    official(count, "1084", "2024Q2", 30000)
    for code in PEERS:
        official(count, code, "2024Q2", 600)
    official(companion(Measure, count, ESTIMATE), "151", "2024Q2", 520)

    series = strategy_figures(strategy).indicator("F2.0").comparisons

    assert series == {"Forventet (skøn)": {Quarter(2024, 2): Decimal(520)}}


def test_a_rank_is_not_compared_with_other_areas(strategy):
    rank = Measure.objects.get(code="BM-PLACERING-IALT")
    indicator = factories.indicator(focus_area=strategy.focus_areas.get(), code="F1.1", measure=rank)
    official(rank, "000", "2024QMAT02", 49)
    official(rank, "159", "2024QMAT02", 30)
    assert strategy_figures(strategy).indicator(indicator.code).comparisons == {}


def test_monthly_values_make_a_quarter_when_all_three_months_are_there_and_moving_years_count_where_they_end(
    strategy,
):
    share = Indicator.objects.get(code="F2.1").measure
    for month, value in ((1, "3.0"), (2, "3.3"), (3, "3.6"), (4, "2.9"), (5, "3.0")):
        official(share, "000", f"2024M{month:02d}", value)
    flow = Measure.objects.create(
        code="ballerup-F9.9", name="Forløb", unit=Unit.WEEKS, measure_type=MeasureType.FLOW, origin="own"
    )
    factories.indicator(focus_area=strategy.focus_areas.get(), code="F9.9", measure=flow)
    for month in (4, 5, 6):
        official(flow, "000", f"2024M{month:02d}", 10)
    official(flow, "000", "2023QMAT04", 77)

    figures = strategy_figures(strategy)

    # A level: the mean of January-March; April-May are not a whole quarter.
    assert figures.indicator("F2.1").comparisons["Hele landet"] == {Quarter(2024, 1): Decimal("3.3")}
    # A flow: the sum of April-June; the moving year to 4. kvt. 2023 is that quarter's value.
    assert figures.indicator("F9.9").comparisons["Hele landet"] == {
        Quarter(2023, 4): Decimal(77),
        Quarter(2024, 2): Decimal(30),
    }


def test_the_series_reach_the_chart_its_table_and_the_export_by_their_label(strategy):
    share = Indicator.objects.get(code="F2.1").measure
    official(share, "000", "2024Q2", "3.0")
    figures = strategy_figures(strategy).indicator("F2.1")
    quarters = [Quarter(2024, 1), Quarter(2024, 2)]

    chart = charts.indicator_chart(figures, quarters, chart_id="c", title="t")
    assert "Hele landet" in [trace.get("name") for trace in chart.spec["data"]]
    assert chart.columns[-1] == "Hele landet" and chart.rows[-1] == ("2. kvt. 2024", ["2,8 %", "–", "3,0 %"])
    table = figures_table(figures)
    assert "Hele landet" in [str(column.header) for column in table.columns]
    frame = exports.figures_frame(figures, figures_rows(figures))
    assert dict(zip(frame["Kvartal"], frame["Hele landet"], strict=True))["2. kvt. 2024"] == 3.0


def test_the_comparison_series_cost_one_query_whatever_their_number(strategy):
    share = Indicator.objects.get(code="F2.1").measure
    official(share, "000", "2024Q1", "3.1")
    with CaptureQueriesContext(connection) as few:
        strategy_figures(strategy)
    for year in range(2015, 2024):
        for quarter in range(1, 5):
            for code in ("000", "1084", *PEERS):
                official(share, code, f"{year}Q{quarter}", "3.3")
    with CaptureQueriesContext(connection) as many:
        figures = strategy_figures(strategy)
    assert len(many) == len(few)
    assert len(figures.indicator("F2.1").comparisons["Sammenligningsgruppe"]) == 36


def test_a_new_strategy_version_using_the_same_measures_shows_their_whole_history(ballerup, administrator):
    old = factories.strategy(
        municipality=ballerup, title="Beskæftigelsesstrategi 2022", adopted=date(2022, 11, 9)
    )
    area = factories.focus_area(strategy=old, number=1, slug="ledige")
    indicator = factories.indicator(focus_area=area, code="F2.0", direction=Direction.LOWER_IS_BETTER)
    quarters = [Quarter(2021, 1) + n for n in range(15)]  # 1. kvt. 2021 - 3. kvt. 2024
    for n, quarter in enumerate(quarters):
        factories.measurement(indicator, quarter.year, quarter.quarter, 600 - n, state=APPROVED)
    factories.measurement(
        indicator, 2024, 4, 111, state=Measurement.State.SUBMITTED
    )  # not approved: not shown
    quarter_lock(user=administrator, strategy=old, quarter=Quarter(2024, 2))

    # The revised strategy: a new draft version copying the old one's indicators with the same measures.
    new = factories.strategy(
        municipality=ballerup, title="Beskæftigelsesstrategi 2025", status=Strategy.Status.DRAFT
    )
    new_area = factories.focus_area(strategy=new, number=1, slug="ledige")
    copy = factories.indicator(
        focus_area=new_area, code=indicator.code, name=indicator.name, direction=indicator.direction
    )
    assert copy.measure == indicator.measure  # same municipality, code and unit: the same own measure
    factories.measurement(copy, 2024, 4, 580, state=APPROVED)
    factories.measurement(copy, 2024, 3, 590, state=APPROVED)  # its own figure wins over the old version's

    figures = strategy_figures(new).indicator("F2.0")

    assert sorted(figures.actuals) == [*quarters, Quarter(2024, 4)]
    assert figures.actuals[Quarter(2021, 1)] == 600
    assert figures.actuals[Quarter(2024, 3)] == 590 and figures.actuals[Quarter(2024, 4)] == 580
    # The old version's locked quarter is settled; the new version's own figures may still be corrected.
    assert not figures.row(Quarter(2024, 2)).is_unlocked
    assert figures.row(Quarter(2024, 4)).is_unlocked
    # The old strategy stays as it was: it does not take the new version's figures.
    assert strategy_figures(old).indicator("F2.0").actuals[Quarter(2024, 3)] == 600 - 14
    assert Quarter(2024, 4) not in strategy_figures(old).indicator("F2.0").actuals


def test_the_indicator_page_of_a_revised_strategy_in_force_shows_the_earlier_versions_figures(
    ballerup, committee_member, client
):
    old = factories.strategy(
        municipality=ballerup, title="Beskæftigelsesstrategi 2022", adopted=date(2022, 11, 9),
        status=Strategy.Status.REPLACED,
    )  # fmt: skip
    indicator = factories.indicator(
        focus_area=factories.focus_area(strategy=old, number=2, slug="ledige"), code="F2.1",
        unit=Unit.PERCENT,
        decimals=1,
    )  # fmt: skip
    factories.measurement(indicator, 2021, 1, "4.4", state=APPROVED)
    new = factories.strategy(
        municipality=ballerup, title="Beskæftigelsesstrategi 2025", adopted=date(2025, 1, 1)
    )
    copy = factories.indicator(
        focus_area=factories.focus_area(strategy=new, number=2, slug="ledige"), code="F2.1",
        unit=Unit.PERCENT,
        decimals=1, is_key_figure=True,
    )  # fmt: skip
    factories.measurement(copy, 2025, 1, "2.9", state=APPROVED)

    client.force_login(committee_member)
    page = client.get("/indikatorer/F2.1/").text

    assert "1. kvt. 2021" in page and "4,4 %" in page and "2,9 %" in page


def test_a_replaced_plan_without_a_known_adoption_date_is_still_an_earlier_version(ballerup, administrator):
    """The source gives no adoption date for the Beskæftigelsesplan 2018: its figures still belong to the
    history the strategy in force shows for the same measure."""
    plan = factories.strategy(
        municipality=ballerup, title="Beskæftigelsesplan 2018", adopted=None, status=Strategy.Status.REPLACED
    )
    indicator = factories.indicator(
        focus_area=factories.focus_area(strategy=plan, number=1, slug="plan"), code="F2.0"
    )
    factories.measurement(indicator, 2018, 4, 700, state=APPROVED)
    in_force = factories.strategy(
        municipality=ballerup, title="Beskæftigelsesstrategi", adopted=date(2020, 11, 1)
    )
    copy = factories.indicator(
        focus_area=factories.focus_area(strategy=in_force, number=1, slug="ledige"), code="F2.0"
    )
    factories.measurement(copy, 2024, 3, 590, state=APPROVED)

    actuals = strategy_figures(in_force).indicator("F2.0").actuals

    assert actuals[Quarter(2018, 4)] == 700 and actuals[Quarter(2024, 3)] == 590
