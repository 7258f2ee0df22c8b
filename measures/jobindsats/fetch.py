"""Fetching a table from the Jobindsats API v2: `POST <JOBINDSATS_API_URL>/v2/data/<table>/json` with the
areas (all: "*"), the periods and the group filters the measures need, the key in the Authorization header.

All network traffic goes through `transport`, which the tests replace with recorded answers."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _

from core.file_limits import FileTooLarge
from core.formats import danish

from ..periods import Kind, Period
from .limits import MAX_BYTES, check_size

# The API's parameter for a group column, by the column's label (`_ygrp_y30r21` for y30r21's
# Ydelsesgrupper). A group column not listed here is not filtered: the answer holds all its values and the
# import picks the measures' rows.
GROUP_PARAMETERS = {"Ydelsesgrupper": "_ygrp_{table}"}
TIMEOUT = 120  # seconds for the whole fetch, unless settings.JOBINDSATS_FETCH_SECONDS says otherwise
_CHUNK = 64 * 1024


class FetchFailed(Exception):
    """The API could not be asked or answered with an error; the message says why, in Danish."""


def transport(url: str, body: bytes, headers: dict[str, str], timeout: float = TIMEOUT) -> bytes:
    """POST body to url and return the answer (at most the import's file size limit), all within timeout
    seconds.

    http.client, not urllib: it follows no redirect, so the key in headers goes to url's host only; a
    redirect comes back as an HTTPError. The deadline holds for connecting, the headers and the body alike:
    a server that sends a byte now and then never lets a socket timeout fire, so a timer cuts the
    connection when the time is up."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchFailed(
            _("JOBINDSATS_API_URL skal være en adresse med https://, ikke '%(url)s'.") % {"url": url}
        )
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname, parts.port, timeout=timeout)
    deadline = time.monotonic() + timeout
    timer = threading.Timer(timeout, _cut, [connection])
    timer.daemon = True
    timer.start()
    try:
        connection.connect()
        _in_time(deadline, timeout)  # a timer that fired while connecting found no socket to cut
        connection.request("POST", parts.path + (f"?{parts.query}" if parts.query else ""), body, headers)
        response = connection.getresponse()
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(url, response.status, response.reason, response.headers, None)
        data = bytearray()
        while len(data) <= MAX_BYTES and (chunk := response.read1(_CHUNK)):
            data += chunk
            _in_time(deadline, timeout)
    except (OSError, http.client.HTTPException):
        _in_time(deadline, timeout)  # a connection cut by the timer fails here: say so, not how it broke
        raise
    finally:
        timer.cancel()
        connection.close()
    _in_time(deadline, timeout)
    check_size(len(data))
    return bytes(data)


def _cut(connection: http.client.HTTPConnection) -> None:
    """Wake a read that waits on the connection: shut the socket itself down, below any TLS layer."""
    if connection.sock is not None:
        with contextlib.suppress(OSError):  # already closed
            socket.socket.shutdown(connection.sock, socket.SHUT_RDWR)


def _in_time(deadline: float, timeout: float) -> None:
    if time.monotonic() >= deadline:
        raise FetchFailed(
            _(
                "Jobindsats svarede ikke færdigt inden for %(seconds)s sekunder; intet er hentet. "
                "Prøv igen senere (grænsen er JOBINDSATS_FETCH_SECONDS)."
            )
            % {"seconds": danish(timeout, 0 if timeout == int(timeout) else 1)}
        )


def periods_between(texts: Iterable[str]) -> list[str]:
    """Periods as written with --period: single ones, comma-separated lists and ranges such as
    2015M01-2024M12 or 2023QMAT01-2024QMAT02 (both ends included, one kind of period)."""
    periods: list[str] = []
    for text in texts:
        for part in (piece.strip() for piece in text.split(",")):
            if not part:
                continue
            first, _dash, last = part.partition("-")
            start = Period.parse(first)
            end = Period.parse(last) if last else start
            if end.kind != start.kind or end < start:
                raise ValueError(
                    _("'%(range)s' er ikke et interval af perioder af samme slags, fx 2015M01-2024M12.")
                    % {"range": part}
                )
            period = start
            while period <= end:
                periods.append(str(period))
                period = _next(period)
    return list(dict.fromkeys(periods))


def _next(period: Period) -> Period:
    if period.kind == Kind.MONTH:
        return Period(period.year + period.number // 12, Kind.MONTH, period.number % 12 + 1)
    if period.kind in (Kind.QUARTER, Kind.MOVING_YEAR):
        return Period(period.year + period.number // 4, period.kind, period.number % 4 + 1)
    return Period(period.year + 1, Kind.YEAR, 0)


def request_body(table: str, periods: list[str], measures) -> dict:
    body: dict[str, object] = {"area": "*", "period": list(periods)}
    for measure in measures:
        for column, value in (measure.filters or {}).items():
            parameter = GROUP_PARAMETERS.get(column)
            if parameter:
                wanted = body.setdefault(parameter.format(table=table), [])
                if value not in wanted:
                    wanted.append(value)
    return body


def fetch(
    table: str, *, periods: list[str], measures, api_key: str, base_url: str, timeout: float | None = None
) -> bytes:
    """The answer of the API for the table, as bytes to import or save, within timeout seconds (by default
    settings.JOBINDSATS_FETCH_SECONDS)."""
    if not base_url:
        raise FetchFailed(
            _(
                "Indstillingen JOBINDSATS_API_URL er ikke sat. Sæt den til adressen på Jobindsats' API "
                "(miljøvariablen JOBINDSATS_API_URL), før der hentes."
            )
        )
    if not api_key:
        raise FetchFailed(
            _(
                "Miljøvariablen JOBINDSATS_API_KEY er ikke sat. "
                "Den skal holde jeres nøgle til Jobindsats' API."
            )
        )
    if not periods:
        raise FetchFailed(_("Vælg perioderne med --period, fx --period 2024QMAT01,2024QMAT02."))
    url = f"{base_url.rstrip('/')}/v2/data/{table}/json"
    body = json.dumps(request_body(table, periods, measures), ensure_ascii=False).encode("utf-8")
    headers = {"Authorization": api_key, "Content-Type": "application/json", "Accept": "application/json"}
    try:
        return transport(url, body, headers, timeout or settings.JOBINDSATS_FETCH_SECONDS)
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise FetchFailed(
                _(
                    "Jobindsats svarede med en omdirigering (HTTP %(code)s) til '%(location)s'. Portalen "
                    "følger ikke omdirigeringer, så nøglen kun sendes til JOBINDSATS_API_URL; ret adressen, "
                    "hvis Jobindsats er flyttet."
                )
                % {"code": error.code, "location": str(error.headers.get("Location", ""))[:200]}
            ) from None
        if error.code in (401, 403):
            raise FetchFailed(
                _("Jobindsats afviste nøglen (HTTP %(code)s). Tjek JOBINDSATS_API_KEY.")
                % {"code": error.code}
            ) from None
        raise FetchFailed(
            _("Jobindsats svarede med fejl HTTP %(code)s for tabellen %(table)s.")
            % {"code": error.code, "table": table}
        ) from None
    except FileTooLarge as error:
        raise FetchFailed(str(error)) from None
    except (OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        raise FetchFailed(_("Jobindsats kunne ikke nås: %(reason)s") % {"reason": reason}) from None
