"""The admin's history pages: in Danish, with who, when, why, and values as the portal writes them."""

from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.services import FigureInput, figures_save
from indicators.targets import target_save

from .. import factories

pytestmark = pytest.mark.django_db

ENGLISH = ["View history", "Changed by", "Change reason", "Date/time", ">None<", "Created", "Changed"]


@pytest.fixture
def target(administrator):
    indicator = factories.indicator(code="F3.0", decimals=1)
    target = factories.target(indicator, 2024, 810)
    target_save(
        user=administrator, indicator=indicator, year=2024, quarter=None, value_min=Decimal("1234.5"),
        value_max=Decimal("1234.5"), reason="Udvalget hævede målet", target=target,
    )  # fmt: skip
    return target


def test_a_targets_history_shows_who_when_why_and_the_change_in_danish(client, target, administrator):
    administrator.first_name, administrator.last_name = "Sofie", "Admin"
    administrator.save()
    client.force_login(administrator)

    page = client.get(f"/admin/indicators/target/{target.pk}/history/").content.decode()

    assert "Historik: F3.0 2024" in page
    for heading in ["Tidspunkt", "Handling", "Ændret af", "Begrundelse", "Ændringer"]:
        assert f'<th scope="col">{heading}</th>' in page
    assert "Udvalget hævede målet" in page
    assert "Sofie Admin" in page
    assert "<strong>Mål (fra):</strong> 810&nbsp;&rarr;&nbsp;1.234,5" in page
    assert "Oprettet" in page and "Ændret" in page
    for english in ENGLISH:
        assert english not in page
    assert "810.0000" not in page and "1234.5000" not in page


def test_an_entry_without_user_or_reason_shows_a_dash(client, target, administrator):
    client.force_login(administrator)
    page = client.get(f"/admin/indicators/target/{target.pk}/history/").content.decode()
    # The target was first created outside the admin: no user, no reason.
    assert "<td>–</td>" in page


def test_a_figures_history_shows_its_values_the_danish_way(client, manager, administrator):
    indicator = factories.indicator(code="F1.2", unit="pct", decimals=1)
    factories.assign(manager, indicator.focus_area)
    quarter = Quarter(2024, 3)
    figures_save(user=manager, figures=[FigureInput(indicator, quarter, Decimal("2.7"), "", 0)])
    figures_save(user=manager, figures=[FigureInput(indicator, quarter, Decimal("3.9"), "Rettet", 1)])
    figure = indicator.measurements.get()
    client.force_login(administrator)

    page = client.get(f"/admin/indicators/measurement/{figure.pk}/history/").content.decode()

    assert "<strong>Værdi:</strong> 2,7&nbsp;&rarr;&nbsp;3,9" in page
    assert "2.7000" not in page and "2,7000" not in page


def test_the_history_page_is_english_when_english_is_chosen(client, target, administrator):
    client.force_login(administrator)
    client.cookies["django_language"] = "en"
    page = client.get(f"/admin/indicators/target/{target.pk}/history/", headers={"accept-language": "en"})
    text = page.content.decode()
    assert "History: F3.0 2024" in text
    assert "Changed by" in text and "Reason" in text
    assert "810&nbsp;&rarr;&nbsp;1,234.5" in text


def test_an_indicators_history_shows_the_reason_for_a_changed_rule_and_the_choices_by_name(
    client, administrator
):
    indicator = factories.indicator(code="F2.1", direction="lower")
    indicator.direction, indicator._change_reason = "higher", "Målet er vendt i den nye strategi"
    indicator.save()
    client.force_login(administrator)

    page = client.get(f"/admin/indicators/indicator/{indicator.pk}/history/").content.decode()

    assert "Målet er vendt i den nye strategi" in page
    assert "<strong>Retning:</strong> Lavere er bedre&nbsp;&rarr;&nbsp;Højere er bedre" in page
