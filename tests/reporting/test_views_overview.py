"""The overview (/): one card per focus area for the latest quarter with approved figures, and by quarter."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.periods import Quarter

from ..reporting_data import (
    DRAFT_VALUE,
    SUBMITTED_VALUE,
    grow,
    login,
    portal_strategy,
    unapproved_figures,
)

ROLES = ["committee_member", "manager", "administrator"]


def test_the_public_is_sent_to_login_when_the_dashboard_is_not_public(client, strategy):
    for url in ["/", "/oversigt/2024/2/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_the_public_can_read_the_overview_when_the_dashboard_is_public(client, strategy, settings):
    settings.PUBLIC_DASHBOARD = True
    response = client.get("/")
    assert response.status_code == 200
    assert "Fokusområde 1" in response.text


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_one_card_per_focus_area_for_the_latest_quarter(client, strategy, role, request):
    response = login(client, request.getfixturevalue(role)).get("/")
    assert response.status_code == 200
    assert response.context["quarter"] == Quarter(2024, 2)
    assert len(response.context["cards"]) == 5
    html = response.text
    assert "Oversigt: 2. kvt. 2024" in html
    assert html.count('class="card ') == 5
    # Key figure 495 against a target of 500, lower is better: on track, with word and symbol.
    assert "495" in html and "på sporet" in html and "✓" in html
    assert "2 af 2 indikatorer på sporet" in html


def test_the_card_shows_the_change_since_last_quarter_and_since_last_year(client, strategy, committee_member):
    card = login(client, committee_member).get("/").context["cards"][0]
    assert card.row.change_previous == -5
    assert card.row.change_year == -20
    assert 'aria-hidden="true">✓</span> på sporet' in client.get("/").text


@pytest.mark.parametrize("role", ROLES)
def test_no_role_sees_draft_or_submitted_figures(client, strategy, role, request):
    unapproved_figures(strategy, Quarter(2024, 3))
    response = login(client, request.getfixturevalue(role)).get("/")
    # The drafts are in a later quarter, yet the overview stays on the latest approved one.
    assert response.context["quarter"] == Quarter(2024, 2)
    assert str(DRAFT_VALUE) not in response.text and "987.654" not in response.text
    assert str(SUBMITTED_VALUE) not in response.text and "876.543" not in response.text
    assert "3. kvt. 2024" not in response.text


def test_the_quarter_selector_shows_an_earlier_quarter(client, strategy, committee_member):
    response = login(client, committee_member).get("/oversigt/2023/3/")
    assert response.status_code == 200
    assert response.context["quarter"] == Quarter(2023, 3)
    assert "Oversigt: 3. kvt. 2023" in response.text
    assert '<option value="2023K3" selected>3. kvt. 2023</option>' in response.text
    assert '<label for="quarter-select">' in response.text


def test_choosing_a_quarter_in_the_selector_goes_to_its_own_address(client, strategy, committee_member):
    response = login(client, committee_member).get("/?kvartal=2023K4")
    assert response.status_code == 302
    assert response["Location"] == "/oversigt/2023/4/"


def test_a_quarter_without_approved_figures_is_not_found(client, strategy, committee_member):
    login(client, committee_member)
    assert client.get("/oversigt/2030/1/").status_code == 404
    assert client.get("/oversigt/2024/5/").status_code == 404


def test_charts_go_to_the_page_as_json_and_no_script_is_inline(client, strategy, committee_member):
    html = login(client, committee_member).get("/").text
    assert html.count("data-chart=") == 5
    assert html.count('type="application/json"') == 5 + 1  # each chart's spec, and once the layout they share
    scripts = re.findall(r"<script(?P<attrs>[^>]*)>", html)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)
    assert "/static/vendor/plotly-basic.min.js" in html
    assert " onclick=" not in html and "javascript:" not in html
    assert '"separators": ",."' in html


def test_each_chart_has_its_numbers_in_a_table_with_caption_and_header_cells(
    client, strategy, committee_member
):
    html = login(client, committee_member).get("/").text
    assert html.count("<caption>") >= 5
    assert '<th scope="row">2. kvt. 2024</th><td class="num">495</td>' in html


def test_plotly_is_served_from_the_portals_own_static_files():
    found = finders.find("vendor/plotly-basic.min.js")
    assert found and found.endswith("plotly-basic.min.js")


def test_without_a_strategy_in_force_the_page_says_so(client, db, settings, committee_member):
    settings.PORTAL_MUNICIPALITY = "ingen-kommune"
    response = login(client, committee_member).get("/")
    assert response.status_code == 404
    assert "Ingen gældende strategi" in response.text


def test_a_strategy_without_approved_figures_shows_a_notice(client, db, settings, committee_member):
    portal_strategy(settings, areas=1, indicators=1, quarters=0)
    response = login(client, committee_member).get("/")
    assert response.status_code == 200
    assert "ingen godkendte tal" in response.text


def test_the_overview_makes_the_same_number_of_queries_as_the_data_grows(
    client, strategy, committee_member, django_assert_num_queries
):
    login(client, committee_member)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/").status_code == 200
    grow(strategy, indicators=4, quarters=6)
    with django_assert_num_queries(len(small)):
        assert client.get("/").status_code == 200
    # Session and user (3 with the session saved on every request), strategy, and five for the figures.
    assert len(small) <= 13  # with the page cache's generation and the locked quarters


def test_the_interface_can_be_switched_to_english(client, strategy, committee_member):
    login(client, committee_member)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").text
    assert '<html lang="en">' in html
    assert "Overview: Q2 2024" in html
    assert "on track" in html and "2 of 2 indicators on track" in html
    assert '"separators": ".,"' in html
