"""When a Jobindsats table has a newer period to fetch, and which periods an administrator may choose.

Jobindsats publishes a period some time after it ends. How long is our assumption (PUBLISHED_AFTER, from
the dates Jobindsats' tables show): a month about two months after it ends, a quarter or a moving year about
three, a calendar year about four. A table is due when the latest period that should be published by now is
newer than the latest the portal holds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .models import JobindsatsFetch, OfficialValue, Table
from .periods import Kind, Period

# Days after a period ends before Jobindsats is expected to have published it.
PUBLISHED_AFTER = {Kind.MONTH: 60, Kind.QUARTER: 90, Kind.MOVING_YEAR: 90, Kind.YEAR: 120}
# How many of the latest periods the administrator chooses among.
CHOICES = {Kind.MONTH: 24, Kind.QUARTER: 8, Kind.MOVING_YEAR: 8, Kind.YEAR: 5}


def _frequency(table: Table | str) -> str:
    return table if isinstance(table, str) else table.frequency


def period_end(period: Period) -> datetime.date:
    """The last day of a period: of its month, of its quarter (a moving year ends with one) or of its year."""
    if period.kind == Kind.MONTH:
        last_month = period.number
    elif period.kind in (Kind.QUARTER, Kind.MOVING_YEAR):
        last_month = period.number * 3
    else:
        last_month = 12
    following = datetime.date(period.year + last_month // 12, last_month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def previous(period: Period) -> Period:
    if period.kind == Kind.MONTH:
        return Period(period.year - (period.number == 1), Kind.MONTH, (period.number - 2) % 12 + 1)
    if period.kind in (Kind.QUARTER, Kind.MOVING_YEAR):
        return Period(period.year - (period.number == 1), period.kind, (period.number - 2) % 4 + 1)
    return Period(period.year - 1, Kind.YEAR, 0)


def latest_published(table: Table | str, today: datetime.date) -> Period:
    """The newest period of the table's frequency that Jobindsats should have published by today."""
    kind = _frequency(table)
    if kind == Kind.MONTH:
        period = Period(today.year, kind, today.month)
    elif kind in (Kind.QUARTER, Kind.MOVING_YEAR):
        period = Period(today.year, kind, (today.month - 1) // 3 + 1)
    else:
        period = Period(today.year, Kind.YEAR, 0)
    while period_end(period) + datetime.timedelta(days=PUBLISHED_AFTER[kind]) > today:
        period = previous(period)
    return period


def period_choices(table: Table | str, today: datetime.date) -> list[Period]:
    """The latest periods the table's frequency allows that should be published by today, newest first:
    24 months, 8 quarters or moving years, or 5 years."""
    period = latest_published(table, today)
    choices = []
    for _n in range(CHOICES[_frequency(table)]):
        choices.append(period)
        period = previous(period)
    return choices


def is_due(table: Table | str, latest_held: Period | None, today: datetime.date) -> bool:
    """Whether Jobindsats should by now have published a newer period than the latest held."""
    return latest_held is None or latest_published(table, today) > latest_held


def due_periods(table: Table | str, latest_held: Period | None, today: datetime.date) -> list[Period]:
    """The periods to fetch, oldest first: those after the latest held, of the periods one may choose."""
    return sorted(
        period for period in period_choices(table, today) if latest_held is None or period > latest_held
    )


@dataclass
class Holding:
    table: Table
    latest: Period | None  # the latest period of the table's frequency held for its measures
    release: str
    last_fetch: JobindsatsFetch | None
    due: bool
    next_due: Period | None  # the newest period that should be published, when newer than the latest held


def latest_held(table: Table) -> tuple[Period | None, str]:
    """The latest period of the table's frequency held for any of its measures, and its release."""
    row = (
        OfficialValue.objects.filter(measure__table__iexact=table.code, kind=table.frequency)
        .order_by("-year", "-number")
        .values_list("year", "number", "release")
        .first()
    )
    if row is None:
        return None, ""
    year, number, release = row
    return Period(year, table.frequency, number), release


def last_fetch(code: str) -> JobindsatsFetch | None:
    return (
        JobindsatsFetch.objects.filter(table=code)
        .select_related("created_by")
        .defer("answer")
        .order_by("-created_at", "-id")
        .first()
    )


def holdings(today: datetime.date) -> list[Holding]:
    """Per catalogue table: the latest period held and its release, the last fetch and who started it, and
    whether a newer period is due."""
    rows = []
    for table in Table.objects.order_by("code"):
        latest, release = latest_held(table)
        due = is_due(table, latest, today)
        rows.append(
            Holding(
                table=table,
                latest=latest,
                release=release,
                last_fetch=last_fetch(table.code),
                due=due,
                next_due=latest_published(table, today) if due else None,
            )
        )
    return rows
