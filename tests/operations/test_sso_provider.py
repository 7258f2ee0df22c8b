"""Single sign-on against a real OpenID Connect provider started on 127.0.0.1 (tests/oidc.py): the whole code
flow with PKCE, roles from the groups claim, and ID tokens the portal must refuse."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model

from core import roles
from operations.sso import PortalOIDCBackend
from tests import factories, oidc

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

User = get_user_model()


@pytest.fixture
def provider(oidc_provider, settings):
    oidc.configure(settings, oidc_provider)
    return oidc_provider


def role_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- The code flow ------------------------------------------------------------------------------------------


def test_the_login_starts_a_code_flow_with_pkce_state_and_nonce(client, provider):
    response = client.get("/oidc/authenticate/?next=/fokusomraader/")
    target = urlsplit(response["Location"])
    query = {key: values[0] for key, values in parse_qs(target.query).items()}
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{provider.url}/auth"
    assert query["response_type"] == "code"
    assert query["client_id"] == oidc.CLIENT_ID
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    stored = client.session["oidc_states"][query["state"]]
    assert stored["nonce"] == query["nonce"] and len(stored["code_verifier"]) >= 43


def test_a_committee_member_logs_in_and_is_created_with_the_role(client, provider):
    response = oidc.log_in_without_browser(client, provider, oidc.COMMITTEE_MEMBER)
    assert response.status_code == 302 and response["Location"] == "/"
    person = User.objects.get(username=oidc.COMMITTEE_MEMBER)
    assert role_names(person) == {roles.COMMITTEE_MEMBER}
    assert (person.first_name, person.last_name, person.email) == ("Lene", "Holm", oidc.COMMITTEE_MEMBER)
    assert not person.is_staff and not person.has_usable_password()
    assert logged_in(client)


def test_the_roles_are_read_anew_at_every_login_and_the_focus_areas_stay(client, provider, settings):
    strategy = factories.strategy()
    area = factories.focus_area(strategy=strategy, number=1)
    person = factories.user(oidc.MANAGER, role=roles.ADMINISTRATOR, is_staff=True)
    factories.assign(person, area)

    oidc.log_in_without_browser(client, provider, oidc.MANAGER)
    person.refresh_from_db()
    assert role_names(person) == {roles.MANAGER}  # the administrator's role came from no group: gone
    assert person.is_staff
    assert list(area.managers.all()) == [person]

    # Taken out of the managers' group: at the next login the role is gone and the door closed.
    client.logout()
    settings.OIDC_ROLE_MAP = f"{oidc.COMMITTEE_GROUP}=Udvalgsmedlem"
    response = oidc.log_in_without_browser(client, provider, oidc.MANAGER)
    assert response.status_code == 403
    person.refresh_from_db()
    assert role_names(person) == set() and not person.is_staff
    assert list(area.managers.all()) == [person]
    assert not logged_in(client)


def test_a_person_whose_groups_give_no_role_gets_a_danish_page_and_nothing_is_created(client, provider):
    before = User.objects.count()
    response = oidc.log_in_without_browser(client, provider, oidc.NO_ROLE)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Ingen adgang til portalen" in page
    assert f"Kommunens login kender dig som {oidc.NO_ROLE}" in page
    assert User.objects.count() == before
    assert not logged_in(client) and "oidc_id_token" not in client.session
    # Not a wrong password: django-axes does not count it (colleagues sharing an address would be locked out).
    assert not AccessAttempt.objects.exists()


def test_a_break_glass_account_cannot_be_taken_over_through_the_provider(client, provider, settings):
    settings.BREAK_GLASS_ACCOUNTS = [oidc.COMMITTEE_MEMBER]
    response = oidc.log_in_without_browser(client, provider, oidc.COMMITTEE_MEMBER)
    assert response.status_code == 403 and "Login mislykkedes" in response.content.decode()
    assert not User.objects.filter(username=oidc.COMMITTEE_MEMBER).exists()


def test_logging_out_ends_the_providers_session_too(client, provider):
    oidc.log_in_without_browser(client, provider, oidc.COMMITTEE_MEMBER)
    id_token = client.session["oidc_id_token"]
    response = client.post("/accounts/logout/")
    target = urlsplit(response["Location"])
    query = {key: values[0] for key, values in parse_qs(target.query).items()}
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{provider.url}/session/end"
    assert query == {
        "id_token_hint": id_token,
        "post_logout_redirect_uri": "http://testserver/",
        "client_id": oidc.CLIENT_ID,
    }
    assert not logged_in(client)


# --- ID tokens the portal must refuse ---------------------------------------------------------------------


@pytest.fixture
def token_answer(provider, monkeypatch, settings):
    """Starts a login and answers the code exchange with the ID token a test makes (the provider's own
    answer cannot be bent); the claims of the token alone, no userinfo, make the person."""
    settings.OIDC_USE_USERINFO = False

    def answer(client, change=lambda claims, nonce: None, key=None):
        start = client.get("/oidc/authenticate/")
        query = {key: values[0] for key, values in parse_qs(urlsplit(start["Location"]).query).items()}
        now = int(time.time())
        claims = {
            "iss": provider.url,
            "aud": oidc.CLIENT_ID,
            "sub": oidc.COMMITTEE_MEMBER,
            "preferred_username": oidc.COMMITTEE_MEMBER,
            "groups": [oidc.COMMITTEE_GROUP],
            "nonce": query["nonce"],
            "iat": now,
            "exp": now + 300,
        }
        change(claims, query["nonce"])
        token = provider.sign(claims, key)
        monkeypatch.setattr(
            PortalOIDCBackend, "get_token", lambda self, payload: {"id_token": token, "access_token": "a"}
        )
        return client.get("/oidc/callback/", {"code": "kode", "state": query["state"]})

    return answer


def test_a_token_the_provider_signed_for_this_portal_logs_in(client, token_answer):
    """The control: the refusals below are the bent claim's, not the set-up's."""
    response = token_answer(client)
    assert response.status_code == 302
    assert role_names(User.objects.get(username=oidc.COMMITTEE_MEMBER)) == {roles.COMMITTEE_MEMBER}


REFUSED = {
    "signed by another key": ({}, True),
    "another audience": ({"aud": "en-anden-app"}, False),
    "another nonce": ({"nonce": "en-anden-nonce"}, False),
    "no nonce": ({"nonce": None}, False),
    "expired": ({"iat": -7200, "exp": -3600}, False),
    "another issuer": ({"iss": "http://127.0.0.1:1"}, False),
    "no expiry": ({"exp": None}, False),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_token_that_does_not_hold_is_refused_and_nothing_is_created(client, token_answer, case):
    bent, other_key = REFUSED[case]

    def change(claims, nonce):
        for name, value in bent.items():
            if value is None:
                del claims[name]
            elif name in ("iat", "exp"):
                claims[name] = int(time.time()) + value
            else:
                claims[name] = value

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048) if other_key else None
    response = token_answer(client, change, key)
    assert response.status_code == 403
    assert "Login mislykkedes" in response.content.decode()
    assert not User.objects.filter(username=oidc.COMMITTEE_MEMBER).exists()
    assert not logged_in(client) and "oidc_id_token" not in client.session
    assert not AccessAttempt.objects.exists()


def test_a_state_that_is_not_this_browsers_is_refused(client, token_answer):
    client.get("/oidc/authenticate/")
    response = client.get("/oidc/callback/", {"code": "kode", "state": "en-anden-browsers"})
    assert response.status_code == 403 and "Login mislykkedes" in response.content.decode()
    assert not logged_in(client)
