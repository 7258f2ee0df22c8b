"""The recorded Jobindsats answers with breakdowns import through the real importer for every area, and
carry the sygedagpenge case of the committee minutes of 8 October 2024 (seed 003): +8 % (about 65) in
Ballerup from June 2023 to June 2024 while Hele landet fell by almost 3 %, 80 % sygedagpenge and 20 %
jobafklaring, 83/5/12 by status before sygedagpenge, about 10 % under 30 and 15 % over 60. Suppressed cells
are kept as not published."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from measures.catalogue import load_catalogue
from measures.importing import official_values_import
from measures.jobindsats.rows import NOT_PUBLISHED
from measures.models import Area, OfficialValue

pytestmark = pytest.mark.django_db
RECORDED = Path(settings.BASE_DIR) / "fixtures" / "jobindsats"
SICK, JOB_CLARIFICATION, ALL = "y07a02_2024M06.json", "y12a02_2024M06.json", "ptva02_2024M06.json"
CASH, EDUCATION = "y36a02_2024M08.json", "y38a02_2024M08.json"
GROUP = "PTVA02-SYGEDAGPENGE-MV"  # F3.0: sygedagpenge and jobafklaring


@pytest.fixture
def catalogue(db):
    load_catalogue()


def imported(user, *names):
    files = [(name, (RECORDED / name).read_bytes()) for name in names]
    result = official_values_import(user=user, files=files, release="syntetisk", synthetic=True)
    assert result.ok, [f"{p.where()}: {p.message}" for p in result.problems[:5]]
    return result


def value(code, area, month, breakdown=""):
    stored = OfficialValue.objects.filter(
        measure__code=code, area__name=area, year=int(month[:4]), kind="M", number=int(month[5:])
    )
    stored = stored.filter(breakdown__key=breakdown) if breakdown else stored.wholes()
    return stored.values_list("value", flat=True).get()


def per_cent(part, whole) -> int:
    return round(part / whole * 100)


def test_every_table_imports_for_every_area_with_its_suppressed_cells_as_not_published(
    catalogue, administrator
):
    names = [SICK, JOB_CLARIFICATION, ALL, CASH, EDUCATION]
    result = imported(administrator, *names)

    marked = 0
    for name in names:
        rows = json.loads((RECORDED / name).read_text(encoding="utf-8"))[0]["Data"]
        marked += sum(cell in NOT_PUBLISHED for row in rows for cell in row[-2:])
    # y07a02 and y12a02 hold two measures, ptva02's "Sygedagpenge mv." one of its two columns.
    assert 0 < result.not_published < marked
    hidden = OfficialValue.objects.filter(value=None)
    assert hidden.count() == result.not_published
    # Only a small municipality's breakdown cell is suppressed: never a whole, a region or Hele landet.
    assert not hidden.filter(breakdown=None).exists()
    assert set(hidden.values_list("area__kind", flat=True)) == {Area.Kind.MUNICIPALITY}
    assert {"..", "x"} <= {
        cell
        for name in (SICK, EDUCATION)
        for row in json.loads((RECORDED / name).read_text(encoding="utf-8"))[0]["Data"]
        for cell in row[-2:]
        if isinstance(cell, str)
    }
    # 98 municipalities, five regions and Hele landet, every month of the answers.
    wholes = OfficialValue.objects.wholes().filter(measure__code=GROUP)
    assert wholes.values("area").distinct().count() == 104
    assert wholes.filter(area__name="Ballerup").count() == 30  # 2022M01-2024M06

    again = imported(administrator, *names)
    assert (again.created, again.revised, again.unchanged) == (0, 0, result.values)


def test_sygedagpenge_and_jobafklaring_rose_8_per_cent_in_ballerup_while_the_country_fell_3(
    catalogue, administrator
):
    imported(administrator, ALL)

    then, now = value(GROUP, "Ballerup", "2023M06"), value(GROUP, "Ballerup", "2024M06")
    assert (then, now) == (810, 875)
    assert now - then == 65 and per_cent(now - then, then) == 8
    country = value(GROUP, "Hele landet", "2024M06") / value(GROUP, "Hele landet", "2023M06") - 1
    assert round(country * 100, 1) == Decimal("-2.8") and round(country * 100) == -3
    # Just under 900 full-time persons: 80 % sygedagpenge, 20 % jobafklaring (ptva02's ydelsesgruppe).
    sick = value(GROUP, "Ballerup", "2024M06", "Målgruppe=Sygedagpenge")
    clarification = value(GROUP, "Ballerup", "2024M06", "Målgruppe=Jobafklaringsforløb")
    assert sick + clarification == now
    assert (per_cent(sick, now), per_cent(clarification, now)) == (80, 20)
    # About 10 % under 30 and 15 % over 60.
    assert per_cent(value(GROUP, "Ballerup", "2024M06", "Alder=16-29 år"), now) == 10
    assert per_cent(value(GROUP, "Ballerup", "2024M06", "Alder=60 år og derover"), now) == 15


def test_the_sick_listed_came_from_employment_fleksjob_and_unemployment_83_5_12(catalogue, administrator):
    imported(administrator, SICK, JOB_CLARIFICATION, ALL)

    status = "Status før sygedagpenge="
    for code in ("Y07A02-PERSONER", "Y07A02-FULDTID"):
        whole = value(code, "Ballerup", "2024M06")
        parts = [
            value(code, "Ballerup", "2024M06", status + member)
            for member in ("Beskæftiget", "Fleksjob", "Ledig")
        ]
        assert sum(parts) == whole
        assert [per_cent(part, whole) for part in parts] == [83, 5, 12]
    # Employees or self-employed before: 79 % (525) in June 2023, 83 % (590) in June 2024.
    employed = [
        value("Y07A02-PERSONER", "Ballerup", month, status + "Beskæftiget")
        for month in ("2023M06", "2024M06")
    ]
    assert employed == [525, 590]
    assert per_cent(525, value("Y07A02-PERSONER", "Ballerup", "2023M06")) == 79
    # ptva02's Sygedagpenge mv. is y07a02 plus y12a02, in the whole and member by member.
    for month in ("2023M06", "2024M06"):
        for area in ("Ballerup", "Hele landet", "Region Hovedstaden"):
            assert value(GROUP, area, month) == value("Y07A02-FULDTID", area, month) + value(
                "Y12A02-FULDTID", area, month
            )
    assert value(GROUP, "Ballerup", "2024M06", "Alder=16-29 år") == value(
        "Y07A02-FULDTID", "Ballerup", "2024M06", "Alder=16-29 år"
    ) + value("Y12A02-FULDTID", "Ballerup", "2024M06", "Alder=16-29 år")


def test_a_regions_and_the_countrys_members_add_up_to_their_whole(catalogue, administrator):
    imported(administrator, EDUCATION)

    for area in ("Hele landet", "Region Sjælland"):
        whole = value("Y38A02-FULDTID", area, "2024M08")
        members = OfficialValue.objects.filter(
            measure__code="Y38A02-FULDTID", area__name=area, year=2024, kind="M", number=8,
            breakdown__dimensions="Visitationskategori",
        )  # fmt: skip
        assert members.count() == 3 and sum(members.values_list("value", flat=True)) == whole
