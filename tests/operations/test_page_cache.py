"""Pages are served from the cache until a figure, target or text changes; a change shows at once."""

import warnings
from decimal import Decimal

import pytest
from django.core.cache import CacheKeyWarning
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.periods import Quarter
from indicators.models import Measurement
from indicators.official_statistics import save_measure, save_official_value
from indicators.services import measurement_approve, measurement_submit
from indicators.targets import target_save

from .. import factories
from ..reporting_data import portal_strategy

pytestmark = pytest.mark.django_db

LAST = Quarter(2024, 2)  # portal_strategy's sixth quarter from 2023K1


@pytest.fixture
def strategy(settings):
    return portal_strategy(settings, areas=2, indicators=2, quarters=6)


def _page(client, path="/indikatorer/F1.0/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def test_a_page_seen_before_is_served_without_reading_the_figures_again(client, committee_member, strategy):
    client.force_login(committee_member)
    first = _page(client, "/")
    with CaptureQueriesContext(connection) as queries:
        second = _page(client, "/")
    assert _main(first) == _main(second)
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "indicators_" not in read and "focusareas_" not in read


def test_an_approved_correction_shows_at_once(client, committee_member, administrator, manager, strategy):
    client.force_login(committee_member)
    assert "1.234" not in _page(client)
    indicator = strategy.focus_areas.get(number=1).indicators.get(code="F1.0")
    factories.assign(manager, indicator.focus_area)
    measurement = Measurement.objects.get(indicator=indicator, year=LAST.year, quarter=LAST.quarter)
    measurement.value, measurement.state = Decimal(1234), Measurement.State.DRAFT
    measurement.commentary = "Rettet: tallet var opgjort forkert."  # a large change must be explained
    measurement.save()
    measurement_submit(user=manager, measurements=[measurement])
    measurement_approve(
        user=administrator,
        measurements=[measurement],
        versions=factories.shown(measurement),
        confirmed_warnings={measurement.pk},  # 1.234 is far from the quarter before: approved on its own
    )
    assert "1.234" in _page(client)


def test_a_changed_target_shows_at_once(client, committee_member, administrator, strategy):
    client.force_login(committee_member)
    assert "4.321" not in _page(client)
    indicator = strategy.focus_areas.get(number=1).indicators.get(code="F1.0")
    target = indicator.targets.get(year=2024, quarter=None)
    target_save(
        user=administrator,
        indicator=indicator,
        year=2024,
        quarter=None,
        value_min=Decimal(4321),
        value_max=Decimal(4321),
        reason="Nyt måltal",
        target=target,
    )
    assert "4.321" in _page(client)


def test_a_renamed_focus_area_shows_at_once(client, admin_client, committee_member, strategy):
    client.force_login(committee_member)
    assert "Nyt navn for unge" not in _page(client, "/")
    area = strategy.focus_areas.get(number=1)
    renamed = admin_client.post(
        f"/admin/focusareas/focusarea/{area.pk}/change/",
        {"strategy": area.strategy_id, "number": area.number, "name": "Nyt navn for unge", "slug": area.slug,
         "indicators-TOTAL_FORMS": 0, "indicators-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert renamed.status_code == 302
    assert "Nyt navn for unge" in _page(client, "/")


def test_a_changed_official_value_and_a_measures_decimals_show_at_once(
    client, committee_member, administrator, strategy, django_capture_on_commit_callbacks
):
    client.force_login(committee_member)
    assert "6.543" not in _page(client)
    indicator = strategy.focus_areas.get(number=1).indicators.get(code="F1.0")
    expected = indicator.measure.expected.values.get(year=LAST.year, number=LAST.quarter)
    expected.value = Decimal(6543)
    with django_capture_on_commit_callbacks(execute=True):
        save_official_value(administrator, expected, "Revideret af Jobindsats")
    assert "6.543" in _page(client)
    measure = indicator.measure
    measure.decimals = 2
    with django_capture_on_commit_callbacks(execute=True):
        save_measure(administrator, measure, "To decimaler")
    assert "6.543,00" in _page(client)


def test_a_cached_page_shows_each_user_their_own_name_and_login(client, strategy, settings):
    settings.PUBLIC_DASHBOARD = True
    anne = factories.user("anne", first_name="Anne", last_name="Udvalg")
    bo = factories.user("bo", first_name="Bo", last_name="Udvalg")
    client.force_login(anne)
    assert "Anne Udvalg" in _page(client, "/")
    client.force_login(bo)
    page = _page(client, "/")
    assert "Bo Udvalg" in page and "Anne Udvalg" not in page
    client.logout()
    page = _page(client, "/")
    assert "Bo Udvalg" not in page and "Log ind" in page


def test_the_english_page_is_not_served_to_a_danish_reader(client, committee_member, strategy):
    client.force_login(committee_member)
    danish = _page(client, "/")
    client.cookies["django_language"] = "en"
    english = _page(client, "/")
    assert danish != english
    assert 'lang="en"' in english


def test_the_cache_keeps_a_page_compressed_and_serves_it_as_drawn(client, committee_member, strategy):
    """Every page drawn anew is written to the shared cache: compressed, the write costs a fraction."""
    from django.core.cache import cache

    from operations.cache import generation, page_key

    client.force_login(committee_member)
    drawn = _page(client, "/rapport/2024/2/")
    stored = cache.get(page_key("/rapport/2024/2/", language="da", staff=False), version=generation())
    assert stored is not None
    assert len(stored) < len(drawn.encode()) / 3
    assert _main(_page(client, "/rapport/2024/2/")) == _main(drawn)


LONG_ADDRESSES = [
    "/?x=" + "a" * 230,
    "/?x=" + "%C3%A6" * 80,  # æ, percent-encoded: 480 characters
    "/?kvartal=2024K" + "9" * 250,
    "/indikatorer/F1.0/?utm=" + "b" * 300,
    "/fokusomraader/omraade-1/?fbclid=" + "c" * 300,
]


@pytest.mark.parametrize("path", LONG_ADDRESSES)
def test_a_long_address_is_served_and_cached_in_the_portals_cache_table(
    client, committee_member, strategy, database_cache, path
):
    client.force_login(committee_member)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)  # a key too long for some caches
        response = client.get(path, follow=True)
        assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, follow=True).status_code == 200
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "focusareas_" not in read  # served from the cache


def test_a_tracking_links_parameters_make_no_new_cache_entry(client, committee_member, strategy):
    client.force_login(committee_member)
    plain = _page(client, "/indikatorer/F1.0/")
    with CaptureQueriesContext(connection) as queries:
        tracked = _page(client, "/indikatorer/F1.0/?utm_source=nyhedsbrev&fbclid=IwAR0abc")
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "indicators_" not in read and "focusareas_" not in read
    assert _main(tracked) == _main(plain)


def test_a_page_drawn_for_a_tracking_link_carries_none_of_its_parameters(client, committee_member, strategy):
    client.force_login(committee_member)
    page = _page(client, "/indikatorer/F1.0/?utm_source=nyhedsbrev")
    assert "nyhedsbrev" not in _main(page)  # its sorting links would otherwise carry it to every reader


def test_the_sorting_a_page_reads_keeps_its_own_cache_entry(client, committee_member, strategy):
    client.force_login(committee_member)
    plain = _main(_page(client, "/indikatorer/F1.0/"))
    ordered = _main(_page(client, "/indikatorer/F1.0/?F1.0-sort=actual"))
    assert ordered != plain


def test_an_unreachable_cache_never_fails_a_page(client, committee_member, strategy, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    client.force_login(committee_member)
    assert "Fokusområde 1" in _page(client, "/")
    assert "page cache" in caplog.text


def test_a_second_reader_waits_for_the_drawing_and_takes_it_from_the_cache(db):
    """A worker draws one costly thing (a PDF) at a time; whoever asks meanwhile gets the one drawn."""
    import threading
    import time

    from django.db import connections

    from operations.cache import drawn_once

    draws = []

    def draw() -> bytes:
        draws.append(1)
        time.sleep(0.3)
        return b"%PDF"

    answers = []

    def reader():
        try:
            answers.append(drawn_once("rapport-2024K2", draw))
        finally:
            connections.close_all()  # this thread's own connection

    readers = [threading.Thread(target=reader) for _ in range(2)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    assert answers == [b"%PDF", b"%PDF"] and len(draws) == 1
