"""The strategy's structure, kept by each server process: a page drawn anew after a figure changed reads
fewer queries than after a change of the structure, and a change that is rolled back leaves nothing kept."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core.signals import figures_changed
from focusareas.models import FocusArea
from indicators.targets import target_save

from ..reporting_data import portal_strategy

pytestmark = pytest.mark.django_db

REPORT = "/rapport/2024/2/"


@pytest.fixture
def strategy(settings):
    return portal_strategy(settings, areas=2, indicators=2, quarters=6)


def _page(client, path=REPORT) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_page_drawn_after_a_figure_changed_makes_three_queries_fewer(
    client, committee_member, administrator, strategy
):
    client.force_login(committee_member)
    figures_changed.send(sender=FocusArea)
    with CaptureQueriesContext(connection) as after_structure:
        _page(client)
    indicator = strategy.focus_areas.get(number=1).indicators.get(code="F1.0")
    target_save(
        user=administrator, indicator=indicator, year=2024, quarter=None, value_min=Decimal(4321),
        value_max=Decimal(4321), reason="Nyt måltal", target=indicator.targets.get(year=2024, quarter=None),
    )  # fmt: skip
    with CaptureQueriesContext(connection) as after_figure:
        assert "4.321" in _page(client)
    assert len(after_figure) == len(after_structure) - 3  # the strategy, its focus areas and indicators


def test_a_structure_change_that_is_rolled_back_leaves_nothing_behind(client, committee_member, strategy):
    client.force_login(committee_member)
    area = strategy.focus_areas.get(number=1)
    with pytest.raises(RuntimeError), transaction.atomic():
        area.name = "Aldrig gemt navn"
        area.save()
        figures_changed.send(sender=FocusArea)
        assert "Aldrig gemt navn" in _page(client)
        raise RuntimeError("rolled back")
    cache.clear()  # the page is drawn again, without the structure kept under the rolled-back token
    assert "Aldrig gemt navn" not in _page(client)
