"""Cached pages: the expensive part of a dashboard page is kept until any figure, target or text changes.

As djangoproject.com's dashboard does it: a page is kept under its key with the generation as the cache's
version (`cache.get(key, version=generation)`), and a change makes every page stale at once by raising the
generation. The generation is one row in the database, raised by the one signal every writing service sends
(core.signals.figures_changed) inside its transaction: readers see the new generation exactly when they can
see the change.
"""

import hashlib
import logging
import re
import threading
import zlib
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.db.models import F
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

from core.signals import figures_changed

from .models import FiguresGeneration

# The only per-user part of a page: the login/logout tools (with their CSRF tokens) in the header.
USER_TOOLS = re.compile(r"<!--user-tools-->.*?<!--/user-tools-->", re.S)
USER_TOOLS_TEMPLATE = "includes/user_tools.html"
TIMEOUT = 60 * 60
# The query parameters the cached pages read: the quarter picker, the indicator page's page of quarters, and
# the figure tables' sorting and paging (django-tables2's, prefixed by the indicator's code). Any other, such
# as a tracking link's utm_source or fbclid, is dropped before the page is drawn: it neither shows in the
# page's links nor makes a new cache entry.
PAGE_PARAMETERS = re.compile(r"kvartal|side|(?:.+-)?(?:sort|page|per_page)")

logger = logging.getLogger(__name__)
# A worker draws one PDF at a time: four readers drawing at once held every worker for seconds.
_drawing = threading.Lock()


def generation() -> int:
    return FiguresGeneration.objects.values_list("number", flat=True).first() or 0


@receiver(figures_changed, dispatch_uid="page-cache-figures-changed")
def generation_raise(**kwargs) -> None:
    """Make every cached page stale; inside the writer's transaction, so readers see it with the change."""
    if not FiguresGeneration.objects.filter(pk=1).update(number=F("number") + 1):
        FiguresGeneration.objects.update_or_create(pk=1, defaults={"number": 1})


def page_key(address: str, *, language: str, staff: bool) -> str:
    """A page's key, of fixed length however long its address (a cache's key holds at most 250 characters)."""
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{language}:{'staff' if staff else 'reader'}:{digest}"


def _page_parameters(request) -> str:
    """Keep only the query parameters a page reads, and give the address the page is drawn for."""
    kept = request.GET.copy()
    for name in list(kept):
        if not PAGE_PARAMETERS.fullmatch(name):
            del kept[name]
    request.GET = kept
    return f"{request.path}?{kept.urlencode()}" if kept else request.path


def _read(key: str, version: int):
    try:
        return cache.get(key, version=version)
    except Exception:  # the cache only saves work: a reader gets the page drawn anew
        logger.exception("The page cache could not be read")
        return None


def _write(key: str, value, version: int) -> None:
    try:
        cache.set(key, value, TIMEOUT, version=version)
    except Exception:  # the page is still sent; the next reader draws it again
        logger.exception("The page cache could not be written")


def _packed(content: bytes) -> bytes:
    """A page as the cache keeps it: compressed (a report's 55 KB of HTML is 7 KB), so writing it to the
    shared cache's table, which every page drawn anew does, takes a fraction of the time."""
    return zlib.compress(content, 1)


def _unpacked(stored) -> str:
    return stored if isinstance(stored, str) else zlib.decompress(stored).decode()


def cached_page(view):
    """Serve a GET page from the cache when no figure has changed since it was drawn.

    Every role sees the same approved figures, so one copy serves all; only the header's login tools
    are drawn for each request.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET":
            return view(request, *args, **kwargs)
        address = _page_parameters(request)
        key, version = page_key(address, language=get_language(), staff=request.user.is_staff), generation()
        stored = _read(key, version)
        if stored is not None:
            html = _unpacked(stored)
            tools = render_to_string(USER_TOOLS_TEMPLATE, request=request)
            return HttpResponse(
                USER_TOOLS.sub(lambda _: f"<!--user-tools-->{tools}<!--/user-tools-->", html, count=1)
            )
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            _write(key, _packed(response.content), version)
        return response

    return wrapper


def drawn_once(name: str, draw: Callable[[], bytes]) -> bytes:
    """What is costly to draw (a quarter's PDF), drawn once per change and language and kept in the shared
    cache. A reader who asks while it is being drawn waits for it and then takes it from the cache."""
    key, version = f"drawn:{get_language()}:{name}", generation()
    if (kept := _read(key, version)) is not None:
        return kept
    with _drawing:
        if (kept := _read(key, version)) is not None:
            return kept
        content = draw()
        _write(key, content, version)
        return content
