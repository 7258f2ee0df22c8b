"""A correction of an official value and the lock of its quarter exclude each other (PostgreSQL: each user in
its own thread and connection; SQLite has one writer)."""

import threading
import time
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from core.periods import Quarter
from indicators.locking import quarter_is_locked, quarter_lock
from indicators.official_statistics import save_official_value
from measures.models import OfficialValue

from .. import official_statistics as official
from .test_concurrency import WAIT, Racer

pytestmark = [
    # serialized_rollback keeps the roles and areas the migrations create for the next test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="races need a database with concurrent writers (run with DATABASE_URL=postgres://…)",
    ),
]
Q2 = Quarter(2024, 2)


@pytest.fixture
def world():
    measure = official.measure(code="Y01A02-FULDTID")
    strategy = official.strategy_using(measure)
    return {"strategy": strategy, "value": official.official_value(measure, official.area(), "2024M06", 1000)}


def _correct(user, value, new):
    changed = OfficialValue.objects.select_related("measure", "area").get(pk=value.pk)
    changed.value = Decimal(new)
    return save_official_value(user, changed, "Revideret af Jobindsats")


def test_a_lock_waits_for_a_correction_in_flight(administrator, world):
    saved, finish = threading.Event(), threading.Event()

    def long_correction():
        with transaction.atomic():
            _correct(administrator, world["value"], "1010")
            saved.set()
            finish.wait(WAIT)

    corrector = Racer(long_correction).started()
    assert saved.wait(WAIT)
    locker = Racer(lambda: quarter_lock(user=administrator, strategy=world["strategy"], quarter=Q2)).started()
    time.sleep(0.5)
    assert locker.is_alive(), "the lock did not wait for the correction in flight"
    finish.set()
    corrector.join(WAIT), locker.join(WAIT)
    assert (corrector.error, locker.error) == (None, None)
    assert quarter_is_locked(strategy_id=world["strategy"].pk, quarter=Q2)
    assert OfficialValue.objects.get().value == 1010


def test_a_correction_that_starts_while_the_quarter_is_being_locked_is_refused(administrator, world):
    locked, finish = threading.Event(), threading.Event()

    def lock():
        with transaction.atomic():
            quarter_lock(user=administrator, strategy=world["strategy"], quarter=Q2)
            locked.set()
            finish.wait(WAIT)

    locker = Racer(lock).started()
    assert locked.wait(WAIT)
    corrector = Racer(lambda: _correct(administrator, world["value"], "1010")).started()
    time.sleep(0.5)
    finish.set()
    locker.join(WAIT), corrector.join(WAIT)
    assert isinstance(corrector.error, ValidationError), corrector.error
    assert "låst" in str(corrector.error)
    assert OfficialValue.objects.get().value == 1000
