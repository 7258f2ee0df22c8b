"""The shared page cache's table: Django's database cache, writing a page in one statement.

Django's database cache counts the whole table, reads the key and then inserts or updates it, inside a
transaction: five round trips to the database for every page drawn anew. Here a page is written by one
upsert (PostgreSQL and SQLite both take INSERT … ON CONFLICT), and the table is counted, and culled as
Django culls it, on one write in CULL_EVERY. On PostgreSQL the table is unlogged: a cache needs no
write-ahead log (a crash empties it, and every page is drawn again), so a page is written without waiting for
the log to reach the disk."""

import base64
import datetime
import pickle

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils import timezone

CULL_EVERY = 20


class PageCache(DatabaseCache):
    def __init__(self, table, params):
        super().__init__(table, params)
        self._writes = 0

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        connection = connections[router.db_for_write(self.cache_model_class)]
        quote = connection.ops.quote_name
        table = quote(self._table)
        # The expiry as Django's database cache writes it.
        if timeout is None:
            expires = datetime.datetime.max
        else:
            expires = datetime.datetime.fromtimestamp(timeout, tz=datetime.UTC if settings.USE_TZ else None)
        expires = expires.replace(microsecond=0)
        # A string column, as Django's own cache writes it.
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        with connection.cursor() as cursor:
            self._writes += 1
            if self._writes % CULL_EVERY == 0:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                count = cursor.fetchone()[0]
                if count > self._max_entries:
                    self._cull(connection.alias, cursor, timezone.now().replace(microsecond=0), count)
            key_column, value_column, expires_column = (quote(c) for c in ("cache_key", "value", "expires"))
            cursor.execute(
                f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) VALUES (%s, %s, %s) "
                f"ON CONFLICT ({key_column}) DO UPDATE SET {value_column} = excluded.{value_column}, "
                f"{expires_column} = excluded.{expires_column}",
                [key, encoded, connection.ops.adapt_datetimefield_value(expires)],
            )


def unlog(using: str = "default") -> None:
    """PostgreSQL: the page cache's table is kept out of the write-ahead log (made so once)."""
    cache, connection = caches["default"], connections[using]
    if connection.vendor != "postgresql" or not isinstance(cache, DatabaseCache):
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpersistence FROM pg_class WHERE oid = to_regclass(%s)", [cache._table])
        if (row := cursor.fetchone()) is not None and row[0] == "p":
            cursor.execute(f"ALTER TABLE {connection.ops.quote_name(cache._table)} SET UNLOGGED")
