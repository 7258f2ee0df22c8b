"""Is an indicator on track in a quarter? The one rule that decides, with its word, symbol and colour."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Direction, MeasureType

FOUR = Decimal(4)
HUNDRED = Decimal(100)


class Status(models.TextChoices):
    ON_TRACK = "on_track", _("på sporet")
    CLOSE = "close", _("tæt på")
    OFF_TRACK = "off_track", _("ikke på sporet")
    NO_DATA = "no_data", _("ingen data")
    NO_TARGET = "no_target", _("intet mål")

    @property
    def symbol(self) -> str:
        # A shape as well as a colour, so the status survives grey print and colour blindness.
        return _SYMBOLS[self]

    @property
    def css_class(self) -> str:
        return f"status-{self.value.replace('_', '-')}"


_SYMBOLS = {
    Status.ON_TRACK: "✓",
    Status.CLOSE: "≈",
    Status.OFF_TRACK: "✗",
    Status.NO_DATA: "–",
    Status.NO_TARGET: "○",
}


class TargetLike(Protocol):
    year: int
    quarter: int | None
    value_min: Decimal
    value_max: Decimal


@dataclass(frozen=True)
class Assessment:
    """The status and what it was based on: the figure compared and the target it was compared with."""

    status: Status
    compared: Decimal | None = None
    target_min: Decimal | None = None
    target_max: Decimal | None = None
    year_to_date: bool = False

    @property
    def target_is_range(self) -> bool:
        return self.target_min is not None and self.target_min != self.target_max


def target_for(targets: Iterable[TargetLike], year: int, quarter: int) -> TargetLike | None:
    """The target that applies to a quarter: its own quarterly target if set, else the year's target."""
    annual = None
    for target in targets:
        if target.year != year:
            continue
        if target.quarter == quarter:
            return target
        if target.quarter is None:
            annual = target
    return annual


def year_end_target(targets: Iterable[TargetLike], year: int, measure_type: str) -> TargetLike | None:
    """The target a year's end is judged against: a flow's year total against the year's target, a level's
    fourth quarter against the target that applies to it."""
    if measure_type == MeasureType.FLOW:
        return next((t for t in targets if t.year == year and t.quarter is None), None)
    return target_for(targets, year, 4)


def pro_rata(target: TargetLike, quarters: int) -> tuple[Decimal, Decimal]:
    """A flow's annual target for `quarters` quarters of the year: its range × quarters / 4."""
    share = Decimal(quarters) / FOUR
    return Decimal(target.value_min) * share, Decimal(target.value_max) * share


def judged_target(
    *, year_values: Sequence[Decimal | None], target: TargetLike | None, measure_type: str
) -> tuple[Decimal | None, Decimal | None]:
    """The target range a quarter's figure is judged against, also while the figure is awaited.

    year_values as for assess_quarter. A flow's annual target is pro rata to the quarters reported this year,
    the quarter judged counted as reported (it will be once its figure comes in): the target shown before
    the figure is the one it is then judged against. Any other target is judged as set.
    """
    if target is None:
        return None, None
    if measure_type == MeasureType.FLOW and target.quarter is None:
        reported_before = sum(1 for value in year_values[:-1] if value is not None)
        return pro_rata(target, reported_before + 1)
    return Decimal(target.value_min), Decimal(target.value_max)


def assess_quarter(
    *,
    year_values: Sequence[Decimal | None],
    target: TargetLike | None,
    direction: str,
    measure_type: str = MeasureType.LEVEL,
    tolerance_pct: Decimal | int = 5,
) -> Assessment:
    """Decide the status of one indicator in one quarter.

    year_values: the year's actuals from the first quarter up to and including the quarter assessed
    (None where missing), so len(year_values) is the quarter number. A level compares the quarter's own
    value; a flow compares the sum so far this year with the annual target pro rata (target × quarters
    reported / 4, see judged_target), or the quarter's own value with a quarterly target when one is set.

    A range target is met from its near end onwards: for higher-is-better at or above its minimum, for
    lower-is-better at or below its maximum; going beyond the range in the good direction is still met.
    'Tæt på' is a miss by no more than tolerance_pct per cent of the target boundary (inclusive).
    """
    if not year_values or year_values[-1] is None:
        return Assessment(Status.NO_DATA)
    actual = Decimal(year_values[-1])
    if target is None:
        return Assessment(Status.NO_TARGET, compared=actual)

    low, high = judged_target(year_values=year_values, target=target, measure_type=measure_type)
    compared, year_to_date = actual, False
    if measure_type == MeasureType.FLOW and target.quarter is None:
        compared = sum((Decimal(value) for value in year_values if value is not None), Decimal(0))
        year_to_date = True

    tolerance = Decimal(tolerance_pct) / HUNDRED
    if direction == Direction.LOWER_IS_BETTER:
        shortfall, boundary = compared - high, high
    else:
        shortfall, boundary = low - compared, low
    if shortfall <= 0:
        status = Status.ON_TRACK
    elif shortfall <= abs(boundary) * tolerance:
        status = Status.CLOSE
    else:
        status = Status.OFF_TRACK
    return Assessment(status, compared=compared, target_min=low, target_max=high, year_to_date=year_to_date)
