"""The catalogue's Jobindsats tables, their dimensions and the new measures (fixtures/tables.csv and
measures.csv), in every database: the administrator's fetch page lists them."""

from django.db import migrations

from measures.catalogue import load_catalogue


def load(apps, schema_editor):
    load_catalogue(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("measures", "0007_breakdowns_tables_not_published")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
