"""The migration that makes figures say what they are: a figure the import from Jobindsats wrote becomes
official, every other the municipality's own, and the approved value keeps its figure's basis."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from indicators.models import Measurement

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("indicators", "0018_parts_add_up")]
AFTER = [("indicators", "0019_figures_say_what_they_are")]


def _load_before(apps) -> None:
    get = apps.get_model
    municipality = get("focusareas", "Municipality").objects.create(name="Ballerup", slug="ballerup")
    strategy = get("focusareas", "Strategy").objects.create(
        municipality=municipality, title="Strategi", status="in_force"
    )
    area = get("focusareas", "FocusArea").objects.create(strategy=strategy, number=1, name="Ledige", slug="a")
    measure = get("measures", "Measure").objects.create(code="ballerup-F1", name="Ledige", unit="antal")
    indicator = get("indicators", "Indicator").objects.create(
        focus_area=area, strategy=strategy, measure=measure, code="F1", name="Ledige", direction="lower"
    )
    for quarter, source, published in (
        (1, "Jobindsats y01a02 2024M12", 1),
        (2, "Jobindsats y01a02 2024M12", None),
        (3, "Fagsystem", 1),
        (4, "", None),
    ):
        get("indicators", "Measurement").objects.create(
            indicator=indicator, year=2024, quarter=quarter, value=1, source=source, published_value=published
        )


@pytest.fixture
def migrated():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        executor.loader.build_graph()
        _load_before(executor.loader.project_state(BEFORE).apps)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        yield
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_imported_figures_become_official_and_the_approved_value_keeps_its_basis(migrated):
    rows = Measurement.objects.order_by("quarter").values_list("quarter", "basis", "published_basis")
    assert list(rows) == [(1, "official", "official"), (2, "official", ""), (3, "own", "own"), (4, "own", "")]
