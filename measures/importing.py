"""Importing Jobindsats answers: official values for every area, all or nothing, and the portal's own
municipality's values as the actuals of the indicators that use the measures.

One pass checks every row of every file; only when nothing is wrong are the values written, in a few
set-based statements with their history rows (indicators.bulk_history), inside one transaction. The actuals
go through the figure service (indicators.services.figures_save): locks, history, audit and cache.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from focusareas.models import Municipality, Strategy
from indicators import permissions
from indicators.audit import audit
from indicators.bulk_history import insert_with_history, write_with_history
from indicators.file_limits import ProblemPages
from indicators.importing import preview
from indicators.locking import locked_quarters
from indicators.models import Indicator, Measurement
from indicators.numbers import NumberError, format_danish_number, parse_danish_number
from indicators.periods import Quarter
from indicators.services import FigureInput, FiguresRefused, check_figures, existing_figures, figures_save
from indicators.validation import LARGEST, RANK_FIRST, RANK_LAST

from .jobindsats.reader import Answer, FileRefused, read_answer, table_in_name
from .models import Area, Measure, MeasureType, OfficialValue, Unit
from .periods import Kind, Period

AREA, PERIOD = "Area", "Periode"
# What Jobindsats writes in a cell instead of a number (assumed from its tables and the usual Danish
# statistics conventions): the value is suppressed to protect individuals (discretion), not computed, or not
# there. Such a cell is refused by name, never stored as 0 or skipped.
MARKERS = {
    "..": gettext_lazy("'..' er Jobindsats' tegn for et tal, der ikke offentliggøres (diskretioneret)"),
    "...": gettext_lazy("'...' er Jobindsats' tegn for et tal, der ikke offentliggøres (diskretioneret)"),
    "x": gettext_lazy("'x' er Jobindsats' tegn for et tal, der er skjult af hensyn til diskretion"),
    "*": gettext_lazy("'*' er Jobindsats' tegn for et tal, der er skjult af hensyn til diskretion"),
    "-": gettext_lazy("'-' er Jobindsats' tegn for et tal, der ikke kan opgøres"),
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
    """One official value read from a file; key is (measure id, area id, period)."""

    measure: Measure
    area: Area
    period: Period
    value: Decimal
    file: str
    row: int
    key: tuple[int, int, Period]


@dataclass
class ImportResult(ProblemPages):
    files: list[str] = field(default_factory=list)
    rows: int = 0  # rows read
    values: int = 0  # official values in the files
    created: int = 0
    revised: int = 0
    unchanged: int = 0
    actuals_created: int = 0
    actuals_updated: int = 0
    actuals_unchanged: int = 0
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)
    # What a locked quarter keeps although Jobindsats now says otherwise: for the administrator.
    locked: list[str] = field(default_factory=list)
    revisions: list[str] = field(default_factory=list)


class _Refused(Exception):
    """Rolls the transaction back; the problems are in the result."""


def shown(value: Decimal) -> str:
    """A value as Danish text with the decimals it has: -220, 1.234, 2,75."""
    exponent = value.normalize().as_tuple().exponent
    return format_danish_number(value, min(4, max(0, -exponent)) if isinstance(exponent, int) else 0)


def table_of(filename: str, chosen: str | None, known: set[str]) -> str:
    """The table a file holds: --table, else the start of its name (y30r21_2024QMAT02.json)."""
    named = table_in_name(filename)
    chosen = chosen.strip().lower() if chosen else None
    if chosen and named and named != chosen:
        raise FileRefused(
            _("Filen hedder '%(file)s' og er fra tabellen %(named)s, ikke %(table)s, som der blev valgt.")
            % {"file": filename, "named": named, "table": chosen}
        )
    table = chosen or named
    if not table:
        raise FileRefused(
            _(
                "Filen siger ikke, hvilken Jobindsats-tabel den er fra. "
                "Angiv den med --table, fx --table y30r21."
            )
        )
    if table not in known:
        raise FileRefused(
            _("Tabellen '%(table)s' kendes ikke; portalen har målinger fra tabellerne %(known)s.")
            % {"table": table, "known": ", ".join(sorted(known)) or "-"}
        )
    return table


def jobindsats_tables() -> dict[str, list[Measure]]:
    tables: dict[str, list[Measure]] = defaultdict(list)
    for measure in Measure.objects.filter(origin=Measure.Origin.JOBINDSATS).exclude(table=""):
        tables[measure.table.lower()].append(measure)
    return tables


def read_values(
    answer: Answer, *, filename: str, table: str, measures: list[Measure], areas: dict[str, Area]
) -> tuple[list[Value], list[Problem]]:
    """Every official value the measures find in the answer, or every problem with its row and reason."""
    at = {}
    for index, name in enumerate(answer.labels):
        at.setdefault(name, index)
    groups = sorted({column for measure in measures for column in measure.filters})
    required = [AREA, PERIOD, *groups, *dict.fromkeys(measure.label for measure in measures)]
    missing = [name for name in required if name not in at]
    if missing:
        return [], _missing_columns(missing, answer.labels, required, filename, table)
    width = len(answer.labels)
    area_at, period_at = at[AREA], at[PERIOD]
    group_at = [at[column] for column in groups]
    # The measures a row's group values choose, by those values: (measure, its column, its id, ranked).
    chosen: dict[tuple, list[tuple[Measure, int, int, bool]]] = {}
    periods: dict[str, Period | str] = {}
    seen: dict[tuple, int] = {}
    values, problems = [], []
    for number, cells in answer.rows:

        def refuse(message: str, column: str | None = None, number=number) -> None:
            problems.append(Problem(message, filename, number, column))

        if len(cells) != width:
            refuse(
                _("Rækken har %(cells)s celler, men filen har %(columns)s kolonner.")
                % {"cells": len(cells), "columns": width}
            )
            continue
        group = tuple(_text(cells[index]) for index in group_at) if group_at else ()
        if group not in chosen:
            chosen[group] = [
                (measure, at[measure.label], measure.pk, measure.unit == Unit.RANK)
                for measure in measures
                if all(group[groups.index(column)] == value for column, value in measure.filters.items())
            ]
        if not chosen[group]:
            continue  # a group no measure follows, e.g. another ydelsesgruppe
        name = _text(cells[area_at])
        area = areas.get(name)
        if area is None:
            refuse(_unknown_area(name), AREA)
        text = _text(cells[period_at])
        if text not in periods:
            try:
                periods[text] = Period.parse(text)
            except ValueError as error:
                periods[text] = str(error)
        period = periods[text]
        if isinstance(period, str):
            refuse(period, PERIOD)
        if area is None or isinstance(period, str):
            continue
        area_id = area.pk
        key = (area_id, period, group)
        if key in seen:
            refuse(
                _("%(area)s, %(period)s%(group)s står to gange (også i række %(other)s).")
                % {
                    "area": area.name,
                    "period": period,
                    "group": "".join(f", {value}" for value in group),
                    "other": seen[key],
                },
            )
            continue
        seen[key] = number
        for measure, index, measure_id, ranked in chosen[group]:
            if ranked and area.kind != Area.Kind.MUNICIPALITY:
                continue  # only the 98 municipalities are ranked; Jobindsats leaves the others blank
            try:
                value = _number(cells[index], measure)
            except NumberError as error:
                refuse(str(error), measure.label)
                continue
            values.append(
                Value(measure, area, period, value, filename, number, (measure_id, area_id, period))
            )
    return values, problems


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


def _number(cell, measure: Measure) -> Decimal:
    if type(cell) is int and -LARGEST <= cell <= LARGEST:  # nearly every cell of a JSON answer
        value = Decimal(cell)
        if measure.unit == Unit.RANK and not RANK_FIRST <= value <= RANK_LAST:
            raise NumberError(
                _("En placering skal være et helt tal fra 1 til 98, ikke %(value)s.")
                % {"value": shown(value)}
            )
        return value
    text = cell.strip() if isinstance(cell, str) else cell
    if text is None or (isinstance(text, str) and text.lower() in MARKERS):
        marker = MARKERS["" if text is None else text.lower()]
        raise NumberError(f"{marker}. {WHY_NOT}")
    value = parse_danish_number(cell)
    if abs(value) > LARGEST:
        raise NumberError(_("%(value)s er for stort.") % {"value": shown(value)})
    if value != value.quantize(Decimal("0.0001")):
        raise NumberError(_("'%(value)s' har flere end 4 decimaler.") % {"value": cell})
    if measure.unit == Unit.RANK and not (RANK_FIRST <= value <= RANK_LAST and value == value.to_integral()):
        raise NumberError(
            _("En placering skal være et helt tal fra 1 til 98, ikke %(value)s.") % {"value": shown(value)}
        )
    return value


def jobindsats_import(
    *,
    user,
    files: list[tuple[str, bytes]],
    table: str | None = None,
    release: str | None = None,
    dry_run: bool = False,
    actuals: bool = True,
    today: datetime.date | None = None,
) -> ImportResult:
    """Check every row of every file and, unless dry_run or anything is wrong, store it all; else nothing.

    The release is the one given, else each file's latest period (e.g. 2024QMAT02): the answers of the
    API carry no release of their own. actuals=False stores the official values only (the demo data)."""
    if not permissions.may_approve(user):
        # Imported figures can be approved on import: only who may approve figures may import them.
        raise PermissionDenied(_("Kun en administrator kan importere tal fra Jobindsats."))
    result = ImportResult(files=[name for name, _data in files], dry_run=dry_run)
    tables = jobindsats_tables()
    areas = {area.name: area for area in Area.objects.all()}
    read: list[tuple[str, str, str, list[Value]]] = []  # file, table, release, values
    for filename, data in files:
        try:
            file_table = table_of(filename, table, set(tables))
            answer = read_answer(data, filename)
        except FileRefused as error:
            result.problems.append(Problem(str(error), filename))
            continue
        result.rows += len(answer.rows)
        values, problems = read_values(
            answer, filename=filename, table=file_table, measures=tables[file_table], areas=areas
        )
        result.problems += problems
        if not values and not problems:
            result.problems.append(
                Problem(
                    _("Filen indeholder ingen tal for portalens målinger fra tabellen %(table)s.")
                    % {"table": file_table},
                    filename,
                )
            )
        latest = max((value.period for value in values), default=None)
        read.append((filename, file_table, (release or str(latest or "")).strip()[:60], values))
    everything = [value for *_rest, values in read for value in values]
    result.values = len(everything)
    result.problems += _twice_across_files(read)
    if result.problems:
        _audit(user, result)
        return result
    try:
        with transaction.atomic():
            _store(user, read, everything, result, actuals=actuals, today=today)
            if dry_run or result.problems:
                raise _Refused
    except _Refused:
        pass
    except DatabaseError as error:  # the database refused a row the rules let through; nothing is kept
        result.problems.append(
            Problem(_("Intet er importeret; databasen afviste tallene: %(error)s") % {"error": error})
        )
    if result.problems:
        result.created = result.revised = result.unchanged = 0
        result.actuals_created = result.actuals_updated = result.actuals_unchanged = 0
    _audit(user, result)
    return result


def _audit(user, result: ImportResult) -> None:
    audit(
        "jobindsats_import",
        user=user,
        files=", ".join(result.files),
        rows=result.rows,
        new_values=result.created,
        revised_values=result.revised,
        problems=len(result.problems),
        dry_run=result.dry_run,
    )


def _twice_across_files(read) -> list[Problem]:
    """A value that two files both hold (each file was checked for its own duplicates)."""
    first: dict[tuple, Value] = {}
    problems = []
    for _file, _table, _release, values in read:
        keys = {value.key for value in values}
        if not keys.isdisjoint(first):
            problems += [
                Problem(
                    _("%(measure)s, %(area)s, %(period)s står også i %(file)s, række %(row)s.")
                    % {
                        "measure": value.measure.code,
                        "area": value.area.name,
                        "period": value.period,
                        "file": first[value.key].file,
                        "row": first[value.key].row,
                    },
                    value.file,
                    value.row,
                )
                for value in values
                if value.key in first
            ]
        first.update((value.key, value) for value in values if value.key not in first)
    return problems


def _own() -> tuple[Municipality | None, int | None, set[Quarter]]:
    """The portal's municipality, its area in the statistics and the quarters locked in any of its strategies.

    A municipality not yet linked to its area is found by its kommunekode."""
    municipality = Municipality.objects.filter(slug=settings.PORTAL_MUNICIPALITY).first()
    if municipality is None:
        return None, None, set()
    area_id = municipality.area_id
    if area_id is None and municipality.code is not None:
        area_id = Area.objects.filter(code=str(municipality.code)).values_list("pk", flat=True).first()
    locked: set[Quarter] = set()
    for strategy_id in Strategy.objects.filter(municipality=municipality).values_list("pk", flat=True):
        locked |= locked_quarters(strategy_id=strategy_id)
    return municipality, area_id, locked


def _stored_values(
    measure_ids: set[int], years: set[int]
) -> dict[tuple[int, int, Period], tuple[int, Decimal]]:
    """The stored values the files may replace, by (measure id, area id, period): one plain query, as a
    re-import reads tens of thousands of them (the ORM's row objects and converters took longer than the
    rest of the import)."""
    if not measure_ids:
        return {}
    quote = connection.ops.quote_name
    measures, years_ = ", ".join(["%s"] * len(measure_ids)), ", ".join(["%s"] * len(years))
    table = quote(OfficialValue._meta.db_table)
    periods: dict[tuple, Period] = {}
    stored = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT measure_id, area_id, year, kind, number, id, value "
            f"FROM {table} WHERE measure_id IN ({measures}) AND year IN ({years_})",
            [*measure_ids, *years],
        )
        for measure_id, area_id, year, kind, number, pk, value in cursor.fetchall():
            period = periods.get((year, kind, number))
            if period is None:
                period = periods[year, kind, number] = Period(year, kind, number)
            # SQLite gives back a float or an int for a decimal column; PostgreSQL a Decimal.
            number_ = (
                value
                if isinstance(value, Decimal)
                else Decimal(repr(value) if isinstance(value, float) else value)
            )
            stored[measure_id, area_id, period] = (pk, number_)
    return stored


def _store(user, read, everything: list[Value], result: ImportResult, *, actuals: bool, today) -> None:
    municipality, own_area_id, locked = _own()
    measure_ids = {value.key[0] for value in everything}
    years = {value.period.year for value in everything}
    stored = _stored_values(measure_ids, years)
    now = timezone.now()
    for _filename, table, release, values in read:
        new, changed = [], []
        for value in values:
            current = stored.get(value.key)
            measure_id, area_id, period = value.key
            row = (measure_id, area_id, period.year, period.kind, period.number)
            if current is None:
                new.append((None, *row, value.value))
                continue
            if current[1] == value.value:
                result.unchanged += 1
                continue
            if area_id == own_area_id and period.quarter in locked:
                result.locked.append(
                    _(
                        "%(area)s, %(measure)s, %(period)s: %(quarter)s er låst, så det officielle tal "
                        "er ikke ændret. Jobindsats siger nu %(new)s, portalen har %(old)s."
                    )
                    % {
                        "area": value.area.name,
                        "measure": value.measure.code,
                        "period": value.period,
                        "quarter": value.period.quarter.label(),
                        "new": shown(value.value),
                        "old": shown(current[1]),
                    }
                )
                continue
            changed.append((current[0], *row, value.value))
            where = f"{value.measure.code}, {value.area.name}, {value.period}"
            result.revisions.append(f"{where}: {shown(current[1])} → {shown(value.value)}")
        result.created += len(new)
        result.revised += len(changed)
        if result.dry_run:
            continue
        same = {"release": release, "source": _("Jobindsats %(table)s") % {"table": table}}
        insert_with_history(
            model=OfficialValue,
            columns=["measure_id", "area_id", "year", "kind", "number", "value"],
            rows=[row[1:] for row in new],
            same=same,
            user_id=user.pk,
            date=now,
            reason=_("importeret fra Jobindsats (%(release)s)") % {"release": release},
        )
        write_with_history(
            model=OfficialValue,
            columns=["measure_id", "area_id", "year", "kind", "number", "value"],
            rows=changed,
            update_columns=["value"],
            same=same,
            new_only={},
            key=["measure_id", "area_id", "year", "kind", "number"],
            user_id=user.pk,
            date=now,
            reason=_("revideret af Jobindsats (%(release)s)") % {"release": release},
        )
    if actuals and municipality is not None and own_area_id is not None:
        _store_actuals(user, municipality, read, own_area_id, result, today=today)


def _store_actuals(user, municipality, read, own_area_id: int, result: ImportResult, *, today) -> None:
    """The own area's values become the actuals of the indicators that use their measures."""
    own = [
        (table, release, v) for _f, table, release, values in read for v in values if v.area.pk == own_area_id
    ]
    if not own:
        return
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in (
        Indicator.objects.filter(
            measure_id__in={value.key[0] for *_rest, value in own},
            focus_area__strategy__municipality=municipality,
        )
        .exclude(focus_area__strategy__status=Strategy.Status.REPLACED)
        .select_related("focus_area", "measure")
    ):
        indicators[indicator.measure_id].append(indicator)
    if not indicators:
        return
    quarterly = _quarter_values(own, own_area_id, indicators)
    figures = {
        key: FigureInput(
            indicator, quarter, value.quantize(Decimal(1).scaleb(-indicator.decimals), ROUND_HALF_UP), row=row
        )
        for key, (indicator, quarter, value, row, _source) in quarterly.items()
    }
    stored = existing_figures(list(figures.values()))
    groups: dict[tuple[str, str], list[FigureInput]] = defaultdict(list)
    locks = {
        strategy_id: locked_quarters(strategy_id=strategy_id)
        for strategy_id in {figure.indicator.focus_area.strategy_id for figure in figures.values()}
    }
    for key, figure in figures.items():
        indicator, quarter = figure.indicator, figure.quarter
        current = stored.get((indicator.pk, quarter.year, quarter.quarter))
        if quarter in locks[indicator.focus_area.strategy_id]:
            if current is None or current.value != figure.value:
                result.locked.append(
                    _(
                        "%(indicator)s, %(quarter)s er låst, så det faktiske tal er ikke ændret. "
                        "Jobindsats siger nu %(new)s, portalen har %(old)s."
                    )
                    % {
                        "indicator": f"{indicator.code} {indicator.name}",
                        "quarter": quarter.label(),
                        "new": shown(figure.value),
                        "old": shown(current.value) if current else _("intet tal"),
                    }
                )
            continue
        # The manager's commentary stays: only the number comes from Jobindsats.
        kept = FigureInput(
            indicator, quarter, figure.value, current.commentary if current else "", row=figure.row
        )
        approved = indicator.measure.approved_on_import
        state = Measurement.State.APPROVED if approved else Measurement.State.SUBMITTED
        groups[state, quarterly[key][4]].append(kept)
    for (state, source), chosen in groups.items():
        if result.dry_run:
            problems = check_figures(user=user, figures=chosen, today=today)
            created, updated, unchanged = preview(chosen)
        else:
            try:
                saved = figures_save(
                    user=user,
                    figures=chosen,
                    source=source,
                    reason=_("Importeret fra %(source)s") % {"source": source},
                    today=today,
                    state=state,
                )
            except FiguresRefused as refused:
                problems = refused.problems
                created = updated = unchanged = 0
            else:
                problems = []
                created, updated, unchanged = saved.created, saved.updated, saved.unchanged
        result.problems += [Problem(problem.message) for problem in problems]
        result.actuals_created += created
        result.actuals_updated += updated
        result.actuals_unchanged += unchanged


def _quarter_values(own, own_area_id: int, indicators) -> dict:
    """(indicator, quarter) → (indicator, quarter, value, row, source): a moving year counts for the quarter
    it ends with, a quarter as it is, and three months make a quarter (their mean for a level, their sum for
    a flow) only when all three are there, in the files or already stored."""
    quarterly: dict[tuple[int, Quarter], tuple] = {}
    months: dict[tuple[int, Quarter], dict[int, Decimal]] = defaultdict(dict)
    month_rows: dict[tuple[int, Quarter], int] = {}
    sources: dict[int, str] = {}
    for table, release, value in own:
        measure = value.measure
        sources[measure.pk] = f"Jobindsats {table} {release}".strip()
        period = value.period
        if period.kind == Kind.MONTH:
            months[measure.pk, period.quarter][period.number] = value.value
            month_rows[measure.pk, period.quarter] = value.row
        elif period.kind in (Kind.QUARTER, Kind.MOVING_YEAR):
            for indicator in indicators.get(measure.pk, []):
                key = (indicator.pk, period.quarter)
                # A quarter's own figure wins over the moving year that ends with it.
                if key not in quarterly or period.kind == Kind.QUARTER:
                    quarterly[key] = (indicator, period.quarter, value.value, value.row, sources[measure.pk])
    if months:
        _complete_from_stored(months, own_area_id)
    by_pk = {indicator.measure_id: indicator.measure for group in indicators.values() for indicator in group}
    for (measure_id, quarter), found in months.items():
        if len(found) < 3 or measure_id not in indicators:
            continue
        total = sum(found.values(), Decimal(0))
        value = total if by_pk[measure_id].measure_type == MeasureType.FLOW else total / 3
        for indicator in indicators[measure_id]:
            quarterly.setdefault(
                (indicator.pk, quarter),
                (indicator, quarter, value, month_rows[measure_id, quarter], sources[measure_id]),
            )
    return quarterly


def _complete_from_stored(months: dict, own_area_id: int) -> None:
    """Months of a quarter the files do not hold, from the stored official values (one query)."""
    wanted = {key for key, found in months.items() if len(found) < 3}
    if not wanted:
        return
    stored = OfficialValue.objects.filter(
        measure_id__in={measure_id for measure_id, _quarter in wanted},
        area_id=own_area_id,
        kind=Kind.MONTH,
        year__in={quarter.year for _measure, quarter in wanted},
    ).values_list("measure_id", "year", "number", "value")
    for measure_id, year, number, value in stored:
        key = (measure_id, Quarter(year, (number - 1) // 3 + 1))
        if key in wanted:
            months[key].setdefault(number, value)


RECORDED = settings.BASE_DIR / "fixtures" / "jobindsats"
RECORDED_RELEASE = "syntetisk"


def recorded_answers_load(*, user, stdout=None) -> ImportResult:
    """The demo's official statistics: the measure catalogue and the recorded answers in fixtures/jobindsats/
    (synthetic figures but the seed's), as official values only: the demo's actuals are fixtures/actuals.csv,
    which the recorded figures of Ballerup agree with. Running it again changes nothing."""
    from .catalogue import load_catalogue

    load_catalogue()
    files = [(path.name, path.read_bytes()) for path in sorted(RECORDED.glob("*.json"))]
    result = jobindsats_import(user=user, files=files, release=RECORDED_RELEASE, actuals=False)
    if not result.ok:
        raise ValueError("; ".join(f"{p.where()}: {p.message}" for p in result.shown_problems))
    if stdout is not None:
        stdout.write(f"officielle tal fra Jobindsats (syntetiske): {result.values}")
    return result
