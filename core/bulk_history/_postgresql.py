"""PostgreSQL's half of the bulk writer: COPY, UPDATE … FROM a staging table, history rows from RETURNING,
ids drawn from the sequences in one block, and a table lock that keeps two imports from drawing the same."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, models

# The history of an UPDATE or INSERT is written from the rows it returns, in the same statement.
WRITES_HISTORY_FROM_RETURNING = True
# PostgreSQL writes an index entry only for a changed value: no second UPDATE for indexed columns.
SETS_INDEXED_APART = False


def copy_rows(cursor, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Rows (values in the order of columns, the columns' quoted names) into table, by COPY."""
    with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def write_with_history(
    cursor, table: str, statement: str, params: list, insert: str, history: list, *, joined: str
) -> int:
    """Run statement (an INSERT or UPDATE of table) and the history INSERT (`insert`, reading alias m) for the
    rows it returns, in one statement; say how many it wrote. (joined: what SQLite needs to find them.)"""
    cursor.execute(f"WITH m AS ({statement} RETURNING {table}.*) {insert} FROM m", [*params, *history])
    return cursor.rowcount


def update_rows(
    cursor, table: str, changed: list[tuple[str, str]], fixed: list[str], constants, rows
) -> None:
    """Change stored rows: changed is (quoted column, its type) of the values given in each row after its id;
    fixed the assignments of the constants. The new values go into a staging table by COPY, and one UPDATE …
    FROM changes the rows."""
    staging = "bulk_update_staging"
    names = [name for name, _type in changed]
    cursor.execute(f"DROP TABLE IF EXISTS {staging}")
    definitions = ", ".join(f"{name} {kind}" for name, kind in changed)
    cursor.execute(f"CREATE TEMPORARY TABLE {staging} (id bigint, {definitions}) ON COMMIT DROP")
    copy_rows(cursor, staging, ["id", *names], rows)
    assignments = [f"{name} = s.{name}" for name in names] + fixed
    cursor.execute(
        f"UPDATE {table} SET {', '.join(assignments)} FROM {staging} s WHERE {table}.id = s.id", constants
    )
    cursor.execute(f"DROP TABLE {staging}")


def take_for_writing(cursor, model: type[models.Model]) -> None:
    """No other transaction writes the model's table or its history until this one ends (readers go on), so
    the blocks of ids new_ids draws are this transaction's alone, and two imports at once wait for each other
    instead of both adding the same rows."""
    quote = connection.ops.quote_name
    tables = ", ".join(quote(m._meta.db_table) for m in (model, model.history.model))
    cursor.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")


def new_ids(cursor, table: str, column: str, count: int) -> range:
    """One block of the sequence, in one statement; take_for_writing keeps others from drawing meanwhile."""
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence(%s, %s), nextval(pg_get_serial_sequence(%s, %s)) + %s - 1)",
        [table, column, table, column, count],
    )
    last = cursor.fetchone()[0]
    return range(last - count + 1, last + 1)


def history_ids(cursor, table: str, count: int) -> range | None:
    """The history rows' ids, drawn in one block as the rows' own."""
    return new_ids(cursor, table, "history_id", count)
