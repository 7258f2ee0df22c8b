"""The benchmark read and its words: ranks, actual and expected per ydelsesgruppe, without HTTP."""

import pytest

from measures.benchmark import benchmark_for
from measures.models import OfficialValue
from measures.periods import Period

from .. import statistics_data

pytestmark = pytest.mark.django_db


def test_the_latest_moving_year_and_the_one_before_hold_the_seeds_figures():
    statistics_data.add_benchmark(periods=3)
    benchmark = benchmark_for(statistics_data.ballerup().pk)
    assert benchmark.period == Period.parse("2024QMAT02")
    assert benchmark.previous == Period.parse("2024QMAT01")
    assert benchmark.period.label() == "3. kvt. 2023 – 2. kvt. 2024"
    assert benchmark.municipalities == 98
    by_group = {group.key: group for group in benchmark.groups}
    assert [g.label for g in benchmark.groups] == [
        "I alt",
        "A-dagpenge mv.",
        "Sygedagpenge mv.",
        "Kontanthjælp mv.",
    ]
    assert (by_group["IALT"].rank_now, by_group["IALT"].difference) == (2, -220)
    assert (by_group["ADAGPENGE"].rank_then, by_group["ADAGPENGE"].rank_now) == (22, 10)
    assert (by_group["SYGEDAGPENGE"].rank_then, by_group["SYGEDAGPENGE"].rank_now) == (12, 20)
    assert (by_group["KONTANTHJAELP"].rank_then, by_group["KONTANTHJAELP"].rank_now) == (6, 8)
    assert by_group["KONTANTHJAELP"].actual - by_group["KONTANTHJAELP"].expected == -130
    assert len(by_group["IALT"].ranks) == 3  # every moving year, for the chart
    assert benchmark.is_synthetic


def test_the_difference_is_faktisk_minus_forventet_when_it_is_not_published():
    statistics_data.add_benchmark(periods=1)
    OfficialValue.objects.filter(measure__code__startswith="BM-FORSKEL", area__code="151").delete()
    benchmark = benchmark_for(statistics_data.ballerup().pk)
    assert benchmark.total.difference == -220
    assert benchmark.previous is None


def test_no_values_is_an_empty_benchmark():
    benchmark = benchmark_for(statistics_data.ballerup().pk)
    assert not benchmark.has_values
    assert benchmark.periods == [] and benchmark.total.rank_now is None
    assert not benchmark_for(None).has_values
