"""One range of years for everything stored, and codes that are safe and unique whatever their case."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.periods import FIRST_YEAR, LAST_YEAR, Quarter
from indicators.codes import code_validator, is_code
from indicators.models import Indicator, Measurement, QuarterLock, Target
from measures.models import Area, OfficialValue

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", [FIRST_YEAR - 1, 1900, LAST_YEAR + 1, 2999])
@pytest.mark.parametrize(
    "store",
    [
        lambda i, y: Measurement.objects.create(indicator=i, year=y, quarter=1, value=5),
        lambda i, y: Target.objects.create(indicator=i, year=y, value_min=5, value_max=5),
        lambda i, y: OfficialValue.objects.create(
            measure=i.measure, area=Area.objects.get(code="000"), year=y, kind="Q", number=1, value=5
        ),
        lambda i, y: QuarterLock.objects.create(strategy=i.focus_area.strategy, year=y, quarter=1),
    ],
    ids=["actual", "target", "comparison", "lock"],
)
def test_the_database_refuses_a_year_outside_the_range(store, year):
    indicator = factories.indicator()
    with pytest.raises(IntegrityError), transaction.atomic():
        store(indicator, year)


def test_every_quarter_of_the_range_has_neighbours_the_pages_can_compute():
    # Last year's figure and the next quarter's first day are computed for every stored quarter.
    for quarter in (Quarter(FIRST_YEAR, 1), Quarter(LAST_YEAR, 4)):
        assert quarter.same_quarter_last_year() < quarter < quarter.next()
        assert quarter.has_ended() in (True, False)


@pytest.mark.parametrize("text", ["1999K4", "2100K1", "1900K1", "2999K4", "٢٠٢٤K1", "２０２４K1"])
def test_a_typed_quarter_outside_the_range_or_in_other_digits_is_refused(text):
    with pytest.raises(ValueError):
        Quarter.parse(text)


@pytest.mark.parametrize("code", ["F2.0", "F2.10", "F-3_a", "FÆ1", "7"])
def test_ordinary_codes_are_allowed(code):
    code_validator(code)
    assert is_code(code)


@pytest.mark.parametrize(
    "code", ["F4/9", "F4*", "F4?", "F4:1", "F4[1]", "F4\\1", "F4\n1", "F2.0 ", ".F2", "", "F\x00"]
)
def test_codes_that_break_addresses_files_or_sheets_are_refused(code):
    with pytest.raises(ValidationError):
        code_validator(code)


def test_codes_are_unique_per_strategy_whatever_their_case_in_the_database():
    strategy = factories.strategy()
    one, two = (factories.focus_area(strategy=strategy) for _ in range(2))
    factories.indicator(focus_area=one, code="F2.0")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.indicator(focus_area=two, code="f2.0")
    factories.indicator(code="f2.0")  # another strategy may use it
    assert Indicator.objects.filter(code__iexact="F2.0").count() == 2


def test_a_focus_area_moved_to_another_strategy_takes_its_indicators_codes_along():
    area = factories.focus_area()
    indicator = factories.indicator(focus_area=area, code="F9.0")
    other = factories.strategy()
    area.strategy = other
    area.save()
    indicator.refresh_from_db()
    assert indicator.strategy == other
