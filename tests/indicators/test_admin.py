"""The admin shows the whole strategy to a superuser."""

import pytest

from .. import factories

pytestmark = pytest.mark.django_db


def test_the_admin_lists_the_strategy_for_a_superuser(client, superuser):
    strategy = factories.strategy(title="Beskæftigelsesstrategi 2022")
    area = factories.focus_area(strategy=strategy, name="Unge borgere")
    factories.indicator(focus_area=area, code="F4.0", name="Fuldtidspersoner på uddannelseshjælp")
    client.force_login(superuser)

    strategies = client.get("/admin/focusareas/strategy/")
    assert strategies.status_code == 200
    assert "Beskæftigelsesstrategi 2022" in strategies.content.decode()

    change = client.get(f"/admin/focusareas/strategy/{strategy.pk}/change/")
    assert "Unge borgere" in change.content.decode()

    indicators = client.get("/admin/indicators/indicator/")
    assert "F4.0" in indicators.content.decode()


def test_the_admin_sends_an_anonymous_visitor_to_log_in(client):
    response = client.get("/admin/focusareas/strategy/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
