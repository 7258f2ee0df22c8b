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
    """{quarter: value} from the rows of one measure and area."""
    return {quarter: value for quarter, (value, _kind) in quarters_made(rows, measure_type).items()}


def quarters_made(rows: Rows, measure_type: str) -> dict[Quarter, tuple[Decimal, str]]:
    """{quarter: (value, the kind of period it is made from)}, by PREFERENCE. Three months make a quarter only
    when all three are there: their mean for a level, their sum for a flow. A calendar year makes none."""
    by_kind: dict[str, dict[Quarter, Decimal]] = defaultdict(dict)
    months: dict[Quarter, dict[int, Decimal]] = defaultdict(dict)
    for year, kind, number, value in rows:
        quarter = _quarter(year, kind, number)
        if quarter is None:
            continue
        if kind == Kind.MONTH:
            months[quarter][number] = value
        else:
            by_kind[kind][quarter] = value
    for quarter, three in months.items():
        if len(three) == 3:
            total = sum(three.values(), Decimal(0))
            by_kind[Kind.MONTH][quarter] = total if measure_type == MeasureType.FLOW else total / 3
    made: dict[Quarter, tuple[Decimal, str]] = {}
    for kind in reversed(PREFERENCE):  # the preferred kind is written last, over the others
        made.update((quarter, (value, kind)) for quarter, value in by_kind[kind].items())
    return made


@functools.cache
def _quarter(year: int, kind: str, number: int) -> Quarter | None:
    """The quarter a period makes (Period.quarter), once per period: a report reads thousands of rows."""
    return Period(year, kind, number).quarter
