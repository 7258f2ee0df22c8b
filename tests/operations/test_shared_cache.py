"""The page cache is shared by all workers: a page one worker drew, another serves; a change shows in both.

Each worker is its own process, as under gunicorn, on a database made by `migrate` in a file; the cache is
the one configured: the database's table by default, Redis when REDIS_URL is set.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # left out of make test-fast


ROOT = Path(__file__).resolve().parent.parent.parent
REDIS_URL = "redis://127.0.0.1:6379/0"

SETUP = """
import django
django.setup()
from types import SimpleNamespace
from core import roles
from tests import factories
from tests.reporting_data import portal_strategy
settings = SimpleNamespace()
portal_strategy(settings, areas=2, indicators=2, quarters=6)
factories.user("udvalg-test", role=roles.COMMITTEE_MEMBER)
factories.user("admin-test", is_staff=True, is_superuser=True)
print(settings.PORTAL_MUNICIPALITY)
"""

# A worker answers one command a line: `get PATH` (did it draw the page, and the page) or `rename NAME` (the
# first focus area, on its admin page).
WORKER = """
import json, sys
import django
django.setup()
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from focusareas.models import FocusArea

client, admin = Client(), Client()
client.force_login(User.objects.get(username="udvalg-test"))
admin.force_login(User.objects.get(username="admin-test"))
for line in sys.stdin:
    command, argument = line.split(" ", 1)
    argument = argument.strip()
    if command == "get":
        with CaptureQueriesContext(connection) as queries:
            response = client.get(argument)
        drew = any("indicators_" in query["sql"] for query in queries.captured_queries)
        answer = {"status": response.status_code, "drew": drew, "html": response.text}
    else:
        area = FocusArea.objects.get(number=1)
        response = admin.post(
            f"/admin/focusareas/focusarea/{area.pk}/change/",
            {"strategy": area.strategy_id, "number": area.number, "name": argument, "slug": area.slug,
             "indicators-TOTAL_FORMS": 0, "indicators-INITIAL_FORMS": 0},
        )
        answer = {"status": response.status_code}
    print(json.dumps(answer), flush=True)
"""


def _environment(database: Path, **extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in ("REDIS_URL", "DATABASE_URL")}
    return env | {
        "DJANGO_SETTINGS_MODULE": "strategy_portal.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "WARNING",
    } | extra  # fmt: skip


def _run(env: dict[str, str], *command: str) -> str:
    done = subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


class Worker:
    def __init__(self, env: dict[str, str]):
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER], cwd=ROOT, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )  # fmt: skip

    def ask(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def get(self, path: str) -> dict:
        answer = self.ask(f"get {path}")
        assert answer["status"] == 200
        return answer

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    database = tmp_path_factory.mktemp("shared-cache") / "portal.sqlite3"
    _run(_environment(database), "manage.py", "migrate", "--no-input", "--verbosity", "0")
    municipality = _run(_environment(database), "-c", SETUP).split()[-1]
    return database, municipality


@pytest.fixture(params=["database", "redis"])
def workers(request, database):
    path, municipality = database
    extra = {"PORTAL_MUNICIPALITY": municipality, "CACHE_KEY_PREFIX": f"test-{secrets.token_hex(8)}"}
    if request.param == "redis":
        extra["REDIS_URL"] = REDIS_URL
    env = _environment(path, **extra)
    first, second = Worker(env), Worker(env)
    yield first, second, extra["CACHE_KEY_PREFIX"]
    first.stop()
    second.stop()


def test_the_cache_table_is_made_by_migrate(database):
    path, _ = database
    tables = _run(
        _environment(path), "-c",
        "import django; django.setup(); from django.db import connection; "
        "print(' '.join(connection.introspection.table_names()))",
    )  # fmt: skip
    assert "portal_cache" in tables.split()


def test_a_page_drawn_by_one_worker_is_served_by_another_and_a_change_shows_in_both(workers):
    first, second, run = workers
    drawn = first.get("/")
    assert drawn["drew"]
    served = second.get("/")
    assert not served["drew"]
    assert _main(served["html"]) == _main(drawn["html"])

    assert first.ask(f"rename Unge i job {run}")["status"] == 302
    for worker in (second, first):
        assert f"Unge i job {run}" in _main(worker.get("/")["html"])
    assert not first.get("/")["drew"]  # drawn once after the change, by the second worker
