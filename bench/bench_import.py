"""Times the import of 100 000 quarterly figures next to its floors, measured in the same run.

Uses a throw-away test database: in-memory SQLite by default, or a test database next to DATABASE_URL
when it points to PostgreSQL. Prints, as medians of interleaved repetitions:
- the dry run, against reading and checking the same file in a plain loop with no database;
- the import of new figures, against writing the same rows and their history rows with the driver alone
  (COPY on PostgreSQL, executemany on SQLite);
- the re-import of the same figures with every value changed, against the first import.

    python bench/bench_import.py [--rows 100000] [--reps 3]
"""

import argparse
import csv
import io
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

QUARTERS_PER_INDICATOR = 100  # 2000K1-2024K4 (the first years the portal holds): all ended, every row valid


def build(rows: int):
    from django.contrib.auth.models import Group, User

    from core import roles
    from focusareas.models import FocusArea, Municipality, Strategy
    from indicators.definition import indicator_create
    from indicators.models import Direction, Unit

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
                indicator_create(
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
    return strategy, user, indicators


def csv_file(indicators, rows: int, shift: float) -> bytes:
    lines = ["indikator;år;kvartal;værdi;kommentar"]
    for indicator in indicators:
        for index in range(QUARTERS_PER_INDICATOR):
            if len(lines) > rows:
                break
            year, quarter = 2000 + index // 4, index % 4 + 1
            value = f"{(index % 90) + shift:.1f}".replace(".", ",")
            lines.append(f"{indicator.code};{year};{quarter};{value} %;")
    return ("\n".join(lines) + "\n").encode("utf-8")


def plain_check(data: bytes, indicators) -> list[tuple]:
    """The floor of a dry run: read the file with the csv module and check each row, no database."""
    known = {indicator.code.upper(): indicator for indicator in indicators}
    figures = []
    reader = csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";")
    next(reader)
    for code, year, quarter, value, commentary in reader:
        indicator = known[code.upper()]
        number = Decimal(value.rstrip(" %").replace(".", "").replace(",", "."))
        assert 1 <= int(quarter) <= 4 and 1900 < int(year) < 2100
        assert 0 <= number <= 100 and -number.as_tuple().exponent <= indicator.measure.decimals
        figures.append((indicator.pk, int(year), int(quarter), number, commentary))
    return figures


def driver_write(figures: list[tuple], user) -> None:
    """The floor of an import: the rows and their history rows written by the database driver alone."""
    from indicators.models import Measurement

    now = timezone.now()
    table, history = Measurement._meta.db_table, Measurement.history.model._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        first = cursor.fetchone()[0] + 1
        prepared_now = Measurement._meta.get_field("updated_at").get_db_prep_save(now, connection)
        rows = [
            (first + n, pk, year, quarter, value, commentary, "draft", "", "", user.pk, prepared_now, 1)
            for n, (pk, year, quarter, value, commentary) in enumerate(figures)
        ]
        columns = "id, indicator_id, year, quarter, value, commentary, state, review_note, source, "
        columns += "entered_by_id, updated_at, version"
        history_rows = [(*row, prepared_now, "~", user.pk, "Importeret") for row in rows]
        history_columns = columns + ", history_date, history_type, history_user_id, history_change_reason"
        if connection.vendor == "postgresql":
            for name, names, data in ((table, columns, rows), (history, history_columns, history_rows)):
                with cursor.cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy:
                    for row in data:
                        copy.write_row(row)
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)", [first + len(rows)])
        else:
            for name, names, data in ((table, columns, rows), (history, history_columns, history_rows)):
                marks = ", ".join(["%s"] * len(data[0]))
                cursor.executemany(f"INSERT INTO {name} ({names}) VALUES ({marks})", data)


def empty() -> None:
    from indicators.models import Measurement

    with transaction.atomic():
        Measurement.history.all()._raw_delete(connection.alias)
        Measurement.objects.all()._raw_delete(connection.alias)
    if connection.vendor == "postgresql":
        # What autovacuum does after a mass delete: otherwise the next run inserts beside 100 000 dead rows
        # and their index entries, which no real first import meets.
        tables = [Measurement._meta.db_table, Measurement.history.model._meta.db_table]
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")


def timed(function, *args, **kwargs) -> float:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    seconds = time.perf_counter() - started
    if hasattr(result, "ok"):
        assert result.ok, result.problems[:5]
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="print every run, not only the medians")
    args = parser.parse_args()

    from indicators.importing import figures_import
    from indicators.models import Measurement

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        strategy, user, indicators = build(args.rows)
        first, changed = csv_file(indicators, args.rows, 0.5), csv_file(indicators, args.rows, 0.7)

        def run(data, dry_run=False):
            return figures_import(
                user=user, data=data, filename="bench.csv", strategy=strategy, dry_run=dry_run
            )

        times = {name: [] for name in ("dry", "plain", "import", "driver", "reimport")}
        for _ in range(args.reps):  # interleaved, so a slow moment of the machine hits every figure alike
            times["plain"].append(timed(plain_check, first, indicators))
            times["dry"].append(timed(run, first, dry_run=True))
            figures = plain_check(first, indicators)
            times["driver"].append(timed(driver_write, figures, user))
            empty()
            times["import"].append(timed(run, first))
            assert Measurement.objects.count() == args.rows
            times["reimport"].append(timed(run, changed))
            assert Measurement.history.count() == 2 * args.rows
            empty()
        median = {name: statistics.median(values) for name, values in times.items()}
        if args.verbose:
            for name, values in times.items():
                print(f"  {name}: {', '.join(f'{value:.2f}' for value in values)}")
        floor = "COPY" if connection.vendor == "postgresql" else "executemany"
        print(f"\n== import of {args.rows} figures, {connection.vendor}, medians of {args.reps} ==")
        print(f"  {'what':<34} {'s':>6}   {'floor in the same run':<36} {'s':>6} {'ratio':>6}")
        for label, name, floor_label, floor_name in [
            ("dry run", "dry", "parse and check in a plain loop", "plain"),
            ("import, new figures", "import", f"{floor} of rows and history rows", "driver"),
            ("re-import, every value changed", "reimport", "the first import", "import"),
        ]:
            print(
                f"  {label:<34} {median[name]:6.2f}   {floor_label:<36} {median[floor_name]:6.2f} "
                f"{median[name] / median[floor_name]:5.1f}×"
            )
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
