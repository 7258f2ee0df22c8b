"""The strategy itself: the one in force with its principles, text, case number and dates; replaced strategies
and plans readable with their own figures and targets (the Beskæftigelsesplan 2018 year by year)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from focusareas.models import Principle, Strategy
from indicators.models import Direction, Measurement, Unit
from measures.models import Area, Measure, OfficialValue
from measures.own import ESTIMATE, companion

from .. import factories
from ..reporting_data import login

APPROVED = Measurement.State.APPROVED


@pytest.fixture
def plan_2018(strategy):
    """A replaced plan of the same municipality: realised 2016, expected 2017, target 2018, a heraf row."""
    strategy.case_number, strategy.adopted, strategy.revised = "15.00.00-P22-1-20", date(2020, 11, 1), None
    strategy.adopted_precision = Strategy.Precision.MONTH  # the seed says "Vedtaget november 2020"
    strategy.text = "Beskæftigelse og uddannelse betyder deltagelse i et fællesskab."
    strategy.save()
    Principle.objects.create(strategy=strategy, order=1, text="at borgere oplever aktiv deltagelse")
    plan = factories.strategy(
        municipality=strategy.municipality, title="Beskæftigelsesplan 2018", status=Strategy.Status.REPLACED,
        adopted=None, text="Planen tager udgangspunkt i ministerens mål.",
    )  # fmt: skip
    area = factories.focus_area(strategy=plan, number=1, name="Aktiveringsomfang", slug="aktivering")
    share = factories.indicator(
        focus_area=area, code="P18.1", name="Andel aktiverede borgere", unit=Unit.PERCENT, decimals=1,
        direction=Direction.HIGHER_IS_BETTER, is_key_figure=True,
    )  # fmt: skip
    part = factories.indicator(
        focus_area=area, code="P18.2", name="Heraf ordinær uddannelse", unit=Unit.PERCENT, decimals=1,
        direction=Direction.HIGHER_IS_BETTER, parent=share,
    )  # fmt: skip
    for indicator, realised, expected, target in [(share, 40, 38, (40, 40)), (part, 4, 3, (6, 8))]:
        factories.measurement(indicator, 2016, 4, realised, state=APPROVED, source="seed 001: Plan 2018")
        OfficialValue.objects.create(
            measure=companion(Measure, indicator.measure, ESTIMATE), area=Area.objects.get(code="151"),
            year=2017, kind="Q", number=4, value=expected,
        )  # fmt: skip
        factories.target(indicator, 2018, target)
    return plan


def test_the_strategy_in_force_shows_its_principles_text_case_number_and_dates(
    client, plan_2018, committee_member
):
    html = login(client, committee_member).get("/strategi/").text
    for text in ["Principper", "at borgere oplever aktiv deltagelse", "betyder deltagelse i et fællesskab",
                 "sag 15.00.00-P22-1-20", "Vedtaget november 2020", "Fokusområde 1"]:  # fmt: skip
        assert text in html
    assert "1. november 2020" not in html  # the source gives the month, not the day
    assert f'href="/strategi/{plan_2018.pk}/"' in html


def test_a_replaced_plan_shows_realised_expected_and_target_with_its_heraf_rows(
    client, plan_2018, committee_member
):
    response = login(client, committee_member).get(f"/strategi/{plan_2018.pk}/")
    html = response.text
    assert "Strategien er erstattet" in html
    table = response.context["tables"][0]
    assert table.columns == ["Realiseret 2016", "Forventet 2017", "Mål 2018"]
    assert [(row.figures.indicator.code, row.depth, row.cells) for row in table.rows] == [
        ("P18.1", 0, ["40,0 %", "38,0 %", "40,0 %"]),
        ("P18.2", 1, ["4,0 %", "3,0 %", "6,0–8,0 %"]),
    ]
    assert "seed 001" not in html and "Plan 2018" in html  # the document, not the developer's reference


def test_an_indicator_of_a_replaced_plan_is_read_on_its_plan_page(client, plan_2018, committee_member):
    response = login(client, committee_member).get("/indikatorer/P18.1/")
    assert response.status_code == 302
    assert response["Location"] == f"/strategi/{plan_2018.pk}/#indikator-P18.1"
    assert client.get("/indikatorer/X9.9/").status_code == 404


def test_a_draft_strategy_is_not_shown(client, plan_2018, committee_member):
    draft = factories.strategy(
        municipality=plan_2018.municipality, title="Udkast", status=Strategy.Status.DRAFT
    )
    assert login(client, committee_member).get(f"/strategi/{draft.pk}/").status_code == 404


def test_the_strategy_page_makes_a_fixed_number_of_queries(client, plan_2018, committee_member):
    login(client, committee_member)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/strategi/{plan_2018.pk}/").status_code == 200
    # session, user, cache generation, structure token, strategies, areas, indicators, figures, targets,
    # comparisons, locks, principles, and the session saved
    assert len(queries) <= 16


def test_a_date_the_source_gives_to_the_day_is_shown_to_the_day(client, plan_2018, committee_member):
    plan_2018.municipality.strategies.filter(status=Strategy.Status.IN_FORCE).update(
        revised=date(2022, 11, 15)
    )
    html = login(client, committee_member).get("/strategi/").text
    assert "revideret 15. november 2022" in html


def test_another_municipalitys_policy_is_neither_listed_nor_shown(client, plan_2018, committee_member):
    rudersdal = factories.strategy(
        municipality=factories.municipality(name="Rudersdal Kommune", slug="rudersdal"),
        title="Beskæftigelsespolitik",
    )
    login(client, committee_member)
    html = client.get("/strategi/").text
    assert "Beskæftigelsesplan 2018" in html and "Beskæftigelsespolitik" not in html
    assert client.get(f"/strategi/{rudersdal.pk}/").status_code == 404
