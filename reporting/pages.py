"""What each dashboard page shows, computed from StrategyFigures without further queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.periods import Quarter
from indicators.models import Unit
from indicators.projection import Projection, year_end_projection

from . import charts
from .selectors import AreaFigures, Calendar, IndicatorFigures, QuarterRow, QuarterWindow, StrategyFigures

TREND_QUARTERS = 8


@dataclass
class Card:
    """One focus area on the overview: its key figure's row in the quarter, read from the read model."""

    area: AreaFigures
    key: IndicatorFigures | None
    row: QuarterRow | None
    chart: charts.Chart | None
    on_track: int
    count: int
    latest_known: tuple[Quarter, object] | None = None


def recent(quarter: Quarter, n: int) -> list[Quarter]:
    """The n quarters up to and including quarter (contiguous, so gaps show as gaps)."""
    return [quarter + k for k in range(-n + 1, 1)]


def overview_window(quarter: Quarter) -> QuarterWindow:
    """The overview shows the quarter, its changes since the quarter before and a year before, and the trend
    charts' quarters."""
    return QuarterWindow.showing(recent(quarter, TREND_QUARTERS)[0], quarter)


def overview_cards(figures: StrategyFigures, quarter: Quarter, calendar: Calendar) -> list[Card]:
    cards = []
    for area in figures.areas:
        key = area.key_figure
        chart = None
        if key is not None:
            chart = charts.indicator_chart(
                key,
                recent(quarter, TREND_QUARTERS),
                chart_id=f"trend-{area.focus_area.slug}",
                title=_("Udvikling i %(name)s") % {"name": key.indicator.name},
                small=True,
            )
        cards.append(
            Card(
                area=area,
                key=key,
                row=key.row(quarter) if key else None,
                latest_known=calendar.latest_known(key, quarter) if key else None,
                chart=chart,
                on_track=area.on_track(quarter),
                count=len(area.indicators),
            )
        )
    return cards


# A focus area lists its indicators ten to a page, so a page draws in the same time however many it has.
INDICATORS_PER_PAGE = 10
PAGE_PARAMETER = "side"


def page_number(text: str | None) -> int:
    """The page asked for (?side=2); the first page for anything that is not a page number."""
    try:
        return max(1, int(text or 1))
    except ValueError:
        return 1


def indicators_on_page(number: int) -> slice:
    """Which of a focus area's indicators (in the order the page lists them) a page shows."""
    return slice((number - 1) * INDICATORS_PER_PAGE, number * INDICATORS_PER_PAGE)


def quarter_rows(item: IndicatorFigures, quarters: list[Quarter]) -> dict:
    """The read model's row for each quarter a page shows of an indicator, read once for chart and table."""
    return {q: item.row(q) for q in dict.fromkeys([*quarters, *item.quarters])}


def history_span(item: IndicatorFigures, latest: Quarter | None) -> list[Quarter]:
    """From the indicator's first approved quarter to the latest quarter of the strategy."""
    if not item.actuals or latest is None:
        return []
    first = min(item.actuals)
    return [first + n for n in range(latest - first + 1)]


# A projection speaks of what is counted ("ca. 57 borgere"), not of the unit's column header ("antal").
UNIT_WORDS = {
    Unit.FULL_TIME_PERSONS: gettext_lazy("fuldtidspersoner"),
    Unit.COUNT: gettext_lazy("borgere"),
    Unit.PERCENT: "%",
    Unit.WEEKS: gettext_lazy("uger"),
    Unit.KRONER: gettext_lazy("kr."),
}


def projection_for(item: IndicatorFigures) -> Projection | None:
    """The year-end projection, in the unit's own word; none for a rank, which is not a quantity."""
    if not item.actuals or item.indicator.measure.unit not in UNIT_WORDS:
        return None
    indicator = item.indicator
    return year_end_projection(
        actuals=item.actuals,
        latest=max(item.actuals),
        targets=item.targets,
        direction=indicator.direction,
        measure_type=indicator.measure.measure_type,
        tolerance_pct=indicator.tolerance_pct,
        decimals=indicator.measure.decimals,
        unit=str(UNIT_WORDS[indicator.measure.unit]),
    )
