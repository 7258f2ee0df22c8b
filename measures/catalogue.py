"""The measures the portal knows from Jobindsats (fixtures/measures.csv), loaded by code and kept in step."""

import csv
import json
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "fixtures" / "measures.csv"


def load_catalogue(measure_model=None, path: Path = CATALOGUE) -> int:
    """Create or update the catalogue's measures; returns how many it holds. Running it twice changes nothing.

    A migration passes its historical Measure model; everyone else gets the current one."""
    if measure_model is None:
        from .models import Measure as measure_model
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
    return len(measures)
