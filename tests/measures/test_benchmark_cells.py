"""The benchmark knows, cell by cell, which of its figures are the ministry's (the minutes' ranks and
differences) and which a loader made up (the demo's actual and expected counts)."""

import pytest

from measures.benchmark import benchmark_for
from tests import statistics_data

pytestmark = pytest.mark.django_db


def test_each_cell_says_whether_it_is_made_up():
    statistics_data.add_benchmark(periods=3)
    benchmark = benchmark_for(statistics_data.ballerup().pk)
    for group in benchmark.groups:
        # The minutes give the ranks then and now and the difference; the counts are synthetic.
        assert group.synthetic == {"actual", "expected"}, group.label
        assert [source for source, _release in group.real_sources] == [statistics_data.SEED]
        # The ranks before the minutes' two periods are made up.
        assert group.synthetic_ranks == {benchmark.periods[0]}


def test_a_difference_worked_out_from_made_up_counts_is_made_up():
    statistics_data.add_benchmark(periods=2)
    from measures.models import OfficialValue

    OfficialValue.objects.filter(measure__code="BM-FORSKEL-ADAGPENGE").delete()
    benchmark = benchmark_for(statistics_data.ballerup().pk)
    dagpenge = benchmark.groups[1]
    assert dagpenge.difference is not None
    assert "difference" in dagpenge.synthetic
