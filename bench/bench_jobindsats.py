"""Times the import of the recorded Jobindsats answers: ten years of the monthly y01a02 table for the 98
municipalities, the regions and Hele landet (12 480 rows) and the benchmark y30r21 (2 376 rows, 9 480 values).

Uses a throw-away test database: in-memory SQLite by default, or a test database next to DATABASE_URL when it
points to PostgreSQL; run it once for each. Prints medians of the repetitions, in rows per second, each next
to its floor measured in the same run, interleaved with it, and the ratio (import ÷ floor):
- the first import of y01a02 alone, of y30r21 alone and of both with the portal's own actuals; floor: the
  same values and their history rows written by the database driver alone (COPY on PostgreSQL, executemany
  on SQLite, ids given, one commit),
- the re-import of the same files (nothing changes, no history row is written); floor: the one query that
  reads the stored values,
- the import of a newer release in which every value is revised; floor: the driver alone changes every value
  (COPY into a staging table and one UPDATE … FROM on PostgreSQL, executemany on SQLite) and writes the
  history rows.
The machine's load average is printed too: on a shared machine, compare the ratios.

    python bench/bench_jobindsats.py [--reps 3]
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

RECORDED = ROOT / "fixtures" / "jobindsats"
FILES = ["y01a02_2024M12.json", "y30r21_2024QMAT02.json"]


def build():
    """The portal of Ballerup, with F1.0 on the benchmark's difference and F2.0 on the monthly table."""
    from django.contrib.auth.models import Group, User

    from core import roles
    from focusareas.models import FocusArea, Municipality, Strategy
    from indicators.definition import indicator_create
    from indicators.models import Direction
    from measures.catalogue import load_catalogue
    from measures.models import Area, Measure

    load_catalogue()
    municipality = Municipality.objects.create(
        name="Ballerup Kommune", slug="bench-ballerup", code=151, area=Area.objects.get(name="Ballerup")
    )
    settings.PORTAL_MUNICIPALITY = municipality.slug
    strategy = Strategy.objects.create(municipality=municipality, title="Benchstrategi", status="in_force")
    area = FocusArea.objects.create(strategy=strategy, number=1, name="Område", slug="omraade")
    for code, measure in (("F1.0", "BM-FORSKEL-IALT"), ("F2.0", "Y01A02-FULDTID")):
        indicator_create(
            focus_area=area,
            code=code,
            name=code,
            direction=Direction.LOWER_IS_BETTER,
            allows_negative=True,
            measure=Measure.objects.get(code=measure),
        )
    user = User.objects.create_user("bench-admin", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    return user


def revised(name: str) -> bytes:
    """The same answer with every count one higher (the ranks as they were)."""
    answer = json.loads((RECORDED / name).read_text(encoding="utf-8"))
    counts = [2] if name.startswith("y01a02") else [3, 4, 5]  # Fuldtidspersoner; forventet, faktisk, forskel
    for row in answer[0]["Data"]:
        for index in counts:
            row[index] += 1
    return json.dumps(answer, ensure_ascii=False).encode("utf-8")


def _copy_or_insert(cursor, table: str, names: str, rows: list[tuple]) -> None:
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * len(rows[0]))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _next_ids(cursor, table: str, column: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {table}")
    return cursor.fetchone()[0] + 1


COLUMNS = "id, measure_id, area_id, year, kind, number, value, release, source"
HISTORY = "history_id, " + COLUMNS + ", history_date, history_type, history_user_id, history_change_reason"


def _tables():
    from measures.models import OfficialValue

    return OfficialValue._meta.db_table, OfficialValue.history.model._meta.db_table


def _now():
    from django.utils import timezone

    from measures.models import OfficialValue

    field = OfficialValue.history.model._meta.get_field("history_date")
    return field.get_db_prep_save(timezone.now(), connection)


def driver_write(user, values: list[tuple]) -> None:
    """The floor of a first import: the values and their history rows written by the driver alone (COPY on
    PostgreSQL, executemany on SQLite), ids given, one commit."""
    table, history = _tables()
    now = _now()
    with transaction.atomic(), connection.cursor() as cursor:
        first, first_history = _next_ids(cursor, table, "id"), _next_ids(cursor, history, "history_id")
        rows = [(first + n, *value, "r1", "Jobindsats") for n, value in enumerate(values)]
        history_rows = [
            (first_history + n, *row, now, "+", user.pk, "importeret") for n, row in enumerate(rows)
        ]
        _copy_or_insert(cursor, table, COLUMNS, rows)
        _copy_or_insert(cursor, history, HISTORY, history_rows)


def driver_read(measure_ids: list[int]) -> None:
    """The floor of a re-import that changes nothing: the one query that reads the stored values."""
    table, _history = _tables()
    marks = ", ".join(["%s"] * len(measure_ids))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT measure_id, area_id, year, kind, number, id, value "
            f"FROM {table} WHERE measure_id IN ({marks})",
            measure_ids,
        )
        cursor.fetchall()


def driver_revise(user, stored: list[tuple]) -> None:
    """The floor of a revising release: every stored value (id first) one higher and its history row, by the
    driver alone: PostgreSQL COPYs the new values into a staging table, changes them with one UPDATE … FROM
    and COPYs the history rows; SQLite executemany's both."""
    table, history = _tables()
    now = _now()
    revised = [(pk, *key, value + 1, "r3", "Jobindsats") for pk, *key, value in stored]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMPORARY TABLE floor_staging (id bigint, value numeric(14, 4)) ON COMMIT DROP"
            )
            with cursor.cursor.copy("COPY floor_staging (id, value) FROM STDIN") as copy:
                for row in revised:
                    copy.write_row((row[0], row[6]))
            cursor.execute(
                f"UPDATE {table} SET value = s.value, release = 'r3', source = 'Jobindsats' "
                f"FROM floor_staging s WHERE {table}.id = s.id"
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET value = %s, release = 'r3', source = 'Jobindsats' WHERE id = %s",
                [(row[6], row[0]) for row in revised],
            )
        first = _next_ids(cursor, history, "history_id")
        history_rows = [(first + n, *row, now, "~", user.pk, "revideret") for n, row in enumerate(revised)]
        _copy_or_insert(cursor, history, HISTORY, history_rows)


def empty() -> None:
    from indicators.models import Measurement
    from measures.models import OfficialValue

    with transaction.atomic():
        for model in (OfficialValue, Measurement):
            model.history.all()._raw_delete(connection.alias)
            model.objects.all()._raw_delete(connection.alias)
    if connection.vendor == "postgresql":  # each import and floor starts from tables without dead rows
        tables = [m._meta.db_table for m in (OfficialValue, Measurement)]
        tables += [m.history.model._meta.db_table for m in (OfficialValue, Measurement)]
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")


def timed(function, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(**kwargs)
    seconds = time.perf_counter() - started
    assert result is None or result.ok, result.problems[:5]
    return seconds, result


LINES = [
    ("y01a02, 2015M01-2024M12, all areas, new", "monthly"),
    ("y30r21, 2023QMAT01-2024QMAT02, new", "benchmark"),
    ("both, new, with the own actuals", "both"),
    ("both again: nothing changes", "again"),
    ("both, a newer release revising every value", "revision"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()

    from indicators.official_actuals import jobindsats_import
    from measures.models import OfficialValue

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    load = os.getloadavg()
    try:
        user = build()
        files = {name: (RECORDED / name).read_bytes() for name in FILES}
        newer = {name: revised(name) for name in FILES}
        times = {key: ([], []) for _label, key in LINES}  # the import's seconds, the floor's
        rows = {}
        columns = ("measure_id", "area_id", "year", "kind", "number", "value")

        def stored_values():
            return list(OfficialValue.objects.values_list(*columns))

        for _ in range(args.reps):
            for key, name in (("monthly", FILES[0]), ("benchmark", FILES[1])):
                one = [(name, files[name])]
                seconds, result = timed(jobindsats_import, user=user, files=one, release="r1")
                times[key][0].append(seconds)
                rows[key] = (result.rows, result.values)
                values = stored_values()
                empty()
                times[key][1].append(timed(driver_write, user=user, values=values)[0])
                empty()
            seconds, result = timed(jobindsats_import, user=user, files=list(files.items()), release="r1")
            times["both"][0].append(seconds)
            rows["both"] = rows["again"] = rows["revision"] = (result.rows, result.values)
            assert result.actuals_created > 0
            values = stored_values()
            history = OfficialValue.history.count()
            seconds, result = timed(jobindsats_import, user=user, files=list(files.items()), release="r1")
            times["again"][0].append(seconds)
            assert result.created == result.revised == 0 and OfficialValue.history.count() == history
            measure_ids = sorted({value[0] for value in values})
            times["again"][1].append(timed(driver_read, measure_ids=measure_ids)[0])
            seconds, result = timed(jobindsats_import, user=user, files=list(newer.items()), release="r2")
            times["revision"][0].append(seconds)
            assert result.revised > 0
            revisable = list(OfficialValue.objects.values_list("id", *columns))
            times["revision"][1].append(timed(driver_revise, user=user, stored=revisable)[0])
            empty()
            times["both"][1].append(timed(driver_write, user=user, values=values)[0])
            empty()
        print(f"\n== Jobindsats import, {connection.vendor}, medians of {args.reps} ==")
        print(f"   load average before: {load[0]:.2f}, after: {os.getloadavg()[0]:.2f} (1 min)")
        print("   floor: the same rows written (or read) by the database driver alone in the same run")
        print(
            f"  {'what':<46} {'rows':>6} {'values':>7} {'s':>6} {'rows/s':>8} {'floor rows/s':>13} "
            f"{'ratio':>6}"
        )
        for label, key in LINES:
            seconds, floor = (statistics.median(series) for series in times[key])
            read, values = rows[key]
            print(
                f"  {label:<46} {read:>6} {values:>7} {seconds:6.2f} "
                f"{read / seconds:8.0f} {read / floor:13.0f} {floor / seconds:6.2f}"
            )
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
