"""Unit ranges, decimals and ended quarters, with Danish messages naming the indicator."""

import datetime
from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.models import Unit
from indicators.validation import parent_problems, quarter_problems, value_problems

from .. import factories

pytestmark = pytest.mark.django_db


def problems(unit, value, **fields):
    indicator = factories.indicator(code="F9.1", name="Testmål", unit=unit, **fields)
    return value_problems(indicator, Decimal(value))


def test_a_share_must_be_between_0_and_100_percent():
    assert problems(Unit.PERCENT, "100") == []
    assert problems(Unit.PERCENT, "0") == []
    (message,) = problems(Unit.PERCENT, "100.5", decimals=1)
    assert message.startswith("F9.1 Testmål:")
    assert "mellem 0 og 100 %" in message
    assert problems(Unit.PERCENT, "-1")


def test_counts_and_full_time_persons_are_not_negative():
    assert "negativ" in problems(Unit.COUNT, "-1")[0]
    assert "negativ" in problems(Unit.FULL_TIME_PERSONS, "-3")[0]
    assert problems(Unit.FULL_TIME_PERSONS, "0") == []


def test_a_difference_measure_may_be_negative():
    assert problems(Unit.FULL_TIME_PERSONS, "-220", allows_negative=True) == []


def test_a_rank_is_a_whole_number_from_1_to_98():
    assert problems(Unit.RANK, "1") == []
    assert problems(Unit.RANK, "98") == []
    assert "1 til 98" in problems(Unit.RANK, "99")[0]
    assert "1 til 98" in problems(Unit.RANK, "0")[0]


def test_decimals_are_limited_by_the_indicator():
    assert problems(Unit.PERCENT, "6.5", decimals=1) == []
    assert "højst 1 decimal" in problems(Unit.PERCENT, "6.55", decimals=1)[0]
    assert "helt tal" in problems(Unit.FULL_TIME_PERSONS, "900.5")[0]
    assert problems(Unit.FULL_TIME_PERSONS, "900.0") == []


def test_a_huge_number_is_refused():
    assert "for stort" in problems(Unit.KRONER, "100000000000")[0]


def test_no_actuals_for_a_quarter_that_has_not_ended():
    indicator = factories.indicator(code="F2.0")
    today = datetime.date(2024, 9, 30)
    (message,) = quarter_problems(indicator, Quarter(2024, 3), today)
    assert "3. kvt. 2024 er ikke slut" in message
    assert quarter_problems(indicator, Quarter(2024, 3), datetime.date(2024, 10, 1)) == []
    assert quarter_problems(indicator, Quarter(2024, 2), today) == []


@pytest.fixture
def sick_leave():
    """F3.3 (about 55 a quarter) and F3.1 (about 285), both counts, not yet one a part of the other."""
    area = factories.focus_area()
    total = factories.indicator(focus_area=area, code="F3.3", unit=Unit.COUNT)
    part = factories.indicator(focus_area=area, code="F3.1", unit=Unit.COUNT)
    for quarter, (whole, of_which) in {2: (60, 40), 3: (55, 285)}.items():
        factories.measurement(total, 2024, quarter, whole)
        factories.measurement(part, 2024, quarter, of_which)
    return total, part


def test_a_parent_under_which_a_stored_part_exceeds_its_total_is_refused_as_on_the_grid(sick_leave):
    total, part = sick_leave
    assert parent_problems(part, parent=total, unit=part.measure.unit) == [
        "F3.1: 285 er større end totalen 55 (F3.3) i 3. kvt. 2024."
    ]
    assert parent_problems(part, parent=None, unit=part.measure.unit) == []
    # A part in another unit is not compared, as on the grid.
    assert parent_problems(part, parent=total, unit=Unit.PERCENT) == []


def test_a_unit_change_that_makes_a_stored_part_exceed_its_total_is_refused(sick_leave):
    total, part = sick_leave
    total.measure.unit = Unit.PERCENT
    total.measure.save()
    part.parent = total
    part.save()
    assert parent_problems(total, parent=None, unit=Unit.PERCENT) == []
    assert parent_problems(total, parent=None, unit=Unit.COUNT) == [
        "F3.1: 285 er større end totalen 55 (F3.3) i 3. kvt. 2024."
    ]
