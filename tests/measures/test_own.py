"""The municipality's own measures and their expected companions: an estimate is named by its mark."""

import pytest

from core.periods import Quarter
from measures.models import Area, Measure
from measures.own import ESTIMATE, companion
from reporting.selectors import strategy_figures
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def share(settings):
    municipality = factories.municipality(slug="ballerup", code=151, area=Area.objects.get(code="151"))
    settings.PORTAL_MUNICIPALITY = municipality.slug
    area = factories.focus_area(strategy=factories.strategy(municipality=municipality), number=1)
    return factories.indicator(focus_area=area, code="F2.1", unit="pct", decimals=1)


def _series(indicator, expected: Measure) -> dict:
    indicator.measure.expected = expected
    indicator.measure.save()
    expected.values.create(area=Area.objects.get(code="151"), year=2024, kind="Q", number=2, value=3)
    figures = strategy_figures(indicator.focus_area.strategy).indicator(indicator.code)
    return {name: values.get(Quarter(2024, 2)) for name, values in figures.comparisons.items()}


def test_an_estimate_is_called_so_whatever_its_code(share):
    estimate = Measure.objects.create(
        code="ballerup-F2.1-eget-skoen", name="Skøn", unit="pct", decimals=1, is_estimate=True
    )
    assert list(_series(share, estimate)) == ["Forventet (skøn)"]


def test_a_benchmark_kept_by_hand_is_the_benchmark_whatever_its_code(share):
    kept = Measure.objects.create(code="ballerup-F2.1-GAMMEL-SKOEN", name="Forventet", unit="pct", decimals=1)
    assert list(_series(share, kept)) == ["Forventet (benchmark)"]


def test_an_estimate_companion_is_marked_as_one(share):
    assert companion(Measure, share.measure, ESTIMATE).is_estimate
