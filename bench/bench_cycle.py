"""Counts the queries of the quarterly cycle at two sizes: submit, the approval page, approve, return.

Uses a throw-away test database (in-memory SQLite, or a test database next to DATABASE_URL when it points
to PostgreSQL). The counts should not grow with the number of figures.

    python bench/bench_cycle.py [--sizes 20 200]
"""

import argparse
import logging
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")

import django  # noqa: E402

django.setup()
logging.disable(logging.INFO)

from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

QUARTER_CODE = "2024K3"


def build(size: int, tag: str):
    from django.contrib.auth.models import Group, User

    from core import roles
    from focusareas.models import FocusArea, Municipality, Strategy
    from indicators.definition import indicator_create
    from indicators.models import Direction, Measurement, Unit

    municipality = Municipality.objects.create(name=f"Bench {tag}", slug=f"bench-{tag}")
    strategy = Strategy.objects.create(municipality=municipality, title="Benchstrategi", status="in_force")
    manager = User.objects.create_user(f"leder-{tag}", is_staff=True)
    manager.groups.add(Group.objects.get(name=roles.MANAGER))
    admin = User.objects.create_user(f"admin-{tag}", is_staff=True)
    admin.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    areas = [
        FocusArea.objects.create(strategy=strategy, number=n, name=f"Område {n}", slug=f"o{n}-{tag}")
        for n in range(1, 6)
    ]
    for area in areas:
        area.managers.add(manager)
    drafts = []
    for n in range(size):
        indicator = indicator_create(
            focus_area=areas[n % 5],
            code=f"B{n}",
            name=f"Indikator {n}",
            unit=Unit.FULL_TIME_PERSONS,
            direction=Direction.LOWER_IS_BETTER,
        )
        for quarter in (1, 2):
            Measurement.objects.create(indicator=indicator, year=2024, quarter=quarter, value=Decimal(880))
        drafts.append(
            Measurement.objects.create(
                indicator=indicator, year=2024, quarter=3, value=Decimal(8580 if n % 4 == 0 else 890),
                commentary="Forklaret" if n % 4 == 0 else "", entered_by=manager,
            )
        )  # fmt: skip
    return strategy, manager, admin, drafts


def counted(step) -> tuple[int, float]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        step()
        seconds = time.perf_counter() - started
    return len(queries), seconds


def run(size: int) -> list[tuple[str, int, float]]:
    from django.test import Client

    from indicators.models import Measurement
    from indicators.services import measurement_return, measurement_submit

    strategy, manager, admin, drafts = build(size, str(size))
    url = "/admin/indicators/measurement/godkendelse/"
    client = Client()
    client.force_login(admin)
    results = [("indsend (service)", *counted(lambda: measurement_submit(user=manager, measurements=drafts)))]
    results.append(
        (
            "godkendelsessiden",
            *counted(lambda: client.get(url, {"strategy": strategy.pk, "quarter": QUARTER_CODE})),
        )
    )
    shown = Measurement.objects.filter(pk__in=[m.pk for m in drafts])
    versions = {f"version-{pk}": v for pk, v in shown.values_list("pk", "version")}
    half = [m.pk for m in drafts[: size // 2]]
    post = {"strategy": strategy.pk, "quarter": QUARTER_CODE} | versions
    results.append(
        (
            "godkend valgte (side)",
            *counted(lambda: client.post(url, post | {"figure": half, "_approve": "1"})),
        )
    )
    rest = list(shown.filter(state=Measurement.State.SUBMITTED))
    versions = {m.pk: m.version for m in rest}
    results.append(
        ("send retur (service)", *counted(
            lambda: measurement_return(user=admin, measurements=rest, note="Tjek", versions=versions)
        ))
    )  # fmt: skip
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[20, 200])
    sizes = parser.parse_args().sizes
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        table = {size: run(size) for size in sizes}
        print(f"{'trin':24}" + "".join(f"{f'{size} tal: forespørgsler, tid':>32}" for size in sizes))
        for index, (label, *_ignored) in enumerate(table[sizes[0]]):
            cells = "".join(
                f"{table[size][index][1]:>22} {table[size][index][2] * 1000:6.0f} ms" for size in sizes
            )
            print(f"{label:24}{cells}")
        print(f"database: {connection.vendor}")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
