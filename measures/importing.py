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
from itertools import batched
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import permissions
from core.audit import audit
from core.bulk_history import copy_into, take_for_writing, write_from_staged
from core.file_limits import ProblemPages
from core.formats import danish
from core.periods import Quarter
from core.signals import figures_changed

from .jobindsats.reader import FileRefused, table_in_name
from .jobindsats.reader import stream_answer as read_answer
from .jobindsats.rows import Problem, Value, shown, values_read
from .models import KEY_SEPARATOR, Area, Breakdown, Dimension, Measure, Member, OfficialValue, Table
from .periods import Period


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


# What the import hands to the step after it: each file's table, release and the values of the own area
# (own_area_id; none without one). The rest of an answer's values are in the database only.
Read = list[tuple[str, str, str, list[Value]]]  # file, table, release, values

# The staged values, then the staged values matched with the stored ones (temporary tables).
STAGED = "jobindsats_staged"
MATCHED = "jobindsats_matched"
# Values written to the staging table at a time (SQLite's executemany holds them all).
CHUNK = 20_000
# A file with this many problems is read no further: its rows are not what the import expects.
MAX_PROBLEMS = 1000
# The revisions listed for the administrator (the counts are complete).
REVISIONS_LISTED = 1000


def official_values_import(
    *,
    user,
    files: list[tuple[str, bytes | IO[bytes]]],
    table: str | None = None,
    release: str | None = None,
    dry_run: bool = False,
    own_area_id: int | None = None,
    locked: Collection[Quarter] = (),
    then: Callable[[Read, ImportResult], None] | None = None,
    synthetic: bool = False,
) -> ImportResult:
    """Check every row of every file and, unless dry_run or anything is wrong, store it all; else nothing.

    A file is its bytes or a binary file open at its start: a large JSON answer is read as a stream, its
    values written to a staging table in chunks as they are read, and matched with the stored values in the
    database, so a million rows take no more memory than a thousand (bench/import_million.py).

    The release is the one given, else each file's latest period (e.g. 2024QMAT02): the answers of the
    API carry no release of their own. A value of own_area_id in a locked quarter is not revised (the
    committee saw it so). then(read, result) runs in the same transaction once the values are stored (or
    counted, on a dry run); problems it adds to the result undo everything. synthetic marks the values as made
    up (the recorded answers of the demo); a real import of a value makes it real again."""
    if not permissions.may_approve(user):
        # Imported figures can be approved on import: only who may approve figures may import them.
        raise PermissionDenied(_("Kun en administrator kan importere tal fra Jobindsats."))
    result = ImportResult(files=[name for name, _data in files], dry_run=dry_run)
    try:
        with transaction.atomic():
            read = _stage(files, table, release, result, own_area_id, set(locked))
            if not result.problems:
                _store(user, read, result, synthetic=synthetic)
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
        result.locked, result.revisions = [], []
        result.by_measure = {
            code: dict.fromkeys(COUNTED, 0) | {"not_published": counts["not_published"]}
            for code, counts in result.by_measure.items()
        }
    _audit(user, result)
    return result


def _stage(files, table, release, result: ImportResult, own_area_id, locked: set[Quarter]) -> Read:
    """Read every file and write its values to the staging table as they are read; the own area's values are
    kept for the step after the import. Problems go to the result."""
    tables = jobindsats_tables()
    dimensions = table_dimensions()
    areas = {area.name: area for area in Area.objects.all()}
    breakdown_ids = dict(Breakdown.objects.values_list("key", "id"))
    not_published: dict[str, int] = defaultdict(int)
    read: Read = []
    columns = ["file_at", "row_at", "measure_id", "area_id", "year", "kind", "number", "breakdown", "value"]
    columns.append("locked")
    with connection.cursor() as cursor:
        _create_staging(cursor)
        for position, (filename, data) in enumerate(files):
            try:
                file_table = table_of(filename, table, set(tables))
                answer = read_answer(data, filename)
            except FileRefused as error:
                result.problems.append(Problem(str(error), filename))
                continue
            own: list[Value] = []
            counted = [0, 0]  # rows, values

            def rows(given=answer.rows, counted=counted):
                for row in given:
                    if len(result.problems) >= MAX_PROBLEMS:
                        raise FileRefused(
                            _("Læsningen er stoppet efter %(max)s fejl; ret dem, og importér filen igen.")
                            % {"max": danish(MAX_PROBLEMS, 0)}
                        )
                    counted[0] += 1
                    yield row

            answer.rows = rows()
            values = values_read(
                answer,
                filename=filename,
                table=file_table,
                measures=tables[file_table],
                areas=areas,
                dimensions=dimensions.get(file_table, []),
                problems=result.problems,
            )

            def staged(values=values, own=own, counted=counted, position=position):
                for value in values:
                    counted[1] += 1
                    key = value.key
                    if value.value is None:
                        not_published[value.measure.code] += 1
                    if key[1] == own_area_id:
                        own.append(value)
                    breakdown = key[5]
                    if breakdown:
                        breakdown_id = breakdown_ids.get(breakdown)
                        if breakdown_id is None:
                            breakdown_id = breakdown_ids[breakdown] = breakdowns_made([breakdown])[breakdown]
                    else:
                        breakdown_id = 0
                    yield (
                        position,
                        value.row,
                        *key[:5],
                        breakdown_id,
                        value.value,
                        key[1] == own_area_id and value.period.quarter in locked,
                    )

            try:
                for chunk in batched(staged(), CHUNK):
                    copy_into(cursor, STAGED, columns, chunk)
            except FileRefused as error:  # found on the way through a streamed answer
                result.problems.append(Problem(str(error), filename))
            result.rows += counted[0]
            result.values += counted[1]
            if not counted[1] and not any(problem.file == filename for problem in result.problems):
                result.problems.append(
                    Problem(
                        _("Filen indeholder ingen tal for portalens målinger fra tabellen %(table)s.")
                        % {"table": file_table},
                        filename,
                    )
                )
            latest = _latest_period(cursor, position)
            read.append((filename, file_table, (release or str(latest or "")).strip()[:60], own))
        result.releases = [file_release for _file, _table, file_release, _values in read]
        codes = dict(Measure.objects.values_list("id", "code"))
        cursor.execute(f"SELECT DISTINCT measure_id FROM {STAGED}")
        for (measure_id,) in cursor.fetchall():
            result.by_measure.setdefault(codes[measure_id], dict.fromkeys(COUNTED, 0))
        for code, count in not_published.items():
            result.by_measure.setdefault(code, dict.fromkeys(COUNTED, 0))["not_published"] = count
        result.not_published = sum(not_published.values())
        if len(files) > 1:
            result.problems += _twice_across_files(cursor, [name for name, _data in files], codes)
    return read


def _create_staging(cursor) -> None:
    on_commit = " ON COMMIT DROP" if connection.vendor == "postgresql" else ""
    for name in (MATCHED, STAGED):
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
    # breakdown: the breakdown's id, 0 for the whole (an equality both databases can hash and join on).
    cursor.execute(
        f"CREATE TEMPORARY TABLE {STAGED} (file_at integer, row_at integer, measure_id integer, "
        "area_id integer, year integer, kind varchar(4), number integer, breakdown integer, "
        f"value numeric(14, 4) NULL, locked boolean){on_commit}"
    )


def _latest_period(cursor, position: int) -> Period | None:
    cursor.execute(f"SELECT DISTINCT year, kind, number FROM {STAGED} WHERE file_at = %s", [position])
    return max((Period(year, kind, number) for year, kind, number in cursor.fetchall()), default=None)


def _twice_across_files(cursor, names: list[str], codes: dict[int, str]) -> list[Problem]:
    """A value that two files both hold (each file was checked for its own duplicates): named in every later
    file, with the first file and row that holds it."""
    cursor.execute(
        "SELECT s.file_at, s.row_at, s.measure_id, s.area_id, s.year, s.kind, s.number, f.file_at, f.row_at "
        f"FROM {STAGED} s JOIN {STAGED} f ON f.measure_id = s.measure_id AND f.area_id = s.area_id "
        "AND f.year = s.year AND f.kind = s.kind AND f.number = s.number AND f.breakdown = s.breakdown "
        "AND f.file_at < s.file_at ORDER BY s.file_at, s.row_at, s.measure_id, f.file_at, f.row_at"
    )
    area_names = dict(Area.objects.values_list("id", "name"))
    problems, named = [], set()
    for file, row, measure_id, area_id, year, kind, number, first_file, first_row in cursor.fetchall():
        if (file, row, measure_id) in named:
            continue
        named.add((file, row, measure_id))
        problems.append(
            Problem(
                _("%(measure)s, %(area)s, %(period)s står også i %(file)s, række %(row)s.")
                % {
                    "measure": codes[measure_id],
                    "area": area_names[area_id],
                    "period": Period(year, kind, number),
                    "file": names[first_file],
                    "row": first_row,
                },
                names[file],
                row,
            )
        )
    return problems


def _store(user, read: Read, result: ImportResult, *, synthetic: bool) -> None:
    """Match the staged values with the stored ones, count them per measure and, unless a dry run, write the
    new and the revised values with their history rows: a few set-based statements for any number."""
    quote = connection.ops.quote_name
    table = quote(OfficialValue._meta.db_table)
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if not result.dry_run:  # before reading what is stored: two imports wait for each other
            take_for_writing(cursor, OfficialValue)
        if postgresql:
            cursor.execute(f"ANALYZE {STAGED}")
            # A hash join reads each staged and stored row once: a merge join sorts a million of each, and a
            # nested loop (chosen when the planner believes the table of values still empty, as it does after
            # a first import, until autovacuum counts it) reads the stored rows once for each staged row.
            cursor.execute("SET LOCAL enable_mergejoin = off")
            cursor.execute("SET LOCAL enable_nestloop = off")
        # n: new, u: unchanged, l: a locked quarter's value kept, r: revised.
        cursor.execute(
            f"CREATE TEMPORARY TABLE {MATCHED} AS SELECT s.*, m.id AS target, m.value AS old, "
            "CASE WHEN m.id IS NULL THEN 'n' "
            "WHEN m.value = s.value OR (m.value IS NULL AND s.value IS NULL) THEN 'u' "
            "WHEN s.locked THEN 'l' ELSE 'r' END AS status "
            f"FROM {STAGED} s LEFT JOIN {table} m ON m.measure_id = s.measure_id AND m.area_id = s.area_id "
            "AND m.year = s.year AND m.kind = s.kind AND m.number = s.number "
            "AND COALESCE(m.breakdown_id, 0) = s.breakdown"
        )
        if postgresql:
            # What is matched is planned for anew: a few revised values are found by their ids, not by
            # reading every stored value.
            cursor.execute(f"ANALYZE {MATCHED}")
            cursor.execute("SET LOCAL enable_mergejoin = on")
            cursor.execute("SET LOCAL enable_nestloop = on")
        codes = dict(Measure.objects.values_list("id", "code"))
        cursor.execute(
            f"SELECT file_at, measure_id, status, COUNT(*) FROM {MATCHED} "
            "GROUP BY file_at, measure_id, status"
        )
        names = {"n": "new", "u": "unchanged", "l": "locked", "r": "revised"}
        written = set()  # (file, status) of the values to write
        for position, measure_id, status, count in cursor.fetchall():
            written.add((position, status))
            result.by_measure[codes[measure_id]][names[status]] += count
            if status == "n":
                result.created += count
            elif status == "u":
                result.unchanged += count
            elif status == "r":
                result.revised += count
        _listed(cursor, result, codes)
        if result.dry_run:
            return
        now = timezone.now()
        columns = "measure_id, area_id, year, kind, number, breakdown_id, value, release, source, "
        columns += "is_synthetic"
        key = (
            "m.measure_id = s.measure_id AND m.area_id = s.area_id AND m.year = s.year AND m.kind = s.kind "
            "AND m.number = s.number AND COALESCE(m.breakdown_id, 0) = s.breakdown"
        )
        for position, (_filename, file_table, release, _own) in enumerate(read):
            same = [release, _("Jobindsats %(table)s") % {"table": file_table}, synthetic]
            if (position, "n") in written:
                write_from_staged(
                    cursor,
                    model=OfficialValue,
                    statement=f"INSERT INTO {table} ({columns}) SELECT measure_id, area_id, year, kind, "
                    "number, NULLIF(breakdown, 0), value, %s, %s, %s "
                    f"FROM {MATCHED} WHERE status = 'n' AND file_at = {position:d}",
                    params=same,
                    kind="+",
                    joined=f"JOIN {MATCHED} s ON {key} AND s.status = 'n' AND s.file_at = {position:d}",
                    user_id=user.pk,
                    date=now,
                    reason=_("importeret fra Jobindsats (%(release)s)") % {"release": release},
                )
            if (position, "r") in written:
                write_from_staged(
                    cursor,
                    model=OfficialValue,
                    statement=f"UPDATE {table} SET value = s.value, release = %s, source = %s, "
                    f"is_synthetic = %s FROM {MATCHED} s WHERE {table}.id = s.target AND s.status = 'r' "
                    f"AND s.file_at = {position:d}",
                    params=same,
                    kind="~",
                    joined=f"JOIN {MATCHED} s ON m.id = s.target AND s.status = 'r' "
                    f"AND s.file_at = {position:d}",
                    user_id=user.pk,
                    date=now,
                    reason=_("revideret af Jobindsats (%(release)s)") % {"release": release},
                )
        cursor.execute(f"DROP TABLE {MATCHED}")
        cursor.execute(f"DROP TABLE {STAGED}")


def _listed(cursor, result: ImportResult, codes: dict[int, str]) -> None:
    """What a locked quarter keeps, and the first revisions, each in a sentence for the administrator."""
    area_names = dict(Area.objects.values_list("id", "name"))
    cursor.execute(
        f"SELECT status, measure_id, area_id, year, kind, number, value, old FROM {MATCHED} "
        "WHERE status = 'l' ORDER BY file_at, row_at, measure_id"
    )
    locked = cursor.fetchall()
    cursor.execute(
        f"SELECT status, measure_id, area_id, year, kind, number, value, old FROM {MATCHED} "
        f"WHERE status = 'r' ORDER BY file_at, row_at, measure_id LIMIT {REVISIONS_LISTED:d}"
    )
    for status, measure_id, area_id, year, kind, number, value, old in locked + cursor.fetchall():
        period = Period(year, kind, number)
        new, old = _decimal(value), _decimal(old)
        if status == "l":
            result.locked.append(
                _(
                    "%(area)s, %(measure)s, %(period)s: %(quarter)s er låst, så det officielle tal "
                    "er ikke ændret. Jobindsats siger nu %(new)s, portalen har %(old)s."
                )
                % {
                    "area": area_names[area_id],
                    "measure": codes[measure_id],
                    "period": period,
                    "quarter": period.quarter.label(),
                    "new": shown(new),
                    "old": shown(old),
                }
            )
        else:
            where = f"{codes[measure_id]}, {area_names[area_id]}, {period}"
            result.revisions.append(f"{where}: {shown(old)} → {shown(new)}")


def _decimal(value) -> Decimal | None:
    """SQLite gives back a float or an int for a decimal column; PostgreSQL a Decimal."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


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
