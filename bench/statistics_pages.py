"""The official statistics pages at 30 000 and at 3 000 000 official values, on PostgreSQL.

Pages: /benchmark/, /sammenligning/F2.0/ and F2.0's indicator page with its breakdowns, F2.0 using the
monthly sygedagpenge measure (Y07A02-FULDTID), which is shown by four dimensions.

Small (about 30 000 values): two moving years of the benchmark, and six months of Y07A02-FULDTID for all 98
municipalities, the regions and Hele landet, each as a whole and in 44 breakdowns (12 by one dimension, 32 by
two). Large (about 3 000 000): ten years of the benchmark (40 moving years), and ten and a half years of
months of five monthly measures with the same breakdowns. A twentieth of the breakdowns' cells is not
published (no value), as a real table suppresses small groups. The values are written with COPY, without
their history rows, on top of the small ones.

Prints per size and page the SQL queries and the median time to draw the page anew (the page cache emptied
before each request) next to /healthz requested right after it, and their ratio, in-process with Django's
test client; then each page's queries at both sizes. Issue 21's target: the same number of queries at both
sizes, each page ≤ 20× /healthz.

    python bench/statistics_pages.py [--requests 15]

BENCH_DATABASE_URL chooses the (recreated) database.
"""

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = os.getenv(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/strategy_portal_bench_statistics"
)
os.environ.update({"DATABASE_URL": BENCH_DB, "LOG_LEVEL": "WARNING"})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")
PAGES = {"benchmark": "/benchmark/", "comparison": "/sammenligning/F2.0/", "indicator": "/indikatorer/F2.0/"}
SHOWN = "Y07A02-FULDTID"  # F2.0's measure
MONTHLY = [SHOWN, "Y07A02-PERSONER", "Y12A02-FULDTID", "Y36A02-FULDTID", "Y38A02-FULDTID"]
# (label, benchmark moving years, months up to June 2024, monthly measures)
SIZES = [("30 000", 2, 6, 1), ("3 000 000", 40, 126, 5)]
TARGET = 20  # drawn anew, × /healthz
# Y07A02-FULDTID's dimensions (fixtures/measures.csv) with their members and total member.
DIMENSIONS = {
    "Status før sygedagpenge": (["Beskæftiget", "Ledig", "Andet"], "Status før sygedagpenge i alt"),
    "Alder": (["16-29 år", "30-49 år", "50-59 år", "60 år og derover"], "Alder i alt"),
    "Køn": (["Mænd", "Kvinder"], "Køn i alt"),
    "Herkomst": (["Dansk oprindelse", "Indvandrere", "Efterkommere"], "Herkomst i alt"),
}
PAIRS = [("Køn", "Alder"), ("Køn", "Herkomst"), ("Alder", "Status før sygedagpenge"),
         ("Køn", "Status før sygedagpenge")]  # fmt: skip


def recreate_database():
    import psycopg

    name = BENCH_DB.rsplit("/", 1)[1]
    with psycopg.connect(BENCH_DB.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def breakdowns() -> list[tuple[int, float]]:
    """(breakdown id, its share of the whole): each member of each dimension, and the members of four pairs of
    dimensions; the dimensions' totals and members' positions as Jobindsats gives them."""
    from measures.importing import breakdowns_made
    from measures.models import Dimension, breakdown_key

    keys = {}
    for name, (members, _total) in DIMENSIONS.items():
        for member in members:
            keys[breakdown_key({name: member})] = 1 / len(members)
    for first, second in PAIRS:
        for one, other in itertools.product(DIMENSIONS[first][0], DIMENSIONS[second][0]):
            keys[breakdown_key({first: one, second: other})] = (
                1 / len(DIMENSIONS[first][0]) / len(DIMENSIONS[second][0])
            )
    made = breakdowns_made(list(keys))
    for name, (members, total) in DIMENSIONS.items():
        dimension = Dimension.objects.get(name=name)
        dimension.total = total
        dimension.save(update_fields=["total"])
        for position, label in enumerate(members, start=1):
            dimension.members.filter(label=label).update(position=position)
    return [(made[key], share) for key, share in keys.items()]


def months(count: int) -> list[tuple[int, int]]:
    """(year, month) of `count` months up to June 2024."""
    index = 2024 * 12 + 5
    return [divmod(index - n, 12) for n in reversed(range(count))]


def fill(month_count: int, measure_codes: list[str], parts: list[tuple[int, float]], skip: int) -> None:
    """The monthly measures' values for every area and month, whole and in each breakdown, with COPY; the
    first `skip` months of the first measure are there already."""
    from django.db import connection

    from measures.models import Area, Measure

    areas = list(Area.objects.values_list("pk", "code", "kind"))
    measures = dict(Measure.objects.filter(code__in=measure_codes).values_list("code", "pk"))
    columns = "measure_id, area_id, year, kind, number, breakdown_id, value, release, source, is_synthetic"
    with (
        connection.cursor() as cursor,
        cursor.connection.cursor().copy(f"COPY measures_officialvalue ({columns}) FROM STDIN") as copy,
    ):
        for position, code in enumerate(measure_codes):
            shown = months(month_count)
            if position == 0:
                shown = shown[: month_count - skip] if skip else shown
            for index, (year, month) in enumerate(shown):
                for area_id, area_code, kind in areas:
                    size = {"country": 60000, "region": 12000}.get(kind, 200 + int(area_code) % 89 * 9)
                    whole = size + (index % 12) * 3 + position * 11
                    copy.write_row(
                        (measures[code], area_id, year, "M", month + 1, None, whole, "2024-07 (syntetisk)",
                         "syntetiske testdata", True)
                    )  # fmt: skip
                    for number, (breakdown_id, share) in enumerate(parts):
                        hidden = kind == "municipality" and (area_id + number + index) % 20 == 0
                        copy.write_row(
                            (measures[code], area_id, year, "M", month + 1, breakdown_id,
                             None if hidden else round(whole * share), "2024-07 (syntetisk)",
                             "syntetiske testdata", True)
                        )  # fmt: skip


def load(label: str, benchmark_periods: int, month_count: int, measure_count: int, before) -> tuple:
    """The strategy in force for Ballerup whose F2.0 uses Y07A02-FULDTID, the benchmark and the monthly
    values: the first size from nothing, the second on top of it."""
    from django.conf import settings
    from django.db import connection

    from measures.models import OfficialValue
    from tests import statistics_data
    from tests.reporting_data import portal_strategy

    started = time.perf_counter()
    if before is None:
        strategy = portal_strategy(settings, areas=3, indicators=2, quarters=6)
        statistics_data.link_ballerup(strategy.municipality)
        statistics_data.use_measures(strategy, {"F2.0": SHOWN})
        parts, skip = breakdowns(), 0
    else:
        strategy, parts, skip = before
        OfficialValue.objects.filter(measure__code__startswith="BM-").delete()
    statistics_data.add_benchmark(periods=benchmark_periods)
    fill(month_count, MONTHLY[:measure_count], parts, skip)
    with connection.cursor() as cursor:  # the planner's statistics, as autovacuum keeps them
        cursor.execute("ANALYZE")
    print(
        f"  {label}: {OfficialValue.objects.count()} values loaded in {time.perf_counter() - started:.0f} s"
    )
    return strategy, parts, month_count


def measure(path: str, requests: int) -> tuple[int, float, float]:
    """The queries of the page drawn anew, and the medians of drawing it and of /healthz right after."""
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get_or_create(username="bench-statistik")[0])
    for _ in range(3):  # the session's first save, and the worker's first draw, are not the page's
        cache.clear()
        client.get(path)
    cache.clear()
    executed = []

    def counted(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        assert client.get(path).status_code == 200, path
    drawn, health = [], []
    for _ in range(requests):
        cache.clear()
        started = time.perf_counter()
        client.get(path)
        drawn.append(time.perf_counter() - started)
        started = time.perf_counter()
        client.get("/healthz")
        health.append(time.perf_counter() - started)
    return len(executed), statistics.median(drawn), statistics.median(health)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=15)
    args = parser.parse_args()
    recreate_database()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT, check=True, env=os.environ, stdout=subprocess.DEVNULL,
    )  # fmt: skip

    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    queries, loaded = {}, None
    for label, periods, month_count, measure_count in SIZES:
        loaded = load(label, periods, month_count, measure_count, loaded)
        settings.PORTAL_MUNICIPALITY = loaded[0].municipality.slug
        print(f"  {'size':<10} {'page':<11} {'queries':>7} {'drawn ms':>9} {'/healthz ms':>11} {'ratio':>6}")
        for name, path in PAGES.items():
            count, drawn, health = measure(path, args.requests)
            queries.setdefault(name, []).append(count)
            verdict = "met" if drawn / health <= TARGET else "NOT MET"
            print(
                f"  {label:<10} {name:<11} {count:>7} {drawn * 1000:9.1f} {health * 1000:11.2f}"
                f" {drawn / health:5.1f}× ≤{TARGET}× {verdict}"
            )
    for name, counts in queries.items():
        same = "the same" if len(set(counts)) == 1 else "NOT the same"
        print(f"  {name}: {' → '.join(map(str, counts))} queries from 30 000 to 3 000 000 values ({same})")


if __name__ == "__main__":
    main()
