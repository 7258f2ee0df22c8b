"""The official statistics pages (/benchmark/, /sammenligning/F2.0/) at two data sizes, on PostgreSQL.

Small: two moving years of the benchmark and one year of the monthly a-dagpenge measure for all 98
municipalities, the regions and Hele landet. Large: ten years of both (40 moving years; 120 months, about
12 500 monthly values). Prints per size and page the SQL queries and the median time to draw the page
anew (the page cache emptied before each request), in-process with Django's test client.

    python bench/statistics_pages.py [--requests 15]
"""

import argparse
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
PAGES = {"benchmark": "/benchmark/", "comparison": "/sammenligning/F2.0/"}
SIZES = [("small", 2, 12), ("ten years", 40, 120)]


def recreate_database():
    import psycopg

    name = BENCH_DB.rsplit("/", 1)[1]
    with psycopg.connect(BENCH_DB.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def load(benchmark_periods: int, months: int) -> str:
    """A strategy in force for Ballerup whose F2.0 uses the monthly measure, and the official values."""
    from django.conf import settings

    from focusareas.models import Municipality, Strategy
    from measures.models import OfficialValue
    from tests import statistics_data
    from tests.reporting_data import portal_strategy

    # The size before goes first: its strategy and municipality (Ballerup's kommunekode is unique).
    OfficialValue.objects.all().delete()
    Strategy.objects.all().delete()
    Municipality.objects.all().delete()
    strategy = portal_strategy(settings, areas=3, indicators=2, quarters=6)
    statistics_data.link_ballerup(strategy.municipality)
    statistics_data.add_benchmark(periods=benchmark_periods)
    statistics_data.add_monthly(months=months)
    statistics_data.use_measures(strategy, {"F2.0": statistics_data.MONTHLY})
    return strategy.municipality.slug


def measure(path: str, requests: int) -> tuple[int, float]:
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(User.objects.get_or_create(username="bench-statistik")[0])
    client.get(path)  # the session's first save is not the page's
    cache.clear()
    reset_queries()  # the debug log holds 9 000 queries; loading the data filled it
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    timings = []
    for _ in range(requests):
        cache.clear()
        started = time.perf_counter()
        client.get(path)
        timings.append(time.perf_counter() - started)
    return len(captured), statistics.median(timings)


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
    from django.db import connection

    from measures.models import OfficialValue

    settings.ALLOWED_HOSTS = ["testserver"]
    print(f"  {'size':<10} {'values':>7} {'page':<11} {'queries':>7} {'drawn ms':>9}")
    for label, periods, months in SIZES:
        settings.PORTAL_MUNICIPALITY = load(periods, months)
        with connection.cursor() as cursor:  # the planner's statistics, as autovacuum keeps them
            cursor.execute("ANALYZE")
        values = OfficialValue.objects.count()
        for name, path in PAGES.items():
            queries, median = measure(path, args.requests)
            print(f"  {label:<10} {values:>7} {name:<11} {queries:>7} {median * 1000:9.1f}")


if __name__ == "__main__":
    main()
