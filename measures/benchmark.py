"""The ministry's benchmark (Jobindsats y30r21) for one municipality: its rank among the 98, actual and
expected full-time persons per ydelsesgruppe, for the latest moving year and the one before, in two queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy

from .models import Area, OfficialValue
from .periods import Kind, Period

# The ydelsesgrupper of the benchmark, in the committee's order, by the suffix of their measure codes.
GROUPS = (
    ("IALT", gettext_lazy("I alt")),
    ("ADAGPENGE", gettext_lazy("A-dagpenge mv.")),
    ("SYGEDAGPENGE", gettext_lazy("Sygedagpenge mv.")),
    ("KONTANTHJAELP", gettext_lazy("Kontanthjælp mv.")),
)
PARTS = ("FAKTISK", "FORVENTET", "FORSKEL", "PLACERING")
TABLE = "y30r21"


@dataclass
class GroupBenchmark:
    """One ydelsesgruppe: rank now and then, actual, expected and the difference (faktisk − forventet)."""

    key: str
    label: str
    ranks: dict[Period, int] = field(default_factory=dict)
    actual: Decimal | None = None
    expected: Decimal | None = None
    difference: Decimal | None = None
    rank_now: int | None = None
    rank_then: int | None = None
    # (source, release) of the latest period's values as stored: the ministry's published figures.
    sources: list[tuple[str, str]] = field(default_factory=list)
    # Which of the cells above a loader made up (the demo): of "rank_then", "rank_now", "actual", "expected",
    # "difference"; the others are the ministry's (e.g. the minutes' ranks and differences).
    synthetic: set[str] = field(default_factory=set)
    synthetic_ranks: set[Period] = field(default_factory=set)  # the periods whose rank was made up
    # (source, release) of the latest period's cells that are not made up: where the real ones come from.
    real_sources: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Benchmark:
    period: Period | None
    previous: Period | None
    periods: list[Period]
    groups: list[GroupBenchmark]
    municipalities: int
    releases: list[str]
    sources: list[str]
    is_synthetic: bool = False  # some of the values shown were made up by a loader (the demo, the tests)
    table: str = TABLE

    @property
    def has_values(self) -> bool:
        return self.period is not None

    @property
    def total(self) -> GroupBenchmark:
        return self.groups[0]


def measure_code(part: str, group: str) -> str:
    return f"BM-{part}-{group}"


def is_difference(measure) -> bool:
    """Is the measure the benchmark's faktisk minus forventet, which the committee reads in words?"""
    return measure.code in {measure_code("FORSKEL", group) for group, _label in GROUPS}


def benchmark_for(area_id: int | None, *, until: Period | None = None) -> Benchmark:
    """The benchmark of one area: every moving year with values (for the rank over time), the latest and the
    one before it in detail; until: the latest moving year to take (a case for a quarter). Two queries,
    whatever the number of periods."""
    codes = [measure_code(part, group) for group, _label in GROUPS for part in PARTS]
    rows = []
    if area_id is not None:
        rows = list(
            OfficialValue.objects.wholes()
            .published()
            .filter(area_id=area_id, kind=Kind.MOVING_YEAR, measure__code__in=codes)
            .values_list("measure__code", "year", "number", "value", "release", "source", "is_synthetic")
            .order_by()
        )
    values: dict[tuple[str, Period], Decimal] = {}
    made_up: set[tuple[str, Period]] = set()
    for code, year, number, value, _release, _source, synthetic in rows:
        values[code, Period(year, Kind.MOVING_YEAR, number)] = value
        if synthetic:
            made_up.add((code, Period(year, Kind.MOVING_YEAR, number)))
    periods = sorted({period for _code, period in values if until is None or period <= until})
    period = periods[-1] if periods else None
    previous = periods[-2] if len(periods) > 1 else None
    groups = []
    for group, label in GROUPS:
        item = GroupBenchmark(key=group, label=str(label))
        rank_code = measure_code("PLACERING", group)
        item.ranks = {p: int(values[rank_code, p]) for p in periods if (rank_code, p) in values}
        if period is not None:
            item.actual = values.get((measure_code("FAKTISK", group), period))
            item.expected = values.get((measure_code("FORVENTET", group), period))
            item.difference = values.get((measure_code("FORSKEL", group), period))
            cells = {
                "actual": (measure_code("FAKTISK", group), period),
                "expected": (measure_code("FORVENTET", group), period),
                "difference": (measure_code("FORSKEL", group), period),
                "rank_now": (rank_code, period),
                "rank_then": (rank_code, previous),
            }
            item.synthetic = {name for name, key in cells.items() if key in made_up}
            if item.difference is None and item.actual is not None and item.expected is not None:
                item.difference = item.actual - item.expected
                # worked out from the two: made up if either is
                if item.synthetic & {"actual", "expected"}:
                    item.synthetic.add("difference")
            item.rank_now = item.ranks.get(period)
            item.rank_then = item.ranks.get(previous) if previous else None
        item.synthetic_ranks = {p for p in periods if (rank_code, p) in made_up}
        groups.append(item)
    shown = [row for row in rows if Period(row[1], Kind.MOVING_YEAR, row[2]) in (period, previous)]
    for item in groups:
        item.sources = sorted(
            {
                (source, release)
                for code, year, number, _value, release, source, _synthetic in shown
                if code.endswith(f"-{item.key}") and Period(year, Kind.MOVING_YEAR, number) == period
            }
        )
        item.real_sources = sorted(
            {
                (source, release)
                for code, year, number, _value, release, source, synthetic in shown
                if code.endswith(f"-{item.key}")
                and not synthetic
                and Period(year, Kind.MOVING_YEAR, number) == period
            }
        )
    return Benchmark(
        period=period,
        previous=previous,
        periods=periods,
        groups=groups,
        municipalities=Area.objects.filter(kind=Area.Kind.MUNICIPALITY).count() if periods else 0,
        releases=sorted({row[4] for row in shown if row[4]}),
        sources=sorted({row[5] for row in shown if row[5]}),
        is_synthetic=any(row[6] for row in shown),
    )


def history(benchmark: Benchmark) -> list[tuple[Period, list[int | None]]]:
    """The rank of every group, period by period: what the chart draws and its table lists."""
    return [(p, [g.ranks.get(p) for g in benchmark.groups]) for p in benchmark.periods]
