"""Single sign-on's rules without a provider: the role map, the roles a login gives, the password form only
for the break-glass accounts when single sign-on is on, and everything as before when it is off."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from core import roles
from operations import sso
from tests import factories
from tests.production import run_in_production

MAP = "SG-Udvalg=Udvalgsmedlem,SG-Ledere=Afdelingsleder,SG-IT=Administrator,SG-IT=Afdelingsleder"


@pytest.fixture
def sso_on(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    settings.OIDC_RP_CLIENT_ID = "strategiportal"
    settings.OIDC_RP_CLIENT_SECRET = "hemmelig"
    settings.OIDC_ROLE_MAP = MAP
    settings.BREAK_GLASS_ACCOUNTS = ["noedadgang"]
    sso.forget_provider()
    return settings


# --- The role map -----------------------------------------------------------------------------------------


def test_the_role_map_reads_pairs_and_json_alike():
    expected = {
        "SG-Udvalg": {roles.COMMITTEE_MEMBER},
        "SG-Ledere": {roles.MANAGER},
        "SG-IT": {roles.ADMINISTRATOR, roles.MANAGER},
    }
    assert sso.parse_role_map(MAP) == expected
    as_json = (
        '{"SG-Udvalg": "udvalgsmedlem", "SG-Ledere": ["Afdelingsleder"],'
        ' "SG-IT": ["Administrator", "Afdelingsleder"]}'
    )
    assert sso.parse_role_map(as_json) == expected
    assert sso.parse_role_map(" ") == {}


@pytest.mark.parametrize("wrong", ["SG-Udvalg=Borgmester", "SG-Udvalg", "=Administrator"])
def test_a_role_map_the_portal_cannot_use_is_refused(wrong):
    with pytest.raises(ValueError, match="OIDC_ROLE_MAP"):
        sso.parse_role_map(wrong)


def test_the_roles_are_those_of_the_groups_the_claim_names():
    role_map = sso.parse_role_map(MAP)
    assert sso.roles_for(["SG-Kantine", "SG-IT"], role_map) == {roles.ADMINISTRATOR, roles.MANAGER}
    assert sso.roles_for("SG-Udvalg", role_map) == {roles.COMMITTEE_MEMBER}
    assert sso.roles_for(["SG-Kantine"], role_map) == set()
    assert sso.roles_for(None, role_map) == set()


def test_a_set_up_that_cannot_give_a_role_stops_the_portal(sso_on):
    sso_on.OIDC_ROLE_MAP = ""
    assert [error.id for error in sso.check_sso_settings()] == ["operations.E101"]
    sso_on.OIDC_ROLE_MAP = "SG-Udvalg=Borgmester"
    assert [error.id for error in sso.check_sso_settings()] == ["operations.E102"]
    sso_on.OIDC_ROLE_MAP = MAP
    assert sso.check_sso_settings() == []


@pytest.mark.django_db
def test_the_checks_pass_with_single_sign_on_off():
    call_command("check")


# --- Roles at login -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_login_gives_exactly_the_mapped_roles_and_admin_access_with_them():
    other = Group.objects.create(name="Nyhedsbrev")
    person = factories.user("lene", role=roles.ADMINISTRATOR, is_staff=True)
    person.groups.add(other)

    sso.sync_roles(person, {roles.COMMITTEE_MEMBER})
    assert set(person.groups.values_list("name", flat=True)) == {roles.COMMITTEE_MEMBER, "Nyhedsbrev"}
    assert not person.is_staff

    sso.sync_roles(person, {roles.MANAGER})
    person.refresh_from_db()
    assert set(person.groups.values_list("name", flat=True)) == {roles.MANAGER, "Nyhedsbrev"}
    assert person.is_staff


# --- Password login -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_with_single_sign_on_off_the_login_page_is_the_password_form_as_before(client):
    factories.user("udvalg-x", role=roles.COMMITTEE_MEMBER)
    page = client.get("/accounts/login/").content.decode()
    assert 'class="login-form"' in page and "kommunens login" not in page
    response = client.post("/accounts/login/", {"username": "udvalg-x", "password": "test-password-123"})
    assert response.status_code == 302 and client.session["_auth_user_id"]
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=a&state=b").status_code == 404


@pytest.mark.django_db
def test_with_single_sign_on_on_the_login_page_offers_the_municipalitys_login(client, sso_on):
    page = client.get("/accounts/login/?next=/rapport/").content.decode()
    assert "Log ind med kommunens login" in page
    assert 'href="/oidc/authenticate/?next=/rapport/"' in page
    assert 'class="login-form"' not in page
    assert 'href="/accounts/login/adgangskode/?next=/rapport/"' in page
    assert 'class="login-form"' in client.get("/accounts/login/adgangskode/").content.decode()


@pytest.mark.django_db
def test_with_single_sign_on_on_a_password_logs_in_only_a_break_glass_account(client, sso_on):
    factories.user("udvalg-x", role=roles.COMMITTEE_MEMBER)
    factories.user("noedadgang", role=roles.ADMINISTRATOR, is_staff=True)
    for path in ("/accounts/login/", "/accounts/login/adgangskode/"):
        response = client.post(path, {"username": "udvalg-x", "password": "test-password-123"})
        assert response.status_code == 200 and "_auth_user_id" not in client.session
        assert "Brugernavn og adgangskode passer ikke sammen" in response.content.decode()

    response = client.post(
        "/accounts/login/adgangskode/", {"username": "noedadgang", "password": "test-password-123"}
    )
    assert response.status_code == 302 and client.session["_auth_user_id"]


@pytest.mark.django_db
def test_a_break_glass_account_is_still_locked_out_after_five_failures(client, sso_on):
    factories.user("noedadgang", role=roles.ADMINISTRATOR, is_staff=True)
    for _ in range(5):
        client.post("/accounts/login/adgangskode/", {"username": "noedadgang", "password": "forkert"})
    response = client.post(
        "/accounts/login/adgangskode/", {"username": "noedadgang", "password": "test-password-123"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_with_single_sign_on_on_the_admin_sends_to_the_portals_login(client, sso_on):
    response = client.get("/admin/login/?next=/admin/indicators/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/indicators/"


@pytest.mark.django_db
def test_a_password_logout_stays_in_the_portal(client, sso_on):
    factories.user("noedadgang", role=roles.ADMINISTRATOR, is_staff=True)
    client.post("/accounts/login/adgangskode/", {"username": "noedadgang", "password": "test-password-123"})
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_provider_that_does_not_answer_gets_a_danish_page(client, sso_on):
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 503
    assert "Login mislykkedes" in response.content.decode()


# --- The environment ----------------------------------------------------------------------------------------

SSO_ENVIRONMENT = {
    "OIDC_ENABLED": "true",
    "OIDC_ISSUER": "https://login.kommune.example/tenant/v2.0",
    "OIDC_RP_CLIENT_ID": "strategiportal",
    "OIDC_RP_CLIENT_SECRET": "hemmelig",
    "OIDC_ROLE_MAP": MAP,
}


@pytest.mark.slow
def test_the_environment_turns_single_sign_on_on_and_lets_the_logout_form_reach_the_provider():
    shown = run_in_production(
        "-c",
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.OIDC_ENABLED, s.SECURE_CSP['form-action'][-1], s.OIDC_RP_SCOPES, sep='|')",
        **SSO_ENVIRONMENT,
    )
    assert shown.stdout.strip() == "True|https://login.kommune.example|openid profile email", shown.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ({"OIDC_RP_CLIENT_SECRET": None}, "OIDC_ENABLED needs OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET"),
        ({"OIDC_ISSUER": None}, "OIDC_ENABLED needs OIDC_DISCOVERY_URL or OIDC_ISSUER"),
        ({"OIDC_ROLE_MAP": "SG-Udvalg=Borgmester"}, "'Borgmester' is not one of the portal's roles"),
    ],
)
def test_a_set_up_that_cannot_log_anyone_in_stops_the_portal(wrong, message):
    checked = run_in_production("manage.py", "check", **(SSO_ENVIRONMENT | wrong))
    assert checked.returncode != 0
    assert message in checked.stderr
