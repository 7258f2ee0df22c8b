"""Serves the portal with gunicorn on PostgreSQL and measures the read API (issue 23).

1. The approved figures of the whole strategy (60 indicators × 40 quarters, bench/generate_data.py) in one
   JSON request (/api/v1/figures?limit=10000, with an API token) against /healthz requested right after each
   one: the medians and their ratio, held to ≤ 10×, as served (kept until a figure changes, as the pages are)
   and drawn anew (the figures' generation raised before each request).
2. 1 000 000 official values (and the generated ones) streamed as CSV from /api/v1/official-values?format=csv:
   the rows, bytes and seconds, and the peak resident memory of the one gunicorn worker that served them (its
   VmHWM), held to < 150 MB.

    python bench/api.py [--requests 40] [--values 1000000]

BENCH_PORT and BENCH_DATABASE_URL choose the server's port and the (recreated) database.
"""

import argparse
import json
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
BENCH_DB = os.getenv("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/strategy_portal_bench_api")
PORT = int(os.getenv("BENCH_PORT", "8766"))
BASE = f"http://127.0.0.1:{PORT}"
os.environ.update(
    {
        "DATABASE_URL": BENCH_DB,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "PORTAL_MUNICIPALITY": "bench-1",
        "LOG_LEVEL": "WARNING",
        "PUBLIC_DASHBOARD": "False",
        "API_RATE_PER_TOKEN": "100000/min",
        "API_RATE_PER_ADDRESS": "100000/min",
    }
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")
FIGURES = "/api/v1/figures?limit=10000"
CSV = "/api/v1/official-values?format=csv"
RATIO_TARGET, MEMORY_TARGET_MB = 10, 150


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


def official_values(count: int) -> int:
    """`count` official values of 20 made-up measures for the 98 municipalities, month by month from 2000,
    copied into the table in one COPY (the import's own checks are not what is measured here)."""
    from django.db import connection

    from measures.models import Area, Measure

    measures = Measure.objects.bulk_create(
        [Measure(code=f"BENCH-API-{n:02d}", name=f"Bench {n}", unit="antal") for n in range(20)]
    )
    areas = list(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).values_list("pk", flat=True))
    per_series = -(-count // (len(measures) * len(areas)))
    months = [(2000 + m // 12, m % 12 + 1) for m in range(per_series)]
    written = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(
            "COPY measures_officialvalue (measure_id, area_id, year, kind, number, value, release, source, "
            "is_synthetic) FROM STDIN"
        ) as copy,
    ):
        for measure in measures:
            for area in areas:
                for year, month in months:
                    if written == count:
                        break
                    copy.write_row(
                        (measure.pk, area, year, "M", month, f"{(written % 9973) / 7:.4f}", "", "", True)
                    )
                    written += 1
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return written


def serve():
    # One worker, so that the worker measured is the one that answered; a stream of a million rows takes
    # longer than gunicorn's default 30 s time-out.
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "strategy_portal.wsgi", "-w", "1", "-b", f"127.0.0.1:{PORT}",
         "--timeout", "600", "--log-level", "warning"],
        cwd=ROOT, env=os.environ,
    )  # fmt: skip
    for _ in range(100):
        try:
            get("/healthz")
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer")


def get(path: str, token: str = "") -> tuple[float, bytes]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = urllib.request.Request(BASE + path, headers=headers)
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        body = response.read()
        assert response.status == 200, (path, response.status)
    return time.perf_counter() - started, body


def worker_peak_mb(server) -> float:
    """The peak resident memory (VmHWM) of gunicorn's one worker."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    status = Path(f"/proc/{children[0]}/status").read_text()
    kilobytes = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    return kilobytes / 1024


def streamed(token: str) -> tuple[float, int, int]:
    """Reads the CSV as it comes (64 KB at a time), counting rows and bytes, without keeping it."""
    request = urllib.request.Request(BASE + CSV, headers={"Authorization": f"Bearer {token}"})
    started, rows, size = time.perf_counter(), 0, 0
    with urllib.request.urlopen(request, timeout=600) as response:
        while chunk := response.read(65536):
            size += len(chunk)
            rows += chunk.count(b"\n")
    return time.perf_counter() - started, rows - 1, size


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--values", type=int, default=1_000_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.db import connections

    from api import tokens
    from core import roles
    from indicators.models import Indicator, Measurement
    from operations.cache import generation_raise

    connections.close_all()
    recreate_database()
    manage("migrate", "--no-input")
    subprocess.run(
        [sys.executable, "bench/generate_data.py", "--strategies=1", "--years=10"],
        cwd=ROOT, check=True, env=os.environ, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    written = official_values(args.values)
    user = User.objects.create(username="bench-power-bi")
    user.groups.add(Group.objects.get(name=roles.COMMITTEE_MEMBER))
    _, token = tokens.issue(user=user, name="Bench")
    indicators = Indicator.objects.filter(strategy__municipality__slug="bench-1").count()
    figures = Measurement.objects.count()
    print(f"data: {indicators} indicators, {figures} approved figures, {written} official values added")
    connections.close_all()

    server = serve()
    try:
        for _ in range(5):  # warm up
            get("/healthz"), get("/api/v1/areas", token)
        before = worker_peak_mb(server)
        seconds, rows, size = streamed(token)
        peak = worker_peak_mb(server)
        print(f"official values CSV: {rows} rows, {size / 1024 / 1024:.0f} MB in {seconds:.1f} s "
              f"({rows / seconds:,.0f} rows/s); worker peak RSS {before:.0f} MB before, {peak:.0f} MB after "
              f"(target < {MEMORY_TARGET_MB} MB) {'OK' if peak < MEMORY_TARGET_MB else 'OVER'}")  # fmt: skip
        for _ in range(5):  # warm up
            get(FIGURES, token), get("/healthz")
        for label, drawn in (("served", False), ("drawn anew", True)):
            figures, health = [], []
            for _ in range(args.requests):
                if drawn:
                    generation_raise()
                seconds, body = get(FIGURES, token)
                figures.append(seconds)
                health.append(get("/healthz")[0])
            count = len(json.loads(body)["results"])
            median, health_median = statistics.median(figures), statistics.median(health)
            ratio = median / health_median
            print(f"figures JSON {label}: {count} figures, {len(body) / 1024:.0f} KB; median "
                  f"{median * 1000:.1f} ms, /healthz {health_median * 1000:.2f} ms: {ratio:.1f}× "
                  f"(target ≤ {RATIO_TARGET}×) {'OK' if ratio <= RATIO_TARGET else 'OVER'}")  # fmt: skip
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
