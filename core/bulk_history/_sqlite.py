"""SQLite's half of the bulk writer: executemany, history rows read back from the table, ids after the
largest (SQLite has one writer at a time), and indexed columns set apart."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, models

# SQLite has no RETURNING inside a WITH: the history is read back from the table after each statement.
WRITES_HISTORY_FROM_RETURNING = False
# SQLite rewrites a row's index entry for each indexed column an UPDATE sets, changed or not.
SETS_INDEXED_APART = True


def copy_rows(cursor, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Rows (values in the order of columns, the columns' quoted names) into table, by one executemany."""
    marks = ", ".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", list(rows))


def write_with_history(
    cursor, table: str, statement: str, params: list, insert: str, history: list, *, joined: str
) -> int:
    """Run statement (an INSERT or UPDATE of table), then the history INSERT (`insert`, reading alias m) for
    the rows it wrote, read back from table joined as `joined`; say how many it wrote."""
    cursor.execute(statement, params)
    written = cursor.rowcount
    cursor.execute(f"{insert} FROM {table} m {joined}", history)
    return written


def update_rows(
    cursor, table: str, changed: list[tuple[str, str]], fixed: list[str], constants, rows
) -> None:
    """Change stored rows: changed is (quoted column, its type) of the values given in each row after its id;
    fixed the assignments of the constants. One executemany."""
    assignments = [f"{name} = %s" for name, _type in changed] + fixed
    cursor.executemany(
        f"UPDATE {table} SET {', '.join(assignments)} WHERE id = %s",
        [(*row[1:], *constants, row[0]) for row in rows],
    )


def take_for_writing(cursor, model: type[models.Model]) -> None:
    """Nothing to take: SQLite has one writer at a time."""


def new_ids(cursor, table: str, column: str, count: int) -> range:
    """The ids after the largest stored: no other transaction writes meanwhile."""
    cursor.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {connection.ops.quote_name(table)}")
    first = cursor.fetchone()[0] + 1
    return range(first, first + count)


def history_ids(cursor, table: str, count: int) -> range | None:
    """None: the table gives the history rows their ids."""
    return None
