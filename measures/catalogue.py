"""The Jobindsats tables the portal reads (fixtures/tables.csv) and the measures it knows from them
(fixtures/measures.csv), loaded by code and kept in step: adding a table or a measure is a catalogue row."""

import csv
import json
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "fixtures" / "measures.csv"
TABLES = Path(settings.BASE_DIR) / "fixtures" / "tables.csv"


def load_catalogue(measure_model=None, path: Path = CATALOGUE, *, apps=None) -> int:
    """Create or update the catalogue's measures; returns how many it holds. Running it twice changes nothing.

    An early migration passes its historical Measure model and gets the measures only. Everyone else (a
    later migration passes its apps) gets the tables too, and the dimensions each measure is shown by
    (column vises_efter)."""
    current = measure_model is None
    if current:
        measure_model = (apps or global_apps).get_model("measures", "Measure")
        load_tables(apps=apps)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    measures = {}
    for row in rows:
        measures[row["kode"]], _ = measure_model.objects.update_or_create(
            code=row["kode"],
            defaults={
                "name": row["navn"],
                "unit": row["enhed"],
                "decimals": int(row["decimaler"]),
                "measure_type": row["maaletype"],
                "origin": "jobindsats",
                "table": row["tabel"],
                "label": row["kolonne"],
                "filters": json.loads(row["filtre"] or "{}"),
                "definition": row["definition"],
            },
        )
    for row in rows:
        measure = measures[row["kode"]]
        # Where the catalogue names none, an expected value linked since (an own companion) stays.
        measure.expected = measures.get(row["forventet"]) or measure.expected
        measure.rank = measures.get(row["placering"])
        measure.save(update_fields=["expected", "rank"])
        if current:
            dimension_model = (apps or global_apps).get_model("measures", "Dimension")
            measure.shown_by.set(
                [
                    dimension_model.objects.get_or_create(name=name)[0]
                    for name in (row.get("vises_efter") or "").split("|")
                    if name
                ]
            )
    return len(measures)


def load_tables(path: Path = TABLES, *, apps=None) -> int:
    """Create or update the catalogue's tables and their dimensions (`Køn=Køn i alt|Alder=Alder i alt`: each
    dimension with its total member); returns how many tables it holds."""
    Dimension = (apps or global_apps).get_model("measures", "Dimension")
    Table = (apps or global_apps).get_model("measures", "Table")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    for row in rows:
        table, _ = Table.objects.update_or_create(
            code=row["kode"].lower(),
            defaults={
                "name": row["navn"],
                "frequency": row["hyppighed"],
                "value_columns": [name for name in row["vaerdikolonner"].split("|") if name],
                "description": row["beskrivelse"],
            },
        )
        dimensions = []
        for part in filter(None, row["dimensioner"].split("|")):
            name, _sep, total = part.partition("=")
            dimension, _ = Dimension.objects.update_or_create(name=name, defaults={"total": total})
            dimensions.append(dimension)
        table.dimensions.set(dimensions)
    return len(rows)
