"""What the API reads: the strategies a reader may consult and what the committee's pages show of them, as
rows of plain values (one tuple per row, the columns named by each resource's Columns).

Approved figures come from reporting's own selector (approved_figures, the pages' rule: the published value
of every approved figure, across the measure's strategy versions); nothing here decides again which figure
a reader may see. Drafts, submitted and returned figures and corrections awaiting approval never reach it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from core.periods import FIRST_YEAR, LAST_YEAR, Quarter
from focusareas.models import FocusArea, Strategy
from indicators.locking import locked_quarters
from indicators.models import Indicator, Target
from measures.models import Area, OfficialValue
from measures.periods import Kind, Period
from reporting.selectors import QuarterWindow, approved_figures
from reporting.strategies import strategies_shown
from reporting.structure import strategy_in_force

EVERY_QUARTER = QuarterWindow(Quarter(FIRST_YEAR, 1), Quarter(LAST_YEAR, 4))
WHOLE = "hele"  # breakdown=hele: the measure's whole, no breakdown


@dataclass(frozen=True)
class Column:
    name: str
    danish: str


def columns(*pairs: tuple[str, str]) -> list[Column]:
    return [Column(name, danish) for name, danish in pairs]


STRATEGY_COLUMNS = columns(
    ("id", "id"), ("title", "titel"), ("status", "status"), ("adopted", "vedtaget"),
    ("municipality", "kommune"), ("municipality_code", "kommunekode"), ("in_force", "gældende"),
)  # fmt: skip
FOCUS_AREA_COLUMNS = columns(
    ("strategy", "strategi"), ("number", "nummer"), ("slug", "kortnavn"), ("name", "navn"),
    ("goals", "mål og retning"),
)  # fmt: skip
INDICATOR_COLUMNS = columns(
    ("strategy", "strategi"), ("focus_area", "fokusområde"), ("code", "kode"), ("name", "navn"),
    ("is_key_figure", "nøgletal"), ("parent", "heraf-del af"), ("direction", "retning"),
    ("tolerance_pct", "tolerance (pct.)"), ("source", "datakilde"), ("measure", "måling"),
    ("measure_name", "målingens navn"), ("unit", "enhed"), ("decimals", "decimaler"),
    ("measure_type", "måletype"), ("measure_origin", "målingens kilde"),
    ("jobindsats_table", "Jobindsats-tabel"),
)  # fmt: skip
FIGURE_COLUMNS = columns(
    ("strategy", "strategi"), ("focus_area", "fokusområde"), ("indicator", "indikator"),
    ("measure", "måling"), ("year", "år"), ("quarter", "kvartal"), ("period", "periode"),
    ("value", "værdi"), ("unit", "enhed"),
    ("basis", "opgørelse"), ("is_demo", "demodata"), ("commentary", "kommentar"), ("source", "kilde"),
)  # fmt: skip
TARGET_COLUMNS = columns(
    ("strategy", "strategi"), ("indicator", "indikator"), ("measure", "måling"), ("year", "år"),
    ("quarter", "kvartal"), ("value_min", "mål (fra)"), ("value_max", "mål (til)"), ("unit", "enhed"),
    ("comment", "kommentar"), ("source", "kilde"), ("is_demo", "demodata"),
)  # fmt: skip
OFFICIAL_COLUMNS = columns(
    ("measure", "måling"), ("area", "område"), ("period", "periode"), ("kind", "periodetype"),
    ("year", "år"), ("number", "nummer"), ("breakdown", "opdeling"), ("value", "værdi"),
    ("release", "udgivelse"), ("is_synthetic", "syntetisk"),
)  # fmt: skip
AREA_COLUMNS = columns(("code", "kode"), ("name", "navn"), ("kind", "slags"), ("region", "region"))


class Refused(ValueError):
    """A filter that cannot be read (a quarter, a period); the message is Danish."""


class NotShown(LookupError):
    """A strategy a reader may not consult (a draft, another municipality's) or that does not exist."""


def shown_strategies() -> list[Strategy]:
    return strategies_shown()


def strategy_rows() -> list[tuple]:
    shown = sorted(shown_strategies(), key=lambda s: s.pk)
    return [
        (s.pk, s.title, s.status, s.adopted.isoformat() if s.adopted else None, s.municipality.name,
         s.municipality.code, s.status == Strategy.Status.IN_FORCE)
        for s in shown
    ]  # fmt: skip


def _strategy_ids(strategy: int | None) -> list[int]:
    ids = [s.pk for s in shown_strategies()]
    if strategy is None:
        return ids
    if strategy not in ids:
        raise NotShown(f"Strategien {strategy} findes ikke.")
    return [strategy]


def focus_area_rows(*, strategy: int | None = None) -> QuerySet:
    return (
        FocusArea.objects.filter(strategy__in=_strategy_ids(strategy))
        .order_by("strategy_id", "number", "pk")
        .values_list("strategy_id", "number", "slug", "name", "goals")
    )


def indicator_rows(
    *, strategy: int | None = None, focus_area: str | None = None, indicator: str | None = None,
    measure: str | None = None,
) -> QuerySet:  # fmt: skip
    rows = Indicator.objects.filter(strategy__in=_strategy_ids(strategy))
    if focus_area:
        rows = rows.filter(focus_area__slug=focus_area)
    if indicator:
        rows = rows.filter(code__iexact=indicator)
    if measure:
        rows = rows.filter(measure__code__iexact=measure)
    order = ("strategy_id", "focus_area__number", "-is_key_figure", "order", "code", "pk")
    return rows.order_by(*order).values_list(
        "strategy_id", "focus_area__slug", "code", "name", "is_key_figure", "parent__code", "direction",
        "tolerance_pct", "source", "measure__code", "measure__name", "measure__unit", "measure__decimals",
        "measure__measure_type", "measure__origin", "measure__table",
    )  # fmt: skip


def quarter(text: str | None) -> Quarter | None:
    if not text:
        return None
    try:
        return Quarter.parse(text)
    except ValueError as error:
        raise Refused(str(error)) from error


def figure_rows(
    *, strategy: int | None = None, focus_area: str | None = None, indicator: str | None = None,
    measure: str | None = None, first: Quarter | None = None, last: Quarter | None = None,
) -> list[tuple]:  # fmt: skip
    """The approved figures of a strategy (the one in force unless told) as its pages show them, quarter by
    quarter, in the pages' order of indicators."""
    if strategy is None:
        shown = strategy_in_force()
        if shown is None:
            return []
    else:
        _strategy_ids(strategy)
        shown = next(s for s in shown_strategies() if s.pk == strategy)
    window = QuarterWindow(first or EVERY_QUARTER.first, last or EVERY_QUARTER.last)
    figures = approved_figures(shown, window, locked=frozenset(locked_quarters(strategy_id=shown.pk)))
    rows = []
    for area in figures.areas:
        slug = area.focus_area.slug
        if focus_area and slug != focus_area:
            continue
        for item in area.indicators:
            shown_indicator = item.indicator
            if indicator and shown_indicator.code.lower() != indicator.lower():
                continue
            own_measure = shown_indicator.measure
            if measure and own_measure.code.lower() != measure.lower():
                continue
            head = (shown.pk, slug, shown_indicator.code, own_measure.code)
            unit, source = own_measure.unit, shown_indicator.source
            actuals, bases, demo = item.actuals, item.bases, item.demo
            commentary, sources = item.commentary, item.sources
            # Oldest first (a quarter's hash is its number); the selector read the window's quarters only.
            for period in sorted(actuals, key=hash):
                year, number = period.year, period.quarter
                rows.append((
                    *head, year, number, f"{year}K{number}", actuals[period], unit,
                    bases.get(period) or "own", period in demo, commentary.get(period, ""),
                    sources.get(period) or source,
                ))  # fmt: skip
    return rows


def target_rows(
    *, strategy: int | None = None, indicator: str | None = None, measure: str | None = None,
    first_year: int | None = None, last_year: int | None = None,
) -> QuerySet:  # fmt: skip
    rows = Target.objects.filter(indicator__strategy__in=_strategy_ids(strategy))
    if indicator:
        rows = rows.filter(indicator__code__iexact=indicator)
    if measure:
        rows = rows.filter(indicator__measure__code__iexact=measure)
    if first_year is not None:
        rows = rows.filter(year__gte=first_year)
    if last_year is not None:
        rows = rows.filter(year__lte=last_year)
    return rows.order_by(
        "indicator__strategy_id", "indicator__code", "year", "quarter", "pk"
    ).values_list(
        "indicator__strategy_id", "indicator__code", "indicator__measure__code", "year", "quarter",
        "value_min", "value_max", "indicator__measure__unit", "comment", "source", "is_demo",
    )  # fmt: skip


def period(text: str | None) -> Period | None:
    if not text:
        return None
    try:
        return Period.parse(text)
    except ValueError as error:
        raise Refused(str(error)) from error


def _from(start: Period) -> Q:
    return Q(year__gt=start.year) | Q(year=start.year, number__gte=start.number)


def _to(end: Period) -> Q:
    return Q(year__lt=end.year) | Q(year=end.year, number__lte=end.number)


def official_rows(
    *, measure: str | None = None, area: str | None = None, kind: str | None = None,
    breakdown: str | None = None, dimensions: str | None = None, first: Period | None = None,
    last: Period | None = None,
) -> QuerySet:  # fmt: skip
    """Official values as the source published them (a suppressed value has none), by measure, area, kind
    of period, period range (of the range's kind) and breakdown (WHOLE: the whole only)."""
    rows = OfficialValue.objects.all()
    if measure:
        rows = rows.filter(measure__code__iexact=measure)
    if area:
        rows = rows.filter(area__code=area)
    if kind:
        rows = rows.filter(kind=kind)
    # A period bounds the periods of its own kind: from 2023M01, the months from januar 2023.
    if first is not None:
        rows = rows.filter(_from(first), kind=first.kind)
    if last is not None:
        rows = rows.filter(_to(last), kind=last.kind)
    if breakdown == WHOLE:
        rows = rows.filter(breakdown__isnull=True)
    elif breakdown:
        rows = rows.filter(breakdown__key=breakdown)
    if dimensions:
        rows = rows.filter(breakdown__dimensions=dimensions)
    order = ("measure__code", "area__code", "kind", "year", "number", "breakdown__key", "pk")
    return rows.order_by(*order).values_list(
        "measure__code", "area__code", "kind", "year", "number", "breakdown__key", "value", "release",
        "is_synthetic",
    )  # fmt: skip


def official_row(row: tuple) -> tuple:
    """A stored official value's row as the API writes it: with its period as Jobindsats writes it."""
    measure, area, kind, year, number, breakdown, value, release, synthetic = row
    return (measure, area, str(Period(year, kind, number)), kind, year, number, breakdown or "", value,
            release, synthetic)  # fmt: skip


def area_rows(*, kind: str | None = None) -> QuerySet:
    rows = Area.objects.all()
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("code", "pk").values_list("code", "name", "kind", "region__code")


PERIOD_KINDS = [Kind.MONTH, Kind.QUARTER, Kind.YEAR, Kind.MOVING_YEAR]
