"""Changing how an indicator's status is judged (direction, unit, decimals…) needs a reason."""

import pytest

from indicators.models import Direction, Indicator

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    return factories.indicator(code="F2.0", name="Forsikrede ledige", direction=Direction.LOWER_IS_BETTER)


def post(client, indicator, **changes):
    data = {
        "focus_area": indicator.focus_area_id,
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "decimals": indicator.decimals,
        "measure_type": indicator.measure_type,
        "tolerance_pct": "5",
        "order": 0,
        "targets-TOTAL_FORMS": 0,
        "targets-INITIAL_FORMS": 0,
        "targets-MIN_NUM_FORMS": 0,
        "targets-MAX_NUM_FORMS": 1000,
    } | changes
    return client.post(f"/admin/indicators/indicator/{indicator.pk}/change/", data)


def test_turning_the_direction_without_a_reason_is_refused(client, administrator, indicator):
    client.force_login(administrator)
    response = post(client, indicator, direction=Direction.HIGHER_IS_BETTER)
    assert response.status_code == 200
    assert "ændringen af retning ændrer status for tidligere kvartaler" in response.content.decode()
    assert Indicator.objects.get(pk=indicator.pk).direction == Direction.LOWER_IS_BETTER


def test_with_a_reason_the_change_is_saved_and_the_reason_kept(client, administrator, indicator):
    client.force_login(administrator)
    reason = "Udvalget besluttede den 8. oktober, at flere i job er målet."
    response = post(client, indicator, direction=Direction.HIGHER_IS_BETTER, decimals=1, change_reason=reason)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.direction, indicator.decimals) == (Direction.HIGHER_IS_BETTER, 1)
    assert indicator.history.first().history_change_reason == reason
    history = client.get(f"/admin/indicators/indicator/{indicator.pk}/history/").content.decode()
    assert reason in history


def test_renaming_needs_no_reason(client, administrator, indicator):
    client.force_login(administrator)
    assert post(client, indicator, name="Forsikrede ledige i alt").status_code == 302
