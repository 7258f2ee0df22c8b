"""Danish numbers as users and spreadsheets write them, and formulas refused."""

from decimal import Decimal

import pytest

from core.formats import danish
from core.numbers import NumberError, looks_like_formula, parse_danish_number
from indicators.spreadsheets import safe_cell


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1.234,5", "1234.5"),
        ("6,5 %", "6.5"),
        ("6,5%", "6.5"),
        ("6,5", "6.5"),
        ("40", "40"),
        ("-120", "-120"),
        ("\u2212120", "-120"),
        ("1.250", "1250"),
        ("1.234.567,89", "1234567.89"),
        ("1 234,5", "1234.5"),
        ("1\u00a0234", "1234"),
        (" 83 pct. ", "83"),
        ("+5", "5"),
    ],
)
def test_danish_numbers_are_read(text, number):
    assert parse_danish_number(text) == Decimal(number)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_cell_is_no_number(text):
    assert parse_danish_number(text) is None


def test_spreadsheet_numbers_keep_what_was_typed():
    assert parse_danish_number(6.5) == Decimal("6.5")
    assert parse_danish_number(0.1) == Decimal("0.1")
    assert parse_danish_number(1250) == Decimal("1250")


@pytest.mark.parametrize(
    "text", ["6.5", "12.34", "abc", "1,2,3", "6,5 kr", "1..234", "NaN", "４９５０", "٤٩٥٠", "1.２５０"]
)
def test_what_is_not_a_danish_number_is_refused(text):
    with pytest.raises(NumberError):
        parse_danish_number(text)


def test_an_english_decimal_point_gets_a_hint():
    with pytest.raises(NumberError, match="komma som decimaltegn"):
        parse_danish_number("6.5")


@pytest.mark.parametrize("text", ["=1+2", "=SUM(A1:A3)", "+A1", "-A1", "@SUM(A1)", " =1"])
def test_a_formula_is_refused(text):
    assert looks_like_formula(text)
    with pytest.raises(NumberError, match="formel"):
        parse_danish_number(text)


@pytest.mark.parametrize("text", ["-120", "+5", "6,5 %", "Andel"])
def test_numbers_and_words_are_not_formulas(text):
    assert not looks_like_formula(text)


def test_numbers_are_written_the_danish_way():
    assert danish(Decimal("1234.5"), 1) == "1.234,5"
    assert danish(Decimal("-120"), 0) == "-120"
    assert danish(None) == ""


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+A1", "'+A1"),
        ("-A1", "'-A1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-120", "-120"),
        ("Fint kvartal", "Fint kvartal"),
        (12, 12),
    ],
)
def test_exports_never_write_user_text_as_a_formula(value, safe):
    assert safe_cell(value) == safe
