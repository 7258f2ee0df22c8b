"""Jobindsats periods and the areas of the national statistics, as the committee reads them."""

import pytest

from core.periods import Quarter
from focusareas.models import Municipality
from measures.models import Area
from measures.periods import Kind, Period


@pytest.mark.parametrize(
    ("text", "kind", "quarter", "label"),
    [
        ("2024M06", Kind.MONTH, Quarter(2024, 2), "juni 2024"),
        ("2024Q2", Kind.QUARTER, Quarter(2024, 2), "2. kvt. 2024"),
        ("2024QMAT02", Kind.MOVING_YEAR, Quarter(2024, 2), "3. kvt. 2023 – 2. kvt. 2024"),
        ("2023", Kind.YEAR, None, "2023"),
    ],
)
def test_a_jobindsats_period_is_read_and_written_back_as_jobindsats_writes_it(text, kind, quarter, label):
    period = Period.parse(text)
    assert (period.kind, period.quarter, period.label(), str(period)) == (kind, quarter, label, text)


@pytest.mark.parametrize(
    "text", ["2024M13", "2024M00", "2024Q5", "2024QMAT05", "24M06", "2024-06", "", "1999M01"]
)
def test_an_unknown_period_is_refused_by_name(text):
    with pytest.raises(ValueError, match="kendes ikke"):
        Period.parse(text)


def test_periods_sort_in_time_within_their_kind():
    months = [Period.parse(p) for p in ["2024M10", "2023M12", "2024M02"]]
    assert [str(p) for p in sorted(months)] == ["2023M12", "2024M02", "2024M10"]


@pytest.mark.django_db
def test_all_98_municipalities_the_five_regions_and_hele_landet_are_areas():
    assert Area.objects.filter(kind=Area.Kind.MUNICIPALITY).count() == 98
    assert Area.objects.filter(kind=Area.Kind.REGION).count() == 5
    assert Area.objects.get(kind=Area.Kind.COUNTRY).name == "Hele landet"
    ballerup = Area.objects.get(code="151")
    assert (ballerup.name, ballerup.region.name) == ("Ballerup", "Region Hovedstaden")
    assert Area.objects.get(name="Høje-Taastrup").region.name == "Region Hovedstaden"
    assert not Area.objects.filter(kind=Area.Kind.MUNICIPALITY, region=None).exists()


@pytest.mark.django_db
def test_a_municipality_with_a_kommunekode_is_its_area_in_the_statistics():
    ballerup = Municipality.objects.create(name="Ballerup", slug="ballerup", code=151)
    assert ballerup.area.code == "151"
    assert Municipality.objects.create(name="Ukendt", slug="ukendt").area is None
