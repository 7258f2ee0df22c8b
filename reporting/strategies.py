"""The strategy itself: the one in force with its principles and text, and the replaced strategies and plans
with their own figures and targets, year by year (the Beskæftigelsesplan 2018: realised 2016, expected 2017,
target 2018, with its "heraf" rows)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core import formats
from focusareas.models import Strategy
from measures.own import BENCHMARK, COMPANIONS, ESTIMATE

from .selectors import AreaFigures, IndicatorFigures, StrategyFigures

# Columns in the order a plan reads: what happened, what was expected or compared, what is aimed for.
# Column order within a year; other series (the region, the peer group) come after these.
KINDS = ("actual", COMPANIONS[ESTIMATE][1], "Hele landet", COMPANIONS[BENCHMARK][1], "target")


def strategies_shown():
    """Every strategy of the portal's municipality a reader may consult: the one in force at the top, then the
    replaced ones, the latest first (one without a known adoption date last)."""
    shown = (
        Strategy.objects.of_portal()
        .select_related("municipality__area")
        .exclude(status=Strategy.Status.DRAFT)
    )
    order = {Strategy.Status.IN_FORCE: 0, Strategy.Status.REPLACED: 1}
    return sorted(shown, key=lambda s: (order.get(s.status, 2), -(s.adopted.toordinal() if s.adopted else 0)))


@dataclass
class YearRow:
    figures: IndicatorFigures
    depth: int
    cells: list[str]

    @property
    def source(self) -> str:
        """Where the row's figures come from; demo figures are called what they are."""
        figures = self.figures
        shown = {(source, quarter in figures.demo) for quarter, source in figures.sources.items()}
        labels = sorted({formats.source_label(source, demo=demo) for source, demo in shown if source or demo})
        return ", ".join(labels) or formats.source_label(figures.indicator.source)


@dataclass
class YearTable:
    area: AreaFigures
    columns: list[str]
    rows: list[YearRow] = field(default_factory=list)


def _year_values(item: IndicatorFigures) -> dict[tuple[str, int], object]:
    """An indicator's figures by (kind, year): an actual is the year's last approved quarter."""
    values = {}
    for quarter in sorted(item.actuals):
        values["actual", quarter.year] = item.actuals[quarter]
    for series, by_quarter in item.comparisons.items():
        for quarter in sorted(by_quarter):
            values[series, quarter.year] = by_quarter[quarter]
    for target in item.targets:
        if target.quarter is None:
            values["target", target.year] = (target.value_min, target.value_max)
    return values


def _heading(kind: str, year: int) -> str:
    if kind == "actual":
        return _("Realiseret %(year)s") % {"year": year}
    if kind == "target":
        return _("Mål %(year)s") % {"year": year}
    if kind == COMPANIONS[ESTIMATE][1]:
        return _("Forventet %(year)s") % {"year": year}
    return f"{formats.series_label(kind)} {year}"


def year_tables(figures: StrategyFigures) -> list[YearTable]:
    """Per focus area one table: a row per indicator ("heraf" rows under their parent), a column per kind
    of figure and year that the area has."""
    tables = []
    for area in figures.areas:
        values = {item.indicator.pk: _year_values(item) for item in area.indicators}
        kinds = {kind: n for n, kind in enumerate(KINDS)}
        keys = sorted({key for v in values.values() for key in v}, key=lambda k: (k[1], kinds.get(k[0], 99)))
        table = YearTable(area, [_heading(kind, year) for kind, year in keys])
        for item in area.top_level:
            for depth, shown in [(0, item)] + [(1, part) for part in item.breakdowns]:
                indicator, measure = shown.indicator, shown.indicator.measure
                cells = []
                for key in keys:
                    value = values[indicator.pk].get(key)
                    if key[0] == "target":
                        cells.append(formats.target_text(*(value or (None, None)), measure.unit,
                                                         measure.decimals))  # fmt: skip
                    else:
                        cells.append(formats.figure(value, measure.unit, measure.decimals))
                table.rows.append(YearRow(shown, depth, cells))
        tables.append(table)
    return tables
