"""The committee's key-figures report: per focus area, printable, as Excel, frozen once the quarter locks."""

import io

import pandas as pd
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.periods import Quarter
from core.signals import figures_changed
from indicators.models import Measurement
from reporting.models import ReportSnapshot

from .. import reporting_data
from ..reporting_data import (
    DRAFT_VALUE,
    SUBMITTED_VALUE,
    grow,
    login,
    unapproved_figures,
)

ROLES = ["committee_member", "manager", "administrator"]
URL = "/rapport/2024/2/"
EXCEL = "/rapport/2024/2/noegletal.xlsx"
Q = Quarter(2024, 2)


def lock(strategy, user=None):
    reporting_data.lock(strategy, Q, user)


def unlock(strategy):
    reporting_data.unlock(strategy, Q)


def correct(code: str, value) -> None:
    """An approved correction: the value and the published value change."""
    Measurement.objects.filter(indicator__code=code, year=Q.year, quarter=Q.quarter).update(
        value=value, published_value=value
    )


def test_the_public_is_sent_to_login_when_the_dashboard_is_not_public(client, strategy):
    for url in ["/rapport/", URL, EXCEL]:
        assert client.get(url).status_code == 302


def test_the_public_can_read_the_report_when_the_dashboard_is_public(client, strategy, settings):
    settings.PUBLIC_DASHBOARD = True
    assert client.get(URL).status_code == 200


def test_the_report_address_without_a_quarter_goes_to_the_latest(client, strategy, committee_member):
    response = login(client, committee_member).get("/rapport/")
    assert response["Location"] == URL
    assert client.get("/rapport/?kvartal=2023K4")["Location"] == "/rapport/2023/4/"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_five_focus_areas_with_actual_target_status_and_change(
    client, strategy, role, request
):
    response = login(client, request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    html = response.text
    assert "<h1>Nøgletal for 2. kvt. 2024</h1>" in html
    assert html.count('<section class="report-area"') == 5
    for number in range(1, 6):
        assert f"{number}. Fokusområde {number}</h2>" in html
    row = response.context["report"]["areas"][0]["rows"][0]
    assert (row["code"], row["actual"], row["target_min"], row["status"]) == (
        "F1.0",
        "495.0000",
        "500.0000",
        "on_track",
    )
    assert (row["change_previous"], row["change_year"]) == ("-5.0000", "-20.0000")
    assert "Foreløbig rapport" in html


def test_the_report_is_laid_out_for_print(client, strategy, committee_member, settings):
    html = login(client, committee_member).get(URL).text
    assert 'class="page-report"' in html
    assert "/static/css/portal.css" in html
    assert html.count('class="chart-plot"') == 5  # the key figure's chart in each focus area
    css = (settings.BASE_DIR / "static/css/portal.css").read_text(encoding="utf-8")
    assert "@page { size: A4" in css and "break-before: page" in css


@pytest.mark.parametrize("role", ROLES)
def test_no_role_sees_draft_or_submitted_figures_in_the_report(client, strategy, role, request):
    # Drafts in the very quarter of the report: the approved figures they would replace are gone.
    Measurement.objects.filter(
        indicator__code__in=["F1.0", "F1.1"], year=2024, quarter=2, state="approved"
    ).delete()
    unapproved_figures(strategy, Q)
    login(client, request.getfixturevalue(role))
    html = client.get(URL).text
    excel = pd.read_excel(io.BytesIO(client.get(EXCEL).content))
    assert str(DRAFT_VALUE) not in html and "987.654" not in html
    assert str(SUBMITTED_VALUE) not in html and "876.543" not in html
    assert "Hemmelig kladdekommentar" not in html
    assert DRAFT_VALUE not in set(excel["Faktisk"]) and SUBMITTED_VALUE not in set(excel["Faktisk"])


def test_the_excel_download_opens_again_with_pandas(client, strategy, committee_member):
    response = login(client, committee_member).get(EXCEL)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="noegletal-2024K2.xlsx"' in response["Content-Disposition"]
    frame = pd.read_excel(io.BytesIO(response.content), sheet_name="Nøgletal 2024K2")
    assert len(frame) == 10
    first = frame.iloc[0]
    assert first["Kode"] == "F1.0"
    assert first["Fokusområde"] == "1. Fokusområde 1"
    assert first["Faktisk"] == 495
    assert first["Mål (fra)"] == 500
    assert first["Status"] == "på sporet"
    assert first["Ændring fra forrige kvartal"] == -5
    assert first["Nøgletal"] == "ja"


def test_commentary_that_looks_like_a_formula_stays_text_in_excel(client, strategy, committee_member):
    Measurement.objects.filter(indicator__code="F1.0", year=2024, quarter=2).update(
        commentary="=HYPERLINK(1)", published_commentary="=HYPERLINK(1)"
    )
    frame = pd.read_excel(io.BytesIO(login(client, committee_member).get(EXCEL).content))
    assert frame.iloc[0]["Kommentar"] == "'=HYPERLINK(1)"


def test_locking_the_quarter_stores_the_report_as_it_stands(strategy, administrator):
    lock(strategy, administrator)
    snapshot = ReportSnapshot.objects.get()
    assert (snapshot.strategy, snapshot.period, snapshot.locked_by) == (strategy, Q, administrator)
    assert snapshot.data["areas"][0]["rows"][0]["actual"] == "495.0000"


def test_a_locked_report_shows_what_the_committee_was_shown_and_marks_a_later_correction(
    client, strategy, committee_member
):
    lock(strategy)
    correct("F1.0", 470)
    response = login(client, committee_member).get(URL)
    html = response.text
    row = response.context["report"]["areas"][0]["rows"][0]
    assert row["actual"] == "495.0000"  # the frozen figure stays
    assert row["corrected_actual"] == "470.0000"  # the correction is marked beside it
    assert "Låst rapport." in html
    assert "Rettet efter låsning til 470" in html
    assert "1 tal er rettet efter låsningen" in html
    frame = pd.read_excel(io.BytesIO(client.get(EXCEL).content))
    assert frame.iloc[0]["Faktisk"] == 495
    assert frame.iloc[0]["Rettet efter låsning"] == 470


def test_a_locked_report_without_corrections_marks_nothing(client, strategy, committee_member):
    lock(strategy)
    html = login(client, committee_member).get(URL).text
    assert "Låst rapport." in html
    assert "Rettet efter låsning til" not in html


def test_unlocking_shows_the_live_report_again_and_keeps_the_old_snapshot(client, strategy, committee_member):
    lock(strategy)
    correct("F1.0", 470)
    unlock(strategy)
    response = login(client, committee_member).get(URL)
    assert response.context["snapshot"] is None
    assert response.context["report"]["areas"][0]["rows"][0]["actual"] == "470.0000"
    assert ReportSnapshot.objects.count() == 1
    lock(strategy)
    assert ReportSnapshot.objects.current().get().data["areas"][0]["rows"][0]["actual"] == "470.0000"


def test_a_quarter_without_approved_figures_has_no_report(client, strategy, committee_member):
    assert login(client, committee_member).get("/rapport/2030/1/").status_code == 404


def test_the_report_makes_the_same_number_of_queries_as_the_data_grows(
    client, strategy, committee_member, django_assert_num_queries
):
    lock(strategy)
    login(client, committee_member)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    grow(strategy, indicators=4, quarters=6)
    with django_assert_num_queries(len(small)):
        assert client.get(URL).status_code == 200
    figures_changed.send(sender=None)  # drawn as after a change of the strategy's structure, as the page was
    with django_assert_num_queries(len(small)):
        assert client.get(EXCEL).status_code == 200
    # with the page cache's generation, the structure token, the locks, the case's meetings, texts and
    # decisions, and the case's benchmark (its values, the key figures against the country, the made-up
    # comparisons; the number of municipalities only when the benchmark has values)
    assert len(small) <= 22
