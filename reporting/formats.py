"""Numbers the Danish way: 3,9 %, 1.250, -220 (and 3.9 %, 1,250 when the interface is in English)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import get_language

DANISH = (",", ".")  # decimal separator, thousands separator
ENGLISH = (".", ",")
PERCENT_UNITS = {"pct"}


def separators() -> tuple[str, str]:
    return ENGLISH if (get_language() or "da").startswith("en") else DANISH


def plotly_separators() -> str:
    """Plotly's layout.separators: decimal then thousands, e.g. ',.' for Danish."""
    decimal_sep, thousands_sep = separators()
    return decimal_sep + thousands_sep


def number(value, decimals: int = 0, *, sign: bool = False) -> str:
    """'1.250', '3,9', '-220'; '–' when there is no value. sign=True writes '+12' for a change."""
    if value is None or value == "":
        return "–"
    try:
        amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return str(value)
    if amount == 0:
        amount = abs(amount)  # never '-0'
    decimal_sep, thousands_sep = separators()
    whole, _, fraction = f"{abs(amount):.{decimals}f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = thousands_sep.join([whole, *groups])
    if fraction:
        text += decimal_sep + fraction
    if amount < 0:
        return "-" + text
    return ("+" + text) if sign and amount > 0 else text


def figure(value, unit: str = "", decimals: int = 0, *, sign: bool = False) -> str:
    """A number with its unit where the unit belongs to the number: '3,9 %'; other units stay in headers."""
    text = number(value, decimals, sign=sign)
    if unit in PERCENT_UNITS and text != "–":
        return f"{text} %"
    return text


def target_text(low, high, unit: str = "", decimals: int = 0) -> str:
    """'300–320', '4,0 %', or '–' without a target."""
    if low is None:
        return "–"
    if Decimal(str(low)) == Decimal(str(high)):
        return figure(low, unit, decimals)
    return f"{number(low, decimals)}–{figure(high, unit, decimals)}"
