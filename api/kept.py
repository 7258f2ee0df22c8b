"""A JSON answer of the approved figures kept until any figure changes, as the portal keeps its pages
(operations.cache): under the generation, which every writing service raises in its transaction. Every
reader gets the same approved figures, so one copy serves all; access and rate limits are checked first."""

from __future__ import annotations

import hashlib
import logging
import zlib
from collections.abc import Callable

from django.core.cache import cache

from operations.cache import TIMEOUT, generation

logger = logging.getLogger(__name__)


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
        cache.set(name, zlib.compress(content, 1), TIMEOUT, version=version)
    except Exception:
        logger.exception("The API's cache could not be written")
    return content
