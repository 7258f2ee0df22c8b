"""The quarterly cycle in a real browser: a tenfold figure is explained, submitted, returned and notified."""

import pytest
from django.core import mail

from indicators.models import Measurement

from .. import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def sick_pay(manager):
    manager.email = "leder@kommune.dk"
    manager.save()
    area = factories.focus_area(number=3, name="Borgere med udfordringer ud over ledighed")
    factories.assign(manager, area)
    f30 = factories.indicator(focus_area=area, code="F3.0", name="Sygedagpenge", is_key_figure=True)
    factories.measurement(f30, 2024, 2, 880, state=Measurement.State.APPROVED)
    return f30


def log_in(page, url, username):
    page.goto(url + "/admin/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("test-password-123")
    page.get_by_role("button", name="Log ind").click()


def test_a_tenfold_figure_is_explained_submitted_returned_and_the_manager_told(
    live_server, browser, manager, administrator, sick_pay
):
    grid = (
        f"{live_server.url}/admin/indicators/measurement/kvartal/?strategy={sick_pay.focus_area.strategy_id}"
    )
    grid += "&quarter=2024K3"
    manager_context = browser.new_context(locale="da-DK")
    page = manager_context.new_page()
    log_in(page, live_server.url, "leder-test")
    page.goto(grid)
    page.get_by_label("Værdi for F3.0").fill("8.580")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_text("F3.0: 8.580 er 9,8 gange sidste kvartals 880.").first.wait_for()

    page.get_by_role("button", name="Gem og indsend til godkendelse").click()
    page.get_by_text("Skriv en forklaring i kommentaren, før tallet kan indsendes.").first.wait_for()
    assert Measurement.objects.get(indicator=sick_pay, year=2024, quarter=3).state == "draft"

    page.get_by_label("Kommentar til F3.0").fill("Ny opgørelse: jobafklaring tælles nu med.")
    page.get_by_role("button", name="Gem og indsend til godkendelse").click()
    page.get_by_text("1 tal er sendt til godkendelse.").wait_for()
    manager_context.close()

    admin_context = browser.new_context(locale="da-DK")
    page = admin_context.new_page()
    log_in(page, live_server.url, "admin-test")
    page.goto(grid.replace("/kvartal/", "/godkendelse/"))
    page.get_by_text("F3.0: 8.580 er 9,8 gange sidste kvartals 880.").wait_for()
    page.get_by_label("Vælg F3.0").check()
    page.get_by_label("Bemærkning til afdelingslederen").fill("Tjek tallet mod Jobindsats.")
    page.get_by_role("button", name="Send valgte retur").click()
    page.get_by_text("1 tal er sendt retur.").wait_for()
    admin_context.close()

    figure = Measurement.objects.get(indicator=sick_pay, year=2024, quarter=3)
    assert (figure.state, figure.review_note) == ("returned", "Tjek tallet mod Jobindsats.")
    returned = [message for message in mail.outbox if message.to == ["leder@kommune.dk"]]
    assert len(returned) == 1 and "Tjek tallet mod Jobindsats." in returned[0].body


def test_a_returned_typo_stays_returned_until_its_author_corrects_it(
    live_server, browser, manager, administrator, sick_pay
):
    from core import roles

    f31 = factories.indicator(focus_area=sick_pay.focus_area, code="F3.1", name="Jobafklaringsforløb")
    factories.measurement(f31, 2024, 2, 200, state=Measurement.State.APPROVED)
    factories.user("admin2-test", role=roles.ADMINISTRATOR, is_staff=True, first_name="Anden")
    strategy_id = sick_pay.focus_area.strategy_id
    grid = f"{live_server.url}/admin/indicators/measurement/kvartal/?strategy={strategy_id}&quarter=2024K3"
    approval = grid.replace("/kvartal/", "/godkendelse/")

    def session(username):
        context = browser.new_context(locale="da-DK")
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in(page, live_server.url, username)
        return context, page

    def typo():
        return Measurement.objects.get(indicator=sick_pay, year=2024, quarter=3)

    context, page = session("leder-test")
    page.goto(grid)
    page.get_by_label("Værdi for F3.0").fill("8.580")
    page.get_by_label("Kommentar til F3.0").fill("Ny opgørelse: jobafklaring tælles nu med.")
    page.get_by_role("button", name="Gem og indsend til godkendelse").click()
    page.get_by_text("1 tal er sendt til godkendelse.").wait_for()
    context.close()

    context, page = session("admin-test")
    page.goto(approval)
    page.get_by_label("Vælg F3.0").check()
    page.get_by_label("Bemærkning til afdelingslederen").fill("8.580 ligner en tastefejl; sidst var det 880.")
    page.get_by_role("button", name="Send valgte retur").click()
    page.get_by_text("1 tal er sendt retur.").wait_for()
    # The same administrator corrects another figure and submits it: the returned typo is not sent along.
    page.goto(grid)
    page.get_by_label("Værdi for F3.1").fill("210")
    page.get_by_role("button", name="Gem og indsend til godkendelse").click()
    page.get_by_text("1 tal er sendt til godkendelse.").wait_for()
    context.close()
    assert (typo().state, typo().value, typo().entered_by) == ("returned", 8580, manager)

    context, page = session("leder-test")
    page.goto(grid)
    page.get_by_label("Værdi for F3.0").fill("858")
    page.get_by_label("Kommentar til F3.0").fill("")
    page.get_by_role("button", name="Gem og indsend til godkendelse").click()
    page.get_by_text("1 tal er sendt til godkendelse.").wait_for()
    context.close()
    assert (typo().state, typo().value) == ("submitted", 858)

    context, page = session("admin2-test")
    page.goto(approval)
    page.get_by_label("Vælg F3.0").check()
    page.get_by_role("button", name="Godkend valgte").click()
    page.get_by_text("1 tal er godkendt.").wait_for()
    context.close()
    assert (typo().state, typo().published_value) == ("approved", 858)
