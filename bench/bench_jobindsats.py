"""Times the import of the recorded Jobindsats answers: ten years of the monthly y01a02 table for the 98
municipalities, the regions and Hele landet (12 480 rows) and the benchmark y30r21 (2 376 rows, 9 480 values).

Uses a throw-away test database: in-memory SQLite by default, or a test database next to DATABASE_URL when it
points to PostgreSQL; run it once for each. Prints medians of the repetitions, in rows per second:
- the first import (every value new, with its history row, and the portal's own actuals), next to its floor
  in the same run: the same values and history rows written by the database driver alone (COPY on
  PostgreSQL, executemany on SQLite, ids given, one commit),
- the re-import of the same files (nothing changes, no history row is written),
- the import of a newer release in which every value is revised.

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

    from focusareas.models import FocusArea, Municipality, Strategy
    from indicators import roles
    from indicators.models import Direction, Indicator, Unit
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
        Indicator.objects.create(
            focus_area=area,
            code=code,
            name=code,
            unit=Unit.FULL_TIME_PERSONS,
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


def driver_write(user, values: list[tuple]) -> None:
    """The floor of an import: the values and their history rows written by the driver alone."""
    from django.utils import timezone

    from measures.models import OfficialValue

    table, history = OfficialValue._meta.db_table, OfficialValue.history.model._meta.db_table
    now = OfficialValue.history.model._meta.get_field("history_date").get_db_prep_save(
        timezone.now(), connection
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        first = cursor.fetchone()[0] + 1
        rows = [(first + n, *value, "r1", "Jobindsats") for n, value in enumerate(values)]
        columns = "id, measure_id, area_id, year, kind, number, value, release, source"
        history_rows = [(*row, now, "+", user.pk, "importeret") for row in rows]
        history_columns = columns + ", history_date, history_type, history_user_id, history_change_reason"
        for name, names, data in ((table, columns, rows), (history, history_columns, history_rows)):
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy:
                    for row in data:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(data[0]))
                cursor.executemany(f"INSERT INTO {name} ({names}) VALUES ({marks})", data)


def empty() -> None:
    from indicators.models import Measurement
    from measures.models import OfficialValue

    with transaction.atomic():
        for model in (OfficialValue, Measurement):
            model.history.all()._raw_delete(connection.alias)
            model.objects.all()._raw_delete(connection.alias)


def timed(function, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(**kwargs)
    seconds = time.perf_counter() - started
    assert result.ok, result.problems[:5]
    return seconds, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()

    from measures.importing import jobindsats_import
    from measures.models import OfficialValue

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        user = build()
        files = {name: (RECORDED / name).read_bytes() for name in FILES}
        newer = {name: revised(name) for name in FILES}
        times = {key: [] for key in ("monthly", "benchmark", "both", "again", "revision", "floor")}
        rows = {}
        for _ in range(args.reps):
            for key, name in (("monthly", FILES[0]), ("benchmark", FILES[1])):
                seconds, result = timed(
                    jobindsats_import, user=user, files=[(name, files[name])], release="r1"
                )
                times[key].append(seconds)
                rows[key] = (result.rows, result.values)
                empty()
            seconds, result = timed(jobindsats_import, user=user, files=list(files.items()), release="r1")
            times["both"].append(seconds)
            stored = list(
                OfficialValue.objects.values_list("measure_id", "area_id", "year", "kind", "number", "value")
            )
            rows["both"] = rows["again"] = rows["revision"] = (result.rows, result.values)
            assert result.actuals_created > 0
            history = OfficialValue.history.count()
            seconds, result = timed(jobindsats_import, user=user, files=list(files.items()), release="r1")
            times["again"].append(seconds)
            assert result.created == result.revised == 0 and OfficialValue.history.count() == history
            seconds, result = timed(jobindsats_import, user=user, files=list(newer.items()), release="r2")
            times["revision"].append(seconds)
            assert result.revised > 0
            empty()
            started = time.perf_counter()
            driver_write(user, stored)
            times["floor"].append(time.perf_counter() - started)
            rows["floor"] = rows["both"]
            empty()
        print(f"\n== Jobindsats import, {connection.vendor}, medians of {args.reps} ==")
        print(f"  {'what':<52} {'rows':>6} {'values':>7} {'s':>6} {'rows/s':>8} {'values/s':>9}")
        for label, key in [
            ("y01a02, 2015M01-2024M12, all areas, new", "monthly"),
            ("y30r21, 2023QMAT01-2024QMAT02, new", "benchmark"),
            ("both, new, with the own actuals", "both"),
            ("  floor: the driver alone writes them and history", "floor"),
            ("both again: nothing changes", "again"),
            ("both, a newer release revising every value", "revision"),
        ]:
            seconds = statistics.median(times[key])
            read, values = rows[key]
            print(
                f"  {label:<52} {read:>6} {values:>7} {seconds:6.2f} "
                f"{read / seconds:8.0f} {values / seconds:9.0f}"
            )
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
