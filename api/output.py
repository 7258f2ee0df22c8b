"""Rows out as JSON (a page of them) or as CSV (every row asked for, streamed, in constant memory)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache
from itertools import islice

import msgspec
from django.http import HttpResponse, StreamingHttpResponse

from .readers import Column

CSV_ROWS_PER_CHUNK = 2000


def wants_csv(request, format: str | None) -> bool:
    """?format=csv, or an Accept header asking for CSV (and not for JSON) when no format is named."""
    if format:
        return format == "csv"
    accept = request.headers.get("Accept", "")
    return "text/csv" in accept and "application/json" not in accept


# A decimal as the number it is (3.90 stays 3.90, not the float 3.9 nearest to it).
_ENCODER = msgspec.json.Encoder(decimal_format="number")


@cache
def _row_type(names: tuple[str, ...]) -> type[msgspec.Struct]:
    """A row of these columns as msgspec writes it: an object with the columns as keys, in their order."""
    return msgspec.defstruct("Row", names)


def json_page(
    rows: Iterable[tuple], cols: list[Column], *, count: int, limit: int, offset: int
) -> HttpResponse:
    """A page of rows as JSON, written by msgspec from the rows themselves: the whole strategy's 2 400
    figures in 1 ms, where the standard library's json took 8 ms through a dict per row (bench/api.py)."""
    row = _row_type(tuple(column.name for column in cols))
    body = {"count": count, "limit": limit, "offset": offset, "results": [row(*values) for values in rows]}
    return HttpResponse(_ENCODER.encode(body), content_type="application/json")


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
