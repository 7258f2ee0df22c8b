"""The quarterly cycle's rules: four eyes on approval, and a quarter complete before it is locked."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.periods import Quarter
from indicators.locking import QuarterIncomplete, incomplete_figures, quarter_lock
from indicators.models import Measurement, QuarterLock
from indicators.services import FiguresRefused, measurement_approve, measurement_save, measurement_submit

from .. import factories

pytestmark = pytest.mark.django_db
Q = Quarter(2024, 3)
State = Measurement.State


@pytest.fixture
def area(manager):
    area = factories.focus_area(number=2)
    factories.assign(manager, area)
    return area


@pytest.fixture
def key(area):
    return factories.indicator(focus_area=area, code="F2.0", name="Forsikrede ledige", is_key_figure=True)


def submitted(user, indicator, value=900):
    figure = measurement_save(user=user, indicator=indicator, quarter=Q, value=Decimal(value), version=0)
    measurement_submit(user=user, measurements=[figure])
    figure.refresh_from_db()
    return figure


def test_whoever_entered_a_figure_cannot_approve_it(administrator, key):
    figure = submitted(administrator, key)
    with pytest.raises(FiguresRefused, match="du har selv indtastet tallet, så en anden skal godkende det"):
        measurement_approve(user=administrator, measurements=[figure], versions=factories.shown(figure))
    figure.refresh_from_db()
    assert figure.state == State.SUBMITTED


def test_another_administrator_approves_it(administrator, key):
    figure = submitted(administrator, key)
    colleague = factories.user("kollega", role="Administrator", is_staff=True)
    measurement_approve(user=colleague, measurements=[figure], versions=factories.shown(figure))
    figure.refresh_from_db()
    assert figure.state == State.APPROVED


def test_whoever_last_changed_a_figure_cannot_approve_it(manager, administrator, key):
    figure = measurement_save(user=manager, indicator=key, quarter=Q, value=Decimal(900), version=0)
    figure = measurement_save(
        user=administrator, indicator=key, quarter=Q, value=Decimal(905), version=figure.version
    )
    measurement_submit(user=administrator, measurements=[figure])
    figure.refresh_from_db()
    with pytest.raises(FiguresRefused, match="en anden skal godkende det"):
        measurement_approve(user=administrator, measurements=[figure], versions=factories.shown(figure))


def test_a_small_municipality_may_turn_four_eyes_off(settings, administrator, key):
    settings.FOUR_EYES_APPROVAL = False
    figure = submitted(administrator, key)
    measurement_approve(user=administrator, measurements=[figure], versions=factories.shown(figure))
    figure.refresh_from_db()
    assert figure.state == State.APPROVED


def test_a_quarter_with_key_figures_not_approved_is_not_locked(manager, administrator, key, area):
    other = factories.indicator(focus_area=factories.focus_area(strategy=area.strategy), is_key_figure=True)
    other.name = "Kontanthjælp"
    other.save()
    indicator = factories.indicator(focus_area=area, code="F2.1", name="Andel i job")
    factories.measurement(key, 2024, 3, 900, state=State.DRAFT)
    factories.measurement(indicator, 2024, 3, 40, state=State.RETURNED, review_note="Tjek tallet")
    with pytest.raises(QuarterIncomplete) as refused:
        quarter_lock(user=administrator, strategy=area.strategy, quarter=Q)
    assert refused.value.missing == [
        "F2.0 Forsikrede ledige (nøgletal): kladde, ikke godkendt.",
        "F2.1 Andel i job: sendt retur.",
        f"{other.code} Kontanthjælp (nøgletal): mangler.",
    ]
    assert not QuarterLock.objects.exists()


def test_a_complete_quarter_is_locked(manager, administrator, key):
    factories.measurement(key, 2024, 3, 900, state=State.APPROVED)
    assert incomplete_figures(strategy=key.focus_area.strategy, quarter=Q) == []
    lock = quarter_lock(user=administrator, strategy=key.focus_area.strategy, quarter=Q)
    assert lock.is_locked and lock.incomplete_reason == ""


def test_an_administrator_overrides_with_a_reason_that_is_kept(administrator, key):
    reason = "Udvalgsmødet er i dag; nøgletallet følger."
    lock = quarter_lock(
        user=administrator, strategy=key.focus_area.strategy, quarter=Q, incomplete_reason=reason
    )
    assert (lock.is_locked, lock.incomplete_reason) == (True, reason)
    assert reason in lock.history.first().history_change_reason


def test_a_blank_reason_is_no_override(administrator, key):
    with pytest.raises(ValidationError):
        quarter_lock(user=administrator, strategy=key.focus_area.strategy, quarter=Q, incomplete_reason="  ")


def test_the_frozen_report_shows_why_an_incomplete_quarter_was_locked(client, strategy, administrator):
    latest = Quarter(2024, 2)
    returned = Measurement.objects.in_quarter(latest).filter(indicator__focus_area__strategy=strategy).first()
    returned.state = State.RETURNED
    returned.save()
    reason = "Udvalgsmødet er i dag; to indikatorer mangler."
    quarter_lock(user=administrator, strategy=strategy, quarter=latest, incomplete_reason=reason)
    client.force_login(administrator)
    response = client.get(f"/rapport/{latest.year}/{latest.quarter}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Låst rapport." in page
    assert "Låst, selv om ikke alle tal var godkendt:" in page and reason in page
