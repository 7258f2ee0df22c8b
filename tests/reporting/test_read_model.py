"""The one read model: "this indicator in this quarter", read alike by badge, table, chart and exports."""

from decimal import Decimal

import pytest
from django.utils import translation

from core import formats
from core.periods import Quarter
from indicators.models import Direction, Measurement, MeasureType, Unit
from reporting import charts, exports
from reporting.selectors import strategy_figures
from reporting.tables import figures_rows, figures_table

from .. import factories

APPROVED = Measurement.State.APPROVED


@pytest.fixture
def flow(db, settings):
    """A flow with an annual target of 400 whose first quarter of 2024 was never reported."""
    municipality = factories.municipality()
    settings.PORTAL_MUNICIPALITY = municipality.slug
    area = factories.focus_area(strategy=factories.strategy(municipality=municipality), number=1, slug="a")
    indicator = factories.indicator(
        focus_area=area, code="F1.0", is_key_figure=True, unit=Unit.COUNT,
        direction=Direction.HIGHER_IS_BETTER, measure_type=MeasureType.FLOW,
    )  # fmt: skip
    factories.target(indicator, 2024, 400)
    factories.measurement(indicator, 2024, 2, 120, state=APPROVED, source="demo", is_demo=True)
    factories.measurement(indicator, 2024, 3, 100, state=APPROVED, source="Jobindsats, y14d03")
    return strategy_figures(area.strategy).indicator("F1.0")


def _trace(chart, name):
    return next(trace for trace in chart.spec["data"] if trace.get("name") == name)


def test_a_flow_with_a_missing_quarter_is_judged_against_the_target_the_chart_draws(flow):
    q3 = Quarter(2024, 3)
    row = flow.row(q3)
    # Two quarters reported: 120 + 100 against two quarters' share of 400.
    assert (row.compared, row.target_min, row.status) == (Decimal(220), Decimal(200), "on_track")

    chart = charts.indicator_chart(flow, [Quarter(2024, 2), q3], chart_id="c", title="t")
    assert _trace(chart, "Mål")["y"][-1] == 200.0
    assert _trace(chart, "Faktisk, år til dato")["y"][-1] == 220.0
    assert chart.rows[-1] == ("3. kvt. 2024", ["220", "200"])

    table = {record["code"]: record for record in figures_rows(flow)}
    assert table["2024K3"]["target"] == "200"
    assert table["2024K3"]["status"] == row.status


def test_each_row_carries_its_source_and_comparisons_by_series_name(flow):
    row = flow.row(Quarter(2024, 2))
    assert row.is_demo and row.comparisons == {}
    assert flow.row(Quarter(2024, 3)).source == "Jobindsats, y14d03"
    labels = [record["source"] for record in figures_rows(flow)]
    assert labels == ["Demodata (opdigtet tal)", "Jobindsats, y14d03"]


def test_a_change_of_a_share_is_in_procentpoint_and_a_fall_has_a_real_minus_sign():
    assert formats.figure(Decimal("0.6"), "pct", 1, sign=True) == "+0,6 procentpoint"
    assert formats.figure(Decimal("3.9"), "pct", 1) == "3,9 %"
    assert formats.figure(Decimal(-220), "antal", 0, sign=True) == "\u2212220"
    assert formats.number(Decimal(1250)) == "1.250"


def test_the_csv_is_danish_in_danish_and_english_in_english(flow):
    flow.actuals[Quarter(2024, 3)] = Decimal("1234.5")
    flow.indicator.measure.decimals = 1
    rows = figures_rows(flow)
    danish = exports.figures_csv(flow, rows).decode("utf-8-sig").splitlines()
    assert danish[0].startswith("Kvartal;Faktisk;")
    assert danish[-1].startswith("3. kvt. 2024;1234,5;")
    assert danish[-1].endswith(";Jobindsats, y14d03;Kommunens eget tal")  # what the figure is
    with translation.override("en"):
        english = exports.figures_csv(flow, figures_rows(flow)).decode("utf-8-sig").splitlines()
    assert english[0].count(",") > 5 and ";" not in english[0]
    assert ",1234.5," in english[-1]


def test_the_table_shows_a_share_change_in_procentpoint(flow):
    flow.indicator.measure.unit, flow.indicator.measure.decimals = Unit.PERCENT, 1
    flow.actuals[Quarter(2024, 2)] = Decimal("40.2")
    flow.actuals[Quarter(2024, 3)] = Decimal("40.8")
    cells = list(figures_table(flow).paginated_rows)[0]
    assert cells.get_cell("change_previous") == "+0,6 procentpoint"


def test_a_projection_speaks_of_citizens_and_a_rank_is_not_projected(flow):
    from reporting.pages import projection_for

    assert "ca. 440 borgere" in projection_for(flow).sentence  # 110 a quarter reported, × 4
    flow.indicator.measure.unit = Unit.RANK
    assert projection_for(flow) is None
