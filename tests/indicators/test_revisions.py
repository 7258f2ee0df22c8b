"""Corrections keep the published figure: a change to an approved figure waits for approval."""

from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.models import Measurement
from indicators.services import measurement_approve, measurement_return, measurement_save, measurement_submit
from reporting.selectors import strategy_figures

from .. import factories
from .test_admin_entry import GRID

pytestmark = pytest.mark.django_db
Q = Quarter(2024, 3)
State = Measurement.State


@pytest.fixture
def approved(manager, administrator):
    area = factories.focus_area(number=2)
    factories.assign(manager, area)
    indicator = factories.indicator(
        focus_area=area, code="F2.0", name="Forsikrede ledige", is_key_figure=True
    )
    factories.measurement(indicator, 2024, 2, 860, state=State.APPROVED)
    figure = measurement_save(user=manager, indicator=indicator, quarter=Q, value=Decimal(870), version=0)
    measurement_submit(user=manager, measurements=[figure])
    measurement_approve(user=administrator, measurements=[figure], versions=factories.shown(figure))
    figure.refresh_from_db()
    return figure


def published(figure) -> Decimal | None:
    return (
        strategy_figures(figure.indicator.focus_area.strategy).indicator(figure.indicator.code).actuals.get(Q)
    )


def test_the_committee_keeps_the_approved_value_while_a_correction_waits(manager, administrator, approved):
    corrected = measurement_save(
        user=manager, indicator=approved.indicator, quarter=Q, value=Decimal(875), version=approved.version
    )
    assert (corrected.value, corrected.state, corrected.is_pending_revision) == (875, State.DRAFT, True)
    assert published(approved) == 870
    measurement_submit(user=manager, measurements=[corrected])
    assert published(approved) == 870
    measurement_approve(user=administrator, measurements=[corrected], versions=factories.shown(corrected))
    assert published(approved) == 875
    corrected.refresh_from_db()
    assert not corrected.is_pending_revision


def test_returning_a_correction_keeps_the_approved_value(manager, administrator, approved):
    corrected = measurement_save(
        user=manager, indicator=approved.indicator, quarter=Q, value=Decimal(8750), version=approved.version
    )
    corrected.commentary = "Ny opgørelse fra Jobindsats med alle forløb."
    corrected.save()
    measurement_submit(user=manager, measurements=[corrected])
    measurement_return(
        user=administrator,
        measurements=[corrected],
        note="Ti gange for stort",
        versions=factories.shown(corrected),
    )
    assert published(approved) == 870


def test_the_grid_says_before_the_save_that_a_change_needs_approval(client, manager, approved):
    client.force_login(manager)
    strategy = approved.indicator.focus_area.strategy
    page = client.get(GRID, {"strategy": strategy.pk, "quarter": Q.code}).content.decode()
    assert "Retter du tallet, skal rettelsen godkendes; udvalget ser det godkendte tal indtil da." in page
    measurement_save(
        user=manager, indicator=approved.indicator, quarter=Q, value=Decimal(875), version=approved.version
    )
    page = client.get(GRID, {"strategy": strategy.pk, "quarter": Q.code}).content.decode()
    assert "Rettelse afventer godkendelse. Udvalget ser det godkendte tal 870" in page
