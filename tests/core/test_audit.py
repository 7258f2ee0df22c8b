"""Every import, approval, lock and target change is logged with the user who did it."""

import datetime
import json
import logging
from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.importing import figures_import
from indicators.locking import quarter_lock
from indicators.models import Measurement
from indicators.services import measurement_approve, measurement_submit
from indicators.targets import target_save
from operations.logs import JsonFormatter

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit_log(caplog):
    caplog.set_level(logging.INFO, logger="strategy_portal.audit")
    return caplog


def _events(caplog) -> list[dict]:
    return [
        json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "strategy_portal.audit"
    ]


def test_import_submit_approve_lock_and_target_change_are_logged_with_the_user(
    manager, administrator, audit_log, django_capture_on_commit_callbacks
):
    indicator = factories.indicator(code="F2.0")
    factories.assign(manager, indicator.focus_area)
    data = "indikator;år;kvartal;værdi\nF2.0;2024;2;1.250\n".encode()
    with django_capture_on_commit_callbacks(execute=True):
        result = figures_import(
            user=manager, data=data, filename="tal.csv", strategy=indicator.focus_area.strategy
        )
    assert result.ok
    measurement = Measurement.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        measurement_submit(user=manager, measurements=[measurement])
        measurement_approve(
            user=administrator, measurements=[measurement], versions=factories.shown(measurement)
        )
        quarter_lock(user=administrator, strategy=indicator.focus_area.strategy, quarter=Quarter(2024, 2))
        target_save(
            user=administrator,
            indicator=indicator,
            year=2025,
            quarter=None,
            value_min=Decimal(1200),
            value_max=Decimal(1200),
            reason="Budgetforlig 2025",
        )
    events = {(e["action"], e["user"]) for e in _events(audit_log)}
    assert {
        ("figures_import_checked", "leder-test"),
        ("figures_saved", "leder-test"),
        ("figures_submitted", "leder-test"),
        ("figures_approved", "admin-test"),
        ("quarter_locked", "admin-test"),
        ("target_saved", "admin-test"),
    } <= events
    target_event = next(e for e in _events(audit_log) if e["action"] == "target_saved")
    assert target_event["reason"] == "Budgetforlig 2025"
    assert target_event["indicator"] == "F2.0"


def test_a_refused_write_is_not_logged_as_done(manager, audit_log, django_capture_on_commit_callbacks):
    indicator = factories.indicator(code="F2.0")
    future = Quarter.containing(datetime.date.today()).next()
    data = f"indikator;år;kvartal;værdi\nF2.0;{future.year};{future.quarter};10\n".encode()
    factories.assign(manager, indicator.focus_area)
    with django_capture_on_commit_callbacks(execute=True):
        result = figures_import(
            user=manager, data=data, filename="tal.csv", strategy=indicator.focus_area.strategy
        )
    assert not result.ok
    actions = [e["action"] for e in _events(audit_log)]
    assert "figures_saved" not in actions
    assert actions == ["figures_import_checked"]
