"""The number formatter groups with Python's own formatting: the same text as Django's numberformat, in both
languages, for every kind of figure the portal shows."""

from decimal import Decimal

import pytest
from django.utils import numberformat, translation

from core import formats

VALUES = [0, 1, -1, 7, 12.5, 999, 1000, -1250, 1250.55, 123456789, Decimal("3.949"), Decimal("-0.04"),
          Decimal("0.05"), Decimal("1000000.5"), "17", Decimal("98.96")]  # fmt: skip


def _django(value, decimals: int, plain: bool) -> str:
    amount = formats._decimal(value, decimals)
    decimal_sep, thousands_sep = formats.separators()
    text = numberformat.format(
        abs(amount), decimal_sep, decimal_pos=decimals, grouping=0 if plain else 3,
        thousand_sep=thousands_sep, force_grouping=not plain,
    )  # fmt: skip
    return ("-" if plain else formats.MINUS) + text if amount < 0 else text


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("plain", [False, True])
def test_numbers_read_as_django_formats_them(language, plain):
    with translation.override(language):
        for value in VALUES:
            for decimals in (0, 1, 2):
                assert formats.number(value, decimals, plain=plain) == _django(value, decimals, plain)


def test_danish_figures_the_danish_way():
    with translation.override("da"):
        assert formats.number(1250) == "1.250"
        assert formats.figure(Decimal("3.9"), "pct", 1) == "3,9 %"
        assert formats.number(-1234567.891, 2) == "\u22121.234.567,89"
        assert formats.number(1234.5, 1, plain=True) == "1234,5"
