"""Personal API tokens: issued by an administrator in the admin and shown once, kept hashed, refused when
expired or revoked (401, in Danish), each use audited, and rate-limited per token and per address."""

import datetime
import hashlib
import json
import logging

import pytest
from django.utils import timezone

from api import tokens
from api.models import ApiToken
from operations.logs import JsonFormatter

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit_log(caplog):
    caplog.set_level(logging.INFO, logger="strategy_portal.audit")
    return caplog


def _events(caplog) -> list[dict]:
    return [
        json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "strategy_portal.audit"
    ]


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_an_administrator_issues_a_token_in_the_admin_and_sees_it_once(
    client, administrator, committee_member
):
    client.force_login(administrator)
    expires = (timezone.localtime() + datetime.timedelta(days=30)).replace(microsecond=0)
    response = client.post(
        "/admin/api/apitoken/add/",
        {
            "user": committee_member.pk,
            "name": "Power BI",
            "expires_at_0": expires.strftime("%d.%m.%Y"),
            "expires_at_1": expires.strftime("%H:%M:%S"),
        },
        follow=True,
    )
    assert response.status_code == 200, response.content
    assert "errornote" not in response.content.decode(), response.content.decode()
    shown = [str(m) for m in response.context["messages"] if "vises ikke igen" in str(m)]
    assert len(shown) == 1
    token = shown[0].split(": ", 1)[1].split(" ", 1)[0]
    record = ApiToken.objects.get()
    assert (record.user, record.created_by, record.name) == (committee_member, administrator, "Power BI")
    assert record.hashed == hashlib.sha256(token.encode()).hexdigest()
    assert token not in json.dumps(list(ApiToken.objects.values()), default=str), "only the hash is stored"
    page = client.get(f"/admin/api/apitoken/{record.pk}/change/").content.decode()
    assert token not in page and record.prefix in page, "never shown again"
    assert client.get("/admin/api/apitoken/").content.decode().count(token) == 0


def test_a_token_reads_the_figures_when_they_are_not_public(client, strategy, committee_member, settings):
    settings.PUBLIC_DASHBOARD = False
    _, token = tokens.issue(user=committee_member, name="Excel")
    assert client.get("/api/v1/figures").status_code == 401
    response = client.get("/api/v1/figures", headers=_bearer(token))
    assert response.status_code == 200 and response.json()["count"] == 60


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"expires_at": timezone.now() - datetime.timedelta(seconds=1)}, "API-nøglen er udløbet."),
        ({"revoked_at": timezone.now()}, "API-nøglen er trukket tilbage."),
    ],
)
def test_an_expired_or_revoked_token_is_refused_in_danish(
    client, strategy, committee_member, change, message
):
    record, token = tokens.issue(user=committee_member, name="Power BI")
    ApiToken.objects.filter(pk=record.pk).update(**change)
    response = client.get("/api/v1/figures", headers=_bearer(token))
    assert (response.status_code, response.json()) == (401, {"detail": message})


def test_a_token_is_refused_even_where_the_figures_are_public(client, strategy, committee_member, settings):
    """A tool whose token was revoked learns it at once, not when the figures stop being public."""
    settings.PUBLIC_DASHBOARD = True
    record, token = tokens.issue(user=committee_member, name="Power BI")
    tokens.revoke(record, by=None)
    assert client.get("/api/v1/figures", headers=_bearer(token)).status_code == 401
    assert client.get("/api/v1/figures", headers=_bearer("sp_gættet")).json() == {
        "detail": "API-nøglen kendes ikke."
    }
    assert client.get("/api/v1/figures", headers={"Authorization": "Basic eDp5"}).status_code == 401


def test_a_deactivated_owner_s_token_is_refused(client, strategy, committee_member):
    _, token = tokens.issue(user=committee_member, name="Power BI")
    committee_member.is_active = False
    committee_member.save()
    assert client.get("/api/v1/areas", headers=_bearer(token)).status_code == 401


def test_the_admin_revokes_a_token(client, administrator, committee_member, audit_log):
    record, token = tokens.issue(user=committee_member, name="Power BI")
    client.force_login(administrator)
    response = client.post(
        "/admin/api/apitoken/", {"action": "revoke_selected", "_selected_action": [record.pk]}, follow=True
    )
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.is_revoked
    assert client.get("/api/v1/areas", headers=_bearer(token)).status_code == 401


def test_every_use_is_audited(
    client, strategy, committee_member, administrator, audit_log, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record, token = tokens.issue(user=committee_member, name="Power BI", by=administrator)
        client.get("/api/v1/figures?indicator=F1.0", headers=_bearer(token))
        client.get("/api/v1/areas", headers=_bearer(token))
    events = _events(audit_log)
    assert [e["action"] for e in events] == ["api_token_issued", "api_read", "api_read"]
    assert events[0]["user"] == administrator.username and events[0]["owner"] == committee_member.username
    read = events[1]
    assert (read["user"], read["token"], read["path"]) == (
        committee_member.username,
        record.prefix,
        "/api/v1/figures?indicator=F1.0",
    )
    assert token not in json.dumps(events), "the token itself is never logged"
    record.refresh_from_db()
    assert record.last_used_at is not None


def test_the_rate_is_limited_per_token(client, strategy, committee_member, settings):
    settings.API_RATE_PER_TOKEN, settings.API_RATE_PER_ADDRESS = "3/min", "1000/min"
    _, first = tokens.issue(user=committee_member, name="Power BI")
    _, second = tokens.issue(user=committee_member, name="Excel")
    assert [client.get("/api/v1/areas", headers=_bearer(first)).status_code for _ in range(4)] == [
        200
    ] * 3 + [429]
    response = client.get("/api/v1/areas", headers=_bearer(first))
    assert response.json() == {"detail": "For mange forespørgsler. Vent lidt, og prøv igen."}
    assert int(response["Retry-After"]) > 0
    assert client.get("/api/v1/areas", headers=_bearer(second)).status_code == 200, (
        "another token has its own"
    )


def test_the_rate_is_limited_per_address(client, strategy, settings):
    settings.PUBLIC_DASHBOARD = True
    settings.API_RATE_PER_TOKEN, settings.API_RATE_PER_ADDRESS = "1000/min", "2/min"
    statuses = [client.get("/api/v1/areas", REMOTE_ADDR="192.0.2.1").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get("/api/v1/areas", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_issue_keeps_only_the_hash_and_an_expiry(committee_member):
    record, token = tokens.issue(user=committee_member, name="Power BI")
    assert token.startswith("sp_") and len(token) > 40
    assert record.hashed == tokens.digest(token) and record.prefix == token[:10]
    assert record.expires_at > timezone.now() + datetime.timedelta(days=300)
    assert tokens.check(token) == record
