"""Made-up official values are marked by the loader that made them (is_synthetic), not found by words in their
source: a real figure whose source names a demographic count is not called synthetic."""

import json
from decimal import Decimal

import pytest

from measures.benchmark import benchmark_for
from measures.comparison import comparison_for
from measures.importing import official_values_import, recorded_answers_load
from measures.models import Area, Measure, OfficialValue
from tests import statistics_data

pytestmark = pytest.mark.django_db
DEMOGRAPHIC = "Danmarks Statistik, demografisk opgørelse"


def _compare(measure: Measure):
    return comparison_for(
        measure, own_area_id=statistics_data.ballerup().pk, peer_ids=set(), higher_is_better=True
    )


def test_a_real_figure_whose_source_names_a_demographic_count_is_not_called_synthetic():
    share = Measure.objects.create(code="ANDEL-TEST", name="Andel i job", unit="pct", decimals=1)
    OfficialValue.objects.bulk_create(
        OfficialValue(
            measure=share, area=area, year=2024, kind="Q", number=2, value=Decimal(5), source=DEMOGRAPHIC
        )
        for area in Area.objects.all()
    )
    assert _compare(share).has_values and not _compare(share).is_synthetic

    statistics_data.add_benchmark(periods=2)
    OfficialValue.objects.filter(measure__code__startswith="BM-").update(
        source=DEMOGRAPHIC, release="2024QMAT02", is_synthetic=False
    )
    assert not benchmark_for(statistics_data.ballerup().pk).is_synthetic


def test_the_recorded_answers_are_synthetic_and_a_real_import_makes_a_value_real(administrator):
    recorded_answers_load(user=administrator)
    assert not OfficialValue.objects.filter(is_synthetic=False).exists()
    assert _compare(Measure.objects.get(code=statistics_data.MONTHLY)).is_synthetic
    assert benchmark_for(statistics_data.ballerup().pk).is_synthetic

    labels = [{"Label": label} for label in ("Area", "Periode", "Fuldtidspersoner")]
    answer = json.dumps([{"Variables": labels, "Data": [["Ballerup", "2024M06", 1]]}]).encode()
    assert official_values_import(user=administrator, files=[("y01a02.json", answer)], release="2024-07").ok
    revised = OfficialValue.objects.get(
        area__name="Ballerup", measure__code="Y01A02-FULDTID", year=2024, number=6
    )
    assert (revised.value, revised.is_synthetic) == (1, False)
