"""A frozen report's row says whether its figure is demo data (is_demo), as a live report's row does: the
label no longer follows the source's text 'demo'. What the committee was shown does not change."""

from django.db import migrations

DEMO = "demo"


def mark(apps, schema_editor):
    ReportSnapshot = apps.get_model("reporting", "ReportSnapshot")
    for snapshot in ReportSnapshot.objects.only("pk", "data").iterator():
        changed = False
        for area in snapshot.data.get("areas", []):
            for row in area.get("rows", []):
                if "is_demo" not in row:
                    row["is_demo"] = row.get("source") == DEMO
                    changed = True
        if changed:
            ReportSnapshot.objects.filter(pk=snapshot.pk).update(data=snapshot.data)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0006_quarter_and_year_checks_declared_once"),
    ]
    operations = [
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
