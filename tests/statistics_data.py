"""Official statistics for tests: the benchmark (y30r21) and a monthly measure for all 98 municipalities,
the regions and Hele landet, synthetic except Ballerup's benchmark figures from the committee minutes of
8 October 2024 (ranks 2; 22 -> 10; 12 -> 20; 6 -> 8; 220 / 60 / 30 / 130 fewer than expected)."""

from __future__ import annotations

from decimal import Decimal

from focusareas.models import Municipality
from measures.catalogue import load_catalogue
from measures.models import Area, Measure, OfficialValue
from measures.periods import Kind, Period

BALLERUP = "151"
LATEST = Period(2024, Kind.MOVING_YEAR, 2)
SYNTHETIC = "syntetiske testdata"
SEED = "seed 003: referat af udvalgsmødet 8. oktober 2024"
RELEASE = "2024-09 (syntetisk)"
# Ballerup per ydelsesgruppe: (rank before, rank now, faktisk minus forventet now).
SEED_FIGURES = {
    "IALT": (3, 2, -220),
    "ADAGPENGE": (22, 10, -60),
    "SYGEDAGPENGE": (12, 20, -30),
    "KONTANTHJAELP": (6, 8, -130),
}
GROUP_SIZE = {"IALT": 3000, "ADAGPENGE": 400, "SYGEDAGPENGE": 700, "KONTANTHJAELP": 900}
MONTHLY = "Y01A02-FULDTID"
# A monthly rate for the ranking: a-dagpenge in per cent of the labour force (synthetic, made by the tests).
RATE = "TEST-ADAGPENGE-PCT"


def municipalities() -> list[Area]:
    return list(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).order_by("code"))


def ballerup() -> Area:
    return Area.objects.get(code=BALLERUP)


def link_ballerup(municipality: Municipality, *, peers: tuple[str, ...] = ("157", "163", "169")) -> Area:
    """Make the portal's municipality Ballerup in the statistics, with a peer group (Gentofte, Herlev,
    Høje-Taastrup by default)."""
    area = Area.objects.get(code=BALLERUP)
    municipality.area = area
    municipality.save(update_fields=["area"])
    municipality.peers.set(Area.objects.filter(code__in=peers))
    return area


def benchmark_periods(count: int) -> list[Period]:
    """`count` moving years up to and including LATEST (2024QMAT02)."""
    quarter = LATEST.quarter
    quarters = [quarter]
    for _ in range(count - 1):
        quarters.insert(0, quarters[0].previous())
    return [Period(q.year, Kind.MOVING_YEAR, q.quarter) for q in quarters]


def _ranks(areas: list[Area], own_rank: int, shift: int) -> dict[str, int]:
    """A rank from 1 to 98 for every municipality, Ballerup at own_rank, the rest in a shifted order."""
    others = [a.code for a in areas if a.code != BALLERUP]
    others = others[shift % len(others) :] + others[: shift % len(others)]
    free = [r for r in range(1, len(areas) + 1) if r != own_rank]
    return {BALLERUP: own_rank} | dict(zip(others, free, strict=True))


def add_benchmark(*, periods: int = 2) -> list[Period]:
    """The four ydelsesgrupper's actual, expected, difference and rank for every municipality."""
    load_catalogue()
    measures = {m.code: m for m in Measure.objects.filter(code__startswith="BM-")}
    areas = municipalities()
    shown = benchmark_periods(periods)
    values = []
    for index, period in enumerate(shown):
        is_latest, is_before = period == LATEST, index == len(shown) - 2
        for group, (then, now, difference) in SEED_FIGURES.items():
            earlier = min(then + (len(shown) - 2 - index) * (1 + len(group) % 4), 98)
            own_rank = now if is_latest else then if is_before else earlier
            ranks = _ranks(areas, own_rank, shift=index * 7 + len(group))
            for area in areas:
                own = area.code == BALLERUP
                size = GROUP_SIZE[group] + int(area.code) % 97 * 3
                diff = difference if own and is_latest else (ranks[area.code] - 49) * 2
                figures = {
                    "FAKTISK": size + diff,
                    "FORVENTET": size,
                    "FORSKEL": diff,
                    "PLACERING": ranks[area.code],
                }
                for part, value in figures.items():
                    real = (
                        own
                        and part in ("FORSKEL", "PLACERING")
                        and (is_latest or (is_before and part == "PLACERING"))
                    )
                    values.append(
                        OfficialValue(
                            measure=measures[f"BM-{part}-{group}"], area=area, year=period.year,
                            kind=period.kind, number=period.number, value=Decimal(value), release=RELEASE,
                            source=SEED if real else SYNTHETIC, is_synthetic=not real,
                        )
                    )  # fmt: skip
    OfficialValue.objects.bulk_create(values)
    return shown


def monthly_value(area: Area, month_index: int) -> Decimal:
    """A synthetic full-time count: larger for the big municipalities' codes, slowly falling."""
    return Decimal(200 + int(area.code) % 89 * 9 - month_index)


LAST_MONTH = Period(2024, Kind.MONTH, 6)


def rate_measure() -> Measure:
    """RATE, a share comparable across municipalities of any size."""
    measure, _created = Measure.objects.get_or_create(
        code=RATE,
        defaults={"name": "Fuldtidspersoner på a-dagpenge i pct. af arbejdsstyrken", "unit": "pct",
                  "decimals": 1, "table": "y01a02", "origin": "jobindsats"},
    )  # fmt: skip
    return measure


def add_monthly(*, months: int = 12, last: Period = LAST_MONTH, code: str = MONTHLY) -> list[Period]:
    """Y01A02-FULDTID (or RATE) for `months` months up to `last`: every municipality, the regions (sum of
    theirs; for the rate their mean) and Hele landet (sum or mean of all)."""
    load_catalogue()
    measure = rate_measure() if code == RATE else Measure.objects.get(code=code)
    share = code == RATE
    areas = list(Area.objects.all())
    shown = []
    year, number = last.year, last.number
    for _ in range(months):
        shown.insert(0, Period(year, Kind.MONTH, number))
        year, number = (year - 1, 12) if number == 1 else (year, number - 1)
    values = []
    for index, period in enumerate(shown):
        by_area = {
            a.pk: monthly_value(a, index) / (100 if share else 1)
            for a in areas
            if a.kind == Area.Kind.MUNICIPALITY
        }
        for area in areas:
            if area.kind == Area.Kind.MUNICIPALITY:
                value = by_area[area.pk]
            else:
                members = [
                    by_area[a.pk]
                    for a in areas
                    if a.pk in by_area and (area.kind != Area.Kind.REGION or a.region_id == area.pk)
                ]
                value = (sum(members) / (len(members) if share else 1)).quantize(Decimal("0.0001"))
            values.append(
                OfficialValue(
                    measure=measure, area=area, year=period.year, kind=period.kind, number=period.number,
                    value=value, release=RELEASE, source=SYNTHETIC, is_synthetic=True,
                )
            )  # fmt: skip
    OfficialValue.objects.bulk_create(values)
    return shown


def use_measures(strategy, mapping: dict[str, str]) -> None:
    """Let the strategy's indicators use measures by code, e.g. {"F1.0": "BM-FORSKEL-IALT"}."""
    from indicators.models import Indicator

    load_catalogue()
    for code, measure in mapping.items():
        Indicator.objects.filter(focus_area__strategy=strategy, code=code).update(
            measure=Measure.objects.get(code=measure)
        )
