"""Admin forms speak to a caseworker: capitalised labels, and help on what to write, not on the code."""

import pytest

from indicators.models import Measurement

from .. import factories

pytestmark = pytest.mark.django_db
DEVELOPER_HELP = ["'demo' eller dokumentet.", "'demo' for en rekonstrueret definition"]


def test_the_target_form_has_capitalised_labels_and_plain_help(client, administrator):
    target = factories.target(factories.indicator(), 2024, 820)
    client.force_login(administrator)
    page = client.get(f"/admin/indicators/target/{target.pk}/change/").content.decode()
    for label in ["Indikator:", "Mål (fra):", "Mål (til):", "Begrundelse:", "Kilde:"]:
        assert f">{label}</label>" in page
    for lower in [">mål (fra):<", ">begrundelse:<", ">Indicator:<"]:
        assert lower not in page
    assert "Hvor målet stammer fra" in page
    for help_text in DEVELOPER_HELP:
        assert help_text not in page


def test_the_indicator_form_has_no_developer_help(client, administrator):
    indicator = factories.indicator()
    client.force_login(administrator)
    page = client.get(f"/admin/indicators/indicator/{indicator.pk}/change/").content.decode()
    assert "Hvor definitionen stammer fra" in page
    assert "Rækkefølgen på siderne" in page
    for help_text in DEVELOPER_HELP:
        assert help_text not in page


def test_the_figure_form_says_how_to_write_the_number(client, administrator):
    client.force_login(administrator)
    page = client.get("/admin/indicators/measurement/add/").content.decode()
    assert ">Værdi:</label>" in page
    assert "fx 1.234,5 eller 3,9" in page


def test_the_import_form_has_capitalised_labels(client, administrator):
    client.force_login(administrator)
    page = client.get("/admin/indicators/measurement/import/").content.decode()
    for label in ["Fil:", "Strategi:", "Kun kontrol (gem intet)"]:
        assert f">{label}</label>" in page or f"{label}:</label>" in page


def test_the_return_form_has_a_capitalised_label(client, administrator):
    figure = factories.measurement(factories.indicator(), 2024, 3, 880, state=Measurement.State.SUBMITTED)
    client.force_login(administrator)
    page = client.post(
        "/admin/indicators/measurement/",
        {
            "action": "return_selected",
            "_selected_action": [figure.pk],
            f"version-{figure.pk}": figure.version,
        },
    ).content.decode()
    assert "Bemærkning til afdelingslederen:</label>" in page


@pytest.mark.parametrize("page", ["/admin/indicators/target/", "/admin/indicators/measurement/"])
def test_the_lists_name_the_indicator_column_in_danish(client, administrator, page):
    indicator = factories.indicator()
    factories.target(indicator, 2024, 820)
    factories.measurement(indicator, 2024, 3, 880)
    client.force_login(administrator)
    text = client.get(page).content.decode()
    assert ">Indikator</a>" in text
    assert "Indicator" not in text


def test_who_may_only_view_a_target_or_indicator_sees_no_empty_reason_field(client, manager):
    indicator = factories.indicator()
    target = factories.target(indicator, 2024, 820)
    client.force_login(manager)
    for url in [
        f"/admin/indicators/target/{target.pk}/change/",
        f"/admin/indicators/indicator/{indicator.pk}/change/",
    ]:
        page = client.get(url).content.decode()
        assert "Mål (fra)" in page or "Navn" in page
        for empty in ["Reason", "Change reason", "Begrundelse", ">None<"]:
            assert empty not in page
