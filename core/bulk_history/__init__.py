"""Writing many rows and their history rows in a few set-based statements, inside the caller's transaction.

The rows go into a temporary staging table (COPY on PostgreSQL, one executemany on SQLite). There they are
matched with the stored rows by their key, and the rows that would change nothing are dropped, so a file of
100 000 figures is compared with what is stored without reading it into Python. One UPDATE changes the stored
rows and one INSERT adds the new ones; each writes the history rows django-simple-history would write ('~'
for a changed row, '+' for a new one). What the two databases do differently lives in _postgresql.py and
_sqlite.py.

Kept for the imports of official values (millions of them with the breakdowns to come) and of figures.
Measured with bench/bench_import.py on PostgreSQL: 100 000 figures imported in 3.3 s, of which writing the
rows and their history rows with the driver alone (COPY) takes 1.8 s; the ORM's bulk calls with history take
minutes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import NamedTuple

from django.db import IntegrityError, connection, models, transaction

from . import _postgresql, _sqlite

STAGING = "bulk_history_staging"
TARGET = "bulk_target_id"  # the id of the stored row a staged row changes; NULL for a new row
UNCHANGED = "bulk_unchanged"  # the stored row holds the staged row's values already
SETTLED = "bulk_settled"  # the stored row holds the indexed values of `same` already (SQLite)
# The columns of a history row beside the model's own, as django-simple-history makes them: what this module
# writes. A test holds the history tables to them.
HISTORY_COLUMNS = ("history_id", "history_date", "history_type", "history_user_id", "history_change_reason")


class Written(NamedTuple):
    created: int
    updated: int


class Conflict(IntegrityError):
    """Rows under these keys were stored or changed by another transaction after the rows' author saw them;
    nothing was written."""

    def __init__(self, keys: list[tuple]):
        self.keys = keys
        super().__init__(f"{len(keys)} rows changed meanwhile")


def _database():
    return _postgresql if connection.vendor == "postgresql" else _sqlite


def write_with_history(
    *,
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[tuple],
    update_columns: Sequence[str],
    compare: Sequence[str],
    same: dict[str, object],
    new_only: dict[str, object],
    key: Sequence[str],
    user_id: int | None,
    date: datetime.datetime,
    reason: str,
    counter: str | None = None,
    indexed: Sequence[str] = (),
) -> Written:
    """Store rows, given as values in the order of columns, and say how many were created and changed.

    key names the columns that identify a row (a unique constraint): a row whose key is stored changes that
    row, unless it holds the same values in compare (columns that are never NULL), and is then left out.
    A stored row gets update_columns and the values in `same`, and keeps the rest; a new row gets every
    column, `same` and `new_only`. counter names a column that counts a row's changes: 1 for a new row, one
    more for each change. A row's value of counter is the count its author saw (0 for a row not stored yet),
    or None when no one saw one. indexed names the columns of `same` that have an index: SQLite rewrites a
    row's index entry for each indexed column an UPDATE sets, changed or not, so there these are set in a
    second UPDATE, only in the stored rows that do not hold their values yet (most re-imported rows do).

    If a row's author saw another count than is stored, or another transaction stored a row under a new row's
    key after it was matched, nothing is written and Conflict names those keys.
    """
    if not rows:
        return Written(0, 0)
    database = _database()
    fields = {field.attname: field for field in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)

    def column(attname: str) -> str:
        return quote(fields[attname].column)

    def constants(values: dict[str, object]) -> tuple[list[str], list]:
        return [column(a) for a in values], [
            fields[a].get_db_prep_save(value, connection) for a, value in values.items()
        ]

    same_names, same_params = constants(same)
    new_names, new_params = constants(new_only)
    apart = indexed if database.SETS_INDEXED_APART else ()
    set_names, set_params = constants({a: value for a, value in same.items() if a not in apart})
    staged = [column(attname) for attname in columns]

    def by_key(staged: str) -> str:
        return " AND ".join(f"m.{column(a)} = {staged}.{column(a)}" for a in key)

    with connection.cursor() as cursor:
        _stage(cursor, [fields[attname] for attname in columns], rows)
        # Each staged row learns the stored row it would change, whether that row holds its values already,
        # and (SQLite) whether it holds the indexed values of `same` already: one lookup of each stored row.
        # SQLite keeps a decimal as a float, which it reads from the decimal's text: equal decimals become the
        # same float (SQLite drops trailing zeros before it scales), and a figure's 14 digits fit in one.
        unchanged = " AND ".join(f"m.{column(a)} = {STAGING}.{column(a)}" for a in compare)
        apart_names, apart_params = constants({a: same[a] for a in apart})
        settled = " AND ".join(f"m.{name} IS %s" for name in apart_names) or "FALSE"
        cursor.execute(
            f"UPDATE {STAGING} SET {TARGET} = m.id, {UNCHANGED} = ({unchanged}), {SETTLED} = ({settled}) "
            f"FROM {table} m WHERE {by_key(STAGING)}",
            apart_params,
        )
        if counter:
            _refuse_stale(cursor, table, column(counter), [column(a) for a in key])
        cursor.execute(f"DELETE FROM {STAGING} WHERE {UNCHANGED}")
        assignments = [
            f"{column(a)} = {table}.{column(a)} + 1" if a == counter else f"{column(a)} = s.{column(a)}"
            for a in update_columns
        ]
        assignments += [f"{name} = %s" for name in set_names]
        marks = ", ".join(["%s"] * (len(same_params) + len(new_params)))
        history = _History(model, user_id, date, reason)
        try:
            with transaction.atomic():
                if apart:
                    cursor.execute(
                        f"UPDATE {table} SET {', '.join(f'{name} = %s' for name in apart_names)} "
                        f"WHERE id IN (SELECT {TARGET} FROM {STAGING} WHERE NOT {SETTLED})",
                        apart_params,
                    )
                # Both databases read UPDATE … FROM (SQLite since 3.33); the target table is named in full,
                # as SQLite does not take an alias for it.
                updated = database.write_with_history(
                    cursor,
                    table,
                    f"UPDATE {table} SET {', '.join(assignments)} FROM {STAGING} s "
                    f"WHERE {table}.id = s.{TARGET}",
                    set_params,
                    history.insert("~"),
                    history.params,
                    joined=f"JOIN {STAGING} s ON m.id = s.{TARGET}",
                )
                created = database.write_with_history(
                    cursor,
                    table,
                    f"INSERT INTO {table} ({', '.join(staged + same_names + new_names)}) "
                    f"SELECT {', '.join('1' if a == counter else column(a) for a in columns)}, {marks} "
                    f"FROM {STAGING} WHERE {TARGET} IS NULL",
                    same_params + new_params,
                    history.insert("+"),
                    history.params,
                    joined=f"JOIN {STAGING} s ON {by_key('s')} AND s.{TARGET} IS NULL",
                )
        except IntegrityError:
            cursor.execute(
                f"SELECT {', '.join(f'{STAGING}.{column(a)}' for a in key)} FROM {STAGING} "
                f"JOIN {table} m ON {by_key(STAGING)} WHERE {STAGING}.{TARGET} IS NULL"
            )
            taken = cursor.fetchall()
            cursor.execute(f"DROP TABLE {STAGING}")
            if not taken:  # not a race with another write: the caller learns what the database said
                raise
            raise Conflict(taken) from None
        cursor.execute(f"DROP TABLE {STAGING}")
    return Written(created, updated)


def _refuse_stale(cursor, table: str, counter: str, key: list[str]) -> None:
    """Conflict if a staged row's author saw another count of changes than the stored row has (0: none)."""
    cursor.execute(
        f"SELECT {', '.join(f's.{name}' for name in key)} FROM {STAGING} s LEFT JOIN {table} m "
        f"ON m.id = s.{TARGET} WHERE s.{counter} IS NOT NULL AND s.{counter} <> COALESCE(m.{counter}, 0)"
    )
    if stale := cursor.fetchall():
        cursor.execute(f"DROP TABLE {STAGING}")
        raise Conflict(stale)


def _stage(cursor, fields: list[models.Field], rows: Sequence[tuple]) -> None:
    quote = connection.ops.quote_name
    definitions = ", ".join(f"{quote(f.column)} {f.db_type(connection)} NULL" for f in fields)
    cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {STAGING} "
        f"({TARGET} bigint NULL, {UNCHANGED} boolean NULL, {SETTLED} boolean NULL, {definitions})"
    )
    _database().copy_rows(cursor, STAGING, [quote(f.column) for f in fields], rows)


class _History:
    """The history rows django-simple-history would write for the rows a statement writes (alias m)."""

    def __init__(self, model, user_id, date, reason: str):
        stored = {field.attname: field.column for field in model._meta.concrete_fields}
        given = {"history_date": date, "history_user_id": user_id, "history_change_reason": reason}
        quote = connection.ops.quote_name
        history = model.history.model
        self.table, self.targets, self.sources, self.params = quote(history._meta.db_table), [], [], []
        for field in history._meta.concrete_fields:
            if field.attname == "history_id":
                continue
            self.targets.append(quote(field.column))
            if field.attname in stored:
                self.sources.append(f"m.{quote(stored[field.attname])}")
            elif field.attname == "history_type":
                self.sources.append(None)
            else:
                self.sources.append("%s")
                self.params.append(field.get_db_prep_save(given[field.attname], connection))

    def insert(self, kind: str) -> str:
        """The history rows of kind ('+' or '~'), without their FROM."""
        sources = ", ".join(f"'{kind}'" if source is None else source for source in self.sources)
        return f"INSERT INTO {self.table} ({', '.join(self.targets)}) SELECT {sources}"


def insert_with_history(
    *,
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[tuple],
    same: dict[str, object],
    user_id: int | None,
    date: datetime.datetime,
    reason: str,
) -> None:
    """Add new rows (values in the order of columns; `same` for every row) and their '+' history rows.

    The ids are taken first (PostgreSQL: one block of each sequence, see take_for_writing), so each row and
    each history row is written once by the driver (COPY on PostgreSQL), without the staging table
    write_with_history needs to find stored rows. columns and same must name every column but the id."""
    if not rows:
        return
    database = _database()
    fields = {field.attname: field for field in model._meta.concrete_fields}
    assert set(fields) == {"id", *columns, *same}, "insert_with_history needs every column"
    constants = tuple(fields[attname].get_db_prep_save(value, connection) for attname, value in same.items())
    names = ["id", *columns, *same]
    with connection.cursor() as cursor:
        database.take_for_writing(cursor, model)
        ids = database.new_ids(cursor, model._meta.db_table, "id", len(rows))
        stored = [(pk, *row, *constants) for pk, row in zip(ids, rows, strict=True)]
        _write_rows(cursor, model._meta.db_table, names, stored)
        _write_history_rows(cursor, model, names, stored, "+", user_id, date, reason)


def update_with_history(
    *,
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[tuple],
    update_columns: Sequence[str],
    same: dict[str, object],
    user_id: int | None,
    date: datetime.datetime,
    reason: str,
) -> None:
    """Change stored rows, given as (id, *every value in the order of columns) after the change, and write
    their '~' history rows: update_columns and `same` change, the rest is as stored. The history rows are
    written from the rows given, not read back."""
    if not rows:
        return
    database = _database()
    fields = {field.attname: field for field in model._meta.concrete_fields}
    assert set(fields) == {"id", *columns, *same}, "update_with_history needs every column"
    quote = connection.ops.quote_name
    constants = tuple(fields[attname].get_db_prep_save(value, connection) for attname, value in same.items())
    at = [list(columns).index(attname) + 1 for attname in update_columns]
    changed = [(quote(fields[a].column), fields[a].db_type(connection)) for a in update_columns]
    fixed = [f"{quote(fields[attname].column)} = %s" for attname in same]
    with connection.cursor() as cursor:
        database.take_for_writing(cursor, model)
        database.update_rows(
            cursor,
            quote(model._meta.db_table),
            changed,
            fixed,
            constants,
            [(row[0], *(row[index] for index in at)) for row in rows],
        )
        stored = [(*row, *constants) for row in rows]
        _write_history_rows(cursor, model, ["id", *columns, *same], stored, "~", user_id, date, reason)


def take_for_writing(cursor, model: type[models.Model]) -> None:
    """No other transaction writes the model's table or its history until this one ends (PostgreSQL locks
    both; SQLite has one writer at a time anyway)."""
    _database().take_for_writing(cursor, model)


def _write_history_rows(cursor, model, names, stored, kind: str, user_id, date, reason: str) -> None:
    """The history rows of rows as stored (values in the order of names, the model's columns)."""
    history = model.history.model
    when = history._meta.get_field("history_date").get_db_prep_save(date, connection)
    tail = (when, kind, user_id, reason)
    columns = [*names, *HISTORY_COLUMNS[1:]]
    ids = _database().history_ids(cursor, history._meta.db_table, len(stored))
    if ids is None:
        _write_rows(cursor, history._meta.db_table, columns, [(*row, *tail) for row in stored])
    else:
        rows = ((pk, *row, *tail) for pk, row in zip(ids, stored, strict=True))
        _write_rows(cursor, history._meta.db_table, [HISTORY_COLUMNS[0], *columns], rows)


def _write_rows(cursor, table: str, attnames: Sequence[str], rows) -> None:
    quote = connection.ops.quote_name
    # The attnames here are the columns' names too.
    _database().copy_rows(cursor, quote(table), [quote(name) for name in attnames], rows)


def copy_into(cursor, table: str, columns: Sequence[str], rows) -> None:
    """Rows (values in the order of columns, the columns' quoted names) into a (staging) table: COPY on
    PostgreSQL, one executemany on SQLite."""
    _database().copy_rows(cursor, table, columns, rows)


def write_from_staged(
    cursor,
    *,
    model: type[models.Model],
    statement: str,
    params: list,
    kind: str,
    joined: str,
    user_id: int | None,
    date: datetime.datetime,
    reason: str,
) -> int:
    """Run statement, an INSERT (kind '+') or UPDATE (kind '~') of the model's table from rows staged by the
    caller, and write the history rows django-simple-history would write for the rows it wrote: from what it
    returns on PostgreSQL, read back through joined (the table is alias m) on SQLite. Say how many it
    wrote."""
    history = _History(model, user_id, date, reason)
    return _database().write_with_history(
        cursor,
        connection.ops.quote_name(model._meta.db_table),
        statement,
        params,
        history.insert(kind),
        history.params,
        joined=joined,
    )
