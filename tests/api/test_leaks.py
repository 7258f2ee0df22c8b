"""Every endpoint answers what the committee's pages show and nothing more: with a draft, a submitted, a
returned figure, a correction waiting for approval and a draft strategy planted, no reader (the public,
a token, any role) gets an unapproved figure, and every reader gets the same answer."""

from decimal import Decimal

import pytest

from api import tokens
from core import roles
from core.periods import Quarter
from focusareas.models import Strategy
from indicators.models import Measurement
from reporting.selectors import strategy_figures

from .. import factories
from ..reporting_data import DRAFT_VALUE, FIRST, SUBMITTED_VALUE, unapproved_figures

pytestmark = pytest.mark.django_db
State = Measurement.State
RETURNED_VALUE, REVISED_VALUE, DRAFT_STRATEGY_VALUE = 765432, 654321, 543210
SECRETS = ("Hemmelig", "Kladdestrategi")
ENDPOINTS = ["strategies", "focus-areas", "indicators", "figures", "targets", "official-values", "areas"]


@pytest.fixture
def planted(strategy):
    """The strategy's approved figures for 2023K1-2024K2 with, in 2024K3, a draft, a submitted and a
    returned figure; a correction of an approved 2024K2 figure waiting for approval; and a draft strategy of
    the same municipality with its own indicator, target and approved figure."""
    later = FIRST + 6
    unapproved_figures(strategy, later)
    third = strategy.focus_areas.get(number=2).indicators.order_by("code").first()
    factories.measurement(
        third, later.year, later.quarter, RETURNED_VALUE, state=State.RETURNED, commentary="Hemmelig retur"
    )
    revised = Measurement.objects.get(indicator=third, year=2024, quarter=2)
    revised.value, revised.state, revised.commentary = (
        Decimal(REVISED_VALUE),
        State.SUBMITTED,
        "Hemmelig rettelse",
    )
    revised.save()
    draft = factories.strategy(
        municipality=strategy.municipality, title="Kladdestrategi", status=Strategy.Status.DRAFT
    )
    area = factories.focus_area(strategy=draft, number=9, name="Kladdestrategi fokus", slug="kladde")
    hidden = factories.indicator(focus_area=area, code="K9.0", name="Kladdestrategi indikator")
    factories.measurement(hidden, 2024, 1, DRAFT_STRATEGY_VALUE, state=State.APPROVED)
    factories.target(hidden, 2024, DRAFT_STRATEGY_VALUE)
    return strategy


def _read_everything(client, headers=None) -> dict[str, bytes]:
    answers = {}
    for name in ENDPOINTS:
        for form in ("json", "csv"):
            response = client.get(f"/api/v1/{name}?format={form}&limit=10000", headers=headers or {})
            assert response.status_code == 200, (name, response.content)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            answers[f"{name}.{form}"] = body
    return answers


def _readers(client, planted, settings, request):
    """Each kind of reader, with the answers it gets: the public (figures public), a committee member's
    token (figures not public) and each role logged in (figures not public)."""
    settings.PUBLIC_DASHBOARD = True
    yield "public", _read_everything(client)
    settings.PUBLIC_DASHBOARD = False
    holder = factories.user("power-bi", role=roles.COMMITTEE_MEMBER)
    _, token = tokens.issue(user=holder, name="Power BI", by=None)
    yield "token", _read_everything(client, {"Authorization": f"Bearer {token}"})
    for role in ("committee_member", "manager", "administrator", "superuser"):
        client.force_login(request.getfixturevalue(role))
        yield role, _read_everything(client)
        client.logout()


def test_no_reader_gets_an_unapproved_figure_or_a_draft_strategy(client, planted, settings, request):
    answers = dict(_readers(client, planted, settings, request))
    for reader, bodies in answers.items():
        for endpoint, body in bodies.items():
            text = body.decode()
            for value in (DRAFT_VALUE, SUBMITTED_VALUE, RETURNED_VALUE, REVISED_VALUE, DRAFT_STRATEGY_VALUE):
                assert str(value) not in text, (reader, endpoint, value)
            assert not any(secret in text for secret in SECRETS), (reader, endpoint)
    public = answers["public"]
    assert all(bodies == public for bodies in answers.values()), "every reader reads the same"


def test_the_figures_are_those_the_committee_pages_show(client, planted, settings):
    settings.PUBLIC_DASHBOARD = True
    shown = strategy_figures(planted)  # what the overview, focus area and indicator pages read
    expected = {
        (item.indicator.code, quarter.code): float(value)
        for item in shown.indicators
        for quarter, value in item.actuals.items()
    }
    rows = client.get("/api/v1/figures?limit=10000").json()["results"]
    assert {(row["indicator"], row["period"]): row["value"] for row in rows} == expected
    assert len(rows) == len(expected) == 10 * 6
    revised = next(r for r in rows if r["indicator"] == "F2.0" and r["period"] == "2024K2")
    assert revised["value"] == 520 - 5 * 5 and revised["commentary"] == ""  # the approved value stays
    assert Quarter(2024, 3).code not in {row["period"] for row in rows}


def test_a_draft_strategy_is_not_found_by_its_id(client, planted, settings):
    settings.PUBLIC_DASHBOARD = True
    draft = Strategy.objects.get(title="Kladdestrategi")
    for name in ("focus-areas", "indicators", "figures", "targets"):
        response = client.get(f"/api/v1/{name}?strategy={draft.pk}")
        assert response.status_code == 404, name
        assert response.json() == {"detail": f"Strategien {draft.pk} findes ikke."}


def test_the_public_reads_nothing_when_the_figures_are_not_public(client, planted, settings):
    settings.PUBLIC_DASHBOARD = False
    for name in ENDPOINTS:
        response = client.get(f"/api/v1/{name}?format=csv")
        assert response.status_code == 401, name
        assert "API-nøgle" in response.json()["detail"]
