"""The demo loader marks what it invents (is_demo, is_synthetic) and nothing else: figures taken from the
seeds' documents stay real whatever their words."""

import pytest

from demo.loader import demo_load
from indicators.models import Indicator, Measurement, Target
from measures.models import Measure, OfficialValue


@pytest.fixture
def loaded(db):
    return demo_load()


def test_invented_figures_targets_and_official_values_are_marked_and_the_seeds_are_not(loaded):
    for model, mark in ((Measurement, "is_demo"), (Target, "is_demo"), (OfficialValue, "is_synthetic")):
        marked = dict(model.objects.values_list("pk", mark))
        invented = set(model.objects.filter(source="demo").values_list("pk", flat=True))
        assert invented and {pk for pk, flag in marked.items() if flag} == invented, model
    assert Measurement.objects.filter(source__startswith="seed", is_demo=False).exists()


def test_reconstructed_definitions_and_estimates_are_marked(loaded):
    reconstructed = Indicator.objects.filter(definition_is_demo=True)
    assert reconstructed.exists() and not reconstructed.exclude(definition_source="demo").exists()
    estimates = set(Measure.objects.filter(is_estimate=True).values_list("code", flat=True))
    assert estimates and estimates == set(
        Measure.objects.filter(code__endswith="-SKOEN").values_list("code", flat=True)
    )
