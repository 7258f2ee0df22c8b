"""Monthly series where the source is monthly: each month beside the same month a year before, the change
in per cent (in procentpoint for a share) for the municipality and Hele landet, and the committee minutes'
kind of sentence drawn from them ("Juni 2024: 8 % flere end juni 2023 (ca. 65 fuldtidspersoner); hele
landet: 3 % færre.")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import formats
from measures.models import Unit
from measures.periods import Kind, Period

# The months a page shows: the latest month and the twelve before it, each with its year-before month.
MONTHS_SHOWN = 13
# Units that count people: a change is "flere"/"færre"; any other quantity is "højere"/"lavere".
COUNTED = {Unit.FULL_TIME_PERSONS, Unit.COUNT}
# What is counted, in the sentence's "ca. 65 fuldtidspersoner" (as pages.UNIT_WORDS).
COUNT_WORDS = {Unit.FULL_TIME_PERSONS: gettext_lazy("fuldtidspersoner"), Unit.COUNT: gettext_lazy("borgere")}

type Series = dict[Period, Decimal | None]  # a month's value; None where the source did not publish it


def month_before(period: Period, months: int = 1) -> Period:
    """The month `months` months before a month."""
    index = period.year * 12 + period.number - 1 - months
    return Period(index // 12, Kind.MONTH, index % 12 + 1)


def change(now: Decimal | None, then: Decimal | None, unit: str) -> Decimal | None:
    """The change from then to now: in per cent of then, or in procentpoint for a share; None when either
    is unknown (or then is 0, where a per cent says nothing)."""
    if now is None or then is None:
        return None
    if unit == Unit.PERCENT:
        return now - then
    if then == 0:
        return None
    return (now - then) / then * 100


@dataclass(frozen=True)
class MonthRow:
    """One month of the municipality beside the same month a year before, and Hele landet's change."""

    month: Period
    value: Decimal | None
    year_before: Decimal | None
    national: Decimal | None
    national_year_before: Decimal | None
    unit: str
    decimals: int
    is_published: bool = True  # the month's own value: False where the source suppressed it
    year_before_published: bool = True
    has_year_before: bool = True  # the year-before month is in the data (published or not)
    has_national: bool = True
    national_published: bool = True

    @property
    def change(self) -> Decimal | None:
        return change(self.value, self.year_before, self.unit)

    @property
    def difference(self) -> Decimal | None:
        if self.value is None or self.year_before is None:
            return None
        return self.value - self.year_before

    @property
    def national_change(self) -> Decimal | None:
        return change(self.national, self.national_year_before, self.unit)


def month_rows(own: Series, national: Series, *, unit: str, decimals: int) -> list[MonthRow]:
    """The latest MONTHS_SHOWN months of the municipality (oldest first), up to its latest month, each with
    the same month a year before and Hele landet's change; a month missing between is shown as missing."""
    if not own:
        return []
    latest = max(own)
    rows = []
    for back in range(MONTHS_SHOWN - 1, -1, -1):
        month = month_before(latest, back)
        before = month_before(month, 12)
        national_before = national.get(before)
        rows.append(
            MonthRow(
                month=month,
                value=own.get(month),
                year_before=own.get(before),
                national=national.get(month),
                national_year_before=national_before,
                unit=unit,
                decimals=decimals,
                is_published=month not in own or own[month] is not None,
                year_before_published=before not in own or own[before] is not None,
                has_year_before=before in own,
                has_national=month in national and before in national,
                national_published=national.get(month) is not None and national_before is not None,
            )
        )
    return rows


def about(amount: Decimal) -> Decimal:
    """A difference rounded to a step that suits its size, for 'ca.': 7, 65, 240, 1.250, 12.300."""
    size = abs(amount)
    step = (
        Decimal(1) if size < 20
        else Decimal(5) if size < 100
        else Decimal(10) if size < 1000
        else Decimal(50) if size < 10000
        else Decimal(100)
    )  # fmt: skip
    return (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def _per_cent(value: Decimal) -> str:
    """8 %, 0,4 % (a change under one per cent keeps a decimal, so it is not written 0 %)."""
    decimals = 1 if abs(value) < Decimal("0.95") else 0
    return formats.figure(abs(value), Unit.PERCENT, decimals)


def _points(value: Decimal, decimals: int) -> str:
    return _("%(points)s procentpoint") % {"points": formats.number(abs(value), max(decimals, 1))}


def _is_unchanged(value: Decimal, unit: str, decimals: int) -> bool:
    """No change as the sentence writes it: 0 % (to one decimal), or 0 procentpoint."""
    shown = max(decimals, 1) if unit == Unit.PERCENT else 1
    return value.quantize(Decimal(1).scaleb(-shown), rounding=ROUND_HALF_UP) == 0


def _direction(value: Decimal, unit: str) -> str:
    if unit in COUNTED:
        return _("flere") if value > 0 else _("færre")
    return _("højere") if value > 0 else _("lavere")


def _change_words(value: Decimal, unit: str, decimals: int) -> str:
    """'8 % flere', '3 % færre', '0,3 procentpoint højere', 'uændret'."""
    if _is_unchanged(value, unit, decimals):
        return _("uændret")
    amount = _points(value, decimals) if unit == Unit.PERCENT else _per_cent(value)
    return f"{amount} {_direction(value, unit)}"


def month_label(period: Period, *, capital: bool = False) -> str:
    """'juni 2024' ('June 2024' in English)."""
    text = f"{MONTHS[period.number]} {period.year}"
    return text[:1].upper() + text[1:] if capital else text


def month_sentence(row: MonthRow) -> str:
    """The committee minutes' sentence of a month, from the data: 'Juni 2024: 8 % flere end juni 2023
    (ca. 65 fuldtidspersoner); hele landet: 3 % færre.' A month not published says so; a missing
    year-before month says there is nothing to compare with."""
    month, before = month_label(row.month, capital=True), month_label(month_before(row.month, 12))
    if not row.is_published:
        return _("%(month)s: ikke offentliggjort (diskretioneret af Jobindsats).") % {"month": month}
    if row.value is None:
        return _("%(month)s: intet tal.") % {"month": month}
    if row.change is None:
        level = formats.figure(row.value, row.unit, row.decimals)
        if row.unit in COUNT_WORDS:
            level = f"{level} {COUNT_WORDS[row.unit]}"
        if row.has_year_before and not row.year_before_published:
            text = _("%(month)s: %(level)s; %(before)s er ikke offentliggjort, så ændringen kendes ikke.")
        else:
            text = _("%(month)s: %(level)s; der er intet tal for %(before)s at sammenligne med.")
        return text % {"month": month, "level": level, "before": before}
    if _is_unchanged(row.change, row.unit, row.decimals):
        text = _("%(month)s: uændret i forhold til %(before)s") % {"month": month, "before": before}
    else:
        words = _change_words(row.change, row.unit, row.decimals)
        text = _("%(month)s: %(change)s end %(before)s") % {"month": month, "change": words, "before": before}
        if row.unit in COUNT_WORDS:
            amount = {"amount": formats.number(abs(about(row.difference))), "unit": COUNT_WORDS[row.unit]}
            text += " (" + _("ca. %(amount)s %(unit)s") % amount + ")"
    if row.has_national:
        if row.national_change is not None:
            national = _change_words(row.national_change, row.unit, row.decimals)
        else:
            national = _("ikke offentliggjort")
        text += "; " + _("hele landet: %(change)s") % {"change": national}
    return text + "."
