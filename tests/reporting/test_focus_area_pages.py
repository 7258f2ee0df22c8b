"""A focus area with many indicators lists them ten to a page, with page links a keyboard and a screen
reader can use, and loads the figures of the page's indicators only."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from focusareas.models import FocusArea

from ..reporting_data import add_indicators, login

URL = "/fokusomraader/omraade-1/"


def _many(strategy, count: int) -> None:
    add_indicators(FocusArea.objects.get(strategy=strategy, slug="omraade-1"), count - 2, 6, start=2)


def _codes(response) -> list[str]:
    return [section["figures"].indicator.code for section in response.context["sections"]]


def test_a_focus_area_with_many_indicators_shows_ten_a_page_with_links(client, strategy, committee_member):
    _many(strategy, 23)
    login(client, committee_member)
    first = client.get(URL)
    assert _codes(first) == ["F1.0", "F1.1"] + [f"F1.{n}" for n in (10, 11, 12, 13, 14, 15, 16, 17)]
    assert first.text.count('class="chart-plot"') == 10
    assert "Indikator 1–10 af 23" in first.text
    assert first.text.count('<span aria-current="page">1</span>') == 2  # above and below the indicators
    assert 'href="?side=2"' in first.text and 'href="?side=3"' in first.text
    assert "Næste" in first.text and "Forrige" not in first.text

    last = client.get(URL + "?side=3")
    assert len(_codes(last)) == 3
    assert "Indikator 21–23 af 23" in last.text
    assert 'href="?side=2"' in last.text  # back to the page before
    # The pages together list every indicator once.
    second = client.get(URL + "?side=2")
    assert len(set(_codes(first) + _codes(second) + _codes(last))) == 23


def test_a_page_loads_the_figures_of_its_own_indicators_only(client, strategy, committee_member):
    _many(strategy, 23)
    response = login(client, committee_member).get(URL + "?side=2")
    shown = set(_codes(response))
    area = response.context["area"]
    assert {item.indicator.code for item in area.indicators if item.actuals} == shown


def test_a_page_that_does_not_exist_is_not_found_and_nonsense_is_the_first_page(
    client, strategy, committee_member
):
    _many(strategy, 12)
    login(client, committee_member)
    assert client.get(URL + "?side=3").status_code == 404
    assert client.get(URL + "?side=abc").status_code == 200
    assert "Indikator 1–10 af 12" in client.get(URL + "?side=abc").text


def test_a_few_indicators_need_no_page_links(client, strategy, committee_member):
    response = login(client, committee_member).get(URL)
    assert "Sider med indikatorer" not in response.text


def test_a_page_asks_the_same_number_of_queries_with_ten_times_the_indicators(
    client, strategy, committee_member
):
    _many(strategy, 12)
    login(client, committee_member)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    add_indicators(FocusArea.objects.get(strategy=strategy, slug="omraade-1"), 108, 6, start=12)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL + "?side=12")
    assert response.status_code == 200
    assert len(large) == len(small)
    assert "Indikator 111–120 af 120" in response.text
