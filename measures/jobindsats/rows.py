"""The rows of a Jobindsats answer as official values: the measures' columns and groups, the breakdown a
row is of (its members of the table's dimensions), the areas by the names Jobindsats writes, its periods,
and its numbers, a suppressed cell as not published; every problem with its row, column and a Danish
reason."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formats import danish
from core.numbers import NumberError, parse_danish_number
from measures.models import LARGEST, NOT_NEGATIVE, RANK_FIRST, RANK_LAST

from ..models import Area, Measure, Unit, breakdown_key
from ..periods import Period
from .reader import Answer

AREA, PERIOD = "Area", "Periode"
LARGEST_WHOLE = int(LARGEST)
# What Jobindsats writes in a cell instead of a number (assumed from its tables and the usual Danish
# statistics conventions): the value is suppressed to protect individuals (discretion) or cannot be computed.
# Such a value is kept as not published (None): never 0, never skipped.
NOT_PUBLISHED = {"..", "...", "x", "*", "-"}
# An empty cell is no sign of anything: the file is broken, and it is refused by name.
MARKERS = {
    "": gettext_lazy("Cellen er tom: Jobindsats har ikke tallet"),
}
WHY_NOT = gettext_lazy(
    "Tallet kan ikke importeres; hent tabellen igen uden perioden eller området, eller ret filen."
)


@dataclass(frozen=True)
class Problem:
    message: str
    file: str = ""
    row: int | None = None
    column: str | None = None

    def where(self) -> str:
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(_("række %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_("kolonnen '%(column)s'") % {"column": self.column})
        return ", ".join(parts)


class Value(NamedTuple):
    """One official value read from a file (None: not published); key is (measure id, area id, year, kind,
    number, breakdown key): plain values, hashed as fast as the stored values' keys they are looked up among.
    The breakdown key is '' for the measure's whole."""

    measure: Measure
    area: Area
    period: Period
    value: Decimal | None
    file: str
    row: int
    key: tuple[int, int, int, str, int, str]

    @property
    def breakdown(self) -> str:
        return self.key[5]


def shown(value: Decimal | None) -> str:
    """A value as Danish text with the decimals it has: -220, 1.234, 2,75; 'ikke offentliggjort'."""
    if value is None:
        return _("ikke offentliggjort")
    exponent = value.normalize().as_tuple().exponent
    return danish(value, min(4, max(0, -exponent)) if isinstance(exponent, int) else 0)


def read_values(
    answer: Answer,
    *,
    filename: str,
    table: str,
    measures: list[Measure],
    areas: dict[str, Area],
    dimensions: list[tuple[str, str]] = (),
) -> tuple[list[Value], list[Problem]]:
    """Every official value the measures find in the answer, or every problem with its row and reason."""
    problems: list[Problem] = []
    values = list(
        values_read(
            answer,
            filename=filename,
            table=table,
            measures=measures,
            areas=areas,
            dimensions=dimensions,
            problems=problems,
        )
    )
    return values, problems


def values_read(
    answer: Answer,
    *,
    filename: str,
    table: str,
    measures: list[Measure],
    areas: dict[str, Area],
    dimensions: list[tuple[str, str]] = (),
    problems: list[Problem],
) -> Iterator[Value]:
    """Every official value the measures find in the answer, one at a time as its rows are read; every problem
    with its row and reason is added to problems.

    dimensions are the table's (name, total member) from the catalogue: a row whose members are all totals
    is the measure's whole; any other is the breakdown by its members that are not (a member not seen before
    is simply read). A dimension a measure filters on (Ydelsesgrupper) chooses the measure's rows instead."""
    at = {}
    for index, name in enumerate(answer.labels):
        at.setdefault(name, index)
    groups = sorted({column for measure in measures for column in measure.filters})
    broken_by = [(name, total, at[name]) for name, total in dimensions if name in at and name not in groups]
    breakdowns: dict[tuple, str] = {}
    required = [AREA, PERIOD, *groups, *dict.fromkeys(measure.label for measure in measures)]
    missing = [name for name in required if name not in at]
    if missing:
        problems += _missing_columns(missing, answer.labels, required, filename, table)
        return
    width = len(answer.labels)
    area_at, period_at = at[AREA], at[PERIOD]
    group_at = [at[column] for column in groups]
    # The measures a row's group values choose, by those values: (measure, its column, its id, ranked,
    # never negative).
    chosen: dict[tuple, list[tuple[Measure, int, int, bool, bool]]] = {}
    # A period's text as read, with its (year, kind, number) for the keys; or why it cannot be read.
    periods: dict[str, tuple[Period, tuple[int, str, int]] | str] = {}
    # The row that held each (area, period, group, breakdown), by one whole number: (period, group, breakdown)
    # numbered as they come, times a million, plus the area's id. A million rows' tuples took 200 MB.
    seen: dict[int, int] = {}
    combinations: dict[tuple, int] = {}
    for number, cells in answer.rows:
        if len(cells) != width:
            problems.append(
                Problem(
                    _("Rækken har %(cells)s celler, men filen har %(columns)s kolonner.")
                    % {"cells": len(cells), "columns": width},
                    filename,
                    number,
                )
            )
            continue
        group = tuple(_text(cells[index]) for index in group_at) if group_at else ()
        if group not in chosen:
            chosen[group] = [
                (measure, at[measure.label], measure.pk, measure.unit == Unit.RANK, _never_negative(measure))
                for measure in measures
                if all(group[groups.index(column)] == value for column, value in measure.filters.items())
            ]
        if not chosen[group]:
            continue  # a group no measure follows, e.g. another ydelsesgruppe
        name = _text(cells[area_at])
        area = areas.get(name)
        if area is None:
            problems.append(Problem(_unknown_area(name), filename, number, AREA))
        text = _text(cells[period_at])
        read = periods.get(text)
        if read is None:
            try:
                parsed = Period.parse(text)
                read = periods[text] = (parsed, (parsed.year, parsed.kind, parsed.number))
            except ValueError as error:
                read = periods[text] = str(error)
        if isinstance(read, str):
            problems.append(Problem(read, filename, number, PERIOD))
        if area is None or isinstance(read, str):
            continue
        period, at_period = read
        area_id = area.pk
        members = tuple(_text(cells[index]) for _name, _total, index in broken_by)
        breakdown = breakdowns.get(members)
        if breakdown is None:
            breakdown = breakdowns[members] = breakdown_key(
                {
                    name: member
                    for (name, total, _index), member in zip(broken_by, members, strict=True)
                    if not is_total(member, total)
                }
            )
        combination = (at_period, group, breakdown)
        index = combinations.get(combination)
        if index is None:
            index = combinations[combination] = len(combinations)
        key = index * 1_000_000 + area_id
        if key in seen:
            problems.append(
                Problem(
                    _("%(area)s, %(period)s%(group)s står to gange (også i række %(other)s).")
                    % {
                        "area": area.name,
                        "period": period,
                        "group": "".join(f", {value}" for value in (*group, *members)),
                        "other": seen[key],
                    },
                    filename,
                    number,
                )
            )
            continue
        seen[key] = number
        for measure, index, measure_id, ranked, unsigned in chosen[group]:
            if ranked and area.kind != Area.Kind.MUNICIPALITY:
                continue  # only the 98 municipalities are ranked; Jobindsats leaves the others blank
            try:
                value = _number(cells[index], ranked, unsigned)
            except NumberError as error:
                problems.append(Problem(str(error), filename, number, measure.label))
                continue
            yield Value(
                measure,
                area,
                period,
                value,
                filename,
                number,
                (measure_id, area_id, *at_period, breakdown),
            )


def _missing_columns(missing, labels, required, filename: str, table: str) -> list[Problem]:
    """Each missing column by name, a renamed one with the column it seems to have become, and a file of
    another table as such."""
    unused = [name for name in labels if name not in required]
    problems = []
    for name in missing:
        message = _("Kolonnen '%(column)s' mangler.") % {"column": name}
        tail = name.rsplit(":", 1)[-1].strip().lower()
        renamed = [
            other for other in unused if name.lower().endswith(other.lower()) or other.lower().endswith(tail)
        ]
        if renamed:
            message += " " + _("Filen har kolonnen '%(other)s' – er den omdøbt?") % {"other": renamed[0]}
        problems.append(Problem(message, filename, column=name))
    if AREA in missing or PERIOD in missing or len(missing) * 2 > len(required):
        problems.append(
            Problem(
                _(
                    "Filen ser ud til at være fra en anden tabel end %(table)s; "
                    "den har kolonnerne %(columns)s."
                )
                % {"table": table, "columns": ", ".join(f"'{name}'" for name in labels[:12])},
                filename,
            )
        )
    return problems


def is_total(member: str, total: str) -> bool:
    """The member holding a dimension's whole: the catalogue's, else the one Jobindsats calls '… i alt'."""
    return member == total if total else member.lower().endswith(" i alt")


def _text(cell) -> str:
    return "" if cell is None else str(cell).strip()


def _unknown_area(name: str) -> str:
    message = _(
        "Området '%(area)s' kendes ikke. Jobindsats skriver kommunen som fx 'Ballerup', regionen som "
        "'Region Hovedstaden' og landet som 'Hele landet'."
    ) % {"area": name[:100]}
    if "Ã" in name:  # UTF-8 read as Windows-1252: 'KÃ¸benhavn'
        message += " " + _("Navnet ser ud til at være læst i det forkerte tegnsæt; gem filen som UTF-8.")
    return message


def _never_negative(measure: Measure) -> bool:
    """A number of persons is never negative; Jobindsats' difference columns ('…: Forskel mellem forventet og
    faktisk antal') are."""
    return measure.unit in NOT_NEGATIVE and not measure.label.rsplit(":", 1)[-1].strip().startswith("Forskel")


def _number(cell, ranked: bool, unsigned: bool = False) -> Decimal | None:
    if type(cell) is int and -LARGEST_WHOLE <= cell <= LARGEST_WHOLE:  # nearly every cell of a JSON answer
        if ranked and not RANK_FIRST <= cell <= RANK_LAST:
            raise NumberError(
                _("En placering skal være et helt tal fra 1 til 98, ikke %(value)s.") % {"value": cell}
            )
        if unsigned and cell < 0:
            raise NumberError(
                _("Værdien kan ikke være negativ (%(value)s).") % {"value": shown(Decimal(cell))}
            )
        return Decimal(cell)
    text = cell.strip() if isinstance(cell, str) else cell
    if isinstance(text, str) and text.lower() in NOT_PUBLISHED:
        return None
    if text is None or (isinstance(text, str) and text.lower() in MARKERS):
        marker = MARKERS["" if text is None else text.lower()]
        raise NumberError(f"{marker}. {WHY_NOT}")
    value = parse_danish_number(cell)
    if abs(value) > LARGEST:
        raise NumberError(_("%(value)s er for stort.") % {"value": shown(value)})
    if value != value.quantize(Decimal("0.0001")):
        raise NumberError(_("'%(value)s' har flere end 4 decimaler.") % {"value": cell})
    if ranked and not (RANK_FIRST <= value <= RANK_LAST and value == value.to_integral()):
        raise NumberError(
            _("En placering skal være et helt tal fra 1 til 98, ikke %(value)s.") % {"value": shown(value)}
        )
    if unsigned and value < 0:
        raise NumberError(_("Værdien kan ikke være negativ (%(value)s).") % {"value": shown(value)})
    return value
