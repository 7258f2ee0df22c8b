"""The quarterly entry page's rows: each indicator the user may edit, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.formats import danish
from core.periods import Quarter
from focusareas.models import Strategy

from .locking import quarter_is_locked
from .models import Indicator, Measurement, Target, Unit
from .permissions import editable_indicators
from .plausibility import explains, warnings_for
from .status import target_for

GRID_ORDER = ("focus_area__number", "-is_key_figure", "order", "code")


@dataclass
class EntryRow:
    indicator: Indicator
    target: Target | None
    previous: Measurement | None
    last_year: Measurement | None
    current: Measurement | None
    warnings: list[str] = field(default_factory=list)
    may_approve: bool = True

    @property
    def target_text(self) -> str:
        if self.target is None:
            return ""
        low, high = self.target.value_min, self.target.value_max
        decimals = self.indicator.measure.decimals
        if low == high:
            return danish(low, decimals)
        return f"{danish(low, decimals)}–{danish(high, decimals)}"

    def shown(self, measurement: Measurement | None) -> str:
        return "" if measurement is None else danish(measurement.value, self.indicator.measure.decimals)

    @property
    def explained(self) -> bool:
        """Whether the stored commentary explains the row's warnings (the submit's own rule)."""
        return self.current is not None and explains(self.current.commentary)

    @property
    def published_text(self) -> str:
        """The approved value the committee sees (also while a correction of it waits for approval)."""
        if self.current is None or self.current.published_value is None:
            return ""
        return danish(self.current.published_value, self.indicator.measure.decimals)

    @property
    def shown_current(self) -> str:
        return self.shown(self.current)

    @property
    def previous_text(self) -> str:
        return self.shown(self.previous)

    @property
    def last_year_text(self) -> str:
        return self.shown(self.last_year)

    @property
    def change_text(self) -> str:
        """This quarter against the previous: '+20 (+2,3 %)', or for a share '+0,6 procentpoint'."""
        if self.current is None or self.previous is None:
            return ""
        change = self.current.value - self.previous.value
        sign = "+" if change > 0 else ""
        shown = sign + danish(change, self.indicator.measure.decimals)
        if self.indicator.measure.unit == Unit.PERCENT:
            return _("%(change)s procentpoint") % {"change": shown}
        if not self.previous.value:
            return shown
        relative = change / self.previous.value * 100
        return f"{shown} ({sign}{danish(relative, 1)} %)"


@dataclass
class QuarterEntry:
    strategy: Strategy
    quarter: Quarter
    rows: list[EntryRow]
    is_locked: bool

    @property
    def missing(self) -> list[EntryRow]:
        return [row for row in self.rows if row.current is None]

    def count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.current is not None and row.current.state == state)

    @property
    def states(self) -> list[tuple[str, int]]:
        return [(label, self.count(value)) for value, label in Measurement.State.choices]


def quarter_entry(*, user, strategy: Strategy, quarter: Quarter) -> QuarterEntry:
    """Indicators (grouped by focus area, key figure first), targets and the three quarters' figures."""
    indicators = editable_indicators(user, strategy).order_by(*GRID_ORDER)
    return QuarterEntry(
        strategy,
        quarter,
        quarter_rows(indicators, quarter),
        quarter_is_locked(strategy_id=strategy.pk, quarter=quarter),
    )


def quarter_rows(indicators, quarter: Quarter) -> list[EntryRow]:
    """One row per indicator with its target, this, the previous and last year's quarter and warnings.

    Four queries however many indicators: indicators, targets, figures, the figures' history.
    """
    indicators = list(indicators)
    ids = [indicator.pk for indicator in indicators]
    year_targets: dict[int, list[Target]] = defaultdict(list)
    for target in Target.objects.filter(indicator_id__in=ids, year=quarter.year):
        year_targets[target.indicator_id].append(target)
    targets = {pk: target_for(found, quarter.year, quarter.quarter) for pk, found in year_targets.items()}
    wanted = {quarter, quarter.previous(), quarter.same_quarter_last_year()}
    figures: dict[tuple[int, Quarter], Measurement] = {
        (measurement.indicator_id, measurement.period): measurement
        for measurement in Measurement.objects.filter(
            indicator_id__in=ids, year__in={q.year for q in wanted}
        ).select_related("entered_by")
        if measurement.period in wanted
    }
    rows = [
        EntryRow(
            indicator=indicator,
            target=targets.get(indicator.pk),
            previous=figures.get((indicator.pk, quarter.previous())),
            last_year=figures.get((indicator.pk, quarter.same_quarter_last_year())),
            current=figures.get((indicator.pk, quarter)),
        )
        for indicator in indicators
    ]
    entered = [row for row in rows if row.current is not None]
    found = warnings_for((row.indicator, quarter, row.current.value) for row in entered)
    for row in entered:
        row.warnings = found[(row.indicator.pk, quarter)]
    return rows


def default_strategy(user) -> Strategy | None:
    """The municipality's strategy in force, else the first strategy the user has indicators in."""
    from django.conf import settings

    strategy = Strategy.objects.in_force_for(settings.PORTAL_MUNICIPALITY)
    if strategy is not None:
        return strategy
    first = editable_indicators(user).select_related("focus_area__strategy").first()
    return first.focus_area.strategy if first else Strategy.objects.in_force().first()
