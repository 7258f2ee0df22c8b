"""The case for a meeting in a real browser: the administrator plans the meeting, writes and signs off the
texts until the check passes; the committee member opens the case for that meeting and downloads PDF and
Word."""

import io
from datetime import timedelta

import docx
import pypdf
import pytest
from django.utils import timezone
from django.utils.formats import date_format

from core.periods import Quarter
from reporting.models import AreaNarrative, Meeting

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, url, username):
    page.goto(url + "/admin/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("test-password-123")
    page.get_by_role("button", name="Log ind").click()


def test_the_administrator_prepares_the_case_and_the_committee_downloads_it(
    live_server, browser, strategy, administrator, committee_member
):
    day = timezone.localdate() + timedelta(days=14)
    when = date_format(day, "j. F Y")  # in Danish
    # Four of the five assessments were drafted earlier; the administrator writes the fifth in the browser.
    for area in strategy.focus_areas.exclude(number=5):
        AreaNarrative.objects.create(focus_area=area, year=2024, quarter=2, text=f"Vurdering af {area.name}.")

    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    log_in(page, live_server.url, "admin-test")
    page.goto(live_server.url + "/admin/reporting/meeting/add/")
    page.select_option("#id_strategy", str(strategy.pk))
    page.fill("#id_committee", "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget")
    page.fill("#id_date", day.strftime("%d.%m.%Y"))
    page.fill("#id_place", "Ballerup Rådhus")
    page.fill("#id_agenda_item", "3")
    page.fill("#id_case_number", "15.00.00-P20-7-26")
    page.fill("#id_year", "2024")
    page.fill("#id_quarter", "2")
    page.fill("#id_background", "Udvalget følger strategien kvartalsvist.")
    page.fill("#id_economy", "Ingen økonomiske konsekvenser")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_text("blev tilføjet").first.wait_for()
    assert Meeting.objects.get().period == Quarter(2024, 2)

    page.goto(live_server.url + "/rapport/2024/2/")
    page.get_by_text("Sagsfremstilling, 5. Fokusområde 5: ikke skrevet.").wait_for()

    page.goto(live_server.url + "/admin/reporting/areanarrative/add/")
    page.select_option("#id_focus_area", label=str(strategy.focus_areas.get(number=5)))
    page.fill("#id_year", "2024")
    page.fill("#id_quarter", "2")
    page.fill("#id_text", "Beskæftigelsen blandt borgere med ikke-vestlig baggrund stiger.")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_text("blev tilføjet").first.wait_for()
    page.goto(live_server.url + "/admin/reporting/recommendation/add/")
    page.select_option("#id_strategy", str(strategy.pk))
    page.fill("#id_year", "2024")
    page.fill("#id_quarter", "2")
    page.fill("#id_text", "Orienteringen om kvartalets nøgletal tages til efterretning.")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_text("blev tilføjet").first.wait_for()
    for texts in ["areanarrative", "recommendation"]:
        page.goto(live_server.url + f"/admin/reporting/{texts}/")
        page.locator("#action-toggle").check()
        page.select_option("select[name=action]", "approve")
        page.locator("button[name=index]").click()
        page.get_by_text("er godkendt.").wait_for()

    page.goto(live_server.url + "/rapport/2024/2/")
    page.get_by_text("Sagen er klar").wait_for()
    context.close()

    context = browser.new_context(locale="da-DK", accept_downloads=True)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("form.login-form input[name=username]", "udvalg-test")
    page.fill("form.login-form input[name=password]", "test-password-123")
    page.locator("form.login-form [type=submit]").click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/rapport/")  # the next meeting's case
    assert page.url.endswith("/rapport/2024/2/")
    page.get_by_text(f"Til mødet {when}").first.wait_for()
    assert "Administrationen har ikke skrevet" not in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som Word").click()
    word = docx.Document(download.value.path())
    text = "\n".join(p.text for p in word.paragraphs)
    assert f"Til mødet {when}" in text and "15.00.00-P20-7-26" in text
    assert "Beskæftigelsen blandt borgere med ikke-vestlig baggrund stiger." in text
    pdf = page.request.get(
        live_server.url + page.get_by_role("link", name="Hent som PDF").get_attribute("href")
    )
    printed = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.body())).pages)
    assert f"Til mødet {when}" in printed and "sag 15.00.00-P20-7-26" in printed
    assert "Orienteringen om kvartalets nøgletal tages til efterretning." in printed
    context.close()
