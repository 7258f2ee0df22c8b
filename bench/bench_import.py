"""Times the import of 100 000 quarterly figures (dry run and real) in a scratch database.

Uses a throw-away test database: in-memory SQLite by default, or a test database next to DATABASE_URL
when it points to PostgreSQL. Prints rows per second for the check alone and for the full import.

    python bench/bench_import.py [--rows 100000]
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")

import django  # noqa: E402

django.setup()

from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

QUARTERS_PER_INDICATOR = 400  # 1925K1-2024K4: all ended, so every row is valid


def build(rows: int):
    from django.contrib.auth.models import Group, User

    from focusareas.models import FocusArea, Municipality, Strategy
    from indicators import roles
    from indicators.models import Direction, Indicator, Unit

    municipality = Municipality.objects.create(name="Benchkommune", slug="benchkommune")
    strategy = Strategy.objects.create(municipality=municipality, title="Benchstrategi", status="in_force")
    count = -(-rows // QUARTERS_PER_INDICATOR)
    indicators = []
    for number in range(1, 6):
        area = FocusArea.objects.create(
            strategy=strategy, number=number, name=f"Område {number}", slug=f"o{number}"
        )
        for n in range(count // 5 + 1):
            unit = Unit.PERCENT if n % 3 == 0 else Unit.FULL_TIME_PERSONS
            indicators.append(
                Indicator.objects.create(
                    focus_area=area,
                    code=f"F{number}.{n}",
                    name=f"Indikator {number}.{n}",
                    unit=unit,
                    direction=Direction.LOWER_IS_BETTER,
                    decimals=1,
                )
            )
    user = User.objects.create_user("bench-admin", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    lines = ["indikator;år;kvartal;værdi;kommentar"]
    for indicator in indicators:
        for index in range(QUARTERS_PER_INDICATOR):
            if len(lines) > rows:
                break
            year, quarter = 1925 + index // 4, index % 4 + 1
            value = f"{(index % 90) + 0.5:.1f}".replace(".", ",")
            lines.append(f"{indicator.code};{year};{quarter};{value} %;")
    return strategy, user, ("\n".join(lines) + "\n").encode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows

    from indicators.importing import figures_import
    from indicators.models import Measurement

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        strategy, user, data = build(rows)
        for dry_run in (True, False):
            started = time.perf_counter()
            result = figures_import(
                user=user, data=data, filename="bench.csv", strategy=strategy, dry_run=dry_run
            )
            seconds = time.perf_counter() - started
            assert result.ok, result.problems[:5]
            label = "kontrol (--dry-run)" if dry_run else "import"
            print(
                f"{label:20} {result.rows:>7} rækker  {seconds:6.1f} s  {result.rows / seconds:8.0f} rækker/s"
            )
        assert Measurement.objects.count() == rows
        print(f"database: {django.db.connection.vendor}")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
