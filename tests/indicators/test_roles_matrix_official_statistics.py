"""The role matrix for official statistics: every admin page and write of areas, measures, official values
and the peer group, for every role. Managers read official values and measures; only administrators
change them."""

import pytest

from measures.models import Measure, OfficialValue

from .. import official_statistics as official
from . import test_roles_matrix as matrix
from .test_roles_matrix import ADMIN, ROLES, STAFF

pytestmark = pytest.mark.django_db

# The role matrix's world (its strategy, focus areas, figures and one user per role), a fixture here too.
world = matrix.world


@pytest.fixture
def statistics(request):
    """The matrix's world, its strategy Ballerup's, F2.0 using a measure with a value of Ballerup's."""
    world = request.getfixturevalue("world")
    municipality = world["strategy"].municipality
    municipality.area = official.area()
    municipality.save()
    measure = official.measure(code="Y01A02-FULDTID", name="Fuldtidspersoner på a-dagpenge")
    world["indicator"].measure = measure
    world["indicator"].save()
    return world | {
        "municipality": municipality,
        "measure": measure,
        "value": official.official_value(measure, official.area(), "2024M06", 1000),
    }


def _pages(s) -> list[tuple[str, set]]:
    area, measure, value = official.area(), s["measure"].pk, s["value"].pk
    return [
        ("/admin/measures/", STAFF),
        ("/admin/measures/area/", STAFF),
        (f"/admin/measures/area/{area.pk}/change/", STAFF),
        ("/admin/measures/measure/", STAFF),
        (f"/admin/measures/measure/{measure}/change/", STAFF),
        (f"/admin/measures/measure/{measure}/history/", STAFF),
        ("/admin/measures/measure/add/", ADMIN),
        ("/admin/measures/officialvalue/", STAFF),
        (f"/admin/measures/officialvalue/{value}/change/", STAFF),
        (f"/admin/measures/officialvalue/{value}/history/", STAFF),
        ("/admin/measures/officialvalue/add/", ADMIN),
        (f"/admin/measures/officialvalue/{value}/delete/", ADMIN),
        ("/admin/focusareas/municipality/", STAFF),
        (f"/admin/focusareas/municipality/{s['municipality'].pk}/change/", STAFF),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_only_its_official_statistics_pages(client, statistics, role):
    if statistics["users"][role]:
        client.force_login(statistics["users"][role])
    for url, allowed in _pages(statistics):
        response = client.get(url)
        if role in allowed:
            assert response.status_code == 200, f"{role} cannot open {url}"
        else:
            assert response.status_code in (302, 403), f"{role} can open {url}"
            if response.status_code == 302:
                assert "/admin/login/" in response["Location"]


def test_a_manager_reads_official_values_but_is_offered_no_change(client, statistics):
    client.force_login(statistics["users"]["manager_assigned"])
    listing = client.get("/admin/measures/officialvalue/").content.decode()
    assert "Y01A02-FULDTID" in listing and "juni 2024" in listing
    assert "/admin/measures/officialvalue/add/" not in listing
    page = client.get(f"/admin/measures/officialvalue/{statistics['value'].pk}/change/").content.decode()
    assert "2024M06" in page
    assert 'name="_save"' not in page and 'name="reason"' not in page and "/delete/" not in page


def _measure_fields(measure: Measure) -> dict:
    return {
        "code": measure.code,
        "name": measure.name,
        "unit": measure.unit,
        "decimals": measure.decimals,
        "measure_type": measure.measure_type,
        "origin": measure.origin,
        "table": measure.table,
        "label": measure.label,
        "filters": "{}",
    }


def _add_measure(s):
    data = _measure_fields(s["measure"]) | {"code": "EGEN-1", "name": "Egen måling", "reason": "Ny"}
    return "/admin/measures/measure/add/", data


def _change_measure(s):
    data = _measure_fields(s["measure"]) | {"decimals": 1, "reason": "Én decimal"}
    return f"/admin/measures/measure/{s['measure'].pk}/change/", data


def _value_fields(s) -> dict:
    return {"measure": s["measure"].pk, "area": official.area().pk, "period": "2024M06", "value": "1.000"}


def _add_value(s):
    data = _value_fields(s) | {"period": "2024M07", "value": "990", "reason": "Fra rapport"}
    return "/admin/measures/officialvalue/add/", data


def _change_value(s):
    data = _value_fields(s) | {"value": "1.010", "reason": "Revideret af Jobindsats"}
    return f"/admin/measures/officialvalue/{s['value'].pk}/change/", data


def _delete_value(s):
    return f"/admin/measures/officialvalue/{s['value'].pk}/delete/", {"post": "yes", "reason": "Fejl"}


def _peer_group(s):
    municipality = s["municipality"]
    data = {
        "name": municipality.name,
        "slug": municipality.slug,
        "area": municipality.area_id,
        "peers": [official.area("159").pk, official.area("153").pk],
    }
    return f"/admin/focusareas/municipality/{municipality.pk}/change/", data


def _state(s):
    """Everything a write in the matrix could change."""
    return (
        sorted(Measure.objects.values_list("code", "name", "decimals")),
        sorted(OfficialValue.objects.values_list("pk", "year", "kind", "number", "value")),
        sorted(s["municipality"].peers.values_list("code", flat=True)),
    )


WRITES = [
    ("add a measure", _add_measure, ADMIN),
    ("change a measure", _change_measure, ADMIN),
    ("add an official value", _add_value, ADMIN),
    ("change an official value", _change_value, ADMIN),
    ("delete an official value", _delete_value, ADMIN),
    ("choose the peer group", _peer_group, ADMIN),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "build", "allowed"), WRITES, ids=[write[0] for write in WRITES])
def test_each_role_changes_only_the_official_statistics_its_role_allows(
    client, statistics, role, action, build, allowed
):
    url, data = build(statistics)
    before = _state(statistics)
    if statistics["users"][role]:
        client.force_login(statistics["users"][role])
    response = client.post(url, data)
    after = _state(statistics)
    if role in allowed:
        assert after != before, f"{role} could not {action}: {response.status_code}"
        assert response.status_code == 302
    else:
        assert after == before, f"{role} could {action}"
