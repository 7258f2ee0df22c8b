"""One measure's latest value for all 98 municipalities, best first, beside Hele landet and the region: the
comparison the committee asks for ("is this us, or the whole country?"), in three queries.

The period: a measure published by quarter, moving year or year shows its latest one. A monthly measure
shows its latest complete quarter (the three months' mean for a level, their sum for a flow), as the
portal's quarterly figures do, so the comparison and the indicator's own actual agree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, Max, OuterRef
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext as _

from .benchmark import is_synthetic
from .models import Area, Measure, MeasureType, OfficialValue, Unit
from .periods import Kind, Period

# The order in which a measure's kinds of period are preferred when it has more than one.
KIND_PREFERENCE = (Kind.QUARTER, Kind.MONTH, Kind.MOVING_YEAR, Kind.YEAR)
# Units whose values add up over municipalities: the country's and region's reference is their mean per
# municipality, not their total. A share, a duration or a rank is compared as published.
ADDITIVE_UNITS = {Unit.FULL_TIME_PERSONS, Unit.COUNT, Unit.KRONER}


@dataclass
class AreaValue:
    area_id: int
    code: str
    name: str
    region: str
    value: Decimal | None
    rank: int | None = None
    is_own: bool = False
    is_peer: bool = False
    # (source, release) of the value as stored: the ministry's published figure, shown without approval.
    sources: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Reference:
    """Hele landet or the region: the published value and, for an additive unit, the mean per municipality."""

    name: str
    value: Decimal | None
    per_municipality: Decimal | None = None

    @property
    def line(self) -> Decimal | None:
        """The value a municipality is compared with on the chart."""
        return self.per_municipality if self.per_municipality is not None else self.value


@dataclass
class Comparison:
    measure: Measure
    period_label: str = ""
    period_note: str = ""
    rows: list[AreaValue] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    ranked: int = 0
    official_rank: bool = False
    releases: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def has_values(self) -> bool:
        """Something to compare with: a value for another municipality than the own."""
        return any(row.value is not None and not row.is_own for row in self.rows)

    @property
    def has_reference_lines(self) -> bool:
        return any(reference.line is not None for reference in self.references)

    @property
    def own(self) -> AreaValue | None:
        return next((row for row in self.rows if row.is_own), None)

    @property
    def peers(self) -> list[AreaValue]:
        return [row for row in self.rows if row.is_peer]

    @property
    def is_additive(self) -> bool:
        return self.measure.unit in ADDITIVE_UNITS

    @property
    def is_synthetic(self) -> bool:
        return is_synthetic(*self.releases, *self.sources)


def latest_periods(measure: Measure) -> tuple[list[Period], str, str]:
    """The periods whose values make the comparison, their label and how they are combined (one query)."""
    latest = dict(
        OfficialValue.objects.filter(measure=measure)
        .values("kind")
        .annotate(last=Max(F("year") * 100 + F("number")))
        .values_list("kind", "last")
        .order_by()
    )
    kind = next((k for k in KIND_PREFERENCE if k in latest), None)
    if kind is None:
        return [], "", ""
    year, number = divmod(latest[kind], 100)
    if kind != Kind.MONTH:
        period = Period(year, kind, number)
        return [period], period.label(), ""
    quarter = Period(year, kind, number).quarter
    if number % 3:  # the latest quarter is not complete yet
        quarter = quarter.previous()
    months = [Period(quarter.year, Kind.MONTH, (quarter.quarter - 1) * 3 + n) for n in (1, 2, 3)]
    names = {"first": MONTH_NAMES[months[0].number], "last": MONTH_NAMES[months[2].number]}
    if measure.measure_type == MeasureType.FLOW:
        note = _("Summen af månederne %(first)s–%(last)s, det seneste hele kvartal.") % names
    else:
        note = _("Gennemsnittet af månederne %(first)s–%(last)s, det seneste hele kvartal.") % names
    return months, quarter.label(), note


def _combined(values: list[Decimal], periods: int, measure: Measure) -> Decimal | None:
    if len(values) < periods:  # a quarter's figure only when all its months are there
        return None
    if measure.measure_type == MeasureType.FLOW:
        return sum(values, Decimal(0))
    return sum(values, Decimal(0)) / len(values)


def comparison_for(
    measure: Measure, *, own_area_id: int | None, peer_ids: set[int], higher_is_better: bool
) -> Comparison:
    """Every municipality's value of the measure in its latest period, best first (by the ministry's rank
    where the measure has one), with Hele landet and the own region as reference."""
    comparison = Comparison(measure=measure)
    periods, comparison.period_label, comparison.period_note = latest_periods(measure)
    if not periods:
        return comparison
    has_rank = measure.rank_id is not None and measure.rank_id != measure.pk
    measure_ids = [measure.pk, measure.rank_id] if has_rank else [measure.pk]
    rows = (
        OfficialValue.objects.filter(
            measure_id__in=measure_ids,
            kind=periods[0].kind,
            year__in={p.year for p in periods},
            number__in={p.number for p in periods},
        )
        .values_list("measure_id", "area_id", "year", "number", "value", "release", "source")
        .order_by()
    )
    wanted = set(periods)
    found: dict[int, list[Decimal]] = defaultdict(list)
    origins: dict[int, set[tuple[str, str]]] = defaultdict(set)
    ranks: dict[int, int] = {}
    releases, sources = set(), set()
    for measure_id, area_id, year, number, value, release, source in rows:
        if Period(year, periods[0].kind, number) not in wanted:
            continue
        if measure_id == measure.pk:
            found[area_id].append(value)
            origins[area_id].add((source, release))
            releases.add(release)
            sources.add(source)
        else:
            ranks[area_id] = int(value)
    comparison.releases = sorted(r for r in releases if r)
    comparison.sources = sorted(s for s in sources if s)

    areas = list(Area.objects.values_list("pk", "code", "name", "kind", "region_id"))
    names = {pk: name for pk, _code, name, _kind, _region in areas}
    value_of = {pk: _combined(found.get(pk, []), len(periods), measure) for pk, *_rest in areas}
    municipalities = [
        AreaValue(
            area_id=pk, code=code, name=name, region=names.get(region, ""), value=value_of[pk],
            is_own=pk == own_area_id, is_peer=pk in peer_ids and pk != own_area_id,
            sources=sorted(origins[pk]) if value_of[pk] is not None else [],
        )
        for pk, code, name, kind, region in areas
        if kind == Area.Kind.MUNICIPALITY
    ]  # fmt: skip
    comparison.official_rank = bool(ranks)
    _rank(municipalities, ranks, higher_is_better)
    comparison.rows = municipalities
    comparison.ranked = sum(1 for row in municipalities if row.rank is not None)
    comparison.references = _references(areas, value_of, own_area_id, comparison)
    return comparison


def _rank(rows: list[AreaValue], official: dict[int, int], higher_is_better: bool) -> None:
    """Sort best first and number them; equal values share a rank (1, 2, 2, 4). No value: last, unranked."""
    if official:
        for row in rows:
            row.rank = official.get(row.area_id) if row.value is not None else None
        rows.sort(key=lambda row: (row.rank is None, row.rank or 0, row.name))
        return
    with_value = [row for row in rows if row.value is not None]
    with_value.sort(key=lambda row: (-row.value if higher_is_better else row.value, row.name))
    previous = None
    for position, row in enumerate(with_value, start=1):
        row.rank = previous.rank if previous is not None and previous.value == row.value else position
        previous = row
    rows[:] = with_value + sorted((row for row in rows if row.value is None), key=lambda row: row.name)


def _references(areas, value_of, own_area_id, comparison: Comparison) -> list[Reference]:
    """Hele landet, then the own region; for an additive unit also its mean per municipality."""
    own_region = next((region for pk, _c, _n, _k, region in areas if pk == own_area_id), None)
    counted = defaultdict(int)  # municipalities with a value: all (None) and per region
    for pk, _code, _name, kind, region in areas:
        if kind == Area.Kind.MUNICIPALITY and value_of[pk] is not None:
            counted[None] += 1
            counted[region] += 1
    country = [(None, pk, name) for pk, _c, name, kind, _r in areas if kind == Area.Kind.COUNTRY]
    region = [(pk, pk, name) for pk, _c, name, _k, _r in areas if pk == own_region]
    references = []
    for key, pk, name in country + region:
        reference = Reference(name=name, value=value_of[pk])
        if comparison.is_additive and reference.value is not None and counted[key]:
            reference.per_municipality = reference.value / counted[key]
        references.append(reference)
    return references


def has_other_areas(measure_id: int | None, own_area_id: int | None) -> bool:
    """Whether a measure has official values for any other area than the own: worth comparing (one query)."""
    if measure_id is None:
        return False
    return OfficialValue.objects.filter(measure_id=measure_id).exclude(area_id=own_area_id).exists()


def comparable(indicators, own_area_id: int | None):
    """The indicators (a QuerySet) whose measure has official values for other areas than the own."""
    others = OfficialValue.objects.filter(measure_id=OuterRef("measure_id")).exclude(area_id=own_area_id)
    return indicators.filter(measure__isnull=False).filter(Exists(others))
