"""Serves the portal with gunicorn on PostgreSQL and measures its pages against /healthz, at two data sizes.

Prints, per data size: median and 95th-percentile latency of the overview, a focus area page, an
indicator page and the report, each as a ratio to /healthz on the same server (pages as served, mostly
from the page cache), the median when every request must draw the page anew, and the SQL queries per
page (drawn / from the cache); then a load run of 20 concurrent committee members on the overview and
the report.

    python bench/pages.py [--requests 60] [--load-seconds 60]
"""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = os.getenv("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/strategy_portal_bench")
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
SERVER_ENV = {
    "DATABASE_URL": BENCH_DB,
    "DEBUG": "False",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "False",
    "PORTAL_MUNICIPALITY": "bench-1",
    "LOG_LEVEL": "WARNING",
    "DATABASE_CONN_MAX_AGE": "60",
}
os.environ.update(SERVER_ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")


def recreate_database():
    import psycopg

    name = BENCH_DB.rsplit("/", 1)[1]
    with psycopg.connect(BENCH_DB.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(*args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, check=True, env=os.environ, stdout=subprocess.DEVNULL
    )


def pages(last_year: int, last_quarter: int) -> dict[str, str]:
    return {
        "overview": "/",
        "focus area": "/fokusomraader/fa-1/",
        "indicator": "/indikatorer/F1.0/",
        "report": f"/rapport/{last_year}/{last_quarter}/",
    }


def committee_cookie() -> str:
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from indicators import roles

    user, _ = User.objects.get_or_create(username="bench-udvalg")
    user.groups.add(Group.objects.get(name=roles.COMMITTEE_MEMBER))
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def query_counts(paths: dict[str, str]) -> dict[str, str]:
    """SQL queries per page: when it is drawn, and when it comes from the page cache."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(User.objects.get(username="bench-udvalg"))
    counts = {}
    for name, path in {"healthz": "/healthz", **paths}.items():
        numbers = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            numbers.append(len(captured))
        counts[name] = "/".join(map(str, numbers))
    return counts


def drawn_latencies(paths: dict[str, str], cookie: str, requests: int) -> dict[str, float]:
    """Median latency of each page when the cache cannot serve it: the figures change before each request."""
    from operations.cache import generation_raise

    medians = {}
    for name, path in paths.items():
        timings = []
        for _ in range(requests):
            generation_raise()
            timings.append(get(path, cookie))
        medians[name] = statistics.median(timings)
    return medians


def get(path: str, cookie: str) -> float:
    request = urllib.request.Request(BASE + path, headers={"Cookie": cookie})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        assert response.status == 200, (path, response.status)
    return time.perf_counter() - started


def latencies(paths: dict[str, str], cookie: str, requests: int) -> dict[str, list[float]]:
    every = {"healthz": "/healthz", **paths}
    for path in every.values():  # warm up both workers
        for _ in range(4):
            get(path, cookie)
    timings = {name: [] for name in every}
    for _ in range(requests):  # interleaved, so a slow moment of the machine hits every page alike
        for name, path in every.items():
            timings[name].append(get(path, cookie))
    return timings


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def report_latencies(timings: dict[str, list[float]], drawn: dict[str, float], counts: dict[str, str]):
    health_median = statistics.median(timings["healthz"])
    health_p95 = p95(timings["healthz"])
    print(
        f"  {'page':<12} {'median ms':>9} {'p95 ms':>7} {'median ×':>9} {'p95 ×':>6} "
        f"{'uncached median ms':>19} {'queries drawn/cached':>21}"
    )
    for name, values in timings.items():
        median, high = statistics.median(values), p95(values)
        uncached = f"{drawn[name] * 1000:.1f}" if name in drawn else "-"
        print(
            f"  {name:<12} {median * 1000:9.1f} {high * 1000:7.1f} {median / health_median:9.2f} "
            f"{high / health_p95:6.2f} {uncached:>19} {counts[name]:>21}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--load-seconds", type=float, default=60)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connections

    from indicators.models import Measurement
    from indicators.periods import Quarter

    last = Quarter(2026, 3)
    paths = pages(last.year, last.quarter)
    # Small: one strategy with two years of quarters. Large: three strategies with ten years each.
    for label, strategies, years in [("small", 1, 2), ("large", 3, 10)]:
        connections.close_all()
        recreate_database()
        manage("migrate", "--no-input")
        manage("collectstatic", "--no-input")
        subprocess.run(
            [sys.executable, "bench/generate_data.py", f"--strategies={strategies}", f"--years={years}"],
            cwd=ROOT,
            check=True,
            env=os.environ,
        )
        cookie = committee_cookie()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "strategy_portal.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}"],
            cwd=ROOT,
            env=os.environ,
        )
        try:
            for _ in range(100):
                try:
                    get("/healthz", "")
                    break
                except OSError:
                    time.sleep(0.2)
            print(f"\n== {label} data: {Measurement.objects.count()} actuals, {strategies} strategies ==")
            timings = latencies(paths, cookie, args.requests)
            drawn = drawn_latencies(paths, cookie, max(5, args.requests // 6))
            report_latencies(timings, drawn, query_counts(paths))
            if label == "large":
                load = subprocess.run(
                    [
                        sys.executable,
                        "bench/load.py",
                        BASE,
                        paths["overview"],
                        paths["report"],
                        "--cookie",
                        cookie,
                        "--concurrency",
                        "20",
                        "--seconds",
                        str(args.load_seconds),
                    ],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                print("\n" + load.stdout.strip())
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
