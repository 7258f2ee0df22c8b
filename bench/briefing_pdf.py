"""Time to draw the briefing PDF at the large data size (3 strategies × 60 indicators × 10 years of quarters).

Prints the median and slowest of N drawings of the live (unlocked) quarter's PDF, split into reading the
figures and drawing the PDF, its pages and size, the SQL queries per request, and the time to serve a locked
quarter's PDF once it is stored.

    python bench/briefing_pdf.py [--runs 5]
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = os.getenv("BENCH_PDF_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/strategy_portal_bench_pdf")
os.environ.update({"DATABASE_URL": BENCH_DB, "PORTAL_MUNICIPALITY": "bench-1", "LOG_LEVEL": "WARNING"})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")


def recreate_database():
    import psycopg

    name = BENCH_DB.rsplit("/", 1)[1]
    with psycopg.connect(BENCH_DB.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    recreate_database()
    env = dict(os.environ)
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input"], cwd=ROOT, check=True, env=env,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run([sys.executable, "bench/generate_data.py", "--strategies=3", "--years=10"], cwd=ROOT,
                   check=True, env=env, stdout=subprocess.DEVNULL)  # fmt: skip

    import django

    django.setup()
    import pypdf
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.periods import Quarter
    from core.signals import quarter_locked
    from indicators.models import Measurement, QuarterLock
    from reporting import pdf, report
    from reporting.selectors import strategy_figures
    from reporting.structure import strategy_in_force

    strategy = strategy_in_force()
    quarter = Quarter(2026, 3)
    reading, drawing = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            data, snapshot = report.report_for(strategy, quarter, strategy_figures(strategy))
        read = time.perf_counter()
        content = pdf.briefing_pdf(report=data, quarter=quarter, snapshot=snapshot)
        reading.append(read - started)
        drawing.append(time.perf_counter() - read)
    pages = len(pypdf.PdfReader(io.BytesIO(content)).pages)
    print(f"== briefing PDF, {Measurement.objects.count()} actuals, {quarter.label()} ==")
    print(f"read the figures: median {statistics.median(reading):.2f} s, {len(queries)} queries")
    print(f"draw the PDF:     median {statistics.median(drawing):.2f} s, slowest {max(drawing):.2f} s")
    print(f"PDF: {pages} pages, {len(content) / 1024:.0f} KiB")

    quarter_locked.send(sender=QuarterLock, strategy=strategy, quarter=quarter, user=None)
    data, snapshot = report.report_for(strategy, quarter, strategy_figures(strategy))
    pdf.briefing_pdf(report=data, quarter=quarter, snapshot=snapshot)  # drawn once and stored
    started = time.perf_counter()
    assert pdf.stored_pdf(strategy, quarter)
    print(f"locked quarter: the stored PDF is read in {(time.perf_counter() - started) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
