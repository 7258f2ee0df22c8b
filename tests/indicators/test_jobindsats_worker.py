"""The feed's background tasks run by a real worker: `manage.py db_worker` in its own process, on the test's
database (SQLite or PostgreSQL, as the suite runs), fetching from a fake Jobindsats on 127.0.0.1."""

import datetime
import os
import sqlite3
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from indicators import jobindsats_feed
from measures.models import JobindsatsFetch, OfficialValue
from tests.fake_jobindsats import KEY, FakeJobindsats

# serialized_rollback keeps the roles and areas the migrations create for the next test.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ROOT = Path(__file__).resolve().parent.parent.parent
MARCH_5 = datetime.date(2025, 3, 5)
AREAS = 104


@pytest.fixture
def database_url(transactional_db, tmp_path):
    """The address of the test's database for another process. An SQLite database in memory (the suite's
    default) is copied to a file, which this test then uses too, and put back afterwards: only this module
    pays for a database a second process can open."""
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        user = urllib.parse.quote(params["USER"] or "")
        password = f":{urllib.parse.quote(params['PASSWORD'])}" if params["PASSWORD"] else ""
        yield f"postgres://{user}{password}@{params['HOST']}:{params['PORT']}/{params['NAME']}"
        return
    if not connection.is_in_memory_db():
        yield f"sqlite:///{Path(connection.settings_dict['NAME']).resolve()}"
        return
    connection.ensure_connection()
    memory, name = connection.connection, connection.settings_dict["NAME"]
    file = tmp_path / "portal.sqlite3"
    with sqlite3.connect(file) as copy:
        memory.backup(copy)
    copy.close()
    connection.connection = None  # the next query opens the file
    connection.settings_dict["NAME"] = str(file)
    try:
        yield f"sqlite:///{file}"
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = memory


def _work(database_url: str, api: FakeJobindsats) -> None:
    """Run the worker until the queue is empty."""
    env = {
        name: value for name, value in os.environ.items() if name not in ("REDIS_URL", "TEST_DATABASE_NAME")
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "strategy_portal.settings",
        "DATABASE_URL": database_url,
        "JOBINDSATS_API_URL": api.url,
        "JOBINDSATS_API_KEY": KEY,
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr


def test_a_worker_process_fetches_checks_and_after_confirmation_imports(database_url, administrator):
    with FakeJobindsats() as api:
        fetch = jobindsats_feed.start_fetch(
            user=administrator, table="y01a02", periods=["2024M11", "2024M12"], today=MARCH_5
        )
        assert fetch.state == "queued" and DBTaskResult.objects.count() == 1
        _work(database_url, api)
        fetch.refresh_from_db()
        assert (fetch.state, fetch.progress) == ("checked", 100), fetch.result
        assert fetch.counts["Y01A02-FULDTID"]["new"] == 2 * AREAS
        assert api.requests[0][1]["period"] == ["2024M11", "2024M12"]
        assert not OfficialValue.objects.exists()

        jobindsats_feed.confirm(user=administrator, fetch_id=fetch.pk)
        _work(database_url, api)
        fetch.refresh_from_db()
        assert (fetch.state, fetch.confirmed_by) == ("done", administrator), fetch.result
        assert OfficialValue.objects.filter(measure__code="Y01A02-FULDTID").count() == 2 * AREAS
        assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
        assert len(api.requests) == 1  # the import used the checked answer, not a second fetch


def test_a_failed_fetch_is_kept_as_failed_with_the_reason(database_url, administrator):
    with FakeJobindsats(failing=frozenset({"y07a02"})) as api:
        fetch = jobindsats_feed.start_fetch(
            user=administrator, table="y07a02", periods=["2024M12"], today=MARCH_5
        )
        _work(database_url, api)  # Jobindsats answers y07a02 with HTTP 404
    fetch.refresh_from_db()
    assert fetch.state == JobindsatsFetch.State.FAILED
    assert fetch.result["problems"] == ["Jobindsats svarede med fejl HTTP 404 for tabellen y07a02."]
    assert not OfficialValue.objects.exists()
