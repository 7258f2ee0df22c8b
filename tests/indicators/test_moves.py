"""Moving an indicator to another focus area, or a focus area to another strategy: what holds figures of a
locked quarter stays under that strategy's lock."""

import pytest
from django.core.exceptions import ValidationError

from core.periods import Quarter
from focusareas.models import FocusArea
from indicators.locking import quarter_lock
from indicators.models import Indicator, Measurement
from indicators.moves import focus_area_move, indicator_move
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(administrator):
    strategy = factories.strategy()
    area = factories.focus_area(strategy=strategy, number=2)
    locked = factories.indicator(focus_area=area, code="F2.4")
    factories.measurement(locked, 2024, 3, 40, state=Measurement.State.APPROVED)
    quarter_lock(user=administrator, strategy=strategy, quarter=Quarter(2024, 3))
    free_area = factories.focus_area(strategy=strategy, number=3)
    free = factories.indicator(focus_area=free_area, code="F3.1")
    factories.measurement(free, 2024, 4, 10)
    return {"area": area, "locked": locked, "free_area": free_area, "free": free}


def test_a_focus_area_with_locked_figures_is_not_moved_to_another_strategy(administrator, world):
    elsewhere = factories.strategy(municipality=world["area"].strategy.municipality, status="draft")
    with pytest.raises(ValidationError, match="låst kvartal og kan ikke flyttes"):
        focus_area_move(user=administrator, focus_area=world["area"], strategy=elsewhere)
    assert FocusArea.objects.get(pk=world["area"].pk).strategy_id == world["area"].strategy_id


def test_a_focus_area_without_locked_figures_moves_with_its_indicators(administrator, world):
    elsewhere = factories.strategy(municipality=world["area"].strategy.municipality, status="draft")
    focus_area_move(user=administrator, focus_area=world["free_area"], strategy=elsewhere)
    assert FocusArea.objects.get(pk=world["free_area"].pk).strategy == elsewhere
    assert Indicator.objects.get(pk=world["free"].pk).strategy == elsewhere


def test_an_indicator_with_locked_figures_is_not_moved(administrator, world):
    elsewhere = factories.focus_area()
    with pytest.raises(ValidationError, match="Indikatoren har tal eller mål i et låst kvartal"):
        indicator_move(user=administrator, indicator=world["locked"], focus_area=elsewhere)
    assert Indicator.objects.get(pk=world["locked"].pk).focus_area == world["area"]


def test_an_indicator_without_locked_figures_moves_with_its_strategy(administrator, world):
    elsewhere = factories.focus_area()
    indicator_move(user=administrator, indicator=world["free"], focus_area=elsewhere)
    moved = Indicator.objects.get(pk=world["free"].pk)
    assert (moved.focus_area, moved.strategy) == (elsewhere, elsewhere.strategy)


def test_the_focus_area_page_refuses_the_move_in_danish(client, administrator, world):
    area = world["area"]
    elsewhere = factories.strategy(municipality=area.strategy.municipality, status="draft")
    client.force_login(administrator)
    data = {"strategy": elsewhere.pk, "number": area.number, "name": area.name, "slug": area.slug}
    data |= {"indicators-TOTAL_FORMS": 0, "indicators-INITIAL_FORMS": 0}
    response = client.post(f"/admin/focusareas/focusarea/{area.pk}/change/", data)
    assert response.status_code == 200
    assert "Fokusområdet har tal eller mål i et låst kvartal og kan ikke flyttes." in response.text
    assert FocusArea.objects.get(pk=area.pk).strategy_id == area.strategy_id
