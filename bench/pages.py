"""Serves the portal with gunicorn (2 workers) on PostgreSQL and measures its pages against /healthz.

At two data sizes: the large one (3 strategies × 60 indicators × 10 years of quarters) and ten times its
indicators (120 per focus area). Prints, per size and page (overview, a focus area, an indicator, the
report): the median when every request must draw the page anew, next to /healthz requested right after
each one, and their ratio; the HTML's size as drawn and as sent gzipped; the median and 95th percentile
as served (mostly from the shared page cache) as a ratio to /healthz; the SQL queries per page (drawn /
from the cache). At the large size also the first visit (bench/first_visit.py) and a load run of 20
concurrent committee members on the overview and the report.

Each page drawn anew is held to its target, as a ratio to /healthz in the same run: overview, report and
indicator ≤ 10× (issue 12), focus area ≤ 20× (issue 20; its first page of ten indicators), and the focus area
with ten times the indicators under 1 s.

    python bench/pages.py [--requests 60] [--drawn 15] [--load-seconds 60] [--browser-runs 7] [--only large]

BENCH_PORT and BENCH_DATABASE_URL choose the server's port and the (recreated) database.
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
PORT = int(os.getenv("BENCH_PORT", "8765"))
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

    from core import roles

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

    from operations.cache import generation_raise

    client = Client()
    client.force_login(User.objects.get(username="bench-udvalg"))
    counts = {}
    for name, path in {"healthz": "/healthz", **paths}.items():
        numbers = []
        generation_raise()  # stale, so the first request draws the page (the cache is shared)
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            numbers.append(len(captured))
        counts[name] = "/".join(map(str, numbers))
    return counts


def drawn_latencies(paths: dict[str, str], cookie: str, requests: int) -> dict[str, tuple[float, float]]:
    """Medians of each page drawn anew (the figures change before each request) and of /healthz requested
    right after each one, so both meet the machine in the same moment."""
    from operations.cache import generation_raise

    medians = {}
    for name, path in paths.items():
        drawn, health = [], []
        for _ in range(requests):
            generation_raise()
            drawn.append(get(path, cookie))
            health.append(get("/healthz", cookie))
        medians[name] = (statistics.median(drawn), statistics.median(health))
    return medians


def html_sizes(paths: dict[str, str], cookie: str) -> dict[str, tuple[int, int]]:
    """Each page's HTML in bytes: as drawn, and as sent to a browser that accepts gzip."""
    sizes = {}
    for name, path in paths.items():
        sizes[name] = tuple(
            len(urllib.request.urlopen(
                urllib.request.Request(BASE + path, headers={"Cookie": cookie, "Accept-Encoding": encoding}),
                timeout=60,
            ).read())
            for encoding in ("identity", "gzip")
        )  # fmt: skip
    return sizes


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


TARGETS = {"overview": 10, "focus area": 20, "indicator": 10, "report": 10}  # drawn anew, × /healthz
FOCUS_AREA_LIMIT = 1.0  # seconds, with ten times the indicators


def verdict(name: str, page: float, health: float, large: bool) -> str:
    """The ratios are targets at the large size; with ten times the indicators the focus area's draw < 1 s."""
    if large and name in TARGETS:
        return f"≤{TARGETS[name]}× {'met' if page / health <= TARGETS[name] else 'NOT MET'}"
    if not large and name == "focus area":
        return f"<1 s {'met' if page < FOCUS_AREA_LIMIT else 'NOT MET'}"
    return ""


def report(timings, drawn, sizes, counts, large: bool) -> None:
    print(
        f"  {'page':<11} {'drawn ms':>9} {'/healthz ms':>11} {'ratio':>6} {'target':>12} {'HTML KB':>8}"
        f" {'gzip KB':>8} {'served med ×':>12} {'p95 ×':>6} {'queries drawn/cached':>21}"
    )
    health_median, health_p95 = statistics.median(timings["healthz"]), p95(timings["healthz"])
    for name, values in timings.items():
        page, health = drawn.get(name, (None, None))
        html, zipped = sizes.get(name, (0, 0))
        anew = f"{'-':>41}"
        if page:
            ratio = f"{page / health:5.1f}× {verdict(name, page, health, large):>12}"
            anew = f"{page * 1000:9.1f} {health * 1000:11.1f} {ratio}"
        print(
            f"  {name:<11} {anew} {html / 1000:8.1f} {zipped / 1000:8.1f}"
            f" {statistics.median(values) / health_median:12.2f} {p95(values) / health_p95:6.2f}"
            f" {counts[name]:>21}"
        )


def serve():
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "strategy_portal.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}",
         "--log-level", "warning"],
        cwd=ROOT,
        env=os.environ,
    )  # fmt: skip
    for _ in range(100):
        try:
            get("/healthz", "")
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer")


def run(script: str, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, script, *args], cwd=ROOT, capture_output=True, text=True, check=True, env=os.environ
    )
    print(done.stdout.rstrip())


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--drawn", type=int, default=15, help="requests per page drawn anew")
    parser.add_argument("--load-seconds", type=float, default=60)
    parser.add_argument("--browser-runs", type=int, default=7)
    parser.add_argument("--only", choices=["large", "ten"], help="one data size only")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connections

    from core.periods import Quarter
    from indicators.models import Measurement

    last = Quarter(2026, 3)
    paths = pages(last.year, last.quarter)
    manage("collectstatic", "--no-input")
    sizes = [("large", 12), ("ten times the indicators", 120)]
    for label, per_area in sizes if args.only is None else sizes[:1] if args.only == "large" else sizes[1:]:
        connections.close_all()
        recreate_database()
        manage("migrate", "--no-input")
        subprocess.run(
            [sys.executable, "bench/generate_data.py", "--strategies=3", "--years=10",
             f"--indicators-per-area={per_area}"],
            cwd=ROOT, check=True, env=os.environ, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        with connections["default"].cursor() as cursor:  # the planner's statistics, as autovacuum keeps them
            cursor.execute("ANALYZE")
        cookie = committee_cookie()
        server = serve()
        try:
            print(f"\n== {label}: {Measurement.objects.count()} actuals, {per_area * 5} indicators each ==")
            timings = latencies(paths, cookie, args.requests)
            drawn = drawn_latencies(paths, cookie, args.drawn)
            report(timings, drawn, html_sizes(paths, cookie), query_counts(paths), label == "large")
            if label == "large" and args.browser_runs:
                run("bench/first_visit.py", BASE, paths["overview"], "--cookie", cookie,
                    "--runs", str(args.browser_runs))  # fmt: skip
            if label == "large" and args.load_seconds:
                run("bench/load.py", BASE, paths["overview"], paths["report"], "--cookie", cookie,
                    "--concurrency", "20", "--seconds", str(args.load_seconds))  # fmt: skip
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
