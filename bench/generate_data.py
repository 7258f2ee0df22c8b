"""Generates a large data set for the benchmarks: strategies × 60 indicators × years of quarters."""

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from core.periods import Quarter, quarter_range  # noqa: E402
from core.signals import figures_changed  # noqa: E402
from focusareas.models import FocusArea, Municipality, Strategy  # noqa: E402
from indicators.models import Indicator, Measurement, Target  # noqa: E402
from measures.models import Area, Measure, OfficialValue  # noqa: E402

UNITS = ["fuldtidspersoner", "pct", "antal", "uger", "placering"]
INDICATORS_PER_AREA = 12  # 5 focus areas × 12 = 60 indicators per strategy, unless told otherwise


@transaction.atomic
def generate(
    *, strategies: int, years: int, last: Quarter, per_area: int = INDICATORS_PER_AREA, seed: int = 1
) -> dict[str, int]:
    """Make `strategies` municipalities, each with one strategy in force, filled with `years` of quarters."""
    rng = random.Random(seed)
    quarters = quarter_range(last + (-(4 * years - 1)), last)
    counts = dict.fromkeys(["indicators", "measurements", "targets", "comparisons"], 0)
    country = Area.objects.get(kind=Area.Kind.COUNTRY)
    # Each bench municipality stands in the statistics as one of the 98 (that no municipality uses yet).
    used = Municipality.objects.exclude(area=None).values("area_id")
    free_areas = iter(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).exclude(pk__in=used).order_by("code"))
    for n in range(1, strategies + 1):
        place = next(free_areas)
        municipality = Municipality.objects.create(
            name=f"Benchkommune {n}", slug=f"bench-{n}", code=int(place.code), area=place
        )
        strategy = Strategy.objects.create(
            municipality=municipality, title=f"Benchstrategi {n}", status=Strategy.Status.IN_FORCE
        )
        indicators = []
        for area_number in range(1, 6):
            area = FocusArea.objects.create(
                strategy=strategy,
                number=area_number,
                name=f"Fokusområde {area_number}",
                slug=f"fa-{area_number}",
            )
            for i in range(per_area):
                unit = UNITS[i % len(UNITS)]
                code = f"F{area_number}.{i}"
                measure = Measure(
                    code=f"{municipality.slug}-{code}", name=f"Indikator {area_number}.{i}", unit=unit,
                    decimals=1 if unit == "pct" else 0, origin=Measure.Origin.OWN,
                )  # fmt: skip
                measure.expected = Measure(
                    code=f"{measure.code}-BENCHMARK", name=f"{measure.name} (benchmark)", unit=unit,
                    decimals=measure.decimals, origin=Measure.Origin.OWN,
                )  # fmt: skip
                indicators.append(
                    Indicator(
                        focus_area=area,
                        strategy=strategy,
                        code=code,
                        name=measure.name,
                        measure=measure,
                        direction="lower" if i % 2 == 0 else "higher",
                        is_key_figure=i == 0,
                        order=i,
                    )
                )
        Measure.objects.bulk_create([i.measure.expected for i in indicators])
        for indicator in indicators:
            indicator.measure.expected_id = indicator.measure.expected.pk
        Measure.objects.bulk_create([i.measure for i in indicators])
        for indicator in indicators:
            indicator.measure_id = indicator.measure.pk
        Indicator.objects.bulk_create(indicators)
        measurements, targets, comparisons = [], [], []
        area_of = place
        for indicator in indicators:
            level = 50 if indicator.measure.unit == "pct" else rng.randint(20, 1500)
            for quarter in quarters:
                level = max(1, level * (1 + rng.uniform(-0.04, 0.04)))
                value = Decimal(
                    str(round(min(level, 98) if indicator.measure.unit in ("pct", "placering") else level, 1))
                )
                measurements.append(
                    Measurement(
                        indicator=indicator,
                        year=quarter.year,
                        quarter=quarter.quarter,
                        value=value,
                        state="approved",
                        published_value=value,
                        source="demo",
                    )
                )
                # The national average and the ministry's expected value for the municipality.
                for measure, place in ((indicator.measure, country), (indicator.measure.expected, area_of)):
                    comparisons.append(
                        OfficialValue(
                            measure=measure,
                            area=place,
                            year=quarter.year,
                            kind="Q",
                            number=quarter.quarter,
                            value=value * Decimal("1.05"),
                            source="demo",
                        )
                    )
            for year in sorted({q.year for q in quarters}):
                goal = Decimal(str(round(level, 1)))
                targets.append(
                    Target(indicator=indicator, year=year, value_min=goal, value_max=goal, source="demo")
                )
        Measurement.objects.bulk_create(measurements, batch_size=2000)
        Target.objects.bulk_create(targets, batch_size=2000)
        OfficialValue.objects.bulk_create(comparisons, batch_size=2000)
        counts["indicators"] += len(indicators)
        counts["measurements"] += len(measurements)
        counts["targets"] += len(targets)
        counts["comparisons"] += len(comparisons)
    figures_changed.send(sender=Strategy)  # as the demo loader announces what it stores
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--strategies", type=int, default=3)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--last", default="2026K3", help="the last quarter with figures")
    parser.add_argument("--indicators-per-area", type=int, default=INDICATORS_PER_AREA)
    args = parser.parse_args()
    started = time.perf_counter()
    counts = generate(
        strategies=args.strategies,
        years=args.years,
        last=Quarter.parse(args.last),
        per_area=args.indicators_per_area,
    )
    seconds = time.perf_counter() - started
    print(f"generated {counts} in {seconds:.1f} s")


if __name__ == "__main__":
    main()
