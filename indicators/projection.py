"""Year-end projection: from the quarters so far, where will an indicator end the year, and is that on target?

Method, and why:
- A level (e.g. full-time persons on a benefit) moves slowly and with some quarter-to-quarter noise. We fit a
  straight line (least squares) through the last up to six quarters and follow it to the fourth quarter.
  Six quarters are enough to smooth one odd quarter, and few enough to follow a change of course within a
  strategy period; with only a handful of years of data a seasonal model would be guessing. At least two
  quarters are needed for a line.
- A flow (e.g. recruitment tasks completed) is counted per quarter and summed over the year. The honest
  projection is the run rate so far: the year-to-date sum divided by the quarters reported, times four.
The projected value is then judged by the same status rule as an actual figure in the fourth quarter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
from django.utils.translation import gettext

from core.formats import number
from core.periods import Quarter

from .models import MeasureType
from .status import Status, TargetLike, assess_quarter, year_end_target

TREND_QUARTERS = 6
MIN_TREND_QUARTERS = 2


@dataclass(frozen=True)
class Projection:
    """A year-end projection: value, the continuation to draw, and whether the target will be met."""

    year: int
    value: Decimal | None
    method: str  # "trend", "run_rate", "actual" (the year is over) or "none"
    status: Status = Status.NO_DATA
    # The dashed continuation: from the last actual quarter to the fourth quarter.
    path: list[tuple[Quarter, Decimal]] = field(default_factory=list)
    sentence: str = ""

    @property
    def will_meet_target(self) -> bool | None:
        if self.status in (Status.NO_DATA, Status.NO_TARGET):
            return None
        return self.status == Status.ON_TRACK


def _decimal(value: float, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _trend(actuals: Mapping[Quarter, Decimal], latest: Quarter) -> pd.Series | None:
    """The last up to six quarters' actuals up to latest, as a series indexed by quarter number."""
    recent = {q: v for q, v in actuals.items() if latest - q < TREND_QUARTERS and q <= latest}
    if len(recent) < MIN_TREND_QUARTERS:
        return None
    series = pd.Series({latest - q: float(v) for q, v in recent.items()}).sort_index(ascending=False)
    # Position on the time axis counts back from latest: 0 is latest, -1 the quarter before, and so on.
    series.index = -series.index
    return series


def year_end_projection(
    *,
    actuals: Mapping[Quarter, Decimal],
    latest: Quarter,
    targets: list[TargetLike],
    direction: str,
    measure_type: str = MeasureType.LEVEL,
    tolerance_pct: Decimal | int = 5,
    decimals: int = 0,
    unit: str = "",
) -> Projection:
    """Project latest's year to its fourth quarter from the actuals up to latest (later ones are ignored)."""
    year = latest.year
    year_end = Quarter(year, 4)
    year_values = [actuals.get(Quarter(year, q)) for q in range(1, latest.quarter + 1)]
    if actuals.get(latest) is None:
        return Projection(
            year, None, "none", sentence=gettext("Der er ingen tal for kvartalet at fremskrive fra.")
        )

    if latest.quarter == 4:
        value, method, path = None, "actual", []
    elif measure_type == MeasureType.FLOW:
        reported = [v for v in year_values if v is not None]
        rate = sum(reported, Decimal(0)) / len(reported)
        value, method = _decimal(float(rate * 4), decimals), "run_rate"
        path = [(latest, sum(reported, Decimal(0)))]
        path += [
            (Quarter(year, q), _decimal(float(rate * q), decimals)) for q in range(latest.quarter + 1, 5)
        ]
    else:
        series = _trend(actuals, latest)
        if series is None:
            return Projection(
                year, None, "none", sentence=gettext("Der er for få kvartaler til at fremskrive året.")
            )
        slope, intercept = np.polyfit(series.index.to_numpy(), series.to_numpy(), 1)
        steps = year_end - latest
        value, method = _decimal(intercept + slope * steps, decimals), "trend"
        path = [(latest, actuals[latest])] + [
            (latest + n, _decimal(intercept + slope * n, decimals)) for n in range(1, steps + 1)
        ]

    # Judge the year end as the status rule judges a fourth quarter.
    if method == "actual":
        assessed_values = [actuals.get(Quarter(year, q)) for q in range(1, 5)]
    elif measure_type == MeasureType.FLOW:
        assessed_values = [value / 4] * 4
    else:
        assessed_values = [None, None, None, value]
    assessment = assess_quarter(
        year_values=assessed_values,
        target=year_end_target(targets, year, measure_type),
        direction=direction,
        measure_type=measure_type,
        tolerance_pct=tolerance_pct,
    )
    shown = value if method != "actual" else assessment.compared
    return Projection(
        year,
        shown,
        method,
        status=assessment.status,
        path=path,
        sentence=_sentence(method, year, shown, assessment.status, decimals, unit),
    )


def _sentence(method: str, year: int, value: Decimal | None, status: Status, decimals: int, unit: str) -> str:
    figure = f"{number(value, decimals)} {unit}".strip()
    if method == "actual":
        opening = gettext("Året %(year)s sluttede på %(figure)s") % {"year": year, "figure": figure}
    else:
        basis = (
            gettext("Hvis udviklingen i de seneste kvartaler fortsætter")
            if method == "trend"
            else gettext("Hvis tempoet indtil nu i år fortsætter")
        )
        opening = gettext("%(basis)s, ender %(year)s på ca. %(figure)s") % {
            "basis": basis,
            "year": year,
            "figure": figure,
        }
    if method == "actual":
        outcomes = {
            Status.ON_TRACK: gettext("og målet blev nået."),
            Status.CLOSE: gettext("og målet blev næsten nået (inden for tolerancen)."),
            Status.OFF_TRACK: gettext("og målet blev ikke nået."),
        }
    else:
        outcomes = {
            Status.ON_TRACK: gettext("og målet nås."),
            Status.CLOSE: gettext("og målet nås næsten (inden for tolerancen)."),
            Status.OFF_TRACK: gettext("og målet nås ikke."),
        }
    outcome = outcomes.get(status, gettext("men der er intet mål for året at holde det op imod."))
    return f"{opening}, {outcome}"
