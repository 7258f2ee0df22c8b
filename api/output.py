"""Rows out as JSON (a page of them) or as CSV (every row asked for, streamed, in constant memory)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice

from django.http import HttpResponse, StreamingHttpResponse

from .readers import Column

CSV_ROWS_PER_CHUNK = 2000


def wants_csv(request, format: str | None) -> bool:
    """?format=csv, or an Accept header asking for CSV (and not for JSON) when no format is named."""
    if format:
        return format == "csv"
    accept = request.headers.get("Accept", "")
    return "text/csv" in accept and "application/json" not in accept


def _json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def json_page(
    rows: Iterable[tuple], cols: list[Column], *, count: int, limit: int, offset: int
) -> HttpResponse:
    names = [column.name for column in cols]
    body = {
        "count": count,
        "limit": limit,
        "offset": offset,
        "results": [dict(zip(names, row, strict=True)) for row in rows],
    }
    return HttpResponse(
        json.dumps(body, default=_json_value, separators=(",", ":")),
        content_type="application/json",
    )


def csv_cell(value) -> str:
    """Numbers as numbers (a point for decimals, no trailing zeros), truth as true/false, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return value


def _csv_chunks(rows: Iterable[tuple], header: list[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    rows = iter(rows)
    while True:
        chunk = list(islice(rows, CSV_ROWS_PER_CHUNK))
        if not chunk:
            break
        writer.writerows([csv_cell(value) for value in row] for row in chunk)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def csv_response(
    rows: Iterable[tuple], cols: list[Column], *, danish: bool, name: str
) -> StreamingHttpResponse:
    header = [column.danish if danish else column.name for column in cols]
    response = StreamingHttpResponse(_csv_chunks(rows, header), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.csv"'
    return response
