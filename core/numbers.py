"""Reading numbers the way Danish users and spreadsheets write them: `1.234,5`, `6,5 %`, `-120`."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

# Thousands in groups of three with a dot (or a space), a decimal comma.
# ASCII digits only: '４９５０' (full-width) or Arabic-Indic digits are no number a person typed here.
_DANISH = re.compile(r"^(?P<sign>[-+]?)(?P<int>\d{1,3}(?:[. ]\d{3})+|\d+)(?:,(?P<frac>\d+))?$", re.ASCII)
# The common case, read at once: `120`, `-3`, `6,5`, `6,5 %`.
_PLAIN = re.compile(r"(-?[0-9]+)(?:,([0-9]+))?(?: ?%)?")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})


class NumberError(ValueError):
    """The text is not a number; the message says why, in Danish."""


def looks_like_formula(text: str) -> bool:
    """A cell that a spreadsheet would evaluate: `=…`, `+A1`, `-A1`, `@…`."""
    text = text.lstrip()
    if not text:
        return False
    if text[0] in "=@":
        return True
    return text[0] in "+-" and len(text) > 1 and text[1].isalpha()


def parse_danish_number(raw) -> Decimal | None:
    """The number in a cell or form field, None when empty; raises NumberError otherwise."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise NumberError(_("'%(value)s' er ikke et tal.") % {"value": raw})
    if isinstance(raw, int | float | Decimal):
        return _from_native(raw)
    text = str(raw).strip()
    if not text:
        return None
    if plain := _PLAIN.fullmatch(text):  # most cells of an import
        return Decimal(f"{plain[1]}.{plain[2]}" if plain[2] else plain[1])
    if looks_like_formula(text):
        raise NumberError(_("'%(value)s' er en formel, ikke et tal. Skriv selve tallet.") % {"value": text})
    text = text.translate(_MINUS_SIGNS)
    if text.endswith("%"):
        text = text[:-1].rstrip()
    elif text.lower().endswith("pct."):
        text = text[:-4].rstrip()
    match = _DANISH.match(text.replace("\u00a0", " ").replace("\u202f", " "))
    if not match:
        compact = _SPACES.sub("", text)
        if re.fullmatch(r"[-+]?\d+\.\d{1,2}|[-+]?\d+\.\d{4,}", compact):
            raise NumberError(
                _("'%(value)s' er ikke et dansk tal. Brug komma som decimaltegn, fx 6,5.") % {"value": raw}
            )
        raise NumberError(_("'%(value)s' er ikke et tal.") % {"value": raw})
    digits = match["int"].replace(".", "").replace(" ", "")
    number = f"{match['sign']}{digits}.{match['frac']}" if match["frac"] else f"{match['sign']}{digits}"
    return Decimal(number)


def _from_native(value) -> Decimal:
    """Numbers from a spreadsheet cell arrive as int or float; keep what the user typed."""
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as error:
        raise NumberError(_("'%(value)s' er ikke et tal.") % {"value": value}) from error
    if not number.is_finite():
        raise NumberError(_("'%(value)s' er ikke et tal.") % {"value": value})
    return number


def decimal_places(value: Decimal) -> int:
    """The decimals a stored value really has: 1 for `2.7000`, 0 for `820.0000`."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
