"""The admin of official statistics in Danish: areas to look up, measures and official values changed with a
reason, locked quarters refused with a message, and the peer group chosen on the municipality's page."""

import logging
from decimal import Decimal

import pytest

from core.periods import Quarter
from focusareas.models import Municipality
from indicators.locking import quarter_lock
from measures.models import Area, Measure, OfficialValue
from operations.cache import generation

from .. import official_statistics as official

pytestmark = pytest.mark.django_db

VALUES = "/admin/measures/officialvalue/"


@pytest.fixture
def measure():
    return official.measure(code="Y01A02-FULDTID", name="Fuldtidspersoner på a-dagpenge")


@pytest.fixture
def value(measure):
    return official.official_value(measure, official.area(), "2024M06", 1010, release="Juli 2024")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# Areas


def test_the_areas_are_listed_searched_and_filtered_but_not_changed(admin_client):
    page = _page(admin_client.get("/admin/measures/area/"))
    assert "Områder" in page and "Ballerup" in page and "Hele landet" in page
    assert "/admin/measures/area/add/" not in page
    regions = admin_client.get("/admin/measures/area/", {"kind__exact": "region"})
    assert [area.name for area in regions.context["cl"].result_list] == [
        "Region Hovedstaden",
        "Region Midtjylland",
        "Region Nordjylland",
        "Region Sjælland",
        "Region Syddanmark",
    ]
    found = admin_client.get("/admin/measures/area/", {"q": "Ballerup"})
    assert [area.code for area in found.context["cl"].result_list] == ["151"]
    capital = official.area("1084")
    in_capital = admin_client.get("/admin/measures/area/", {"region__id__exact": capital.pk})
    assert len(in_capital.context["cl"].result_list) == 29
    ballerup = official.area()
    before = Measure.objects.count(), ballerup.name
    admin_client.post(f"/admin/measures/area/{ballerup.pk}/change/", {"name": "Ændret", "code": "151"})
    ballerup.refresh_from_db()
    assert (Measure.objects.count(), ballerup.name) == before


# Measures


def test_the_measures_list_shows_code_name_unit_origin_and_table(admin_client, measure):
    official.measure(code="BM-FORSKEL-IALT", name="Forskel", origin="jobindsats", table="y30r21", label="x")
    page = _page(admin_client.get("/admin/measures/measure/", {"q": "y30r21"}))
    for header in ("Kode", "Navn", "Enhed", "Kilde", "Jobindsats-tabel"):
        assert header in page
    assert "BM-FORSKEL-IALT" in page and "Jobindsats" in page and "Y01A02-FULDTID" not in page


def _measure_data(measure: Measure, **changes) -> dict:
    data = {
        "code": measure.code,
        "name": measure.name,
        "unit": measure.unit,
        "decimals": measure.decimals,
        "measure_type": measure.measure_type,
        "definition": measure.definition,
        "origin": measure.origin,
        "table": measure.table,
        "label": measure.label,
        "filters": "{}",
        "reason": "",
    }
    return data | changes


def test_a_measure_change_asks_for_a_reason_and_keeps_it_in_the_history(admin_client, measure):
    form = _page(admin_client.get(f"/admin/measures/measure/{measure.pk}/change/"))
    assert "Begrundelse" in form and "Gemmes i historikken" in form
    url = f"/admin/measures/measure/{measure.pk}/change/"
    refused = admin_client.post(url, _measure_data(measure, decimals=1))
    assert refused.status_code == 200 and "reason" in refused.context["adminform"].form.errors
    assert Measure.objects.get(pk=measure.pk).decimals == 0
    saved = admin_client.post(url, _measure_data(measure, decimals=1, reason="Jobindsats viser én decimal"))
    assert saved.status_code == 302
    assert Measure.objects.get(pk=measure.pk).decimals == 1
    history = _page(admin_client.get(f"/admin/measures/measure/{measure.pk}/history/"))
    assert "Jobindsats viser én decimal" in history


def test_a_new_measure_is_created_with_a_reason_and_a_jobindsats_one_needs_its_table(admin_client, measure):
    data = _measure_data(
        measure, code="NY-MAALING", name="Ny måling", origin="jobindsats", table="", label="", reason="Ny"
    )
    refused = admin_client.post("/admin/measures/measure/add/", data)
    assert "En måling fra Jobindsats skal have tabel og kolonne." in _page(refused)
    data |= {"table": "y01a02", "label": "Fuldtidspersoner"}
    assert admin_client.post("/admin/measures/measure/add/", data).status_code == 302
    assert Measure.objects.get(code="NY-MAALING").history.get().history_change_reason == "Ny"


def test_a_measure_is_not_deleted_in_the_admin(admin_client, measure):
    admin_client.post(f"/admin/measures/measure/{measure.pk}/delete/", {"post": "yes"})
    assert Measure.objects.filter(pk=measure.pk).exists()


# Official values


def test_official_values_are_listed_with_danish_periods_and_numbers(admin_client, value, measure):
    official.official_value(measure, official.area("159"), "2024QMAT02", "1250.5")
    page = _page(admin_client.get(VALUES))
    assert "Officielle tal" in page
    for text in ("juni 2024", "1.010", "3. kvt. 2023 – 2. kvt. 2024", "Gladsaxe", "Juli 2024"):
        assert text in page
    searched = admin_client.get(VALUES, {"q": "Gladsaxe"})
    assert [v.area.name for v in searched.context["cl"].result_list] == ["Gladsaxe"]
    by_code = admin_client.get(VALUES, {"q": "Y01A02"})
    assert len(by_code.context["cl"].result_list) == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind__exact": "M"}, ["Ballerup"]),
        ({"year__exact": "2023"}, ["Hele landet"]),
        ({"area_kind": "country"}, ["Hele landet"]),
    ],
)
def test_official_values_are_filtered_by_period_kind_year_and_area_kind(
    admin_client, value, measure, query, expected
):
    official.official_value(measure, official.area("000"), "2023Q4", 90000)
    official.official_value(official.measure(), official.area("159"), "2024Q2", 5)
    page = admin_client.get(VALUES, query)
    assert [v.area.name for v in page.context["cl"].result_list] == expected


def test_official_values_are_filtered_by_measure(admin_client, value, measure):
    official.official_value(official.measure(), official.area("159"), "2024Q2", 5)
    page = admin_client.get(VALUES, {"measure": measure.pk})
    assert [v.measure.code for v in page.context["cl"].result_list] == ["Y01A02-FULDTID"]


def test_the_list_of_official_values_reads_the_same_few_queries_whatever_its_size(
    admin_client, measure, django_assert_max_num_queries
):
    for code in ("151", "159", "153"):
        official.official_value(measure, official.area(code), "2024M06", 5)
    with django_assert_max_num_queries(12) as few:
        _page(admin_client.get(VALUES))
    for area in Area.objects.filter(kind="municipality")[:60]:
        for month in (7, 8):
            official.official_value(measure, area, f"2024M{month:02d}", 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        _page(admin_client.get(VALUES))


def _value_data(stored: OfficialValue, **changes) -> dict:
    data = {
        "measure": stored.measure_id,
        "area": stored.area_id,
        "period": str(stored.period),
        "value": str(stored.value),
        "release": stored.release,
        "source": stored.source,
        "reason": "",
    }
    return data | changes


def test_a_corrected_value_asks_for_a_reason_and_its_history_shows_it(admin_client, value):
    url = f"{VALUES}{value.pk}/change/"
    form = _page(admin_client.get(url))
    assert "Begrundelse" in form and "2024M06" in form and "1.010" in form
    refused = admin_client.post(url, _value_data(value, value="1.020"))
    assert "reason" in refused.context["adminform"].form.errors
    assert OfficialValue.objects.get().value == 1010
    saved = admin_client.post(url, _value_data(value, value="1.020", reason="Revideret af Jobindsats"))
    assert saved.status_code == 302
    assert OfficialValue.objects.get().value == 1020
    history = _page(admin_client.get(f"{VALUES}{value.pk}/history/"))
    assert "Revideret af Jobindsats" in history and "admin-test" in history


def test_an_unknown_period_or_a_number_in_english_is_refused_in_danish(admin_client, value):
    url = f"{VALUES}{value.pk}/change/"
    page = _page(admin_client.post(url, _value_data(value, period="2024M13", reason="Ret")))
    assert "Perioden &#x27;2024M13&#x27; kendes ikke" in page
    page = _page(admin_client.post(f"{VALUES}add/", _value_data(value, reason="Ny")))
    assert "Der findes allerede et tal for Y01A02-FULDTID, Ballerup, juni 2024" in page
    assert OfficialValue.objects.count() == 1


def test_a_new_value_is_added_with_its_reason(admin_client, value):
    data = _value_data(
        value, area=official.area("159").pk, period="2024Q2", value="812,5", reason="Fra rapport"
    )
    assert admin_client.post(f"{VALUES}add/", data).status_code == 302
    added = OfficialValue.objects.get(area__code="159")
    assert (added.period.label(), added.value) == ("2. kvt. 2024", Decimal("812.5"))
    assert added.history.get().history_change_reason == "Fra rapport"


@pytest.fixture
def locked(measure, administrator):
    strategy = official.strategy_using(measure, title="Beskæftigelsesstrategi 2022")
    quarter_lock(user=administrator, strategy=strategy, quarter=Quarter(2024, 2))
    return strategy


LOCKED = "hører til 2. kvt. 2024, som er låst i strategien &#x27;Beskæftigelsesstrategi 2022&#x27;"


def test_a_value_in_a_locked_quarter_shows_why_it_cannot_be_changed(admin_client, value, locked):
    url = f"{VALUES}{value.pk}/change/"
    page = _page(admin_client.get(url))
    assert LOCKED in page and "lås kvartalet op først" in page
    assert f"{VALUES}{value.pk}/delete/" not in page
    refused = admin_client.post(url, _value_data(value, value="1.020", reason="Revideret af Jobindsats"))
    assert LOCKED in _page(refused)
    assert OfficialValue.objects.get().value == 1010
    assert value.history.count() == 1


LOCKED_IN = "2. kvt. 2024 er låst i strategien &#x27;Beskæftigelsesstrategi 2022&#x27;"


@pytest.mark.parametrize("change", [{"unit": "pct"}, {"code": "Y01A02-X"}, {"decimals": 2}])
def test_a_measure_used_in_a_locked_quarter_keeps_its_definition_in_the_admin(
    admin_client, measure, locked, change
):
    url = f"/admin/measures/measure/{measure.pk}/change/"
    page = _page(admin_client.post(url, _measure_data(measure, reason="Ny tabel", **change)))
    assert "kan ikke ændres, fordi " + LOCKED_IN in page
    stored = Measure.objects.get(pk=measure.pk)
    assert (stored.code, stored.unit, stored.decimals) == (measure.code, measure.unit, measure.decimals)


def test_a_value_in_a_locked_quarter_is_not_deleted(admin_client, value, locked):
    response = admin_client.post(
        f"{VALUES}{value.pk}/delete/", {"post": "yes", "reason": "Fejl"}, follow=True
    )
    assert LOCKED in _page(response)
    assert OfficialValue.objects.filter(pk=value.pk).exists()


def test_deleting_a_value_asks_for_a_reason(admin_client, value):
    url = f"{VALUES}{value.pk}/delete/"
    page = _page(admin_client.get(url))
    assert "Begrundelse" in page and 'name="reason"' in page
    assert "Vil du slette det officielle tal for Y01A02-FULDTID, Ballerup, juni 2024?" in page
    refused = admin_client.post(url, {"post": "yes", "reason": " "}, follow=True)
    assert "Skriv en begrundelse for at slette tallet." in _messages(refused)
    assert OfficialValue.objects.filter(pk=value.pk).exists()
    assert admin_client.post(url, {"post": "yes", "reason": "Dobbelt indtastet"}).status_code == 302
    assert not OfficialValue.objects.exists()
    assert value.history.latest("history_date").history_change_reason == "Dobbelt indtastet"


def test_a_revision_by_jobindsats_shows_in_the_history(admin_client, value):
    value.value = Decimal(1020)
    value._change_reason = "Revideret af Jobindsats: 1.010 → 1.020 (udgivelse august 2024)"
    value.save()
    history = _page(admin_client.get(f"{VALUES}{value.pk}/history/"))
    assert "Historik: " in history
    for header in ("Tidspunkt", "Handling", "Ændret af", "Begrundelse", "Ændringer"):
        assert f">{header}<" in history
    assert "Revideret af Jobindsats: 1.010 → 1.020 (udgivelse august 2024)" in history
    assert "<strong>Værdi:</strong> 1.010&nbsp;&rarr;&nbsp;1.020" in history


# The peer group


@pytest.fixture
def ballerup():
    return Municipality.objects.create(name="Ballerup", slug="ballerup", code=151, area=official.area())


def _municipality_data(municipality: Municipality, peers: list[str]) -> dict:
    return {
        "name": municipality.name,
        "slug": municipality.slug,
        "code": municipality.code,
        "area": municipality.area_id,
        "peers": [official.area(code).pk for code in peers],
    }


def test_the_peer_group_is_chosen_on_the_municipality_page_and_audited(
    admin_client, ballerup, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.INFO, logger="strategy_portal.audit")
    url = f"/admin/focusareas/municipality/{ballerup.pk}/change/"
    page = _page(admin_client.get(url))
    assert "Sammenligningsgruppe" in page and "nabokommunerne" in page and "selectfilter" in page
    assert 'data-field-name="kommuner"' in page
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, _municipality_data(ballerup, ["159", "153"]))
    assert response.status_code == 302
    assert sorted(ballerup.peers.values_list("name", flat=True)) == ["Brøndby", "Gladsaxe"]
    [line] = [record for record in caplog.records if getattr(record, "action", "") == "peer_group_set"]
    assert (line.municipality, line.before, line.after) == ("Ballerup", "", "Brøndby, Gladsaxe")
    assert generation() > before


def test_the_municipality_itself_is_not_in_its_peer_group(admin_client, ballerup):
    ballerup.peers.set([official.area("159")])
    url = f"/admin/focusareas/municipality/{ballerup.pk}/change/"
    page = _page(admin_client.post(url, _municipality_data(ballerup, ["153", "151"])))
    assert "Ballerup kan ikke være med i sin egen sammenligningsgruppe." in page
    assert list(ballerup.peers.values_list("name", flat=True)) == ["Gladsaxe"]


def test_only_municipalities_are_offered_for_the_peer_group(admin_client, ballerup):
    page = admin_client.get(f"/admin/focusareas/municipality/{ballerup.pk}/change/")
    offered = page.context["adminform"].form.fields["peers"].queryset
    assert offered.count() == 98 and not offered.exclude(kind="municipality").exists()


def test_a_new_municipality_is_not_its_own_peer_by_its_kommunekode(admin_client):
    data = {"name": "Ballerup", "slug": "ballerup", "code": 151, "peers": [official.area("151").pk]}
    page = _page(admin_client.post("/admin/focusareas/municipality/add/", data))
    assert "Ballerup kan ikke være med i sin egen sammenligningsgruppe." in page
    assert not Municipality.objects.exists()
