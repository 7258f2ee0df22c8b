"""The health check tells the load balancer whether the database answers."""

import socket
from unittest import mock

import pytest
from django.db import OperationalError

from ..production import run_in_production

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_it_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_when_the_database_does_not(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_it_needs_no_login(client):
    assert client.get("/healthz").status_code == 200


HEALTH_IN_PRODUCTION = """
import time, django
django.setup()
from django.test import Client
start = time.monotonic()
response = Client(HTTP_HOST="portal.kommune.dk").get("/healthz", secure=True)
print(response.status_code, round(time.monotonic() - start, 1))
"""


def test_it_answers_503_within_seconds_when_the_database_accepts_but_never_answers():
    # A listener that accepts connections and never says a word, like a hung database server.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        result = run_in_production(
            "-c",
            HEALTH_IN_PRODUCTION,
            timeout=30,
            DATABASE_URL=f"postgres://portal@127.0.0.1:{port}/strategi",
        )
    assert result.returncode == 0, result.stderr[-2000:]
    status, seconds = result.stdout.split()[-2:]
    assert status == "503"
    assert float(seconds) < 5
