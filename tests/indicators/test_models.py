"""What the database must never store, and the rules that go with it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from focusareas.models import Strategy
from indicators.models import Indicator, Measurement
from measures.models import Area, Measure, OfficialValue
from measures.own import BENCHMARK, companion

from .. import factories

pytestmark = pytest.mark.django_db


def refused(action) -> bool:
    """True when the database refuses the write (and the transaction stays usable)."""
    try:
        with transaction.atomic():
            action()
    except IntegrityError:
        return True
    return False


def test_a_measurement_outside_quarters_one_to_four_is_refused():
    indicator = factories.indicator()
    assert refused(lambda: factories.measurement(indicator, 2024, 5, 10))
    assert refused(lambda: factories.measurement(indicator, 2024, 0, 10))
    assert Measurement.objects.count() == 0


def test_two_actuals_for_one_indicator_and_quarter_are_refused():
    indicator = factories.indicator()
    factories.measurement(indicator, 2024, 3, 10)
    assert refused(lambda: factories.measurement(indicator, 2024, 3, 11))
    assert Measurement.objects.get().value == 10


def test_a_target_range_with_min_above_max_is_refused():
    indicator = factories.indicator()
    assert refused(lambda: factories.target(indicator, 2024, (8, 6)))


def test_a_target_quarter_outside_one_to_four_is_refused():
    indicator = factories.indicator()
    assert refused(lambda: factories.target(indicator, 2024, 5, quarter=5))


def test_one_annual_target_per_year_but_quarterly_targets_beside_it():
    indicator = factories.indicator()
    factories.target(indicator, 2024, 100)
    factories.target(indicator, 2024, 110, quarter=1)
    factories.target(indicator, 2024, 105, quarter=2)
    assert refused(lambda: factories.target(indicator, 2024, 90))
    assert refused(lambda: factories.target(indicator, 2024, 90, quarter=1))


def test_a_single_value_target_is_not_a_range():
    indicator = factories.indicator()
    assert not factories.target(indicator, 2024, 100).is_range
    assert factories.target(indicator, 2025, (300, 320)).is_range


def test_a_focus_area_has_at_most_one_key_figure():
    area = factories.focus_area()
    factories.indicator(focus_area=area, is_key_figure=True)
    factories.indicator(focus_area=area, is_key_figure=False)
    assert refused(lambda: factories.indicator(focus_area=area, is_key_figure=True))
    assert area.indicators.key_figures().count() == 1


def test_the_key_figure_rule_is_explained_in_danish_by_validation():
    area = factories.focus_area()
    factories.indicator(focus_area=area, is_key_figure=True)
    candidate = Indicator(
        focus_area=area,
        code="X9.9",
        name="Nyt nøgletal",
        direction="higher",
        is_key_figure=True,
    )
    with pytest.raises(ValidationError, match="allerede et nøgletal"):
        candidate.full_clean()


def test_only_one_strategy_in_force_per_municipality():
    first = factories.strategy()
    assert refused(lambda: factories.strategy(municipality=first.municipality))
    replaced = factories.strategy(municipality=first.municipality, status=Strategy.Status.REPLACED)
    assert Strategy.objects.in_force_for(first.municipality.slug) == first
    assert replaced.status == Strategy.Status.REPLACED


def test_another_municipality_may_have_its_own_strategy_in_force():
    factories.strategy()
    factories.strategy()
    assert Strategy.objects.in_force().count() == 2


def test_an_indicator_code_is_unique_within_a_strategy():
    area = factories.focus_area()
    other_area = factories.focus_area(strategy=area.strategy)
    factories.indicator(focus_area=area, code="F2.0")
    clash = Indicator(focus_area=other_area, code="F2.0", name="Dublet", direction="higher")
    with pytest.raises(ValidationError, match="bruges allerede"):
        clash.full_clean()


def test_a_breakdown_belongs_to_its_parents_focus_area():
    parent = factories.indicator()
    stray = Indicator(
        focus_area=factories.focus_area(),
        code="X1.1",
        name="Heraf privat",
        direction="higher",
        parent=parent,
    )
    with pytest.raises(ValidationError, match="samme fokusområde"):
        stray.full_clean()


def test_a_comparison_series_has_one_value_per_quarter():
    indicator = factories.indicator()
    country, ballerup = Area.objects.get(code="000"), Area.objects.get(code="151")
    national = {"measure": indicator.measure, "area": country, "year": 2024, "kind": "Q", "number": 2}
    OfficialValue.objects.create(**national, value=4.4)
    assert refused(lambda: OfficialValue.objects.create(**national, value=4.5))
    expected = companion(Measure, indicator.measure, BENCHMARK)
    OfficialValue.objects.create(measure=expected, area=ballerup, year=2024, kind="Q", number=2, value=900)
    OfficialValue.objects.create(**(national | {"area": ballerup}), value=4.6)
