"""One measure's latest value for all 98 municipalities, best first, beside Hele landet and the region: the
comparison the committee asks for ("is this us, or the whole country?"), in three queries.

The period: the latest quarter the measure's values make, each area's value made by the one rule of
measures.quarters (the quarter as published, else its three months, else the moving year ending with it), as
the indicator's own actual and the comparison series are, so the three agree. A measure published by calendar
year only shows its latest year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext as _

from core.periods import Quarter

from .models import Area, Measure, MeasureType, OfficialValue, Unit
from .periods import Kind, Period
from .quarters import PREFERENCE, quarters_made

# Units whose values add up over municipalities: the country's and region's reference is their mean per
# municipality, not their total. A share, a duration or a rank is compared as published.
ADDITIVE_UNITS = {Unit.FULL_TIME_PERSONS, Unit.COUNT, Unit.KRONER}
# Shares (per cent of the labour force or the population), durations and amounts compare across
# municipalities of any size; head-counts do not: 492 on a-dagpenge is many in Dragør and few in Aarhus.
COMPARABLE_UNITS = {Unit.PERCENT, Unit.WEEKS, Unit.KRONER}


def is_comparable(unit: str) -> bool:
    """Whether values in the unit compare across municipalities of different size."""
    return unit in COMPARABLE_UNITS


def is_ranked(measure: Measure) -> bool:
    """Whether the comparison ranks the municipalities by the measure: a comparable unit, a rank itself, or a
    measure the ministry ranks (the benchmark's difference). A head-count is listed, never ranked."""
    return is_comparable(measure.unit) or measure.unit == Unit.RANK or measure.rank_id is not None


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
    is_synthetic: bool = False  # some of the values shown were made up by a loader (the demo, the tests)
    is_ranked: bool = True  # False for a head-count: listed by name, without ranks (is_ranked())
    not_published: list[str] = field(default_factory=list)  # municipalities whose value the source suppressed

    @property
    def has_values(self) -> bool:
        """Something to compare with: a value for another municipality than the own."""
        return any(row.value is not None and not row.is_own for row in self.rows)

    @property
    def has_reference_lines(self) -> bool:
        """Hele landet and the region as lines beside the ranked bars; a head-count is not drawn so."""
        return self.is_ranked and any(reference.line is not None for reference in self.references)

    @property
    def own(self) -> AreaValue | None:
        return next((row for row in self.rows if row.is_own), None)

    @property
    def peers(self) -> list[AreaValue]:
        return [row for row in self.rows if row.is_peer]

    @property
    def is_additive(self) -> bool:
        return self.measure.unit in ADDITIVE_UNITS


@dataclass(frozen=True)
class Shown:
    """The period a comparison shows: the latest quarter its values make (by the one rule of
    measures.quarters), or, for a measure published by calendar year only, the latest year."""

    quarter: Quarter | None = None
    year: int | None = None

    def periods(self) -> Q:
        """The stored periods that may make it, as a filter."""
        if self.quarter is None:
            return Q(kind=Kind.YEAR, year=self.year, number=0)
        year, number = self.quarter.year, self.quarter.quarter
        months = [month.number for month in Period.months_of(self.quarter)]
        return Q(year=year) & (
            Q(kind__in=[Kind.QUARTER, Kind.MOVING_YEAR], number=number)
            | Q(kind=Kind.MONTH, number__in=months)
        )

    def label(self, kind: str | None, measure: Measure) -> tuple[str, str]:
        """Its label and a note on how months are combined, for the kind of period that made it."""
        if self.quarter is None:
            return str(self.year), ""
        quarter = self.quarter
        if kind == Kind.MOVING_YEAR:
            return Period(quarter.year, kind, quarter.quarter).label(), ""
        if kind != Kind.MONTH:
            return quarter.label(), ""
        first, _second, last = Period.months_of(quarter)
        names = {"first": MONTH_NAMES[first.number], "last": MONTH_NAMES[last.number]}
        if measure.measure_type == MeasureType.FLOW:
            note = _("Summen af månederne %(first)s–%(last)s, det seneste hele kvartal.") % names
        else:
            note = _("Gennemsnittet af månederne %(first)s–%(last)s, det seneste hele kvartal.") % names
        return quarter.label(), note


def latest_shown(measure: Measure) -> Shown | None:
    """The latest quarter the measure's values can make: a month makes one with the quarter's last month, so
    the latest complete quarter counts (one query). None without values."""
    # Each kind's latest period, found from the top of the index by measure, kind and period: a few rows
    # read, however many years and breakdowns the measure holds.
    values = OfficialValue.objects.wholes().published().filter(measure=measure).order_by("-year", "-number")
    kinds = [kind for kind, _label in Kind.CHOICES]
    last = {
        f"last_{kind}": Subquery(
            values.filter(kind=kind).annotate(last=F("year") * 100 + F("number")).values("last")[:1]
        )
        for kind in kinds
    }
    found = Measure.objects.filter(pk=measure.pk).annotate(**last).values_list(*last).first() or ()
    latest = {
        kind: divmod(value, 100) for kind, value in zip(kinds, found, strict=False) if value is not None
    }
    quarters = []
    for kind, (year, number) in latest.items():
        period = Period(year, kind, number)
        if period.quarter is None:
            continue
        incomplete = kind == Kind.MONTH and period.number % 3
        quarters.append(period.quarter.previous() if incomplete else period.quarter)
    if quarters:
        return Shown(quarter=max(quarters))
    if Kind.YEAR in latest:
        return Shown(year=latest[Kind.YEAR][0])
    return None


def comparison_for(
    measure: Measure, *, own_area_id: int | None, peer_ids: set[int], higher_is_better: bool
) -> Comparison:
    """Every municipality's value of the measure in its latest period, best first (by the ministry's rank
    where the measure has one), with Hele landet and the own region as reference."""
    comparison = Comparison(measure=measure, is_ranked=is_ranked(measure))
    shown = latest_shown(measure)
    if shown is None:
        return comparison
    has_rank = measure.rank_id is not None and measure.rank_id != measure.pk
    measure_ids = [measure.pk, measure.rank_id] if has_rank else [measure.pk]
    rows = (
        OfficialValue.objects.wholes()
        .filter(shown.periods(), measure_id__in=measure_ids)
        .values_list(
            "measure_id", "area_id", "year", "kind", "number", "value", "release", "source", "is_synthetic"
        )
        .order_by()
    )
    of_area: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    suppressed: set[int] = set()  # areas with a value the source did not publish: left out of the ranks
    for measure_id, area_id, *row in rows:
        if row[3] is None:
            suppressed.add(area_id)
            continue
        of_area[measure_id, area_id].append(row)
    made: dict[int, tuple[Decimal, str]] = {}  # area -> (value, kind of period it is made from)
    origins: dict[int, set[tuple[str, str]]] = {}
    ranks: dict[int, int] = {}
    for (measure_id, area_id), found in of_area.items():
        # A rank is a level: its value is the rank as published.
        measure_type = measure.measure_type if measure_id == measure.pk else MeasureType.LEVEL
        value, kind = _made(found, shown, measure_type)
        if value is None:
            continue
        if measure_id != measure.pk:
            ranks[area_id] = int(value)
            continue
        made[area_id] = value, kind
        used = [row for row in found if row[1] == kind]
        origins[area_id] = {(source, release) for *_period, release, source, _made_up in used}
        comparison.is_synthetic |= any(made_up for *_rest, made_up in used)
    kinds = {kind for _value, kind in made.values()}
    comparison.period_label, comparison.period_note = shown.label(
        next((kind for kind in PREFERENCE if kind in kinds), None), measure
    )
    comparison.releases = sorted({release for pairs in origins.values() for _s, release in pairs if release})
    comparison.sources = sorted({source for pairs in origins.values() for source, _r in pairs if source})

    areas = list(Area.objects.values_list("pk", "code", "name", "kind", "region_id"))
    names = {pk: name for pk, _code, name, _kind, _region in areas}
    value_of = {pk: made[pk][0] if pk in made else None for pk, *_rest in areas}
    municipalities = [
        AreaValue(
            area_id=pk, code=code, name=name, region=names.get(region, ""), value=value_of[pk],
            is_own=pk == own_area_id, is_peer=pk in peer_ids and pk != own_area_id,
            sources=sorted(origins.get(pk, ())),
        )
        for pk, code, name, kind, region in areas
        if kind == Area.Kind.MUNICIPALITY
    ]  # fmt: skip
    comparison.not_published = sorted(
        row.name for row in municipalities if row.value is None and row.area_id in suppressed
    )
    comparison.official_rank = bool(ranks)
    if comparison.is_ranked:
        _rank(municipalities, ranks, higher_is_better)
    else:
        municipalities.sort(key=lambda row: row.name)
    comparison.rows = municipalities
    comparison.ranked = sum(1 for row in municipalities if row.rank is not None)
    comparison.references = _references(areas, value_of, own_area_id, comparison)
    return comparison


def _made(found: list[tuple], shown: Shown, measure_type: str) -> tuple[Decimal | None, str]:
    """An area's value for the period shown, and the kind of period it is made from."""
    if shown.quarter is None:
        return (found[0][3], Kind.YEAR) if found else (None, Kind.YEAR)
    quarters = quarters_made([row[:4] for row in found], measure_type)
    return quarters.get(shown.quarter, (None, ""))


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
        # A mean per municipality would invite the comparison of head-counts that is not made: ranked only.
        if comparison.is_additive and comparison.is_ranked and reference.value is not None and counted[key]:
            reference.per_municipality = reference.value / counted[key]
        references.append(reference)
    return references


def _of_others(own_area_id: int | None):
    """Published values of the wholes for municipalities other than the own: Hele landet or a region alone
    leaves nothing to compare with."""
    return (
        OfficialValue.objects.wholes()
        .published()
        .filter(area__kind=Area.Kind.MUNICIPALITY)
        .exclude(area_id=own_area_id)
    )


def has_other_areas(measure_id: int | None, own_area_id: int | None) -> bool:
    """Whether a measure has official values for another municipality than the own: worth comparing (one
    query)."""
    if measure_id is None:
        return False
    return _of_others(own_area_id).filter(measure_id=measure_id).exists()


def comparable(indicators, own_area_id: int | None):
    """The indicators (a QuerySet) whose measure has official values for other municipalities than the own:
    the ones the comparison page has figures for."""
    others = _of_others(own_area_id).filter(measure_id=OuterRef("measure_id"))
    return indicators.filter(measure__isnull=False).filter(Exists(others))
