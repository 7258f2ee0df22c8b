"""The focus area page: goals, a chart and a sortable, paginated, exportable table per indicator."""

import csv
import io

import pandas as pd
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.periods import Quarter

from ..reporting_data import (
    DRAFT_VALUE,
    SUBMITTED_VALUE,
    add_quarters,
    grow,
    login,
    unapproved_figures,
)

ROLES = ["committee_member", "manager", "administrator"]
URL = "/fokusomraader/omraade-1/"


def test_the_public_is_sent_to_login_when_the_dashboard_is_not_public(client, strategy):
    for url in [URL, "/indikatorer/F1.0/tal.csv", "/indikatorer/F1.0/tal.xlsx"]:
        assert client.get(url).status_code == 302


def test_the_public_can_read_it_when_the_dashboard_is_public(client, strategy, settings):
    settings.PUBLIC_DASHBOARD = True
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_goals_a_chart_and_a_table_per_indicator(client, strategy, role, request):
    response = login(client, request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    html = response.text
    assert "<h1>Fokusområde 1: Fokusområde 1</h1>" in html
    assert "Målene for fokusområde 1." in html
    assert html.count('class="chart-plot"') == 2
    assert html.count('<table class="data-table"') >= 2
    assert "F1.0 Indikator 1.0: tal pr. kvartal" in html
    assert "Forventet (benchmark)" in html


def test_the_table_lists_the_quarters_newest_first_with_status_and_changes(
    client, strategy, committee_member
):
    response = login(client, committee_member).get(URL)
    table = response.context["sections"][0]["table"]
    rows = list(table.paginated_rows)
    assert rows[0].get_cell_value("quarter") == "2. kvt. 2024"
    assert rows[0].get_cell("actual") == "495"
    assert "på sporet" in rows[0].get_cell("status")
    assert rows[0].get_cell("change_previous") == "\u22125"
    assert rows[-1].get_cell_value("quarter") == "1. kvt. 2023"


def test_the_table_can_be_sorted_by_a_column(client, strategy, committee_member):
    response = login(client, committee_member).get(URL + "?F1.0-sort=quarter")
    rows = list(response.context["sections"][0]["table"].paginated_rows)
    assert rows[0].get_cell_value("quarter") == "1. kvt. 2023"
    assert 'aria-sort="ascending"' in response.text


def test_a_long_table_is_paginated(client, strategy, committee_member):
    add_quarters(strategy, 10, after=Quarter(2024, 2))
    response = login(client, committee_member).get(URL + "?F1.0-page=2")
    table = response.context["sections"][0]["table"]
    assert table.page.number == 2
    assert len(list(table.paginated_rows)) == 4  # 16 quarters, 12 a page
    assert 'aria-current="page">2<' in response.text


@pytest.mark.parametrize("role", ROLES)
def test_no_role_sees_draft_or_submitted_figures(client, strategy, role, request):
    unapproved_figures(strategy, Quarter(2024, 3))
    login(client, request.getfixturevalue(role))
    html = client.get(URL).text
    csv_text = client.get("/indikatorer/F1.0/tal.csv").content.decode("utf-8-sig")
    for text in (html, csv_text):
        assert str(DRAFT_VALUE) not in text and "987.654" not in text
        assert str(SUBMITTED_VALUE) not in text and "876.543" not in text
    assert "Hemmelig kladdekommentar" not in html


def test_the_figures_export_to_csv_the_danish_way(client, strategy, committee_member):
    response = login(client, committee_member).get("/indikatorer/F1.0/tal.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="F1.0.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # so Danish Excel reads the æøå right
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Kvartal", "Faktisk", "Mål (fra)"]
    assert rows[1][:2] == ["1. kvt. 2023", "520"]
    assert len(rows) == 7


def test_the_figures_export_to_excel_and_read_back_with_pandas(client, strategy, committee_member):
    response = login(client, committee_member).get("/indikatorer/F1.0/tal.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    frame = pd.read_excel(io.BytesIO(response.content))
    assert list(frame["Kvartal"]) == [q.label() for q in [Quarter(2023, 1) + n for n in range(6)]]
    assert list(frame["Faktisk"]) == [520, 515, 510, 505, 500, 495]
    assert list(frame["Mål (fra)"]) == [500] * 6
    assert list(frame["Forventet (benchmark)"]) == [600] * 6


def test_an_unknown_focus_area_is_not_found(client, strategy, committee_member):
    assert login(client, committee_member).get("/fokusomraader/findes-ikke/").status_code == 404


def test_the_page_makes_the_same_number_of_queries_as_the_data_grows(
    client, strategy, committee_member, django_assert_num_queries
):
    login(client, committee_member)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    grow(strategy, indicators=4, quarters=6)
    with django_assert_num_queries(len(small)):
        response = client.get(URL)
    assert response.text.count('class="chart-plot"') == 6
    # with the page cache's generation, the structure token, the locked quarters and the strategy's calendar
    # (the quarter the overview opens on, so that every page speaks of the same quarter)
    assert len(small) <= 14


def test_a_focus_area_without_indicators_yet_shows_its_goals(client, strategy, committee_member):
    from .. import factories

    factories.focus_area(strategy=strategy, number=9, name="Nyt område", slug="nyt", goals="Målene kommer.")
    response = login(client, committee_member).get("/fokusomraader/nyt/")
    assert response.status_code == 200
    assert "Fokusområde 9" in response.text and "Målene kommer." in response.text
    assert "Fokusområdet har endnu ingen indikatorer." in response.text


def test_the_page_drawn_anew_in_the_portals_cache_makes_a_fixed_number_of_queries(
    client, strategy, committee_member, database_cache
):
    """Ten reads (the session and its user, the page cache's generation and a look in it, the structure
    token, the locked quarters, the focus area with its indicators, their actuals, targets and comparison
    series), the session kept for another hour, and the page written to the cache."""
    from operations.cache import generation_raise

    login(client, committee_member)
    assert client.get(URL).status_code == 200
    generation_raise()  # a figure changed: the page is drawn anew
    with CaptureQueriesContext(connection) as drawn:
        assert client.get(URL).status_code == 200
    sql = [query["sql"] for query in drawn.captured_queries]
    reads = [
        q
        for q in sql
        if q.startswith("SELECT") and not q.startswith(("SELECT COUNT", 'SELECT "cache_key", "expires"'))
    ]
    assert len(reads) <= 11  # the calendar among them
    assert len([q for q in sql if q.startswith("INSERT")]) == 1  # the page, written to the cache
    assert len(drawn) <= 19  # and the session's update, the cache's count and look for the key, each write in
    # a transaction of its own
