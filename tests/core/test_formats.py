"""One number formatter: a figure reads the same on the pages, in the entry grid's fields and in the
plausibility warnings, rounded half up (0,25 is 0,3) and never written as minus zero."""

from decimal import Decimal

import pytest
from django.utils import translation

from core import formats
from core.forms import DanishDecimalField
from indicators.models import Indicator, Unit
from indicators.plausibility import plausibility_warnings
from measures.models import Measure

CASES = [
    (Decimal("0.25"), 1, "0,3"),
    (Decimal("2.5"), 0, "3"),
    (Decimal("-0.04"), 1, "0,0"),
    (Decimal("1234.45"), 1, "1.234,5"),
]


def warning(value: Decimal, decimals: int) -> str:
    measure = Measure(unit=Unit.FULL_TIME_PERSONS, decimals=decimals)
    indicator = Indicator(code="F3.0", name="Sygedagpenge", measure=measure, plausible_max=-1000)
    [text] = plausibility_warnings(indicator, value, [])
    return text


@pytest.mark.parametrize(("value", "decimals", "text"), CASES)
def test_a_figure_reads_the_same_on_a_page_in_the_grid_and_in_a_warning(value, decimals, text):
    assert formats.number(value, decimals) == text
    assert DanishDecimalField(decimals=decimals).prepare_value(value) == text
    assert warning(value, decimals).startswith(f"F3.0: {text} er over den højeste forventede værdi")


def test_the_grid_and_the_warnings_write_danish_numbers_in_english_too():
    # A field reads only Danish numbers, so it shows them the Danish way whatever the page's language.
    with translation.override("en"):
        assert formats.number(Decimal("1234.45"), 1) == "1,234.5"
        assert DanishDecimalField(decimals=1).prepare_value(Decimal("1234.45")) == "1.234,5"
        assert "1.234,5" in warning(Decimal("1234.45"), 1)
