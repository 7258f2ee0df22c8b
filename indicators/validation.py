"""Whether a figure may be stored: unit ranges, decimals and quarters that have ended."""

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Q
from django.utils.translation import gettext as _

from core.formats import danish
from core.numbers import decimal_places
from core.periods import Quarter
from measures.models import LARGEST, NOT_NEGATIVE, RANK_FIRST, RANK_LAST

from .models import Indicator, Measurement, Unit


def value_problems(indicator: Indicator, value: Decimal) -> list[str]:
    """What is wrong with a value for this indicator, in Danish, each naming the indicator."""
    # Read once: an import checks 100 000 values, and the unit and decimals are read through the measure.
    unit, decimals = indicator.measure.unit, indicator.measure.decimals
    problems = []

    def refuse(message: str, shown: object) -> None:  # named only in a message: most values have none
        problems.append(message % {"indicator": str(indicator), "value": shown, "decimals": decimals})

    if abs(value) > LARGEST:
        refuse(_("%(indicator)s: %(value)s er for stort."), value)
        return problems
    if unit == Unit.PERCENT and not 0 <= value <= 100:
        refuse(_("%(indicator)s: en andel skal være mellem 0 og 100 %%, ikke %(value)s."), _shown(value))
    if unit == Unit.RANK and not (RANK_FIRST <= value <= RANK_LAST and value == value.to_integral()):
        refuse(
            _("%(indicator)s: en placering skal være et helt tal fra 1 til 98, ikke %(value)s."),
            _shown(value),
        )
    if unit in NOT_NEGATIVE and value < 0 and not indicator.allows_negative:
        refuse(_("%(indicator)s: værdien kan ikke være negativ (%(value)s)."), _shown(value))
    # The digits as typed are few enough nearly always; only then is it worth dropping trailing zeros.
    if value.as_tuple().exponent < -decimals and decimal_places(value) > decimals:
        if decimals == 0:
            refuse(_("%(indicator)s: skriv et helt tal uden decimaler, ikke %(value)s."), _shown(value))
        else:
            refuse(_("%(indicator)s: højst %(decimals)s decimal(er), ikke %(value)s."), _shown(value))
    return problems


def quarter_problems(indicator: Indicator, quarter: Quarter, today: datetime.date | None = None) -> list[str]:
    """Actuals exist only for quarters that have ended."""
    if quarter.has_ended(today):
        return []
    return [
        _("%(indicator)s: %(quarter)s er ikke slut endnu; der kan ikke indberettes faktiske tal for det.")
        % {"indicator": f"{indicator.code} {indicator.name}", "quarter": quarter.label()}
    ]


def _shown(value: Decimal) -> str:
    return danish(value, decimal_places(value))


def breakdown_problems(figures) -> list[tuple[object, str]]:
    """A "heraf" figure larger than its total, with the figures being saved taking the place of stored ones.

    figures are the FigureInputs of one save; returns (figure, message) pairs, one query.
    """
    figures = list(figures)
    # Only parts ("heraf") and their totals can clash; most indicators are neither, and reading the stored
    # figures of all 100 000 rows of an import took longer than the import itself.
    related = Indicator.objects.filter(
        Q(pk__in={figure.indicator.pk for figure in figures}, parent__isnull=False)
        | Q(parent_id__in={figure.indicator.pk for figure in figures})
    ).values_list("pk", "parent_id")
    related = {pk for pair in related for pk in pair}
    figures = [figure for figure in figures if figure.indicator.pk in related]
    ids = {figure.indicator.pk for figure in figures}
    parents = {figure.indicator.parent_id for figure in figures if figure.indicator.parent_id}
    years = {figure.quarter.year for figure in figures}
    if not figures:
        return []
    values: dict[tuple[int, Quarter], Decimal] = {}
    indicators: dict[int, Indicator] = {}
    for stored in Measurement.objects.filter(
        Q(indicator_id__in=parents | ids) | Q(indicator__parent_id__in=parents | ids), year__in=years
    ).select_related("indicator__measure"):
        values[(stored.indicator_id, stored.period)] = stored.value
        indicators[stored.indicator_id] = stored.indicator
    by_key = {}
    for figure in figures:
        values[(figure.indicator.pk, figure.quarter)] = figure.value
        indicators[figure.indicator.pk] = figure.indicator
        by_key[(figure.indicator.pk, figure.quarter)] = figure
    problems = []
    for (indicator_id, quarter), value in values.items():
        part = indicators[indicator_id]
        total = values.get((part.parent_id, quarter)) if part.parent_id else None
        if total is None:
            continue
        message = breakdown_problem(part, value, indicators[part.parent_id], total, quarter)
        figure = by_key.get((indicator_id, quarter)) or by_key.get((part.parent_id, quarter))
        if message and figure is not None:
            problems.append((figure, message))
    return problems + _sum_problems(values, indicators, by_key)


def _sum_problems(values, indicators, by_key) -> list[tuple[object, str]]:
    """The rule for parts that make up their total: once every part of a quarter is there, they add up to it.
    One query, for the totals that have such parts."""
    wholes = {pk for pk, indicator in indicators.items() if indicator.parts_add_up}
    if not wholes:
        return []
    parts: dict[int, list[tuple[int, str]]] = {}
    for pk, code, parent_id in Indicator.objects.filter(parent_id__in=wholes).values_list(
        "pk", "code", "parent_id"
    ):
        parts.setdefault(parent_id, []).append((pk, code))
    problems = []
    for whole_id, its_parts in parts.items():
        for quarter in sorted({quarter for (pk, quarter) in values if pk == whole_id}):
            found = [values.get((pk, quarter)) for pk, _code in its_parts]
            if any(value is None for value in found) or sum(found) == values[whole_id, quarter]:
                continue
            figure = next(
                (
                    by_key[pk, quarter]
                    for pk in (whole_id, *(pk for pk, _c in its_parts))
                    if (pk, quarter) in by_key
                ),
                None,
            )
            if figure is None:
                continue
            problems.append(
                (
                    figure,
                    _(
                        "%(whole)s: delene %(parts)s summerer til %(sum)s, "
                        "men totalen er %(total)s i %(quarter)s."
                    )
                    % {
                        "whole": indicators[whole_id].code,
                        "parts": ", ".join(code for _pk, code in its_parts),
                        "sum": _shown(sum(found)),
                        "total": _shown(values[whole_id, quarter]),
                        "quarter": quarter.label(),
                    },
                )
            )
    return problems


def parent_problems(indicator: Indicator, *, parent: Indicator | None, unit: str) -> list[str]:
    """The "heraf" rule for a change of an indicator's parent or unit, over every stored quarter: none of
    its figures may exceed the new parent's, and none of its parts' figures may exceed its own. One query."""
    if indicator.pk is None:
        return []
    stored = Measurement.objects.filter(
        Q(indicator_id__in={indicator.pk, parent.pk if parent else None})
        | Q(indicator__parent_id=indicator.pk)
    ).select_related("indicator__measure")
    values: dict[tuple[int, Quarter], Decimal] = {}
    parts: dict[int, Indicator] = {}
    for figure in stored:
        values[(figure.indicator_id, figure.period)] = figure.value
        if figure.indicator.parent_id == indicator.pk and figure.indicator_id != indicator.pk:
            parts[figure.indicator_id] = figure.indicator
    changed = Named(indicator.pk, indicator.code, unit)  # as it would be, in its new unit
    pairs = [(changed, parent)] if parent else []
    pairs += [(part, changed) for part in parts.values()]
    problems = []
    for quarter in sorted({quarter for _pk, quarter in values}, reverse=True):
        for part, whole in pairs:
            value, total = values.get((part.pk, quarter)), values.get((whole.pk, quarter))
            if value is None or total is None:
                continue
            if message := breakdown_problem(part, value, whole, total, quarter):
                problems.append(message)
    return problems


class Named(NamedTuple):
    """An indicator as the "heraf" rule reads it, e.g. with a unit not yet saved."""

    pk: int
    code: str
    unit: str


def _unit(indicator: Indicator | Named) -> str:
    return indicator.unit if isinstance(indicator, Named) else indicator.measure.unit


def breakdown_problem(
    part: Indicator | Named, value: Decimal, whole: Indicator | Named, total: Decimal, quarter: Quarter
):
    """The "heraf ≤ total" rule for one quarter, as a Danish message; None when the part fits its total
    (or is counted in another unit, so cannot be compared)."""
    if value <= total or _unit(part) != _unit(whole):
        return None
    return _("%(part)s: %(value)s er større end totalen %(total)s (%(whole)s) i %(quarter)s.") % {
        "part": part.code,
        "value": _shown(value),
        "total": _shown(total),
        "whole": whole.code,
        "quarter": quarter.label(),
    }
