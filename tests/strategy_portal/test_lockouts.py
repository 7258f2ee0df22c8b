"""Login lock-outs hit the attacker's address, not all behind the proxy; an administrator lifts them."""

import pytest
from axes.models import AccessAttempt
from django.test import override_settings

from .. import factories

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.5"


def _fail(client, username, address):
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": username, "password": "forkert"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=address,
        )


def _login(client, username, address):
    return client.post(
        "/admin/login/",
        {"username": username, "password": "test-password-123"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_an_attacker_does_not_lock_the_administrator_out(client, administrator):
    _fail(client, administrator.username, "203.0.113.9")
    assert _login(client, administrator.username, "198.51.100.7").status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_the_attackers_own_address_is_locked_out(client, administrator):
    _fail(client, administrator.username, "203.0.113.9")
    assert _login(client, administrator.username, "203.0.113.9").status_code == 429


@override_settings(BEHIND_PROXY=True)
def test_a_forged_address_before_the_proxys_own_is_not_believed(client, administrator):
    # The proxy appends the address it saw; whatever the client wrote before it is ignored.
    _fail(client, administrator.username, "198.51.100.7, 203.0.113.9")
    assert _login(client, administrator.username, "198.51.100.7").status_code == 302


def test_without_the_proxy_a_forwarded_address_is_not_trusted(client, administrator):
    _fail(client, administrator.username, "203.0.113.9")
    assert _login(client, administrator.username, "198.51.100.7").status_code == 429


def test_an_administrator_sees_and_lifts_a_lockout(client, administrator):
    factories.user("udvalg-laast")
    _fail(client, "udvalg-laast", "203.0.113.9")
    attempt = AccessAttempt.objects.get()
    client.force_login(administrator)
    assert client.get("/admin/axes/accessattempt/").status_code == 200
    response = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()


def test_a_manager_cannot_lift_a_lockout(client, manager):
    client.force_login(manager)
    assert client.get("/admin/axes/accessattempt/").status_code == 403


@override_settings(AXES_COOLOFF_TIME=0.25)
def test_the_lockout_page_says_how_long_the_lock_lasts(client, administrator):
    _fail(client, administrator.username, "203.0.113.9")
    response = _login(client, administrator.username, "203.0.113.9")
    assert "låst i 15 minutter" in response.content.decode()
