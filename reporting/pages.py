"""What each dashboard page shows, computed from StrategyFigures without further queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.periods import Quarter
from indicators.models import Unit
from indicators.projection import Projection, year_end_projection
from measures.periods import Kind

from . import breakdowns, charts, official_charts
from .breakdowns import Shares
from .months import month_rows, month_sentence
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


# How many periods a breakdown's trend shows: a year of months and the month a year before.
TREND_PERIODS = 13


@dataclass
class MonthSection:
    """The months where the source is monthly: the latest month's sentence, and the chart with its table."""

    sentence: str
    chart: charts.Chart
    latest: object


@dataclass
class BreakdownSection:
    """A dimension of the measure (Køn, Alder …): its members in the latest period, and over time."""

    dimension: str
    slug: str
    period_label: str
    shares: Shares
    chart: charts.Chart
    trend: charts.Chart | None


def _unit_name(measure) -> str:
    return str(measure.get_unit_display()).capitalize()


def month_section(item: IndicatorFigures) -> MonthSection | None:
    """The municipality's latest months beside the same month a year before and Hele landet's change,
    where the measure's official values are monthly; None where they are not."""
    detail, measure = item.official, item.indicator.measure
    if detail is None or not detail.months:
        return None
    rows = month_rows(detail.months, detail.national_months, unit=measure.unit, decimals=measure.decimals)
    chart = official_charts.month_chart(
        rows, area_name=detail.area_name, national_name=detail.national_name, unit=measure.unit,
        decimals=measure.decimals, unit_name=_unit_name(measure),
    )  # fmt: skip
    chart.row_header = _("Måned")
    return MonthSection(sentence=month_sentence(rows[-1]), chart=chart, latest=rows[-1].month)


def breakdown_sections(item: IndicatorFigures) -> list[BreakdownSection]:
    """Each dimension the measure is shown by that has values: its members in the latest period with their
    shares, and their trend over the latest TREND_PERIODS periods."""
    detail, measure = item.official, item.indicator.measure
    if detail is None:
        return []
    sections = []
    for number, (dimension, members) in enumerate(detail.dimensions.items(), start=1):
        latest = breakdowns.latest_period(members)
        if latest is None:
            continue
        label = official_charts.period_label(latest)
        shown = breakdowns.shares(members, latest, detail.own.get(latest))
        chart = official_charts.shares_chart(
            shown, chart_id=f"chart-breakdown-{number}",
            title=_("%(name)s fordelt på %(dimension)s, %(period)s") % {
                "name": measure.name, "dimension": dimension.lower(), "period": label},
            unit=measure.unit, decimals=measure.decimals, unit_name=_unit_name(measure),
        )  # fmt: skip
        chart.row_header = dimension
        periods = breakdowns.recent_periods(members, TREND_PERIODS)
        trend = None
        if len(periods) > 1:
            trend = official_charts.trend_chart(
                members, periods, chart_id=f"chart-breakdown-{number}-trend",
                title=_("%(name)s fordelt på %(dimension)s over tid") % {
                    "name": measure.name, "dimension": dimension.lower()},
                unit=measure.unit, decimals=measure.decimals,
            )  # fmt: skip
            trend.row_header = _("Måned") if latest.kind == Kind.MONTH else _("Periode")
        sections.append(BreakdownSection(dimension, f"opdeling-{number}", label, shown, chart, trend))
    return sections


def official_source(item: IndicatorFigures) -> str:
    """'Kilde: Jobindsats, tabel y01a02, udgivelse 2024-09.' for the official values the page shows."""
    table = item.indicator.measure.table
    if not table or item.official is None:
        return ""
    text = _("Kilde: Jobindsats, tabel %(table)s") % {"table": table}
    if item.official.releases:
        text += ", " + _("udgivelse %(release)s") % {"release": ", ".join(item.official.releases)}
    return text + "."
