"""A page drawn anew after a figure changed does not read the strategy's structure again; a change of the
structure shows at once, and a change that is rolled back leaves nothing behind."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from indicators.official_statistics import save_measure
from indicators.targets import target_save

from ..reporting_data import portal_strategy

pytestmark = pytest.mark.django_db

REPORT = "/rapport/2024/2/"
STRUCTURE = ('FROM "focusareas_strategy"', 'FROM "focusareas_focusarea"', 'FROM "indicators_indicator"')


@pytest.fixture
def strategy(settings):
    return portal_strategy(settings, areas=2, indicators=2, quarters=6)


def _page(client, path=REPORT) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _indicator(strategy):
    return strategy.focus_areas.get(number=1).indicators.get(code="F1.0")


def test_a_page_drawn_after_a_figure_changed_does_not_read_the_structure_again(
    client, committee_member, administrator, strategy
):
    client.force_login(committee_member)
    with CaptureQueriesContext(connection) as first:
        _page(client)
    indicator = _indicator(strategy)
    target = indicator.targets.get(year=2024, quarter=None)
    target_save(
        user=administrator, indicator=indicator, year=2024, quarter=None,
        value_min=Decimal(4321), value_max=Decimal(4321), reason="Nyt måltal", target=target,
    )  # fmt: skip
    with CaptureQueriesContext(connection) as again:
        assert "4.321" in _page(client)
    read = [query["sql"] for query in again.captured_queries]
    assert not [sql for sql in read if any(table in sql for table in STRUCTURE)]
    assert len(again) == len(first) - 3  # the strategy, its focus areas and its indicators


def test_a_renamed_indicator_shows_at_once_and_a_saved_measure_is_read_again(
    client, committee_member, administrator, strategy, django_capture_on_commit_callbacks
):
    client.force_login(committee_member)
    assert "Nyt navn for indikatoren" not in _page(client)
    indicator = _indicator(strategy)
    indicator.name = "Nyt navn for indikatoren"
    indicator.save()
    assert "Nyt navn for indikatoren" in _page(client)
    with django_capture_on_commit_callbacks(execute=True):
        save_measure(administrator, indicator.measure, "Gemt igen")
    with CaptureQueriesContext(connection) as again:
        _page(client)
    assert any('FROM "indicators_indicator"' in query["sql"] for query in again.captured_queries)


def test_a_structure_change_that_is_rolled_back_leaves_nothing_behind(client, committee_member, strategy):
    client.force_login(committee_member)
    original = _page(client)
    indicator = _indicator(strategy)
    with pytest.raises(RuntimeError), transaction.atomic():
        indicator.name = "Aldrig gemt navn"
        indicator.save()
        assert "Aldrig gemt navn" in _page(client)
        raise RuntimeError("rolled back")
    cache.clear()  # the page is drawn again, without the structure kept under the rolled-back token
    assert "Aldrig gemt navn" not in _page(client)
    assert indicator.code in original
    indicator.refresh_from_db()
    indicator.name = "Nyt navn efter fortrydelsen"
    indicator.save()
    assert "Nyt navn efter fortrydelsen" in _page(client)
