"""One measure across the 98 municipalities: the period, the order, ranks and references, without HTTP."""

from decimal import Decimal

import pytest

from measures.catalogue import load_catalogue
from measures.comparison import comparison_for
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
    statistics_data.add_monthly(months=3)
    comparison = _compare(statistics_data.MONTHLY)
    assert len(comparison.rows) == comparison.ranked == 98
    values = [row.value for row in comparison.rows]
    assert values == sorted(values)  # lower is better: the lowest first
    assert comparison.rows[0].rank == 1
    for before, after in zip(comparison.rows, comparison.rows[1:], strict=False):
        assert after.rank == (
            before.rank if after.value == before.value else comparison.rows.index(after) + 1
        )
    higher = _compare(statistics_data.MONTHLY, higher_is_better=True)
    assert [row.value for row in higher.rows] == sorted(values, reverse=True)


def test_the_own_municipality_and_its_peers_are_marked():
    statistics_data.add_monthly(months=3)
    comparison = _compare(statistics_data.MONTHLY)
    assert comparison.own.name == "Ballerup"
    assert sorted(row.name for row in comparison.peers) == ["Gentofte", "Herlev"]
    assert sum(row.is_own for row in comparison.rows) == 1


def test_hele_landet_and_the_region_are_the_reference_per_municipality_for_a_count():
    statistics_data.add_monthly(months=3)
    comparison = _compare(statistics_data.MONTHLY)
    country, region = comparison.references
    assert (country.name, region.name) == ("Hele landet", "Region Hovedstaden")
    total = sum(row.value for row in comparison.rows)
    assert country.value == total
    assert country.per_municipality == total / 98
    members = [row.value for row in comparison.rows if row.region == "Region Hovedstaden"]
    assert region.per_municipality == sum(members) / len(members)


def test_a_municipality_without_a_value_comes_last_without_a_rank():
    statistics_data.add_monthly(months=3)
    OfficialValue.objects.filter(area__code="101", number=5).delete()  # København misses May
    comparison = _compare(statistics_data.MONTHLY)
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
