"""The one number formatter: rounded half up, in Django's l10n separators (3,9 %, 1.250 in Danish; 3.9 %,
1,250 in English), the real minus sign, and a change of a share in procentpoint. Pages, report, PDF, charts
and exports use number and figure; form fields and the Danish messages of the checks use danish.
"""

import html
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import get_format
from django.utils.translation import get_language, gettext, gettext_noop

PERCENT_UNITS = {"pct"}
# The comparison series' keys in reports frozen before the series became data, and their labels today
# (marked so the catalogue keeps their translations: series_label translates them as data).
FROZEN_SERIES = {
    "national": gettext_noop("Hele landet"),
    "benchmark": gettext_noop("Forventet (benchmark)"),
    "region": gettext_noop("Regionen"),
    "estimate": gettext_noop("Forventet (skøn)"),
}
MINUS = "\u2212"
DASH = "–"  # no value


def series_label(name: str) -> str:
    """A comparison series' label as the reader sees it: an area's name as it stands ("Hele landet",
    "Region Hovedstaden"); the portal's own words ("Sammenligningsgruppe", "Forventet (benchmark)")
    translated."""
    name = FROZEN_SERIES.get(name, name)
    return gettext(name) if name else name


def separators(language: str | None = None) -> tuple[str, str]:
    """Decimal and thousands separators of the active language (or the one named), from Django's locale
    formats."""
    language = language or get_language()  # asked once: each ask reads the request's thread-local state
    return get_format("DECIMAL_SEPARATOR", language), get_format("THOUSAND_SEPARATOR", language)


class Labels:
    """Source labels and target texts for one table or chart: each distinct one formatted once (a table's
    forty quarters mostly share one source and a target a year)."""

    def __init__(self):
        self._sources, self._targets = {}, {}

    def source(self, source: str, demo: bool = False) -> str:
        if (source, demo) not in self._sources:
            self._sources[source, demo] = source_label(source, demo=demo)
        return self._sources[source, demo]

    def target(self, low, high, unit: str = "", decimals: int = 0) -> str:
        key = (low, high, unit, decimals)
        if key not in self._targets:
            self._targets[key] = target_text(low, high, unit, decimals)
        return self._targets[key]


def plotly_separators() -> str:
    """Plotly's layout.separators: decimal then thousands, e.g. ',.' for Danish."""
    return "".join(separators())


def _decimal(value, decimals: int) -> Decimal | None:
    """The value rounded half up to its decimals (0,25 is 0,3 and 2,5 is 3), and never minus zero."""
    try:
        exact = value if isinstance(value, Decimal) else Decimal(str(value))
        amount = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None
    return abs(amount) if amount == 0 else amount


def _digits(amount: Decimal, decimals: int, language: str | None = None, *, grouped: bool = True) -> str:
    """The digits of a rounded amount without its sign, in the language's separators: Python's own format
    ('1,234.5') with its two separators swapped for the language's in one pass. Django's generic
    numberformat.format gives the same digits for a rounded Decimal in four times the time, and a focus area
    page formats some 1 500 numbers."""
    decimal_separator, thousands_separator = separators(language)
    text = format(abs(amount), f"{',' if grouped else ''}.{decimals}f")
    return text.translate({44: thousands_separator, 46: decimal_separator})  # ',' and '.'


def number(value, decimals: int = 0, *, sign: bool = False, plain: bool = False) -> str:
    """'1.250', '3,9', '−220'; '–' when there is no value. sign=True writes '+12' for a change.

    plain=True is for files a spreadsheet reads: no thousands separator and an ASCII minus.
    """
    if value is None or value == "":
        return DASH
    amount = _decimal(value, decimals)
    if amount is None:
        return str(value)
    text = _digits(amount, decimals, grouped=not plain)
    if amount < 0:
        return ("-" if plain else MINUS) + text
    return ("+" + text) if sign and amount > 0 else text


def danish(value, decimals: int = 0) -> str:
    """A number as a Danish user types it, whatever the page's language: '1.234,5', '-120'; '' when there is
    none. Form fields show it (they read only Danish numbers), and so do the checks' and limits' messages."""
    if value is None:
        return ""
    amount = _decimal(value, decimals)
    if amount is None:
        return str(value)
    text = _digits(amount, decimals, "da")
    return "-" + text if amount < 0 else text


def figure(value, unit: str = "", decimals: int = 0, *, sign: bool = False) -> str:
    """A number with its unit where the unit belongs to the number: '3,9 %'; other units stay in headers.

    sign=True is a change: a change of a share is in procentpoint ('+0,6 procentpoint'), not per cent.
    """
    text = number(value, decimals, sign=sign)
    if unit in PERCENT_UNITS and text != DASH:
        if not sign:
            return f"{text} %"
        points = gettext("procentpoint")
        return f"{text} {points}"
    return text


def change(value, unit: str = "", decimals: int = 0) -> str:
    return figure(value, unit, decimals, sign=True)


def target_text(low, high, unit: str = "", decimals: int = 0) -> str:
    """'300–320', '4,0 %', or '–' without a target."""
    if low is None:
        return DASH
    if Decimal(str(low)) == Decimal(str(high)):
        return figure(low, unit, decimals)
    return f"{number(low, decimals)}–{figure(high, unit, decimals)}"


def amount_words(value, unit_label: str, decimals: int = 0) -> str:
    """A projection in the unit's own word: 'ca. 57 borgere', 'ca. 3,9 %'."""
    return gettext("ca. %(figure)s") % {"figure": f"{number(value, decimals)} {unit_label}".strip()}


# The data's own reference to the source document it was taken from ("seed 003: …") is for developers.
_DOCUMENT_REFERENCE = re.compile(r"^seed [\d/]+:\s*", re.IGNORECASE)


def source_label(source: str, *, demo: bool = False) -> str:
    """A figure's source as the reader sees it: invented figures (demo: marked so by the loader that made
    them) are called what they are."""
    if demo:
        return gettext("Demodata (opdigtet tal)")
    if not source:
        return DASH
    return _DOCUMENT_REFERENCE.sub("", source)


def published_source(pairs) -> str:
    """Where official values come from, from their stored (source, release): 'Jobindsats y30r21, udgivelse
    2024QMAT02'; several joined by '; '."""
    texts = []
    for source, release in pairs:
        text = source_label(source)
        if release:
            text = gettext("%(source)s, udgivelse %(release)s") % {"source": text, "release": release}
        texts.append(text)
    return "; ".join(dict.fromkeys(texts)) or DASH


def escaped(value) -> str:
    """What format_html does to a value that is not already safe HTML (in a fraction of the time: a page
    escapes thousands of cells)."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))
