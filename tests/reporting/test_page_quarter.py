"""One quarter across the pages: the overview, a focus area and an indicator open on the same quarter,
carry the quarter chosen (?kvartal=) and offer the same selector."""

import pytest

from core.periods import Quarter
from indicators.models import Measurement

from .. import factories
from ..reporting_data import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def latest_quarter_incomplete(strategy):
    """A figure in 3. kvt. 2024 for one indicator only: the key figures are complete up to 2. kvt. 2024."""
    indicator = strategy.focus_areas.get(number=1).indicators.exclude(is_key_figure=True).first()
    factories.measurement(indicator, 2024, 3, 7, state=Measurement.State.APPROVED)
    return strategy


def test_every_page_opens_on_the_overviews_quarter(client, latest_quarter_incomplete, committee_member):
    login(client, committee_member)
    shown = client.get("/").context["quarter"]
    assert shown == Quarter(2024, 2)
    area = client.get("/fokusomraader/omraade-1/")
    assert area.context["latest"] == shown and "status i 2. kvt. 2024" in area.text
    indicator = client.get("/indikatorer/F1.0/")
    assert indicator.context["latest"] == shown


def test_a_quarter_chosen_is_carried_and_offered(client, latest_quarter_incomplete, committee_member):
    login(client, committee_member)
    area = client.get("/fokusomraader/omraade-1/?kvartal=2024K1")
    assert area.context["latest"] == Quarter(2024, 1)
    assert '<option value="2024K1" selected>' in area.text
    assert 'href="/indikatorer/F1.0/?kvartal=2024K1"' in area.text
    indicator = client.get("/indikatorer/F1.0/?kvartal=2024K1")
    assert indicator.context["latest"] == Quarter(2024, 1) and "1. kvt. 2024:" in indicator.text
    assert '<option value="2024K1" selected>' in indicator.text
    overview = client.get("/?kvartal=2024K1", follow=True)
    assert 'href="/fokusomraader/omraade-1/?kvartal=2024K1"' in overview.text


def test_a_quarter_without_figures_is_not_found(client, latest_quarter_incomplete, committee_member):
    login(client, committee_member)
    response = client.get("/fokusomraader/omraade-1/?kvartal=2019K1")
    assert response.status_code == 404
    assert client.get("/indikatorer/F1.0/?kvartal=2019K9").status_code == 404
