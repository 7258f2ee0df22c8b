"""A quarter's value from a measure's official values for one area: the one rule read by the actuals written
on import, the comparison series and the comparison page, so that the three show the same figure."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from core.periods import Quarter

from .models import MeasureType
from .periods import Kind, Period

# Which kind of period gives a quarter its value, best first. The quarter as published is the quarter itself.
# Then its three months, combined: they span exactly the quarter (a flow's quarter is their sum, which a flow
# judged year to date adds up). Last the moving year ending with the quarter: it spans the four quarters up
# to it, so it stands for the quarter only where nothing narrower is published (the ministry's benchmark).
PREFERENCE = (Kind.QUARTER, Kind.MONTH, Kind.MOVING_YEAR)
type Rows = Iterable[tuple[int, str, int, Decimal]]  # (year, kind, number, value), as stored


def quarter_values(rows: Rows, measure_type: str) -> dict[Quarter, Decimal]:
    """{quarter: value} from the rows of one measure and area, by PREFERENCE."""
    by_kind, values = _by_kind(rows, measure_type), {}
    for kind in reversed(PREFERENCE):  # the preferred kind is written last, over the others
        values.update(by_kind[kind])
    return values


def quarters_made(rows: Rows, measure_type: str) -> dict[Quarter, tuple[Decimal, str]]:
    """{quarter: (value, the kind of period it is made from)}, by PREFERENCE."""
    by_kind, made = _by_kind(rows, measure_type), {}
    for kind in reversed(PREFERENCE):
        made.update((quarter, (value, kind)) for quarter, value in by_kind[kind].items())
    return made


def _by_kind(rows: Rows, measure_type: str) -> dict[str, dict[Quarter, Decimal]]:
    """Each kind's value of each quarter. Three months make a quarter only when all three are there: their
    mean for a level, their sum for a flow. A calendar year makes none."""
    quarters: dict[Quarter, Decimal] = {}
    moving: dict[Quarter, Decimal] = {}
    months: dict[Quarter, list[Decimal]] = defaultdict(list)  # a period is one row: a month comes once
    for year, kind, number, value in rows:
        if kind == Kind.MONTH:
            months[_quarter(year, kind, number)].append(value)
        elif kind == Kind.QUARTER:
            quarters[_quarter(year, kind, number)] = value
        elif kind == Kind.MOVING_YEAR:
            moving[_quarter(year, kind, number)] = value
    flow = measure_type == MeasureType.FLOW
    of_months = {
        quarter: sum(three, Decimal(0)) if flow else sum(three, Decimal(0)) / 3
        for quarter, three in months.items()
        if len(three) == 3
    }
    return {Kind.QUARTER: quarters, Kind.MONTH: of_months, Kind.MOVING_YEAR: moving}


@functools.cache
def _quarter(year: int, kind: str, number: int) -> Quarter | None:
    """The quarter a period makes (Period.quarter), once per period: a report reads thousands of rows."""
    return Period(year, kind, number).quarter
