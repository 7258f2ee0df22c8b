"""Reads for the pages: a strategy's approved figures in a fixed number of queries, assembled in Python.

One selector per page (overview_figures, area_figures, indicator_figures, report_figures, and
strategy_figures for the whole strategy) loads the same plain structure (StrategyFigures) from a few small
readers, whatever the number of indicators and quarters: the structure, the measures' history across
strategy versions, the targets, the comparison series, the locks. What a page shows is then computed from it
without touching the database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import BigIntegerField, CharField, DecimalField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast

from core.periods import Quarter, period_label
from focusareas.models import FocusArea, Strategy
from indicators import status
from indicators.basis import Basis, basis_label, is_preliminary
from indicators.locking import locked_quarters, locked_quarters_of
from indicators.models import Direction, Indicator, Measurement, MeasureType, QuarterLock, Target, Unit
from indicators.status import Assessment, Status, assess_quarter, target_for
from measures.models import Area, Dimension, OfficialValue
from measures.periods import Kind, Period

from .breakdowns import MemberValues, in_order
from .comparison_series import comparisons as official_comparisons
from .models import AreaNarrative, Decision, Meeting, Recommendation
from .structure import strategy_structure


@dataclass(frozen=True)
class QuarterRow:
    """ "This indicator in this quarter": what every card, table, report, chart and export reads.

    Built once by IndicatorFigures.row(); nothing outside it decides which figure is compared, which target
    is judged or how a change is measured. `comparisons` maps a series label ("Hele landet", the region's
    name, "Sammenligningsgruppe", "Forventet (benchmark)", …) to its value: the labels are data.
    """

    indicator: Indicator
    quarter: Quarter
    actual: Decimal | None
    compared: Decimal | None
    year_to_date: bool
    target_min: Decimal | None
    target_max: Decimal | None
    status: Status
    change_previous: Decimal | None
    change_year: Decimal | None
    comparisons: dict[str, Decimal | None]
    commentary: str
    source: str
    worse_running: int = 0
    is_unlocked: bool = False  # the quarter is not locked: the approved figure may still be corrected
    is_demo: bool = False  # the figure was invented by the demo loader
    basis: str = Basis.OWN  # what the approved figure is: official, preliminary internal or own

    @property
    def is_preliminary(self) -> bool:
        """A preliminary internal figure (the municipality's count before the official release); not the
        same as a quarter that is not locked (is_unlocked)."""
        return self.actual is not None and is_preliminary(self.basis)

    @property
    def basis_label(self) -> str:
        return basis_label(self.basis) if self.actual is not None else ""

    @property
    def unit(self) -> str:
        return self.indicator.measure.unit

    @property
    def decimals(self) -> int:
        return self.indicator.measure.decimals

    @property
    def is_share(self) -> bool:
        """A share changes in procentpoint, not per cent."""
        return self.indicator.measure.unit == Unit.PERCENT


class TargetFigure(NamedTuple):
    """A target as the pages read it (no model object to build): the year, the quarter (none for the
    year's target), its range, comment and source."""

    year: int
    quarter: int | None
    value_min: Decimal
    value_max: Decimal
    comment: str
    source: str
    is_demo: bool = False  # invented by the demo loader

    @property
    def is_range(self) -> bool:
        return self.value_min != self.value_max

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.quarter)


@dataclass
class IndicatorFigures:
    """One indicator with all its approved actuals, targets and comparison series."""

    indicator: Indicator
    actuals: dict[Quarter, Decimal] = field(default_factory=dict)
    commentary: dict[Quarter, str] = field(default_factory=dict)
    sources: dict[Quarter, str] = field(default_factory=dict)
    demo: set[Quarter] = field(default_factory=set)  # quarters whose figure the demo loader invented
    bases: dict[Quarter, str] = field(default_factory=dict)  # what each approved figure is (indicators.basis)
    locked: frozenset[Quarter] = frozenset()
    targets: list[TargetFigure] = field(default_factory=list)
    comparisons: dict[str, dict[Quarter, Decimal]] = field(default_factory=dict)
    breakdowns: list[IndicatorFigures] = field(default_factory=list)
    official: OfficialDetail | None = None  # the indicator page's months and breakdowns of its measure

    @property
    def is_flow(self) -> bool:
        return self.indicator.measure.measure_type == MeasureType.FLOW

    def year_values(self, quarter: Quarter) -> list[Decimal | None]:
        return [self.actuals.get(Quarter(quarter.year, q)) for q in range(1, quarter.quarter + 1)]

    def _judged(self, quarter: Quarter) -> tuple[list[Decimal | None], TargetFigure | None]:
        """The year's actuals up to the quarter and the target that applies: what its status is judged by."""
        return self.year_values(quarter), target_for(self.targets, quarter.year, quarter.quarter)

    def assess(self, quarter: Quarter) -> Assessment:
        return self._assessed(*self._judged(quarter))

    def _assessed(self, year_values: list[Decimal | None], target: TargetFigure | None) -> Assessment:
        return assess_quarter(
            year_values=year_values,
            target=target,
            direction=self.indicator.direction,
            measure_type=self.indicator.measure.measure_type,
            tolerance_pct=self.indicator.tolerance_pct,
        )

    def status(self, quarter: Quarter) -> Status:
        return self.assess(quarter).status

    def change(self, quarter: Quarter, since: Quarter) -> Decimal | None:
        now, then = self.actuals.get(quarter), self.actuals.get(since)
        return None if now is None or then is None else now - then

    def judged_target(self, quarter: Quarter) -> tuple[Decimal | None, Decimal | None]:
        """The target as the status judges it, also for a quarter whose actual is awaited."""
        year_values, target = self._judged(quarter)
        return status.judged_target(
            year_values=year_values, target=target, measure_type=self.indicator.measure.measure_type
        )

    def row(self, quarter: Quarter) -> QuarterRow:
        year_values, target = self._judged(quarter)  # read once for the status and the target shown
        assessment = self._assessed(year_values, target)
        low, high = status.judged_target(
            year_values=year_values, target=target, measure_type=self.indicator.measure.measure_type
        )
        return QuarterRow(
            indicator=self.indicator,
            quarter=quarter,
            actual=self.actuals.get(quarter),
            compared=assessment.compared,
            year_to_date=assessment.year_to_date,
            target_min=low,
            target_max=high,
            status=assessment.status,
            change_previous=self.change(quarter, quarter.previous()),
            change_year=self.change(quarter, quarter.same_quarter_last_year()),
            comparisons={name: values.get(quarter) for name, values in self.comparisons.items()},
            commentary=self.commentary.get(quarter, ""),
            source=self.sources.get(quarter) or self.indicator.source,
            worse_running=self.worse_running(quarter),
            is_unlocked=quarter in self.actuals and quarter not in self.locked,
            is_demo=quarter in self.demo,
            basis=self.bases.get(quarter, Basis.OWN),
        )

    def worse_running(self, quarter: Quarter) -> int:
        """How many quarters running, up to this one, the figure moved the wrong way."""
        sign = -1 if self.indicator.direction == Direction.LOWER_IS_BETTER else 1
        count = 0
        while (
            change := self.change(quarter + -count, quarter + (-count - 1))
        ) is not None and sign * change < 0:
            count += 1
        return count

    @property
    def quarters(self) -> list[Quarter]:
        return sorted(self.actuals)


@dataclass
class AreaFigures:
    focus_area: FocusArea
    indicators: list[IndicatorFigures] = field(default_factory=list)

    @property
    def key_figure(self) -> IndicatorFigures | None:
        key = [f for f in self.indicators if f.indicator.is_key_figure]
        return key[0] if key else (self.indicators[0] if self.indicators else None)

    @property
    def top_level(self) -> list[IndicatorFigures]:
        """Indicators that are not a 'heraf' breakdown of another; breakdowns hang under their parent."""
        return [f for f in self.indicators if f.indicator.parent_id is None]

    def on_track(self, quarter: Quarter) -> int:
        return sum(1 for f in self.indicators if f.status(quarter) == Status.ON_TRACK)


def _complete(quarters: list[Quarter], key_actuals: list[dict]) -> list[Quarter]:
    return [q for q in quarters if all(q in actuals for actuals in key_actuals)]


def _default(quarters: list[Quarter], complete: list[Quarter], locked: frozenset[Quarter]) -> Quarter | None:
    """The quarter a reader is shown first: the latest whose key figures are all approved; when no quarter is
    complete, the latest locked one; only then the latest with any figure."""
    if complete:
        return complete[-1]
    shown = sorted(set(quarters) & locked)
    return shown[-1] if shown else (quarters[-1] if quarters else None)


@dataclass
class StrategyFigures:
    strategy: Strategy
    areas: list[AreaFigures]
    locked: frozenset[Quarter] = frozenset()
    window: QuarterWindow | None = None  # the quarters loaded, when not every quarter was

    @property
    def indicators(self) -> list[IndicatorFigures]:
        return [f for area in self.areas for f in area.indicators]

    @property
    def quarters(self) -> list[Quarter]:
        """Every quarter with at least one approved figure, oldest first."""
        return sorted({q for f in self.indicators for q in f.actuals})

    @property
    def latest_quarter(self) -> Quarter | None:
        quarters = self.quarters
        return quarters[-1] if quarters else None

    @property
    def demo_figures(self) -> dict:
        """{} without demo figures, else how many of the approved figures loaded are demo (for the banner)."""
        demo = sum(len(f.demo) for f in self.indicators)
        return {"demo": demo, "total": sum(len(f.sources) for f in self.indicators)} if demo else {}

    def complete_quarters(self) -> list[Quarter]:
        """Quarters in which every focus area's key figure has an approved actual, oldest first."""
        keys = [area.key_figure for area in self.areas if area.key_figure is not None]
        return _complete(self.quarters, [key.actuals for key in keys])

    def default_quarter(self) -> Quarter | None:
        return _default(self.quarters, self.complete_quarters(), self.locked)

    def area(self, slug: str) -> AreaFigures | None:
        return next((a for a in self.areas if a.focus_area.slug == slug), None)

    def indicator(self, code: str) -> IndicatorFigures | None:
        return next((f for f in self.indicators if f.indicator.code == code), None)


@dataclass(frozen=True)
class QuarterWindow:
    """The quarters a page shows, first to last; its figures are loaded for these quarters only."""

    first: Quarter
    last: Quarter

    @classmethod
    def showing(cls, first: Quarter, last: Quarter) -> QuarterWindow:
        """What rows for first..last read: the same quarter a year earlier (a change since last year, and
        with it the previous quarter and the year so far for a flow) and the year's targets."""
        return cls(first + -4, last)

    def __contains__(self, quarter: Quarter) -> bool:
        return self.first <= quarter <= self.last

    def filter(self) -> Q:
        """(year, quarter) from first to last, for any model with a year and a quarter."""
        first, last = self.first, self.last
        return (Q(year__gt=first.year) | Q(year=first.year, quarter__gte=first.quarter)) & (
            Q(year__lt=last.year) | Q(year=last.year, quarter__lte=last.quarter)
        )

    def years(self) -> Q:
        return Q(year__gte=self.first.year, year__lte=self.last.year)


def _key_figures(strategy: Strategy):
    """Each focus area's key figure, as AreaFigures.key_figure chooses it: a subquery per focus area (not per
    indicator, which sorted every area's indicators once for each of them)."""
    first = (
        Indicator.objects.filter(focus_area=OuterRef("pk"))
        .order_by("-is_key_figure", "order", "code")
        .values("pk")[:1]
    )
    return FocusArea.objects.filter(strategy=strategy).annotate(key=Subquery(first)).values("key")


@dataclass
class Calendar:
    """Which quarters a reader can choose and is shown first, known before a page loads its figures."""

    quarters: list[Quarter]  # every quarter with an approved figure, oldest first
    key_actuals: dict[int, dict[Quarter, Decimal]]  # each focus area's key figure, its whole history
    locked: frozenset[Quarter]

    def complete_quarters(self) -> list[Quarter]:
        return _complete(self.quarters, list(self.key_actuals.values()))

    def default_quarter(self) -> Quarter | None:
        return _default(self.quarters, self.complete_quarters(), self.locked)

    def latest_known(self, key: IndicatorFigures, quarter: Quarter) -> tuple[Quarter, Decimal] | None:
        """The key figure's latest approved actual up to the quarter, however long ago."""
        actuals = self.key_actuals.get(key.indicator.pk, {})
        known = [q for q in actuals if q <= quarter]
        return (max(known), actuals[max(known)]) if known else None


def _columns(queryset, kind: str, indicator, value):
    """The same five columns from each part of the calendar's one query (a union)."""
    return (
        queryset.order_by()
        .annotate(c_kind=Value(kind, CharField()), c_indicator=indicator, c_year=F("year"),
                  c_quarter=F("quarter"), c_value=value)
        .values_list("c_kind", "c_indicator", "c_year", "c_quarter", "c_value")
    )  # fmt: skip


def strategy_calendar(strategy: Strategy, *, key_figures: bool = True) -> Calendar:
    """Every quarter with an approved figure, the key figures' approved actuals over their whole history and
    the locked quarters: one query, whatever the number of quarters. key_figures=False: without the key
    figures' history, for a page that is told its quarter (the report)."""
    approved = Measurement.objects.approved().filter(indicator__strategy=strategy)
    # Typed, so that PostgreSQL matches them with the key figures' columns.
    no_id, no_value = Cast(Value(None), BigIntegerField()), Cast(Value(None), DecimalField())
    parts = [
        _columns(approved, "any", no_id, no_value).distinct(),
        _columns(QuarterLock.objects.filter(strategy=strategy, is_locked=True), "lock", no_id, no_value),
    ]
    if key_figures:
        key_actuals = Measurement.objects.approved().filter(indicator__in=_key_figures(strategy))
        parts.insert(0, _columns(key_actuals, "key", F("indicator_id"), F("published_value")))
    rows = parts[0].union(*parts[1:]).order_by()
    keys, every, locked = defaultdict(dict), set(), set()
    for kind, indicator_id, year, quarter, value in rows:
        period = Quarter(year, quarter)
        if kind == "key":
            keys[indicator_id][period] = value
        elif kind == "any":
            every.add(period)
        else:
            locked.add(period)
    return Calendar(sorted(every), dict(keys), frozenset(locked))


@dataclass
class BriefingTexts:
    """What the administration wrote for a quarter's case, the meeting it is for, and the committee's
    decisions: follow-ups of earlier meetings, and what the meeting itself decided (after it)."""

    narratives: dict[int, str]  # focus area pk → text
    recommendation: str
    decisions: list  # earlier meetings' follow-ups carried into the case
    meeting: Meeting | None = None
    made: list = field(default_factory=list)  # decided at the case's own meeting
    approved: frozenset = frozenset()  # focus area pks whose assessment is approved, and "recommendation"
    previous_meeting: Meeting | None = None


def _written_texts(strategy: Strategy, quarter: Quarter) -> tuple[dict[int, str], str, frozenset]:
    """The narratives of the strategy's focus areas ({focus area pk: text}), the recommendation ("" when
    none is written) for a quarter, and which of them are approved."""
    in_quarter = {"year": quarter.year, "quarter": quarter.quarter}
    narratives = AreaNarrative.objects.filter(focus_area__strategy=strategy, **in_quarter)
    recommendation = Recommendation.objects.filter(strategy=strategy, **in_quarter)
    rows = list(narratives.values_list("focus_area_id", "text", "approved_at"))
    written = recommendation.values_list("text", "approved_at").first() or ("", None)
    approved = {pk for pk, _text, at in rows if at is not None}
    if written[1] is not None:
        approved.add("recommendation")
    return {pk: text for pk, text, _at in rows}, written[0], frozenset(approved)


def briefing_texts(strategy: Strategy, quarter: Quarter) -> BriefingTexts:
    """The case's meeting, narratives, recommendation and decisions (with carried follow-ups) for a
    quarter: six queries."""
    narratives, recommendation, approved = _written_texts(strategy, quarter)
    meetings = list(Meeting.objects.filter(strategy=strategy).order_by("date"))  # a few a year
    meeting = next((m for m in meetings if m.period == quarter), None)
    earlier = [m for m in meetings if (m.date < meeting.date if meeting else m.period < quarter)]
    decisions = list(Decision.objects.for_case(strategy, quarter, meeting))
    made = [d for d in decisions if meeting is not None and d.meeting_id == meeting.pk]
    return BriefingTexts(
        narratives=narratives,
        recommendation=recommendation,
        decisions=[d for d in decisions if d not in made],
        meeting=meeting,
        made=made,
        approved=approved,
        previous_meeting=earlier[-1] if earlier else None,
    )


def strategy_figures(strategy: Strategy) -> StrategyFigures:
    """Every approved figure of a strategy, its targets and comparison series over their whole history, and
    its locked quarters (the strategy page, the frozen report): six queries."""
    locked = frozenset(locked_quarters(strategy_id=strategy.pk))
    areas, items = _assembled(strategy, *strategy_structure(strategy), locked)
    _measure_history(strategy, items, None, locked)
    _targets(items, None)
    _comparisons(strategy, items, None)
    return StrategyFigures(strategy, areas, locked)


def overview_figures(
    strategy: Strategy, window: QuarterWindow, *, locked: frozenset[Quarter]
) -> StrategyFigures:
    """The overview's cards: every indicator's actuals and targets in the window of the quarter shown, with
    the locked quarters the calendar read; no comparison series (the cards' small charts show none)."""
    areas, items = _assembled(strategy, *strategy_structure(strategy), locked)
    _measure_history(strategy, items, window, locked)
    _targets(items, window)
    return StrategyFigures(strategy, areas, locked, window)


def approved_figures(
    strategy: Strategy, window: QuarterWindow, *, locked: frozenset[Quarter]
) -> StrategyFigures:
    """Every indicator's approved actuals in the window, as the pages show them, without targets or
    comparison series: the read API's figures (api.readers)."""
    areas, items = _assembled(strategy, *strategy_structure(strategy), locked)
    _measure_history(strategy, items, window, locked)
    return StrategyFigures(strategy, areas, locked, window)


def area_figures(strategy: Strategy, slug: str, shown: slice) -> StrategyFigures:
    """A focus area's page: the indicators it lists (all, the others empty) and the figures, targets and
    comparison series of those it shows (shown: which, in the order it lists them)."""
    locked = frozenset(locked_quarters(strategy_id=strategy.pk))
    areas, items = _assembled(strategy, *strategy_structure(strategy, focus_area_slug=slug), locked)
    _measure_history(strategy, items[shown], None, locked)
    _targets(items[shown], None)
    _comparisons(strategy, items[shown], None)
    return StrategyFigures(strategy, areas, locked)


def indicator_figures(strategy: Strategy, code: str) -> StrategyFigures:
    """An indicator's page: the indicator and its focus area, with its whole history, and its measure's
    recent official months and breakdowns for the municipality (two queries more, whatever their number)."""
    locked = frozenset(locked_quarters(strategy_id=strategy.pk))
    areas, items = _assembled(strategy, *strategy_structure(strategy, indicator_code=code), locked)
    _measure_history(strategy, items, None, locked)
    _targets(items, None)
    _comparisons(strategy, items, None)
    for item in items:
        if item.indicator.code == code:
            item.official = official_detail(item.indicator.measure_id, strategy.municipality.area)
    return StrategyFigures(strategy, areas, locked)


def report_figures(
    strategy: Strategy, quarter: Quarter, window: QuarterWindow, *, locked: frozenset[Quarter]
) -> StrategyFigures:
    """The report of a quarter: every indicator's actuals and targets in the report's window, with the
    locked quarters the calendar read, and the comparison series of the quarter itself (all it compares)."""
    areas, items = _assembled(strategy, *strategy_structure(strategy), locked)
    _measure_history(strategy, items, window, locked)
    _targets(items, window)
    _comparisons(strategy, items, QuarterWindow(quarter, quarter))
    return StrategyFigures(strategy, areas, locked, window)


def _assembled(
    strategy: Strategy, areas: list[FocusArea], ordered: list[Indicator], locked: frozenset[Quarter]
) -> tuple[list[AreaFigures], list[IndicatorFigures]]:
    """The focus areas with their (still empty) indicators, breakdowns under their parent, and every
    indicator in the order the pages list them."""
    by_area = {area.pk: AreaFigures(area) for area in areas}
    figures = {}
    for indicator in ordered:
        figures[indicator.pk] = IndicatorFigures(indicator, locked=locked)
        if indicator.focus_area_id in by_area:
            indicator.focus_area = by_area[indicator.focus_area_id].focus_area
            by_area[indicator.focus_area_id].indicators.append(figures[indicator.pk])
    for item in figures.values():
        parent = figures.get(item.indicator.parent_id)
        if parent is not None:
            parent.breakdowns.append(item)
    return list(by_area.values()), list(figures.values())


def _measure_history(
    strategy: Strategy,
    items: list[IndicatorFigures],
    window: QuarterWindow | None,
    locked: frozenset[Quarter],
) -> None:
    """Each indicator's approved actuals (with commentary and source) in the window, as the history of its
    measure across the municipality's strategy versions: one query, and one more for the locks of earlier
    versions when such a figure is shown.

    A new version of the strategy shows its measures' whole history: the approved actuals of every indicator
    of an earlier version (adopted before it; for a draft, every adopted version) that uses the same measure.
    An older version stays as it was. The indicator's own figure wins a quarter, and of two earlier versions
    the later one's. A figure of an earlier version is settled (not preliminary) where that version locked
    its quarter."""
    earlier = Q(indicator__strategy=strategy)
    if strategy.adopted is None:
        earlier |= Q(indicator__strategy__adopted__isnull=False)
    else:
        earlier |= Q(indicator__strategy__adopted__lt=strategy.adopted)
    if strategy.status != Strategy.Status.REPLACED:
        # A replaced plan whose adoption date the source does not give is still an earlier version.
        earlier |= Q(
            indicator__strategy__status=Strategy.Status.REPLACED, indicator__strategy__adopted__isnull=True
        )
    by_measure = defaultdict(list)  # measure -> [(indicator pk, its figures)]
    for item in items:
        by_measure[item.indicator.measure_id].append((item.indicator.pk, item))
    rows = (
        Measurement.objects.approved()
        .filter(
            earlier,
            Q() if window is None else window.filter(),
            indicator__measure__in=list(by_measure),
            indicator__strategy__municipality_id=strategy.municipality_id,
        )
        # of two earlier versions, the later one's figure
        .order_by(F("indicator__strategy__adopted").desc(nulls_last=True))
        # The approved value: a correction waiting for approval does not reach the committee.
        .values_list(
            "indicator_id", "indicator__measure_id", "indicator__strategy_id", "year", "quarter",
            "published_value", "published_commentary", "source", "is_demo", "published_basis",
        )
    )  # fmt: skip
    own = strategy.pk
    rows = list(rows)
    # this version's figures last: they win
    rows = [row for row in rows if row[2] != own] + [row for row in rows if row[2] == own]
    locked_elsewhere = locked_quarters_of({row[2] for row in rows} - {own})
    borrowed_locks = defaultdict(set)
    quarters = {}  # (year, quarter) -> its one Quarter: a few dozen, where the figures are thousands
    # A quarter is looked up thousands of times a draw (the API's whole strategy: 2 400 figures): an
    # indicator's own figure, read last, touches what an earlier version's figure wrote only where one did.
    for (
        indicator_id, measure_id, strategy_id, year, quarter, value, commentary, source, is_demo, basis,
    ) in rows:  # fmt: skip
        period = quarters.get((year, quarter))
        if period is None:
            period = quarters[year, quarter] = Quarter(year, quarter)
        basis = basis or Basis.OWN
        for pk, item in by_measure[measure_id]:
            actuals = item.actuals
            if indicator_id == pk:
                written = period in actuals
                actuals[period] = value
                item.sources[period] = source
                item.bases[period] = basis
                if is_demo:
                    item.demo.add(period)
                elif written:
                    item.demo.discard(period)
                if written:
                    item.commentary.pop(period, None)
                    if pk in borrowed_locks:
                        borrowed_locks[pk].discard(period)
                if commentary:
                    item.commentary[period] = commentary
                continue
            if period in actuals:
                continue
            actuals[period] = value
            item.sources[period] = source
            item.bases[period] = basis
            if is_demo:
                item.demo.add(period)
            else:
                item.demo.discard(period)
            item.commentary.pop(period, None)
            if commentary:
                item.commentary[period] = commentary
            if period in locked if strategy_id == own else (strategy_id, period) in locked_elsewhere:
                borrowed_locks[pk].add(period)  # settled in the version it belongs to
    for item in items:
        if borrowed := borrowed_locks.get(item.indicator.pk):
            item.locked = locked | borrowed


def _targets(items: list[IndicatorFigures], window: QuarterWindow | None) -> None:
    """Each indicator's targets of the window's years (every year without one), by year and quarter."""
    by_pk = {item.indicator.pk: item for item in items}
    for indicator_id, *target in (
        Target.objects.filter(Q() if window is None else window.years(), indicator__in=list(by_pk))
        .order_by("year", "quarter")
        .values_list(
            "indicator_id", "year", "quarter", "value_min", "value_max", "comment", "source", "is_demo"
        )
    ):
        by_pk[indicator_id].targets.append(TargetFigure(*target))


def _comparisons(strategy: Strategy, items: list[IndicatorFigures], window: QuarterWindow | None) -> None:
    """Each indicator's comparison series (comparison_series.comparisons) in the window's quarters."""
    series = official_comparisons(
        [item.indicator for item in items],
        strategy.municipality,
        window.first if window else None,
        window.last if window else None,
    )
    for item in items:
        item.comparisons = series.get(item.indicator.pk, {})


@dataclass
class OfficialDetail:
    """A measure's recent official values for one municipality beyond its quarters: its own and Hele landet's
    wholes period by period (None where the source did not publish the value), and its breakdowns by each
    dimension the measure is shown by (Measure.shown_by), members in their order without the total member,
    in the kind of period the wholes are read in (months where there are months)."""

    area_name: str
    own: dict[Period, Decimal | None] = field(default_factory=dict)
    national: dict[Period, Decimal | None] = field(default_factory=dict)
    national_name: str = ""
    dimensions: dict[str, list[MemberValues]] = field(default_factory=dict)  # by the dimension's name
    releases: list[str] = field(default_factory=list)
    is_synthetic: bool = False

    @property
    def months(self) -> dict[Period, Decimal | None]:
        return {p: v for p, v in self.own.items() if p.kind == Kind.MONTH}

    @property
    def national_months(self) -> dict[Period, Decimal | None]:
        return {p: v for p, v in self.national.items() if p.kind == Kind.MONTH}

    @property
    def kind(self) -> str | None:
        """The kind of period the breakdowns are read in: the narrowest the wholes have."""
        kinds = {period.kind for period in self.own}
        return next((k for k in (Kind.MONTH, Kind.QUARTER, Kind.MOVING_YEAR, Kind.YEAR) if k in kinds), None)


# The years read before the latest one: 25 months and their year-before months, 13 quarters.
YEARS_READ = 4


def official_detail(measure_id: int | None, area: Area | None) -> OfficialDetail | None:
    """The municipality's and Hele landet's official wholes of the measure in its latest YEARS_READ years,
    and (when there are any) the municipality's breakdowns of it by the dimensions it is shown by: two
    queries, whatever the number of values, periods, breakdowns and areas."""
    if measure_id is None or area is None:
        return None
    # The years read count from the latest whole, as the breakdowns' do; the areas as one list of ids: each
    # read from the index of wholes by measure and area, not among every value of the measure.
    latest_year = (
        OfficialValue.objects.wholes()
        .filter(measure_id=measure_id, area=area)
        .order_by("-year")
        .values("year")[:1]
    )
    areas = Area.objects.filter(Q(pk=area.pk) | Q(kind=Area.Kind.COUNTRY)).values("pk")
    rows = (
        OfficialValue.objects.wholes()
        .filter(area_id__in=areas, measure_id=measure_id)
        .filter(year__gte=Subquery(latest_year) - YEARS_READ)
        .values_list("area_id", "area__name", "year", "kind", "number", "value", "release", "is_synthetic")
    )
    detail = OfficialDetail(area_name=area.name)
    releases = set()
    for area_id, name, year, kind, number, value, release, synthetic in rows:
        period = Period(year, kind, number)
        if area_id == area.pk:
            detail.own[period] = value
            releases.add(release)
            detail.is_synthetic |= synthetic
        else:
            detail.national[period], detail.national_name = value, name
    detail.releases = sorted(releases - {""})
    if detail.kind is not None:
        detail.dimensions = _breakdowns(measure_id, area, detail.kind, max(detail.own).year - YEARS_READ)
    return detail


def _breakdowns(measure_id: int, area: Area, kind: str, first_year: int) -> dict[str, list[MemberValues]]:
    """{dimension: its members with their values}, for the dimensions the measure is shown by, by name."""
    shown = Dimension.objects.filter(measures=measure_id).values("name")
    rows = (
        OfficialValue.objects.filter(
            measure_id=measure_id, area=area, kind=kind, year__gte=first_year, breakdown__dimensions__in=shown
        )
        .order_by()
        .values_list(
            "breakdown__dimensions", "breakdown__members__dimension__total", "breakdown__members__label",
            "breakdown__members__position", "year", "number", "value",
        )
    )  # fmt: skip
    members = defaultdict(dict)  # dimension -> label -> MemberValues
    totals = {}
    for dimension, total, label, position, year, number, value in rows:
        totals[dimension] = total
        if label not in members[dimension]:
            members[dimension][label] = MemberValues(label, position, {})
        members[dimension][label].values[Period(year, kind, number)] = value
    return {
        dimension: in_order(list(members[dimension].values()), totals[dimension])
        for dimension in sorted(members)
    }
