"""A quarter's value from a measure's official values: one rule (the quarter as published, else its three
months, else the moving year ending with it) for the actual written on import, the comparison series and the
comparison page."""

import json
from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.models import Measurement, Unit
from indicators.official_actuals import jobindsats_import
from measures.catalogue import load_catalogue
from measures.comparison import comparison_for
from measures.models import Area, Measure, MeasureType
from measures.periods import Period
from measures.quarters import quarter_values
from reporting.selectors import strategy_figures
from tests import factories

LEVEL, FLOW = MeasureType.LEVEL, MeasureType.FLOW


def _rows(*periods):
    """(year, kind, number, value) as stored, from ('2024M04', 10)-pairs."""
    return [
        (p.year, p.kind, p.number, Decimal(str(v))) for p, v in ((Period.parse(t), v) for t, v in periods)
    ]


def test_the_quarter_as_published_wins_then_its_three_months_then_the_moving_year_ending_with_it():
    rows = _rows(
        ("2024Q1", 5), ("2024M01", 1), ("2024M02", 1), ("2024M03", 1), ("2024QMAT01", 9),
        ("2024M04", 10), ("2024M05", 11), ("2024M06", 12), ("2024QMAT02", 20),
        ("2023M11", 1), ("2023M12", 1), ("2023QMAT04", 7),
    )  # fmt: skip
    assert quarter_values(rows, LEVEL) == {
        Quarter(2024, 1): Decimal(5),  # the quarter as published
        Quarter(2024, 2): Decimal(11),  # its three months
        Quarter(2023, 4): Decimal(7),  # two months are no quarter: the moving year ending with it
    }


def test_three_months_make_a_level_by_their_mean_and_a_flow_by_their_sum():
    rows = _rows(("2024M04", 10), ("2024M05", 11), ("2024M06", 15))
    assert quarter_values(rows, LEVEL) == {Quarter(2024, 2): Decimal(12)}
    assert quarter_values(rows, FLOW) == {Quarter(2024, 2): Decimal(36)}


def test_a_calendar_year_makes_no_quarter():
    assert quarter_values(_rows(("2024", 100)), LEVEL) == {}


def _answer(rows) -> bytes:
    labels = ("Area", "Periode", "Fuldtidspersoner")
    return json.dumps([{"Variables": [{"Label": label} for label in labels], "Data": rows}]).encode()


@pytest.fixture
def ballerup(db, settings):
    load_catalogue()
    municipality = factories.municipality(
        name="Ballerup Kommune", slug="ballerup-test", code=151, area=Area.objects.get(code="151")
    )
    settings.PORTAL_MUNICIPALITY = municipality.slug
    return factories.focus_area(strategy=factories.strategy(municipality=municipality), number=1)


def test_the_actual_written_on_import_is_the_quarter_the_comparison_page_shows(ballerup, administrator):
    """Ballerup's April-June and the moving year to June in one file: both read the months' mean."""
    measure = Measure.objects.get(code="Y01A02-FULDTID")  # a level
    factories.indicator(focus_area=ballerup, code="F2.0", measure=measure)
    months = [["Ballerup", f"2024M0{month}", value] for month, value in ((4, 10), (5, 11), (6, 12))]
    file = _answer([*months, ["Ballerup", "2024QMAT02", 20], ["Gladsaxe", "2024Q2", 30]])
    result = jobindsats_import(user=administrator, files=[("y01a02.json", file)], release="2024-07")
    assert result.ok, result.problems

    actual = Measurement.objects.get(indicator__code="F2.0", year=2024, quarter=2).value
    page = comparison_for(
        measure, own_area_id=ballerup.strategy.municipality.area_id, peer_ids=set(), higher_is_better=False
    )
    assert page.period_label == "2. kvt. 2024"
    assert actual == page.own.value == Decimal(11)


def test_the_comparison_series_and_the_comparison_page_read_the_same_quarter(ballerup):
    """Hele landet's April-June and its moving year to June: the series and the page's line agree."""
    share = Measure.objects.create(code="ANDEL-TEST", name="Andel i job", unit=Unit.PERCENT, decimals=1)
    factories.indicator(focus_area=ballerup, code="F2.1", measure=share, unit=Unit.PERCENT)
    country, gladsaxe = Area.objects.get(code="000"), Area.objects.get(code="159")
    for text, value in (("2024M04", "3.0"), ("2024M05", "3.3"), ("2024M06", "3.6"), ("2024QMAT02", "4.0")):
        period = Period.parse(text)
        for area in (country, gladsaxe):
            share.values.create(
                area=area, year=period.year, kind=period.kind, number=period.number, value=Decimal(value)
            )

    series = strategy_figures(ballerup.strategy).indicator("F2.1").comparisons["Hele landet"]
    page = comparison_for(share, own_area_id=None, peer_ids=set(), higher_is_better=True)
    assert page.period_label == "2. kvt. 2024"
    assert series[Quarter(2024, 2)] == page.references[0].value == Decimal("3.3")
