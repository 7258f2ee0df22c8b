"""PostgreSQL keeps half of each page of actuals free, so that a changed figure (a re-import, a correction)
is written beside its old version: when its indexed columns stay the same, no index gets a new entry.
New pages only; SQLite has no such setting."""

from django.db import migrations

FILLFACTOR = 50  # a page keeps room for a new version of each of its figures


def _set(apps, schema_editor, setting: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(apps.get_model("indicators", "Measurement")._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} {setting}")


def leave_room(apps, schema_editor):
    _set(apps, schema_editor, f"SET (fillfactor = {FILLFACTOR})")


def fill_pages(apps, schema_editor):
    _set(apps, schema_editor, "RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [("indicators", "0014_unit_decimals_and_type_belong_to_the_measure")]

    operations = [migrations.RunPython(leave_room, fill_pages)]
