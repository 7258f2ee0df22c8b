"""Does a crowd asking for PDFs slow the portal? /healthz idle, then while four readers ask for PDFs.

Serves the demo data with gunicorn (3 workers) on PostgreSQL, the public dashboard open, and measures the
median of /healthz idle and while four parallel anonymous clients ask for the latest open quarter's PDF
(with --every-quarter, every other request is for another open quarter in turn), then prints the ratio.
The target: within 2× the idle median, since each open quarter's PDF is drawn once per change and
language and then served from the shared cache.

    python bench/pdf_readers.py [--seconds 20] [--clients 4] [--every-quarter]

BENCH_PORT and BENCH_PDF_READERS_DATABASE_URL choose the server's port and the (recreated) database.
"""

import argparse
import http.client
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = os.getenv(
    "BENCH_PDF_READERS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/strategy_portal_bench_pdf_readers"
)
PORT = int(os.getenv("BENCH_PORT", "8767"))
SERVER_ENV = {
    "DATABASE_URL": BENCH_DB,
    "DEBUG": "False",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "False",
    "PUBLIC_DASHBOARD": "True",
    "LOG_LEVEL": "WARNING",
    "DATABASE_CONN_MAX_AGE": "60",
}
os.environ.update(SERVER_ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")
TARGET = 2  # × the idle /healthz median


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


def get(connection: http.client.HTTPConnection, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{PORT}"})
    response = connection.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


def health(seconds: float) -> list[float]:
    """/healthz, one request after another with a short pause, for the given time."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    timings, deadline = [], time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        status, elapsed = get(connection, "/healthz")
        assert status == 200, status
        timings.append(elapsed)
        time.sleep(0.05)
    connection.close()
    return timings


def reader(paths: list[str], deadline: float, served: list, errors: list) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    n = 0
    while time.perf_counter() < deadline:
        path = paths[0] if n % 2 == 0 else paths[n // 2 % len(paths)]
        n += 1
        status, elapsed = get(connection, path)
        (served if status == 200 else errors).append((path, status, elapsed))
    connection.close()


def with_readers(paths: list[str], clients: int, seconds: float) -> tuple[list[float], list, list]:
    """/healthz while `clients` readers ask for the paths; and what they were served."""
    served, errors = [], []
    task = (paths, time.perf_counter() + seconds, served, errors)
    readers = [threading.Thread(target=reader, args=task) for _ in range(clients)]
    for thread in readers:
        thread.start()
    busy = health(seconds)
    for thread in readers:
        thread.join()
    return busy, served, errors


def serve() -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "strategy_portal.wsgi", "-w", "3", "-b", f"127.0.0.1:{PORT}",
         "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT,
        env=os.environ,
    )  # fmt: skip
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            get(connection, "/healthz")
            connection.close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer")


def open_quarters() -> list[str]:
    """The PDF addresses of the quarters with approved figures that are not locked, the latest first."""
    import django

    django.setup()
    from reporting.selectors import strategy_calendar
    from reporting.structure import strategy_in_force

    calendar = strategy_calendar(strategy_in_force(), key_figures=False)
    quarters = [q for q in reversed(calendar.quarters) if q not in calendar.locked]
    return [f"/rapport/{q.year}/{q.quarter}/pdf/" for q in quarters]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20, help="how long the readers ask for PDFs")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--every-quarter", action="store_true", help="also the other open quarters' PDFs")
    args = parser.parse_args()
    os.environ.setdefault("PORTAL_MUNICIPALITY", "ballerup")

    recreate_database()
    manage("migrate", "--no-input")
    manage("load_demo", "--force")
    manage("collectstatic", "--no-input")
    paths = open_quarters()
    if not args.every_quarter:
        paths = paths[:1]
    server = serve()
    try:
        health(2)  # warm up every worker
        idle = health(args.seconds / 2)
        busy, served, errors = with_readers(paths, args.clients, args.seconds)
        # The same readers on the overview, a cached HTML page: what any busy page costs /healthz here.
        page, _, _ = with_readers(["/"], args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait(10)
    idle_median, busy_median = statistics.median(idle), statistics.median(busy)
    ratio = busy_median / idle_median
    slowest = max(elapsed for _, _, elapsed in served) if served else 0
    asked = f"{len(paths)} open quarters' PDFs"
    print(f"== {args.clients} readers asking for {asked} for {args.seconds:.0f} s ==")
    print(f"PDFs served: {len(served)}, slowest {slowest:.2f} s, errors: {len(errors)} {errors[:3]}")
    print(f"/healthz idle:        median {idle_median * 1000:7.1f} ms ({len(idle)} requests)")
    print(f"/healthz with readers: median {busy_median * 1000:7.1f} ms ({len(busy)} requests)")
    print(f"ratio {ratio:.2f}× (target ≤{TARGET}×: {'met' if ratio <= TARGET else 'NOT MET'})")
    print(f"/healthz with as many readers of the overview: median {statistics.median(page) * 1000:.1f} ms"
          f" ({statistics.median(page) / idle_median:.2f}× idle)")  # fmt: skip


if __name__ == "__main__":
    main()
