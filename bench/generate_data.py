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

from focusareas.models import FocusArea, Municipality, Strategy  # noqa: E402
from indicators.models import ComparisonValue, Indicator, Measurement, Target  # noqa: E402
from indicators.periods import Quarter, quarter_range  # noqa: E402

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
    for n in range(1, strategies + 1):
        municipality = Municipality.objects.create(name=f"Benchkommune {n}", slug=f"bench-{n}")
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
                indicators.append(
                    Indicator(
                        focus_area=area,
                        strategy=strategy,
                        code=f"F{area_number}.{i}",
                        name=f"Indikator {area_number}.{i}",
                        unit=unit,
                        direction="lower" if i % 2 == 0 else "higher",
                        decimals=1 if unit == "pct" else 0,
                        is_key_figure=i == 0,
                        order=i,
                    )
                )
        Indicator.objects.bulk_create(indicators)
        measurements, targets, comparisons = [], [], []
        for indicator in indicators:
            level = 50 if indicator.unit == "pct" else rng.randint(20, 1500)
            for quarter in quarters:
                level = max(1, level * (1 + rng.uniform(-0.04, 0.04)))
                value = Decimal(
                    str(round(min(level, 98) if indicator.unit in ("pct", "placering") else level, 1))
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
                for series in ("national", "benchmark"):
                    comparisons.append(
                        ComparisonValue(
                            indicator=indicator,
                            series=series,
                            year=quarter.year,
                            quarter=quarter.quarter,
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
        ComparisonValue.objects.bulk_create(comparisons, batch_size=2000)
        counts["indicators"] += len(indicators)
        counts["measurements"] += len(measurements)
        counts["targets"] += len(targets)
        counts["comparisons"] += len(comparisons)
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
