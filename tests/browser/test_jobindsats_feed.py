"""The administrator fetches y07a02 (sygedagpenge) in the admin from a fake Jobindsats, watches the progress
while a worker runs the tasks, confirms the import, and the committee sees June's sentence and the breakdown
by sex on F3.0's page."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django_tasks_db.management.commands.db_worker import Worker

from indicators import jobindsats_feed
from measures.periods import Period
from tests import factories, statistics_data
from tests.fake_jobindsats import KEY, FakeJobindsats
from tests.reporting_data import portal_strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEPTEMBER_5 = datetime.date(2024, 9, 5)  # June 2024 is the latest month Jobindsats should have published
COLUMNS = ["Area", "Periode", "Køn", "Antal personer", "Antal fuldtidspersoner"]


def sick_leave() -> dict:
    """y07a02 for Ballerup and Hele landet, July 2022 to June 2024, by sex: the minutes' June figures (812 →
    877 full-time persons in Ballerup, +8 %, about 65; 60 000 → 58 200 in the whole country, −3 %)."""
    rows = []
    for n in range(24):
        period = Period(2022 + (6 + n) // 12, "M", (6 + n) % 12 + 1)
        ballerup = {"2023M06": 812, "2024M06": 877}.get(str(period), 800 + n)
        country = {"2023M06": 60000, "2024M06": 58200}.get(str(period), 59000 + 10 * n)
        for area, whole in (("Ballerup", ballerup), ("Hele landet", country)):
            women = round(whole * 0.55)
            for sex, value in (("Køn i alt", whole), ("Kvinder", women), ("Mænd", whole - women)):
                rows.append([area, str(period), sex, round(value * 1.2), value])
    return {"Variables": [{"Label": label} for label in COLUMNS], "Data": rows}


@pytest.fixture
def portal(live_server, settings, monkeypatch):
    settings.PUBLIC_DASHBOARD = True
    strategy = portal_strategy(settings, areas=3, indicators=2, quarters=6)
    statistics_data.link_ballerup(strategy.municipality)
    statistics_data.use_measures(strategy, {"F3.0": "Y07A02-FULDTID"})
    factories.user("admin-test", role="Administrator", is_staff=True)
    monkeypatch.setattr(jobindsats_feed, "today", lambda: SEPTEMBER_5)
    monkeypatch.setenv("JOBINDSATS_API_KEY", KEY)
    with FakeJobindsats(extra={"y07a02": [sick_leave()]}) as api:
        settings.JOBINDSATS_API_URL = api.url
        yield live_server.url


@pytest.fixture
def worker(settings):
    """The worker of `manage.py db_worker` in a thread of this process: it shares the test's database.

    SQLite's in-memory test database is shared between threads through one cache whose table locks are not
    waited for ("database table is locked"): there the request runs each task itself, as Django's immediate
    backend does. The worker process itself is tested on both databases in tests/indicators/
    test_jobindsats_worker.py, and this test runs with the worker thread on PostgreSQL."""
    if connection.vendor == "sqlite":
        settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
        yield None
        return
    running = Worker(
        queue_names=["default"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    )

    def run():
        try:
            running.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield running
    running.running = False
    thread.join(timeout=10)


def test_the_administrator_fetches_sick_leave_and_the_committee_reads_june(portal, worker, page):
    page.goto(portal + "/admin/login/?next=/admin/")
    page.fill("#id_username", "admin-test")
    page.fill("#id_password", "test-password-123")
    page.click("input[type=submit]")
    page.click("text=Hent fra Jobindsats")
    page.select_option("#id_table", "y07a02")
    page.click("input[value='Vælg perioder']")
    for box in page.locator("input[name=periods]").all():
        box.check()
    page.click("input[value='Hent og kontrollér']")

    # The page asks again while the worker fetches and checks, then shows the dry run per measure.
    page.wait_for_selector("#fetch-state[data-state=checked]", timeout=60_000)
    dry_run = page.locator("#dry-run").inner_text()
    assert "Y07A02-FULDTID" in dry_run and "Y07A02-PERSONER" in dry_run
    page.click("input[value='Importér']")
    page.wait_for_selector("#fetch-state[data-state=done]", timeout=60_000)
    assert "Importeret, pr. måling" in page.content()

    page.goto(portal + "/indikatorer/F3.0/")
    sentence = page.locator(".month-sentence").inner_text()
    assert "Juni 2024: 8 % flere end juni 2023" in sentence and "hele landet: 3 % færre" in sentence
    assert "Kvinder" in page.content() and "Mænd" in page.content()
