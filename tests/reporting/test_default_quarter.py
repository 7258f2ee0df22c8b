"""The right quarter first: the overview and the report open on the latest quarter whose key figures are all
approved, never on one that is mostly empty."""

from core.periods import Quarter
from indicators.models import Indicator, Measurement, QuarterLock

from .. import factories
from ..reporting_data import login

APPROVED = Measurement.State.APPROVED


def _one_key_figure_ahead(strategy):
    """2024K3 has an approved figure for the first area's key figure only (four of five areas empty)."""
    key = Indicator.objects.get(code="F1.0")
    factories.measurement(key, 2024, 3, 480, state=APPROVED)


def test_the_overview_opens_on_the_latest_quarter_with_every_key_figure(client, strategy, committee_member):
    _one_key_figure_ahead(strategy)
    response = login(client, committee_member).get("/")
    assert response.context["quarter"] == Quarter(2024, 2)
    assert "<h1>Oversigt: 2. kvt. 2024</h1>" in response.text
    # The later, mostly empty quarter can still be chosen, with a way back.
    later = client.get("/oversigt/2024/3/")
    assert later.status_code == 200
    assert "Gå til seneste kvartal med alle nøgletal" in later.text


def test_the_report_opens_on_the_same_quarter(client, strategy, committee_member):
    _one_key_figure_ahead(strategy)
    assert login(client, committee_member).get("/rapport/")["Location"] == "/rapport/2024/2/"


def test_without_a_complete_quarter_the_latest_locked_quarter_comes_first(client, strategy, committee_member):
    Measurement.objects.filter(indicator__code="F2.0", year=2024).delete()
    Measurement.objects.filter(indicator__code="F3.0", year=2023).delete()
    QuarterLock.objects.create(strategy=strategy, year=2023, quarter=4)
    assert login(client, committee_member).get("/rapport/")["Location"] == "/rapport/2023/4/"
    assert client.get("/").context["quarter"] == Quarter(2023, 4)
