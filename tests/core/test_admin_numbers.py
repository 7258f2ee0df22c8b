"""Numbers in the admin are shown and typed the Danish way: 8.580, 2,7 and 1.234,5, never 8580,0000."""

import re
from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.locking import quarter_lock
from indicators.models import Measurement

from .. import factories

pytestmark = pytest.mark.django_db
RAW = ["8580,0000", "8.580,0000", "820,0000", "2,7000", "1.234,5000", "5,00", "5.00"]


@pytest.fixture
def indicator():
    indicator = factories.indicator(code="F3.0", decimals=1, tolerance_pct=Decimal("5.00"))
    factories.target(indicator, 2024, 820)
    factories.target(indicator, 2025, "1234.5")
    factories.measurement(indicator, 2024, 3, 8580, state=Measurement.State.SUBMITTED)
    factories.measurement(indicator, 2024, 2, "2.7", state=Measurement.State.APPROVED)
    return indicator


def assert_no_raw_decimals(page: str) -> None:
    for raw in RAW:
        assert raw not in page


def test_the_list_of_figures_shows_danish_numbers(client, indicator, administrator):
    client.force_login(administrator)
    page = client.get("/admin/indicators/measurement/").content.decode()
    assert '<td class="field-shown_value">8.580<input' in page
    assert '<td class="field-shown_value">2,7<input' in page
    assert_no_raw_decimals(page)


def test_the_list_of_targets_shows_danish_numbers(client, indicator, administrator):
    client.force_login(administrator)
    page = client.get("/admin/indicators/target/").content.decode()
    assert '<td class="field-value_min_shown">1.234,5</td>' in page
    assert '<td class="field-value_max_shown">820</td>' in page
    assert "Mål (fra)" in page
    assert_no_raw_decimals(page)


def test_an_indicators_page_shows_its_targets_and_tolerance_the_danish_way(client, indicator, administrator):
    client.force_login(administrator)
    page = client.get(f"/admin/indicators/indicator/{indicator.pk}/change/").content.decode()
    cells = re.findall(r'<td class="field-value_min_shown">\s*<p>(.*?)</p>', page)
    assert cells == ["820", "1.234,5"]
    assert 'name="tolerance_pct" value="5"' in page
    assert_no_raw_decimals(page)


def test_an_indicators_bounds_and_tolerance_are_typed_the_danish_way(client, indicator, administrator):
    client.force_login(administrator)
    form = client.get(f"/admin/indicators/indicator/{indicator.pk}/change/").context["adminform"].form
    data = {
        name: form[name].value()
        for name in form.fields
        if form[name].value() is not None and form[name].value() is not False
    }
    data |= {"plausible_min": "3,9", "plausible_max": "1.234,5", "tolerance_pct": "7,5"}
    data |= {"targets-TOTAL_FORMS": "2", "targets-INITIAL_FORMS": "2"}
    data |= {f"targets-{n}-id": target.pk for n, target in enumerate(indicator.targets.order_by("year"))}
    data |= {f"targets-{n}-indicator": indicator.pk for n in range(2)}
    data["change_reason"] = "Tolerancen er vedtaget af udvalget"

    response = client.post(f"/admin/indicators/indicator/{indicator.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    indicator.refresh_from_db()
    assert (indicator.plausible_min, indicator.plausible_max, indicator.tolerance_pct) == (
        Decimal("3.9"),
        Decimal("1234.5"),
        Decimal("7.5"),
    )


def test_a_figure_a_manager_may_only_view_shows_its_value_the_danish_way(
    client, indicator, manager, administrator
):
    factories.assign(manager, indicator.focus_area)
    quarter_lock(user=administrator, strategy=indicator.focus_area.strategy,
                 quarter=Quarter(2024, 2), incomplete_reason="test")  # fmt: skip
    figure = indicator.measurements.get(quarter=2)
    client.force_login(manager)
    page = client.get(f"/admin/indicators/measurement/{figure.pk}/change/").content.decode()
    assert '<div class="readonly">2,7</div>' in page
    assert_no_raw_decimals(page)


def test_the_return_form_shows_the_figure_the_danish_way(client, indicator, administrator):
    client.force_login(administrator)
    figure = indicator.measurements.get(quarter=3)
    page = client.post(
        "/admin/indicators/measurement/",
        {
            "action": "return_selected",
            "_selected_action": [figure.pk],
            f"version-{figure.pk}": figure.version,
        },
    ).content.decode()
    assert "3. kvt. 2024: 8.580" in page
    assert_no_raw_decimals(page)
