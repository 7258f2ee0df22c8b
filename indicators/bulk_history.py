"""Writing many rows and their history rows in a few set-based statements, inside the caller's transaction.

The rows go into a temporary staging table (COPY on PostgreSQL, one executemany on SQLite); one UPDATE
changes the stored rows, one INSERT adds the new ones, and one INSERT … SELECT writes the history rows
django-simple-history would write ('+' for a new row, '~' for a changed one), read back from the table
itself. 100 000 figures take seconds instead of the minutes the ORM's bulk calls with history take.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import connection, models

STAGING = "bulk_history_staging"
UPDATE_STAGING = "bulk_update_staging"
TARGET = "bulk_target_id"  # the id of the stored row a staged row changes; NULL for a new row


def write_with_history(
    *,
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[tuple],
    update_columns: Sequence[str],
    same: dict[str, object],
    new_only: dict[str, object],
    key: Sequence[str],
    user_id: int | None,
    date: datetime.datetime,
    reason: str,
    indexed: Sequence[str] = (),
) -> None:
    """Store rows as (id of the stored row or None, *values in the order of columns).

    A stored row gets update_columns and the values in `same`, and keeps the rest; a new row gets every
    column, `same` and `new_only`. key names the columns that identify a row (a unique constraint), so the
    history can be read back from the table. indexed names the columns of `same` that have an index: SQLite
    rewrites a row's index entry for each indexed column an UPDATE sets, changed or not, so these are set
    in a second UPDATE, only in the stored rows that do not hold their values yet (most re-imported rows do).
    """
    if not rows:
        return
    fields = {field.attname: field for field in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)

    def constants(values: dict[str, object]) -> tuple[list[str], list]:
        return [quote(fields[a].column) for a in values], [
            fields[a].get_db_prep_save(value, connection) for a, value in values.items()
        ]

    same_names, same_params = constants(same)
    new_names, new_params = constants(new_only)
    apart = indexed if connection.vendor == "sqlite" else ()
    set_names, set_params = constants({a: value for a, value in same.items() if a not in apart})
    staged = [quote(fields[attname].column) for attname in columns]
    with connection.cursor() as cursor:
        _stage(cursor, [fields[attname] for attname in columns], rows)
        assignments = [f"{quote(fields[a].column)} = s.{quote(fields[a].column)}" for a in update_columns]
        assignments += [f"{name} = %s" for name in set_names]
        # Both databases read UPDATE … FROM (SQLite since 3.33); the target table is named in full, as
        # SQLite does not take an alias for it.
        cursor.execute(
            f"UPDATE {table} SET {', '.join(assignments)} FROM {STAGING} s WHERE {table}.id = s.{TARGET}",
            set_params,
        )
        if apart:
            apart_names, apart_params = constants({a: same[a] for a in apart})
            cursor.execute(
                f"UPDATE {table} SET {', '.join(f'{name} = %s' for name in apart_names)} "
                f"WHERE id IN (SELECT {TARGET} FROM {STAGING}) "
                f"AND NOT ({' AND '.join(f'{name} IS %s' for name in apart_names)})",
                apart_params * 2,
            )
        marks = ", ".join(["%s"] * (len(same_params) + len(new_params)))
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(staged + same_names + new_names)}) "
            f"SELECT {', '.join(staged)}, {marks} FROM {STAGING} WHERE {TARGET} IS NULL",
            same_params + new_params,
        )
        _write_history(cursor, model, table, key, user_id, date, reason)
        cursor.execute(f"DROP TABLE {STAGING}")


def _stage(cursor, fields: list[models.Field], rows: Sequence[tuple]) -> None:
    definitions = ", ".join(
        f"{connection.ops.quote_name(f.column)} {f.db_type(connection)} NULL" for f in fields
    )
    cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
    cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ({TARGET} bigint NULL, {definitions})")
    listed = ", ".join([TARGET] + [connection.ops.quote_name(f.column) for f in fields])
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {STAGING} ({listed}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * (len(fields) + 1))
        cursor.executemany(f"INSERT INTO {STAGING} ({listed}) VALUES ({marks})", rows)


def _write_history(cursor, model, table: str, key: Sequence[str], user_id, date, reason: str) -> None:
    history = model.history.model
    stored = {field.attname: field.column for field in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    targets, sources, params = [], [], []
    for field in history._meta.concrete_fields:
        if field.attname == "history_id":
            continue
        targets.append(quote(field.column))
        if field.attname in stored:
            sources.append(f"m.{quote(stored[field.attname])}")
        elif field.attname == "history_type":
            sources.append(f"CASE WHEN s.{TARGET} IS NULL THEN '+' ELSE '~' END")
        else:
            value = {"history_date": date, "history_user_id": user_id, "history_change_reason": reason}[
                field.attname
            ]
            sources.append("%s")
            params.append(field.get_db_prep_save(value, connection))
    joined = " AND ".join(
        f"m.{quote(stored[attname])} = s.{quote(stored[attname])}" for attname in key
    )  # fmt: skip
    cursor.execute(
        f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(targets)}) "
        f"SELECT {', '.join(sources)} FROM {table} m JOIN {STAGING} s ON {joined}",
        params,
    )


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

    The ids are taken from the table's sequences first (PostgreSQL: one block of each, see take_for_writing),
    so each row and each history row is written once by the driver (COPY on PostgreSQL), without the staging
    table write_with_history needs to find stored rows. columns and same must name every column but the id."""
    if not rows:
        return
    fields = {field.attname: field for field in model._meta.concrete_fields}
    assert set(fields) == {"id", *columns, *same}, "insert_with_history needs every column"
    constants = tuple(fields[attname].get_db_prep_save(value, connection) for attname, value in same.items())
    names = ["id", *columns, *same]
    with connection.cursor() as cursor:
        take_for_writing(cursor, model)
        ids = _new_ids(cursor, model._meta.db_table, "id", len(rows))
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
    their '~' history rows: update_columns and `same` change, the rest is as stored.

    PostgreSQL: the new values go into a staging table by COPY and one UPDATE … FROM changes the rows; the
    history rows are written by COPY from the rows given, not read back. SQLite: executemany of both."""
    if not rows:
        return
    fields = {field.attname: field for field in model._meta.concrete_fields}
    assert set(fields) == {"id", *columns, *same}, "update_with_history needs every column"
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    constants = tuple(fields[attname].get_db_prep_save(value, connection) for attname, value in same.items())
    at = [list(columns).index(attname) + 1 for attname in update_columns]
    changed = [quote(fields[attname].column) for attname in update_columns]
    fixed = [f"{quote(fields[attname].column)} = %s" for attname in same]
    with connection.cursor() as cursor:
        take_for_writing(cursor, model)
        if connection.vendor == "postgresql":
            definitions = ", ".join(
                f"{name} {fields[attname].db_type(connection)}"
                for name, attname in zip(changed, update_columns, strict=True)
            )
            staging = UPDATE_STAGING
            cursor.execute(f"DROP TABLE IF EXISTS {staging}")
            cursor.execute(f"CREATE TEMPORARY TABLE {staging} (id bigint, {definitions}) ON COMMIT DROP")
            with cursor.cursor.copy(f"COPY {staging} (id, {', '.join(changed)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((row[0], *(row[index] for index in at)))
            assignments = [f"{name} = s.{name}" for name in changed] + fixed
            cursor.execute(
                f"UPDATE {table} SET {', '.join(assignments)} FROM {staging} s WHERE {table}.id = s.id",
                constants,
            )
            cursor.execute(f"DROP TABLE {staging}")
        else:
            assignments = [f"{name} = %s" for name in changed] + fixed
            cursor.executemany(
                f"UPDATE {table} SET {', '.join(assignments)} WHERE id = %s",
                [(*(row[index] for index in at), *constants, row[0]) for row in rows],
            )
        stored = [(*row, *constants) for row in rows]
        _write_history_rows(cursor, model, ["id", *columns, *same], stored, "~", user_id, date, reason)


def take_for_writing(cursor, model: type[models.Model]) -> None:
    """PostgreSQL: no other transaction writes the model's table or its history until this one ends (readers
    go on), so the blocks of ids _new_ids draws are this transaction's alone, and two imports at once wait
    for each other instead of both adding the same rows. SQLite has one writer at a time anyway."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    tables = ", ".join(quote(m._meta.db_table) for m in (model, model.history.model))
    cursor.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")


def _write_history_rows(cursor, model, names, stored, kind: str, user_id, date, reason: str) -> None:
    """The history rows of rows as stored (values in the order of names, the model's columns)."""
    history = model.history.model
    when = history._meta.get_field("history_date").get_db_prep_save(date, connection)
    tail = (when, kind, user_id, reason)
    columns = [*names, "history_date", "history_type", "history_user_id", "history_change_reason"]
    if connection.vendor == "postgresql":
        ids = _new_ids(cursor, history._meta.db_table, "history_id", len(stored))
        rows = ((pk, *row, *tail) for pk, row in zip(ids, stored, strict=True))
        _write_rows(cursor, history._meta.db_table, ["history_id", *columns], rows)
    else:
        _write_rows(cursor, history._meta.db_table, columns, [(*row, *tail) for row in stored])


def _new_ids(cursor, table: str, column: str, count: int) -> range:
    if connection.vendor == "postgresql":
        # One block of the sequence, in one statement; take_for_writing keeps others from drawing meanwhile.
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, %s), nextval(pg_get_serial_sequence(%s, %s)) + %s - 1)",
            [table, column, table, column, count],
        )
        last = cursor.fetchone()[0]
        return range(last - count + 1, last + 1)
    # SQLite has one writer at a time: no other transaction takes these ids meanwhile.
    cursor.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {connection.ops.quote_name(table)}")
    first = cursor.fetchone()[0] + 1
    return range(first, first + count)


def _write_rows(cursor, table: str, attnames: Sequence[str], rows) -> None:
    quote = connection.ops.quote_name
    listed = ", ".join(quote(name) for name in attnames)  # the attnames here are the columns' names too
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {quote(table)} ({listed}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * len(attnames))
        cursor.executemany(f"INSERT INTO {quote(table)} ({listed}) VALUES ({marks})", rows)
