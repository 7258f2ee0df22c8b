"""A strategy in force with approved figures, for the dashboard and report tests; sizes can grow."""

from decimal import Decimal

from core.periods import Quarter, quarter_range
from core.signals import figures_changed, quarter_locked, quarter_unlocked
from focusareas.models import Strategy
from indicators.models import Direction, Indicator, Measurement, QuarterLock, Unit
from measures.models import Area, Measure, OfficialValue
from measures.own import BENCHMARK, companion

from . import factories

FIRST = Quarter(2023, 1)
APPROVED = Measurement.State.APPROVED
# Values no test ever approves, so a page showing them has leaked a draft or a submitted figure.
DRAFT_VALUE, SUBMITTED_VALUE = 987654, 876543


def portal_strategy(settings, *, areas: int = 5, indicators: int = 2, quarters: int = 6) -> Strategy:
    """The portal's strategy: `areas` focus areas of `indicators` indicators (the first the key figure),
    annual targets, approved actuals for `quarters` quarters from 2023K1 and the expected value (the
    ministry's benchmark) as official values of the municipality's area."""
    municipality = factories.municipality(code=151, area=Area.objects.get(code="151"))
    settings.PORTAL_MUNICIPALITY = municipality.slug
    strategy = factories.strategy(municipality=municipality, title="Beskæftigelsesstrategi")
    for number in range(1, areas + 1):
        area = factories.focus_area(
            strategy=strategy, number=number, name=f"Fokusområde {number}", slug=f"omraade-{number}",
            goals=f"Målene for fokusområde {number}.",
        )  # fmt: skip
        add_indicators(area, indicators, quarters, start=0)
    figures_changed.send(sender=Strategy)  # as the admin announces a strategy it stores
    return strategy


def add_indicators(area, count: int, quarters: int, *, start: int) -> None:
    last = FIRST + (quarters - 1)
    for n in range(start, start + count):
        indicator = factories.indicator(
            focus_area=area,
            code=f"F{area.number}.{n}",
            name=f"Indikator {area.number}.{n}",
            is_key_figure=(n == 0),
            direction=Direction.LOWER_IS_BETTER,
            unit=Unit.FULL_TIME_PERSONS,
        )
        for year in range(FIRST.year, last.year + 1):
            factories.target(indicator, year, 500)
        for k, q in enumerate(quarter_range(FIRST, last)):
            factories.measurement(indicator, q.year, q.quarter, 520 - 5 * k, state=APPROVED)
            OfficialValue.objects.create(
                measure=companion(Measure, indicator.measure, BENCHMARK),
                area=area.strategy.municipality.area,
                year=q.year, kind="Q", number=q.quarter, value=Decimal(600),
            )  # fmt: skip
    figures_changed.send(sender=Indicator)  # as the indicator services announce what they store


def add_quarters(strategy, extra: int, *, after: Quarter) -> None:
    """More approved quarters for every indicator of the strategy."""
    for indicator in strategy.focus_areas.all().prefetch_related("indicators"):
        for item in indicator.indicators.all():
            for k in range(1, extra + 1):
                q = after + k
                factories.measurement(item, q.year, q.quarter, 400 + k, state=APPROVED)
    figures_changed.send(sender=Measurement)  # as the figure services announce what they store


def grow(strategy, *, indicators: int = 3, quarters: int = 4) -> None:
    """Make the data set clearly larger: more indicators per area and more quarters for all."""
    last = max(Quarter(m.year, m.quarter) for m in Measurement.objects.all())
    for area in strategy.focus_areas.all():
        add_indicators(area, indicators, last - FIRST + 1, start=10)
    add_quarters(strategy, quarters, after=last)


def unapproved_figures(strategy, quarter: Quarter) -> None:
    """A draft and a submitted figure in `quarter` for the first area's key figure and second indicator."""
    key, other = list(strategy.focus_areas.order_by("number").first().indicators.order_by("code"))[:2]
    factories.measurement(key, quarter.year, quarter.quarter, DRAFT_VALUE, state=Measurement.State.DRAFT)
    factories.measurement(
        other, quarter.year, quarter.quarter, SUBMITTED_VALUE, state=Measurement.State.SUBMITTED,
        commentary="Hemmelig kladdekommentar",
    )  # fmt: skip
    figures_changed.send(sender=Measurement)


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def lock(strategy: Strategy, quarter: Quarter, user=None) -> None:
    """The quarter locked as quarter_lock locks it, without its checks: the lock stored, the report frozen."""
    QuarterLock.objects.update_or_create(
        strategy=strategy, year=quarter.year, quarter=quarter.quarter, defaults={"is_locked": True}
    )
    quarter_locked.send(sender=QuarterLock, strategy=strategy, quarter=quarter, user=user)
    figures_changed.send(sender=QuarterLock)


def unlock(strategy: Strategy, quarter: Quarter) -> None:
    """The quarter open again as quarter_unlock opens it: the lock lifted, the report thawed."""
    QuarterLock.objects.filter(strategy=strategy, year=quarter.year, quarter=quarter.quarter).update(
        is_locked=False
    )
    quarter_unlocked.send(
        sender=QuarterLock, strategy=strategy, quarter=quarter, user=None, reason="Rettelse"
    )
    figures_changed.send(sender=QuarterLock)
