"""One measure across the 98 municipalities: the period, the order, ranks and references, without HTTP."""

from decimal import Decimal

import pytest

from indicators.models import Indicator
from measures.catalogue import load_catalogue
from measures.comparison import comparable, comparison_for, has_other_areas, is_comparable, is_ranked
from measures.models import Area, Measure, OfficialValue
from measures.periods import Period

from .. import statistics_data

pytestmark = pytest.mark.django_db


def _compare(code: str, *, higher_is_better=False, peers=("157", "163")):
    peer_ids = set(Area.objects.filter(code__in=peers).values_list("pk", flat=True))
    return comparison_for(
        Measure.objects.get(code=code),
        own_area_id=statistics_data.ballerup().pk,
        peer_ids=peer_ids,
        higher_is_better=higher_is_better,
    )


def test_a_monthly_measure_shows_the_mean_of_the_latest_complete_quarter():
    statistics_data.add_monthly(months=8, last=Period.parse("2024M08"))  # July and August: Q3 incomplete
    comparison = _compare(statistics_data.MONTHLY)
    assert comparison.period_label == "2. kvt. 2024"
    assert "april–juni" in comparison.period_note
    own = comparison.own
    ballerup = statistics_data.ballerup()
    # Months 2024M04-06 are the 4th to 6th of the eight months made (index 3, 4, 5): their mean.
    assert own.value == statistics_data.monthly_value(ballerup, 4)


def test_all_98_are_listed_best_first_with_equal_values_sharing_a_rank():
    statistics_data.add_monthly(months=3, code=statistics_data.RATE)
    comparison = _compare(statistics_data.RATE)
    assert len(comparison.rows) == comparison.ranked == 98
    values = [row.value for row in comparison.rows]
    assert values == sorted(values)  # lower is better: the lowest first
    assert comparison.rows[0].rank == 1
    for before, after in zip(comparison.rows, comparison.rows[1:], strict=False):
        assert after.rank == (
            before.rank if after.value == before.value else comparison.rows.index(after) + 1
        )
    higher = _compare(statistics_data.RATE, higher_is_better=True)
    assert [row.value for row in higher.rows] == sorted(values, reverse=True)


def test_the_own_municipality_and_its_peers_are_marked():
    statistics_data.add_monthly(months=3)
    comparison = _compare(statistics_data.MONTHLY)
    assert comparison.own.name == "Ballerup"
    assert sorted(row.name for row in comparison.peers) == ["Gentofte", "Herlev"]
    assert sum(row.is_own for row in comparison.rows) == 1


def test_hele_landet_and_the_region_are_the_reference_for_a_rate():
    statistics_data.add_monthly(months=3, code=statistics_data.RATE)
    comparison = _compare(statistics_data.RATE)
    country, region = comparison.references
    assert (country.name, region.name) == ("Hele landet", "Region Hovedstaden")
    may = OfficialValue.objects.get(area__code="000", number=5).value  # the middle of April-June
    assert country.line == country.value and abs(country.value - may) < Decimal("0.001")
    assert region.per_municipality is None and region.line == region.value


def test_a_municipality_without_a_value_comes_last_without_a_rank():
    statistics_data.add_monthly(months=3, code=statistics_data.RATE)
    OfficialValue.objects.filter(area__code="101", number=5).delete()  # København misses May
    comparison = _compare(statistics_data.RATE)
    assert comparison.rows[-1].name == "København"
    assert comparison.rows[-1].value is None and comparison.rows[-1].rank is None
    assert comparison.ranked == 97


def test_a_benchmark_measure_is_ordered_by_the_ministrys_rank():
    statistics_data.add_benchmark(periods=2)
    comparison = _compare("BM-FORSKEL-IALT")
    assert comparison.official_rank
    assert comparison.period_label == "3. kvt. 2023 – 2. kvt. 2024"
    assert [row.rank for row in comparison.rows] == list(range(1, 99))
    assert comparison.own.rank == 2 and comparison.own.value == Decimal(-220)


def test_a_measure_without_values_has_nothing_to_compare():
    load_catalogue()
    assert not _compare(statistics_data.MONTHLY).has_values


def test_a_share_is_compared_with_the_published_country_and_region_values():
    share = Measure.objects.create(code="ANDEL-TEST", name="Andel i job", unit="pct", decimals=1)
    values = [
        OfficialValue(measure=share, area=area, year=2024, kind="Q", number=2, value=Decimal(n % 50) / 2)
        for n, area in enumerate(Area.objects.all())
    ]
    OfficialValue.objects.bulk_create(values)
    comparison = _compare("ANDEL-TEST", higher_is_better=True)
    country, region = comparison.references
    assert country.per_municipality is None and country.line == country.value
    assert country.value == OfficialValue.objects.get(measure=share, area__code="000").value
    assert comparison.period_label == "2. kvt. 2024" and comparison.period_note == ""
    assert comparison.rows[0].value == max(row.value for row in comparison.rows)


@pytest.mark.parametrize(
    ("unit", "comparable"),
    [("pct", True), ("uger", True), ("kr", True), ("fuldtidspersoner", False), ("antal", False)],
)
def test_rates_durations_and_amounts_compare_across_municipalities_head_counts_do_not(unit, comparable):
    assert is_comparable(unit) is comparable


def test_a_count_is_ranked_only_where_the_ministry_ranks_it():
    load_catalogue()
    assert not is_ranked(Measure.objects.get(code=statistics_data.MONTHLY))  # fuldtidspersoner
    assert not is_ranked(Measure.objects.get(code="Y07A02-PERSONER"))  # antal
    assert is_ranked(Measure.objects.get(code="BM-FORSKEL-IALT"))  # the benchmark's own rank
    assert is_ranked(Measure.objects.get(code="BM-PLACERING-IALT"))  # a rank
    assert is_ranked(Measure(code="ANDEL", unit="pct"))


def test_a_head_count_is_listed_by_name_without_ranks_or_a_mean_per_municipality():
    """Ranking counts across municipalities of 2 000 to 650 000 inhabitants says nothing: "nr. 61 af 98"."""
    statistics_data.add_monthly(months=3)
    comparison = _compare(statistics_data.MONTHLY)
    assert not comparison.is_ranked and comparison.has_values
    assert comparison.ranked == 0
    assert all(row.rank is None for row in comparison.rows)
    names = [row.name for row in comparison.rows]
    assert names == sorted(names) and len(names) == 98
    country, region = comparison.references
    assert country.value is not None and country.per_municipality is None and region.per_municipality is None
    assert not comparison.has_reference_lines


def test_only_measures_with_a_value_for_another_municipality_are_comparable(strategy):
    """A value for Hele landet alone (as F2.1 and F5.1 have in the demo) leaves nothing to compare with."""
    statistics_data.link_ballerup(strategy.municipality)
    share = Measure.objects.create(code="ANDEL-TEST", name="Andel i job", unit="pct", decimals=1)
    statistics_data.use_measures(strategy, {"F2.0": "ANDEL-TEST"})
    own = strategy.municipality.area_id
    OfficialValue.objects.create(
        measure=share, area=Area.objects.get(code="000"), year=2024, kind="Q", number=2, value=Decimal(3)
    )
    indicators = Indicator.objects.of_strategy(strategy)
    assert not comparable(indicators, own).exists() and not has_other_areas(share.pk, own)
    OfficialValue.objects.create(
        measure=share, area=Area.objects.get(code="159"), year=2024, kind="Q", number=2, value=Decimal(4)
    )
    assert list(comparable(indicators, own).values_list("code", flat=True)) == ["F2.0"]
    assert has_other_areas(share.pk, own)
