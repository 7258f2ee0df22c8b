"""Production settings pass Django's deployment check, pages carry the security headers, logins lock out."""

import pytest
from django.conf import settings

from .. import factories
from ..production import run_in_production

pytestmark = pytest.mark.slow  # left out of make test-fast


def test_production_settings_pass_the_deployment_check():
    result = run_in_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_a_required_setting(missing):
    result = run_in_production("manage.py", "check", **{missing: None})
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


@pytest.mark.parametrize("value", ["ja", "Flase", "2"])
def test_a_yes_or_no_setting_that_is_neither_refuses_to_start(value):
    """PUBLIC_DASHBOARD=ja would have kept the figures from the public without a word."""
    result = run_in_production("manage.py", "check", PUBLIC_DASHBOARD=value)
    assert result.returncode != 0
    assert "PUBLIC_DASHBOARD must be true or false" in result.stderr


def test_a_yes_or_no_setting_reads_the_usual_words():
    result = run_in_production(
        "-c",
        "import django; django.setup(); from django.conf import settings; print(settings.PUBLIC_DASHBOARD)",
        PUBLIC_DASHBOARD=" On ",
    )
    assert result.stdout.strip() == "True", result.stderr


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    response = client.get("/admin/login/")
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script_src and "'nonce-" in script_src
    assert "unsafe-inline" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_production_sends_hsts_and_secure_cookies():
    result = run_in_production(
        "manage.py",
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)",
    )
    assert result.stdout.splitlines()[-1].split() == ["31536000", "True", "True", "True"]


def test_a_session_ends_after_an_hour_without_activity():
    assert settings.SESSION_COOKIE_AGE == 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.django_db
def test_a_login_is_locked_after_five_failures_and_the_lock_is_logged(client, caplog):
    factories.user("udvalg-lock")
    for _ in range(5):
        client.post("/admin/login/", {"username": "udvalg-lock", "password": "forkert"})
    response = client.post("/admin/login/", {"username": "udvalg-lock", "password": "test-password-123"})
    assert response.status_code == 429
    assert "låst" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert any("udvalg-lock" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_the_right_password_before_the_limit_logs_in(client):
    factories.user("udvalg-ok", is_staff=True)
    for _ in range(3):
        client.post("/admin/login/", {"username": "udvalg-ok", "password": "forkert"})
    client.post("/admin/login/", {"username": "udvalg-ok", "password": "test-password-123"})
    assert client.session["_auth_user_id"]
