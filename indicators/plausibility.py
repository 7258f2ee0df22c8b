"""Whether an actual looks plausible: far from the indicator's own recent quarters, or outside its bounds.

A warning never refuses a figure; it asks for an explanation in the commentary before the figure can be
submitted, and the approver sees it. Each warning names the figure it was compared with.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from core.formats import danish
from core.periods import Quarter

from .models import Indicator, Measurement, Unit

# How many earlier quarters make the indicator's history.
HISTORY_QUARTERS = 8
# With fewer earlier quarters than this, only the last quarter is compared (a ratio rule).
BAND_MINIMUM = 4
# A value this many times the last quarter's (or this share of it) is unusual.
RATIO = Decimal(2)
# The band is the median ± this many robust deviations (1.4826 · MAD estimates a standard deviation) …
BAND_WIDTH = Decimal(4)
MAD_TO_SD = Decimal("1.4826")
# … but never narrower than this share of the median, so a flat history does not flag every wobble.
BAND_FLOOR = Decimal("0.15")
# A share (per cent) is compared in procentpoint, not as a ratio.
PERCENT_JUMP = Decimal(10)
# An explanation is a sentence: at least this many characters and words …
EXPLANATION_CHARACTERS = 20
EXPLANATION_WORDS = 3
# … and not only the stock words that say nothing about why the figure differs.
STOCK_WORDS = frozenset(
    {"ok", "okay", "fint", "fin", "korrekt", "korrekte", "rigtigt", "rigtig", "ja", "se", "note", "noten",
     "test", "tjek", "tjekket", "kontrolleret", "godkendt", "bekræftet"}
)  # fmt: skip


def _shown(indicator: Indicator, value: Decimal) -> str:
    text = danish(value, indicator.measure.decimals)
    return f"{text} %" if indicator.measure.unit == Unit.PERCENT else text


def _ratio_text(ratio: Decimal) -> str:
    return danish(ratio, 1)


def bound_warnings(indicator: Indicator, value: Decimal) -> list[str]:
    """Outside the lowest or highest plausible value the administrator set for the indicator."""
    name = indicator.code
    low, high = indicator.plausible_min, indicator.plausible_max
    if low is not None and value < low:
        return [
            _("%(indicator)s: %(value)s er under den laveste forventede værdi %(bound)s.")
            % {"indicator": name, "value": _shown(indicator, value), "bound": _shown(indicator, low)}
        ]
    if high is not None and value > high:
        return [
            _("%(indicator)s: %(value)s er over den højeste forventede værdi %(bound)s.")
            % {"indicator": name, "value": _shown(indicator, value), "bound": _shown(indicator, high)}
        ]
    return []


def history_warnings(indicator: Indicator, value: Decimal, history: list[Decimal]) -> list[str]:
    """Far from the earlier quarters (oldest first; the last is the quarter just before).

    The last quarter is compared first (ten times last quarter is the typical typing error); with a
    long enough history a robust band (median ± median absolute deviation) catches the rest.
    """
    if not history:
        return []
    last, unit = history[-1], indicator.measure.unit  # the unit is read through the measure: once

    def shown(**more) -> dict[str, object]:  # formatted only for a warning: most figures have none
        return {
            "indicator": indicator.code,
            "value": _shown(indicator, value),
            "last": _shown(indicator, last),
        } | more

    if unit == Unit.PERCENT:
        if abs(value - last) >= PERCENT_JUMP:
            return [
                _("%(indicator)s: %(value)s er %(points)s procentpoint fra sidste kvartals %(last)s.")
                % shown(points=danish(abs(value - last), 1))
            ]
    elif last > 0 and value >= 0:
        if value >= last * RATIO:
            return [
                _("%(indicator)s: %(value)s er %(ratio)s gange sidste kvartals %(last)s.")
                % shown(ratio=_ratio_text(value / last))
            ]
        if value <= last / RATIO:
            return [
                _("%(indicator)s: %(value)s er kun %(share)s %% af sidste kvartals %(last)s.")
                % shown(share=danish(value / last * 100, 0))
            ]
    if len(history) < BAND_MINIMUM:
        return []
    middle = Decimal(_median(history))
    deviation = Decimal(_median([abs(earlier - middle) for earlier in history])) * MAD_TO_SD
    smallest = Decimal(1).scaleb(-indicator.measure.decimals)
    half_width = max(BAND_WIDTH * deviation, BAND_FLOOR * abs(middle), smallest)
    low, high = middle - half_width, middle + half_width
    if low <= value <= high:
        return []
    return [
        _(
            "%(indicator)s: %(value)s ligger uden for det sædvanlige niveau %(low)s–%(high)s "
            "i de seneste %(count)s kvartaler (sidste kvartal %(last)s)."
        )
        % shown(
            low=_shown(indicator, max(low, Decimal(0)) if not indicator.allows_negative else low),
            high=_shown(indicator, high),
            count=len(history),
        )
    ]


def explains(commentary: str) -> bool:
    """Whether a commentary explains a warned figure: a sentence of at least 20 characters and three words,
    not only stock words such as "ok", "korrekt" or "se note". Every path that submits figures asks this."""
    text = commentary.strip()
    words = re.findall(r"\w+", text.lower())
    return (
        len(text) >= EXPLANATION_CHARACTERS
        and len(words) >= EXPLANATION_WORDS
        and any(word not in STOCK_WORDS for word in words)
    )


def _median(values: list) -> Decimal:
    """statistics.median without its checks and conversions: run for each of 100 000 figures of an import."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def plausibility_warnings(indicator: Indicator, value: Decimal, history: list[Decimal]) -> list[str]:
    """Every reason the value looks wrong, in Danish, each naming what it was compared with."""
    return bound_warnings(indicator, value) + history_warnings(indicator, value, history)


def _stored(indicator_ids: set[int], quarters: set[Quarter]) -> dict[int, dict[int, Decimal]]:
    """Each indicator's stored values by quarter, counted as whole numbers (year · 4 + quarter): building
    eight Quarter objects for each of 100 000 figures of an import took longer than the import itself."""
    if not indicator_ids or not quarters:
        return {}
    first_year = min(quarter.year for quarter in quarters) - HISTORY_QUARTERS // 4 - 1
    last_year = max(quarter.year for quarter in quarters)
    stored: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for indicator_id, year, quarter, text in (
        Measurement.objects.filter(indicator_id__in=indicator_ids, year__gte=first_year, year__lte=last_year)
        .order_by()
        .with_value_text()
        .values_list("indicator_id", "year", "quarter", "value_text")
    ):
        stored[indicator_id][year * 4 + quarter] = Decimal(text)
    return stored


def _earlier(values: dict[int, Decimal], quarter: Quarter) -> list[Decimal]:
    index = quarter.year * 4 + quarter.quarter
    return [values[earlier] for earlier in range(index - HISTORY_QUARTERS, index) if earlier in values]


def histories(
    indicator_ids: Iterable[int], quarters: Iterable[Quarter]
) -> dict[tuple[int, Quarter], list[Decimal]]:
    """For each indicator and quarter, the values of up to 8 earlier quarters (oldest first), one query."""
    indicator_ids, quarters = set(indicator_ids), set(quarters)
    stored = _stored(indicator_ids, quarters)
    return {
        (indicator_id, quarter): _earlier(stored.get(indicator_id, {}), quarter)
        for indicator_id in indicator_ids
        for quarter in quarters
    }


def warnings_for(
    figures: Iterable[tuple[Indicator, Quarter, Decimal]],
) -> dict[tuple[int, Quarter], list[str]]:
    """The warnings of many figures at once (grid, import, submission, approval): one query.

    Only figures with a warning are kept (an import's 100 000 empty lists cost more than the rules);
    any other figure reads as an empty list."""
    figures = list(figures)
    stored = _stored({indicator.pk for indicator, _q, _v in figures}, {q for _i, q, _v in figures})
    found: dict[tuple[int, Quarter], list[str]] = defaultdict(list)
    for indicator, quarter, value in figures:
        history = _earlier(stored.get(indicator.pk, {}), quarter)
        if warnings := plausibility_warnings(indicator, value, history):
            found[(indicator.pk, quarter)] = warnings
    return found
