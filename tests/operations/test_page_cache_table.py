"""The page cache's table keeps one row per page, written in one statement, and stays within its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from operations.cache_table import CULL_EVERY, PageCache, unlog

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache():
    """The portal's cache table, with room for few pages so that culling shows."""
    cache = PageCache("portal_cache", {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    cache.clear()
    return cache


def test_a_page_is_written_in_one_statement_and_written_again_over_itself(cache):
    with CaptureQueriesContext(connection) as written:
        cache.set("page:1:/rapport/", b"first")
    assert len(written) == 1
    cache.set("page:1:/rapport/", b"again")
    assert cache.get("page:1:/rapport/") == b"again"
    assert cache.get("page:2:/rapport/") is None


def test_a_page_past_its_time_is_gone(cache):
    cache.set("page:1:/", b"page", timeout=-1)
    assert cache.get("page:1:/") is None


def test_the_table_is_culled_to_its_size_as_it_fills(cache):
    for number in range(CULL_EVERY * 3):
        cache.set(f"page:{number}:/", b"page")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM portal_cache")
        assert cursor.fetchone()[0] <= 10 + CULL_EVERY


def test_the_portal_keeps_its_pages_in_it_unless_redis_is_configured():
    from strategy_portal import settings as configured

    expected = (
        "django.core.cache.backends.redis.RedisCache"
        if configured.REDIS_URL
        else "operations.cache_table.PageCache"
    )
    assert configured.CACHES["default"]["BACKEND"] == expected


def test_on_postgresql_the_table_is_kept_out_of_the_write_ahead_log(settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no write-ahead log to keep a table out of")
    settings.CACHES = {"default": {"BACKEND": "operations.cache_table.PageCache", "LOCATION": "portal_cache"}}
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE portal_cache SET LOGGED")
        unlog()
        cursor.execute("SELECT relpersistence FROM pg_class WHERE oid = to_regclass('portal_cache')")
        assert cursor.fetchone()[0] == "u"
