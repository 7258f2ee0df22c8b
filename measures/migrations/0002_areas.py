"""The 98 municipalities, the five regions and Hele landet, as Jobindsats names them (fixtures/municipalities.csv)."""

import csv
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parents[2] / "fixtures" / "municipalities.csv"
REGIONS = {
    "Region Nordjylland": "1081",
    "Region Midtjylland": "1082",
    "Region Syddanmark": "1083",
    "Region Hovedstaden": "1084",
    "Region Sjælland": "1085",
}
COUNTRY = ("000", "Hele landet")


def load_areas(apps, schema_editor):
    Area = apps.get_model("measures", "Area")
    Area.objects.get_or_create(code=COUNTRY[0], defaults={"name": COUNTRY[1], "kind": "country"})
    regions = {
        name: Area.objects.get_or_create(code=code, defaults={"name": name, "kind": "region"})[0]
        for name, code in REGIONS.items()
    }
    with CSV.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows, delimiter=";"):
            Area.objects.get_or_create(
                code=row["kode"],
                defaults={"name": row["kommune"], "kind": "municipality", "region": regions[row["region"]]},
            )


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]
    operations = [migrations.RunPython(load_areas, migrations.RunPython.noop)]
