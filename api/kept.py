"""A JSON answer of the approved figures kept until any figure changes, as the portal keeps its pages
(operations.cache): under the generation, which every writing service raises in its transaction. Every
reader gets the same approved figures, so one copy serves all; access and rate limits are checked first."""

from __future__ import annotations

import hashlib
import logging
import zlib
from collections.abc import Callable
from contextlib import contextmanager

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction

from operations.cache import TIMEOUT, generation

logger = logging.getLogger(__name__)


@contextmanager
def unflushed():
    """The cache's writes of a request in one transaction, committed without waiting for the disk where the
    cache is a table in PostgreSQL: a kept answer or a rate limit's history lost in a crash costs a draw or
    a few requests' count. Each commit that waits for the disk cost some 4 ms of the figures drawn anew
    (bench/api.py), and the kept answer and the two rate limits' histories were three of them."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, DatabaseCache):
        yield
        return
    using = router.db_for_write(backend.cache_model_class)
    with transaction.atomic(using=using):
        if connections[using].vendor == "postgresql":
            with connections[using].cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def key(request) -> str:
    """The answer's key: its path and its query parameters in order, of fixed length."""
    query = sorted((name, value) for name, values in request.GET.lists() for value in values)
    digest = hashlib.sha256(repr((request.path, query)).encode()).hexdigest()
    return f"api:{digest}"


def kept_or_drawn(request, draw: Callable[[], bytes]) -> bytes:
    name, version = key(request), generation()
    try:
        stored = cache.get(name, version=version)
    except Exception:  # the cache only saves work
        logger.exception("The API's cache could not be read")
        stored = None
    if stored is not None:
        return zlib.decompress(stored)
    content = draw()
    try:
        with unflushed():
            cache.set(name, zlib.compress(content, 1), TIMEOUT, version=version)
    except Exception:
        logger.exception("The API's cache could not be written")
    return content
