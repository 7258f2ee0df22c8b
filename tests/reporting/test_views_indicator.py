"""The indicator page: definition, full history, targets, commentary and a year-end projection."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.periods import Quarter
from indicators.models import Measurement
from measures.models import Unit

from .. import factories
from ..reporting_data import (
    DRAFT_VALUE,
    grow,
    login,
    unapproved_figures,
)

ROLES = ["committee_member", "manager", "administrator"]
URL = "/indikatorer/F1.0/"


def test_the_public_is_sent_to_login_when_the_dashboard_is_not_public(client, strategy):
    assert client.get(URL).status_code == 302


def test_the_public_can_read_it_when_the_dashboard_is_public(client, strategy, settings):
    settings.PUBLIC_DASHBOARD = True
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_definition_history_targets_and_projection(client, strategy, role, request):
    response = login(client, request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    html = response.text
    assert "F1.0 Indikator 1.0" in html
    for text in ["Definition", "Enhed", "fuldtidspersoner", "Lavere er bedre", "Målhistorik", "Året 2024"]:
        assert text in html
    # Down 5 a quarter from 495 in 2024K2: the straight line reaches 485 in 2024K4, under the target of 500.
    projection = response.context["projection"]
    assert projection.value == 485
    assert projection.will_meet_target is True
    assert "ender 2024 på ca. 485 fuldtidspersoner, og målet nås." in html
    assert "Fremskrivning" in html  # the dashed continuation in the chart and its table


def test_the_chart_table_holds_the_projection_too(client, strategy, committee_member):
    chart = login(client, committee_member).get(URL).context["chart"]
    assert chart.columns[-1] == "Fremskrivning"
    assert chart.rows[-1] == ("4. kvt. 2024", ["–", "500", "–", "485"])


def test_commentary_is_shown_quarter_by_quarter_for_approved_figures_only(client, strategy, committee_member):
    Measurement.objects.filter(indicator__code="F1.0", year=2024, quarter=1).update(
        commentary="Færre nyledige.", published_commentary="Færre nyledige."
    )
    unapproved_figures(strategy, Quarter(2024, 3))
    html = login(client, committee_member).get(URL).text
    assert "Færre nyledige." in html
    assert "1. kvt. 2024" in html
    assert str(DRAFT_VALUE) not in html
    assert "Hemmelig kladdekommentar" not in client.get("/indikatorer/F1.9/").text


def test_a_quarterly_target_appears_in_the_target_history(client, strategy, committee_member):
    indicator = strategy.focus_areas.get(number=1).indicators.get(code="F1.0")
    factories.target(indicator, 2024, (480, 490), quarter=3, comment="Kvartalsmål")
    html = login(client, committee_member).get(URL).text
    assert "480–490" in html and "Kvartalsmål" in html


def test_an_unknown_indicator_is_not_found(client, strategy, committee_member):
    assert login(client, committee_member).get("/indikatorer/X9.9/").status_code == 404


def test_the_page_makes_the_same_number_of_queries_as_the_data_grows(
    client, strategy, committee_member, django_assert_num_queries
):
    login(client, committee_member)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    grow(strategy, indicators=4, quarters=8)
    with django_assert_num_queries(len(small)):
        assert client.get(URL).status_code == 200
    # with the page cache's generation, the structure token, the locked quarters and whether other
    # municipalities can be compared, and the measure's official months (none here: no breakdowns read)
    assert len(small) <= 16


def test_an_approved_rank_is_not_followed_by_no_approved_figures(client, strategy, committee_member):
    """A rank has no projection; the page says the rank, and not that there are no approved figures."""
    rank = factories.indicator(
        focus_area=strategy.focus_areas.first(), code="F1.9", name="Placering på benchmarkranglisten",
        unit=Unit.RANK,
    )  # fmt: skip
    factories.target(rank, 2024, (1, 3))
    factories.measurement(rank, 2024, 2, 2, state=Measurement.State.APPROVED)
    response = login(client, committee_member).get("/indikatorer/F1.9/")
    assert response.context["projection"] is None
    assert "2. kvt. 2024" in response.text
    assert "Der er endnu ingen godkendte tal" not in response.text
