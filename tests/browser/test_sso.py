"""Single sign-on in a real browser: a committee member and a manager log in through the identity provider's
own login page (a real OpenID Connect provider on 127.0.0.1) and land on the portal in their role; logging
out ends the provider's session too."""

import pytest
from django.contrib.auth import get_user_model

from core import roles
from tests import oidc
from tests.reporting_data import portal_strategy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def portal(live_server, settings, oidc_provider):
    settings.PUBLIC_DASHBOARD = False
    portal_strategy(settings, areas=2, indicators=1, quarters=2)
    oidc.configure(settings, oidc_provider)
    return live_server.url


def log_in_at_the_provider(page, portal, account: str) -> None:
    page.goto(portal + "/")
    page.wait_for_url("**/accounts/login/?next=/")
    page.get_by_role("link", name="Log ind med kommunens login").click()
    page.wait_for_url("**/interaction/**")
    page.locator("input[name=login]").fill(account)
    page.locator("input[name=password]").fill("hvad-som-helst")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_url(portal + "/")


def test_a_committee_member_logs_in_through_the_provider_and_out_of_both(portal, page, oidc_provider):
    log_in_at_the_provider(page, portal, oidc.COMMITTEE_MEMBER)
    assert page.locator(".user-name").inner_text() == "Lene Holm"
    assert page.locator("h1").first.inner_text().startswith("Oversigt")
    person = get_user_model().objects.get(username=oidc.COMMITTEE_MEMBER)
    assert set(person.groups.values_list("name", flat=True)) == {roles.COMMITTEE_MEMBER}

    # Out of the portal, and of the provider: its page asks, and sends the browser back to the portal.
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(f"{oidc_provider.url}/session/end**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url("**/accounts/login/?next=/")
    assert page.locator(".user-name").count() == 0

    # The provider's session is gone: logging in again asks for the login once more.
    page.get_by_role("link", name="Log ind med kommunens login").click()
    page.wait_for_url("**/interaction/**")
    assert page.locator("input[name=login]").is_visible()


def test_a_manager_logs_in_through_the_provider_and_reaches_the_admin(portal, page, oidc_provider):
    log_in_at_the_provider(page, portal, oidc.MANAGER)
    assert page.locator(".user-name").inner_text() == "Jonas Bech"
    person = get_user_model().objects.get(username=oidc.MANAGER)
    assert set(person.groups.values_list("name", flat=True)) == {roles.MANAGER}
    assert person.is_staff

    page.goto(portal + "/admin/")
    assert page.url == portal + "/admin/"
    assert "Indberetning og administration" in page.title()


def test_axe_passes_the_single_sign_on_login_page_and_the_page_that_says_no(portal, axe_page):
    from tests.browser.test_pages import serious_violations

    page = axe_page
    page.goto(portal + "/accounts/login/?next=/")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Log ind med kommunens login").click()
    page.wait_for_url("**/interaction/**")
    page.locator("input[name=login]").fill(oidc.NO_ROLE)
    page.locator("input[name=password]").fill("hvad-som-helst")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_url(portal + "/oidc/callback/**")
    assert page.locator("h1").inner_text() == "Ingen adgang til portalen"
    assert serious_violations(page) == []
    assert not get_user_model().objects.filter(username=oidc.NO_ROLE).exists()
