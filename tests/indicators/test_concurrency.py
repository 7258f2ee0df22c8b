"""Races between users, each in its own thread and database connection (PostgreSQL: SQLite has one writer)."""

import threading
import time
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connections, transaction

from core.periods import Quarter
from indicators.locking import quarter_is_locked, quarter_lock
from indicators.models import Measurement
from indicators.services import (
    FigureInput,
    FiguresRefused,
    figures_save,
    measurement_approve,
    measurement_save,
    measurement_submit,
)

from .. import factories

pytestmark = [
    # serialized_rollback keeps the roles the migrations create for the next test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="races need a database with concurrent writers (run with DATABASE_URL=postgres://…)",
    ),
]
Q2 = Quarter(2024, 2)
WAIT = 10


class Racer(threading.Thread):
    """Runs a step in its own thread and connection; keeps its result or its error."""

    def __init__(self, step):
        super().__init__(daemon=True)
        self.step, self.result, self.error = step, None, None

    def run(self):
        try:
            self.result = self.step()
        except Exception as error:  # the test inspects what went wrong
            self.error = error
        finally:
            connections.close_all()

    def started(self):
        self.start()
        return self


@pytest.fixture
def world(manager, administrator):
    area = factories.focus_area(number=3)
    factories.assign(manager, area)
    indicator = factories.indicator(focus_area=area, code="F3.3", name="Sygedagpenge")
    figure = factories.measurement(indicator, 2024, 2, 53, state=Measurement.State.APPROVED)
    return {"indicator": indicator, "figure": figure, "strategy": area.strategy}


def _save(user, indicator, value, version):
    return figures_save(user=user, figures=[FigureInput(indicator, Q2, Decimal(value), "", version)])


def test_a_lock_waits_for_a_save_in_flight(manager, administrator, world):
    saved, finish = threading.Event(), threading.Event()

    def long_import():
        with transaction.atomic():
            _save(manager, world["indicator"], "77", world["figure"].version)
            saved.set()
            finish.wait(WAIT)

    importer = Racer(long_import).started()
    assert saved.wait(WAIT)
    locker = Racer(lambda: quarter_lock(user=administrator, strategy=world["strategy"], quarter=Q2)).started()
    time.sleep(0.5)
    assert locker.is_alive(), "the lock did not wait for the save in flight"
    finish.set()
    importer.join(WAIT), locker.join(WAIT)
    assert (importer.error, locker.error) == (None, None)
    assert quarter_is_locked(strategy_id=world["strategy"].pk, quarter=Q2)


def test_a_save_that_starts_while_a_lock_is_being_taken_is_refused(manager, administrator, world):
    locked, finish = threading.Event(), threading.Event()

    def lock():
        with transaction.atomic():
            quarter_lock(user=administrator, strategy=world["strategy"], quarter=Q2)
            locked.set()
            finish.wait(WAIT)

    locker = Racer(lock).started()
    assert locked.wait(WAIT)
    importer = Racer(lambda: _save(manager, world["indicator"], "77", world["figure"].version)).started()
    time.sleep(0.5)
    finish.set()
    locker.join(WAIT), importer.join(WAIT)
    assert isinstance(importer.error, FiguresRefused), importer.error
    assert "låst" in str(importer.error)
    world["figure"].refresh_from_db()
    assert (world["figure"].value, world["figure"].state) == (53, Measurement.State.APPROVED)


def test_approving_while_the_manager_changes_the_figure_refuses_the_unseen_value(
    manager, administrator, world
):
    figure = measurement_save(
        user=manager,
        indicator=world["indicator"],
        quarter=Q2,
        value=Decimal("62"),
        version=world["figure"].version,
    )
    measurement_submit(user=manager, measurements=[figure])
    shown = factories.shown(figure)
    changed, finish = threading.Event(), threading.Event()

    def correct():
        with transaction.atomic():
            _save(manager, world["indicator"], "99", shown[figure.pk])
            measurement_submit(user=manager, measurements=[figure])
            changed.set()
            finish.wait(WAIT)

    editor = Racer(correct).started()
    assert changed.wait(WAIT)
    approver = Racer(
        lambda: measurement_approve(user=administrator, measurements=[figure], versions=shown)
    ).started()
    time.sleep(0.3)
    finish.set()
    editor.join(WAIT), approver.join(WAIT)
    assert editor.error is None
    assert isinstance(approver.error, FiguresRefused), approver.error
    figure.refresh_from_db()
    assert (figure.value, figure.state) == (99, Measurement.State.SUBMITTED)


def test_simultaneous_saves_of_a_new_cell_keep_one_and_refuse_the_others_as_stale(manager, world):
    start = threading.Barrier(4)
    indicator = factories.indicator(focus_area=world["indicator"].focus_area, code="F3.4", name="Ny")

    def save(value):
        start.wait(WAIT)
        return _save(manager, indicator, value, 0)

    racers = [Racer(lambda value=value: save(value)).started() for value in ("1", "2", "3", "4")]
    for racer in racers:
        racer.join(WAIT)
    errors = [racer.error for racer in racers if racer.error]
    assert len(errors) == 3, errors
    assert all(isinstance(error, FiguresRefused) and "ændret af" in str(error) for error in errors), errors
    assert Measurement.objects.filter(indicator=indicator).count() == 1
