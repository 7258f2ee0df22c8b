"""The "heraf" rule, generalised: an own indicator's parts (socialt frikort by age band) are entered in the
grid as parts of the total and, where the total says its parts make it up, checked to add up to it."""

import datetime
from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.models import Measurement, Unit
from indicators.services import FigureInput, FiguresRefused, figures_save

from .. import factories

pytestmark = pytest.mark.django_db
Q2 = Quarter(2024, 2)
LATER = datetime.date(2024, 12, 1)


@pytest.fixture
def free_card(administrator):
    """F3.3 Borgere med socialt frikort (a count), by age band: 16-29, 30-49 and 50 år og derover."""
    area = factories.focus_area()
    total = factories.indicator(focus_area=area, code="F3.3", unit=Unit.COUNT, parts_add_up=True)
    bands = [
        factories.indicator(focus_area=area, code=f"F3.3.{n}", unit=Unit.COUNT, parent=total)
        for n in (1, 2, 3)
    ]
    return total, bands


def save(user, *pairs):
    figures = [FigureInput(indicator, Q2, Decimal(value)) for indicator, value in pairs]
    return figures_save(user=user, figures=figures, today=LATER)


def test_parts_that_add_up_to_their_total_are_saved(free_card, administrator):
    total, (young, middle, old) = free_card
    save(administrator, (total, 40), (young, 10), (middle, 18), (old, 12))
    assert Measurement.objects.count() == 4


def test_parts_that_do_not_add_up_are_refused_with_the_sum_and_nothing_is_saved(free_card, administrator):
    total, (young, middle, old) = free_card
    with pytest.raises(FiguresRefused) as refused:
        save(administrator, (total, 40), (young, 10), (middle, 18), (old, 11))
    assert refused.value.problems[0].message == (
        "F3.3: delene F3.3.1, F3.3.2, F3.3.3 summerer til 39, men totalen er 40 i 2. kvt. 2024."
    )
    assert Measurement.objects.count() == 0


def test_the_sum_is_checked_against_stored_parts_once_the_last_part_comes_in(free_card, administrator):
    total, (young, middle, old) = free_card
    save(administrator, (total, 40), (young, 10), (middle, 18))  # not all parts yet: nothing to add up
    with pytest.raises(FiguresRefused):
        save(administrator, (old, 13))
    save(administrator, (old, 12))
    assert Measurement.objects.get(indicator=old).value == 12


def test_parts_of_a_total_that_is_not_made_of_them_need_only_fit_under_it(free_card, administrator):
    total, (young, middle, old) = free_card
    total.parts_add_up = False
    total.save()
    save(administrator, (total, 40), (young, 10), (middle, 18), (old, 1))
    with pytest.raises(FiguresRefused, match="større end totalen"):
        save(administrator, (young, 41))
