"""Importing Jobindsats answers: official values for every area, all or nothing.

One pass checks every row of every file; only when nothing is wrong are the values written, in a few
set-based statements with their history rows (core.bulk_history), inside one transaction. The rows are read
by measures.jobindsats (reader, rows). The own municipality's values become actuals on the indicators' floor
(indicators.official_actuals), which calls this import with its own area, its locked quarters and the step
that writes the actuals in the same transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import permissions
from core.audit import audit
from core.bulk_history import insert_with_history, take_for_writing, update_with_history
from core.file_limits import ProblemPages
from core.periods import Quarter
from core.signals import figures_changed

from .jobindsats.reader import FileRefused, read_answer, table_in_name
from .jobindsats.rows import Problem, Value, read_values, shown
from .models import KEY_SEPARATOR, Area, Breakdown, Dimension, Measure, Member, OfficialValue, Table


@dataclass
class ImportResult(ProblemPages):
    files: list[str] = field(default_factory=list)
    rows: int = 0  # rows read
    values: int = 0  # official values in the files
    created: int = 0
    revised: int = 0
    unchanged: int = 0
    not_published: int = 0  # values the files hold as suppressed ('..', 'x'): kept as not published
    actuals_created: int = 0
    actuals_updated: int = 0
    actuals_unchanged: int = 0
    actuals_outside: int = 0  # quarters before the strategy's period, which got no actual
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)
    # What a locked quarter keeps although Jobindsats now says otherwise: for the administrator.
    locked: list[str] = field(default_factory=list)
    revisions: list[str] = field(default_factory=list)
    # Per measure code: {"new", "revised", "unchanged", "locked", "not_published"}, for the feed's dry run.
    by_measure: dict[str, dict[str, int]] = field(default_factory=dict)
    releases: list[str] = field(default_factory=list)  # each file's release

    def count(self, code: str, what: str) -> None:
        counts = self.by_measure.setdefault(code, dict.fromkeys(COUNTED, 0))
        counts[what] += 1


COUNTED = ("new", "revised", "unchanged", "locked", "not_published")


class _Refused(Exception):
    """Rolls the transaction back; the problems are in the result."""


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


def table_dimensions() -> dict[str, list[tuple[str, str]]]:
    """Each catalogue table's dimensions as (name, total member)."""
    dimensions: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, name, total in Table.dimensions.through.objects.values_list(
        "table__code", "dimension__name", "dimension__total"
    ).order_by("table__code", "id"):
        dimensions[code.lower()].append((name, total))
    return dimensions


# What the import hands to the step after it: each file's table, release and values.
Read = list[tuple[str, str, str, list[Value]]]  # file, table, release, values


def official_values_import(
    *,
    user,
    files: list[tuple[str, bytes]],
    table: str | None = None,
    release: str | None = None,
    dry_run: bool = False,
    own_area_id: int | None = None,
    locked: Collection[Quarter] = (),
    then: Callable[[Read, ImportResult], None] | None = None,
    synthetic: bool = False,
) -> ImportResult:
    """Check every row of every file and, unless dry_run or anything is wrong, store it all; else nothing.

    The release is the one given, else each file's latest period (e.g. 2024QMAT02): the answers of the
    API carry no release of their own. A value of own_area_id in a locked quarter is not revised (the
    committee saw it so). then(read, result) runs in the same transaction once the values are stored (or
    counted, on a dry run); problems it adds to the result undo everything. synthetic marks the values as made
    up (the recorded answers of the demo); a real import of a value makes it real again."""
    if not permissions.may_approve(user):
        # Imported figures can be approved on import: only who may approve figures may import them.
        raise PermissionDenied(_("Kun en administrator kan importere tal fra Jobindsats."))
    result = ImportResult(files=[name for name, _data in files], dry_run=dry_run)
    tables = jobindsats_tables()
    dimensions = table_dimensions()
    areas = {area.name: area for area in Area.objects.all()}
    read: Read = []
    for filename, data in files:
        try:
            file_table = table_of(filename, table, set(tables))
            answer = read_answer(data, filename)
        except FileRefused as error:
            result.problems.append(Problem(str(error), filename))
            continue
        result.rows += len(answer.rows)
        values, problems = read_values(
            answer,
            filename=filename,
            table=file_table,
            measures=tables[file_table],
            areas=areas,
            dimensions=dimensions.get(file_table, []),
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
    result.releases = [file_release for _file, _table, file_release, _values in read]
    result.values = len(everything)
    result.not_published = sum(value.value is None for value in everything)
    for value in everything:
        result.by_measure.setdefault(value.measure.code, dict.fromkeys(COUNTED, 0))
        if value.value is None:
            result.count(value.measure.code, "not_published")
    result.problems += _twice_across_files(read)
    if result.problems:
        _audit(user, result)
        return result
    try:
        with transaction.atomic():
            _store(
                user,
                read,
                everything,
                result,
                own_area_id=own_area_id,
                locked=set(locked),
                synthetic=synthetic,
            )
            if then is not None:
                then(read, result)
            if dry_run or result.problems:
                raise _Refused
            if result.created or result.revised:  # the statistics pages are drawn anew once it is stored
                figures_changed.send(sender=OfficialValue)
    except _Refused:
        pass
    except DatabaseError as error:  # the database refused a row the rules let through; nothing is kept
        result.problems.append(
            Problem(_("Intet er importeret; databasen afviste tallene: %(error)s") % {"error": error})
        )
    if result.problems:
        result.created = result.revised = result.unchanged = 0
        result.actuals_created = result.actuals_updated = result.actuals_unchanged = 0
        result.actuals_outside = 0
        result.by_measure = {}
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


def _stored_values(
    measure_ids: set[int], years: set[int], breakdowns: dict[int, str]
) -> dict[tuple[int, int, int, str, int, str], tuple[int, Decimal | None]]:
    """The stored values the files may replace, by (measure id, area id, year, kind, number, breakdown key),
    the key of rows.Value: one plain query, as a re-import reads hundreds of thousands of them (the ORM's row
    objects and converters took longer than the rest of the import)."""
    if not measure_ids:
        return {}
    quote = connection.ops.quote_name
    measures, years_ = ", ".join(["%s"] * len(measure_ids)), ", ".join(["%s"] * len(years))
    table = quote(OfficialValue._meta.db_table)
    stored = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT measure_id, area_id, year, kind, number, breakdown_id, id, value "
            f"FROM {table} WHERE measure_id IN ({measures}) AND year IN ({years_})",
            [*measure_ids, *years],
        )
        for measure_id, area_id, year, kind, number, breakdown_id, pk, value in cursor.fetchall():
            # SQLite gives back a float or an int for a decimal column; PostgreSQL a Decimal.
            number_ = (
                value
                if value is None or isinstance(value, Decimal)
                else Decimal(repr(value) if isinstance(value, float) else value)
            )
            breakdown = breakdowns[breakdown_id] if breakdown_id else ""
            stored[measure_id, area_id, year, kind, number, breakdown] = (pk, number_)
    return stored


def _store(
    user,
    read: Read,
    everything: list[Value],
    result: ImportResult,
    *,
    own_area_id: int | None,
    locked: set[Quarter],
    synthetic: bool,
) -> None:
    if not result.dry_run:
        with connection.cursor() as cursor:  # before reading what is stored: two imports wait for each other
            take_for_writing(cursor, OfficialValue)
    measure_ids = {value.key[0] for value in everything}
    years = {value.period.year for value in everything}
    breakdown_ids = breakdowns_made(
        list(dict.fromkeys(value.breakdown for value in everything if value.breakdown))
    )
    stored = _stored_values(measure_ids, years, {pk: key for key, pk in breakdown_ids.items()})
    now = timezone.now()
    columns = ["measure_id", "area_id", "year", "kind", "number", "breakdown_id", "value"]
    for _filename, table, release, values in read:
        new, changed = [], []  # (measure, area, year, kind, number, value); changed ones with their id first
        for value in values:
            key = value.key
            current = stored.get(key)
            row = (*key[:5], breakdown_ids.get(key[5]), value.value)
            if current is None:
                new.append(row)
                result.count(value.measure.code, "new")
                continue
            if current[1] == value.value:
                result.unchanged += 1
                result.count(value.measure.code, "unchanged")
                continue
            if key[1] == own_area_id and value.period.quarter in locked:
                result.count(value.measure.code, "locked")
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
            changed.append((current[0], *row))
            result.count(value.measure.code, "revised")
            where = f"{value.measure.code}, {value.area.name}, {value.period}"
            result.revisions.append(f"{where}: {shown(current[1])} → {shown(value.value)}")
        result.created += len(new)
        result.revised += len(changed)
        if result.dry_run:
            continue
        same = {
            "release": release,
            "source": _("Jobindsats %(table)s") % {"table": table},
            "is_synthetic": synthetic,
        }
        insert_with_history(
            model=OfficialValue,
            columns=columns,
            rows=new,
            same=same,
            user_id=user.pk,
            date=now,
            reason=_("importeret fra Jobindsats (%(release)s)") % {"release": release},
        )
        update_with_history(
            model=OfficialValue,
            columns=columns,
            rows=changed,
            update_columns=["value"],
            same=same,
            user_id=user.pk,
            date=now,
            reason=_("revideret af Jobindsats (%(release)s)") % {"release": release},
        )


def breakdowns_made(keys: list[str]) -> dict[str, int]:
    """The id of every breakdown by its key ('Køn=Kvinder|Alder=16-29 år'), those of keys made where they are
    new, with their dimensions and members (in the order the keys name them): what an answer holds that
    the portal has not seen is added, not refused. Inside the import's transaction, so a refused import adds
    nothing."""
    known = dict(Breakdown.objects.values_list("key", "id"))
    missing = [key for key in keys if key not in known]
    if not missing:
        return known
    dimensions = {dimension.name: dimension for dimension in Dimension.objects.all()}
    members = {(member.dimension_id, member.label): member for member in Member.objects.all()}
    for key in missing:
        parts = [part.partition("=") for part in key.split(KEY_SEPARATOR)]
        chosen = []
        for name, _sep, label in parts:
            dimension = dimensions.get(name)
            if dimension is None:
                dimension = dimensions[name] = Dimension.objects.create(name=name)
            member = members.get((dimension.pk, label))
            if member is None:
                position = sum(1 for dimension_id, _label in members if dimension_id == dimension.pk) + 1
                member = members[dimension.pk, label] = Member.objects.create(
                    dimension=dimension, label=label, position=position
                )
            chosen.append(member)
        breakdown = Breakdown.objects.create(
            key=key, dimensions=KEY_SEPARATOR.join(sorted(n for n, *_ in parts))
        )
        breakdown.members.set(chosen)
        known[key] = breakdown.pk
    return known


RECORDED = settings.BASE_DIR / "fixtures" / "jobindsats"
RECORDED_RELEASE = "syntetisk"


def recorded_answers_load(*, user, stdout=None) -> ImportResult:
    """The demo's official statistics: the measure catalogue and the recorded answers in fixtures/jobindsats/
    (synthetic figures but the seed's), as official values only: the demo's actuals are fixtures/actuals.csv,
    which the recorded figures of Ballerup agree with. Running it again changes nothing."""
    from .catalogue import load_catalogue

    load_catalogue()
    files = [(path.name, path.read_bytes()) for path in sorted(RECORDED.glob("*.json"))]
    result = official_values_import(user=user, files=files, release=RECORDED_RELEASE, synthetic=True)
    if not result.ok:
        raise ValueError("; ".join(f"{p.where()}: {p.message}" for p in result.shown_problems))
    if stdout is not None:
        stdout.write(f"officielle tal fra Jobindsats (syntetiske): {result.values}")
    return result
