"""The migration to demo flags marks the rows the loaders once marked in text, and only those, and a frozen
report's rows say which of their figures are demo data."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from indicators.models import Measurement, Target
from measures.models import Measure, OfficialValue
from reporting.models import ReportSnapshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [
    ("indicators", "0015_room_on_each_page_for_changed_figures"),
    ("measures", "0005_approved_on_import_four_eyes"),
    ("reporting", "0005_year_range_on_briefing"),
]


def _load_before(apps) -> None:
    get = apps.get_model
    municipality = get("focusareas", "Municipality").objects.create(name="Ballerup", slug="ballerup")
    strategy = get("focusareas", "Strategy").objects.create(
        municipality=municipality, title="Strategi", status="in_force"
    )
    area = get("focusareas", "FocusArea").objects.create(strategy=strategy, number=1, name="Ledige", slug="a")
    measure = get("measures", "Measure").objects.create(code="ballerup-F1", name="Ledige", unit="antal")
    get("measures", "Measure").objects.create(code="ballerup-F1-SKOEN", name="Ledige (skøn)", unit="antal")
    indicator = get("indicators", "Indicator").objects.create(
        focus_area=area, strategy=strategy, measure=measure, code="F1", name="Ledige", direction="lower"
    )
    for quarter, source in ((1, "demo"), (2, "Demografisk opgørelse")):
        get("indicators", "Measurement").objects.create(
            indicator=indicator, year=2024, quarter=quarter, value=1, source=source
        )
        get("indicators", "Target").objects.create(
            indicator=indicator, year=2024, quarter=quarter, value_min=1, value_max=1, source=source
        )
    country = get("measures", "Area").objects.get(code="000")
    for number, source, release in (
        (1, "demo", ""),
        (2, "Jobindsats y01a02", "syntetisk"),
        (3, "demo-x", ""),
    ):
        get("measures", "OfficialValue").objects.create(
            measure=measure,
            area=country,
            year=2024,
            kind="Q",
            number=number,
            value=1,
            source=source,
            release=release,
        )
    rows = [{"code": "F1", "source": "demo"}, {"code": "F2", "source": "Jobindsats"}]
    get("reporting", "ReportSnapshot").objects.create(
        strategy=strategy, year=2024, quarter=1, data={"areas": [{"rows": rows}]}
    )


@pytest.fixture
def migrated():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        executor.loader.build_graph()
        _load_before(executor.loader.project_state(BEFORE).apps)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
        yield
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_rows_marked_demo_in_text_become_flagged_and_no_others(migrated):
    assert dict(Measurement.objects.values_list("quarter", "is_demo")) == {1: True, 2: False}
    assert dict(Target.objects.values_list("quarter", "is_demo")) == {1: True, 2: False}
    assert dict(OfficialValue.objects.values_list("number", "is_synthetic")) == {1: True, 2: True, 3: False}
    assert dict(Measure.objects.filter(code__startswith="ballerup").values_list("code", "is_estimate")) == {
        "ballerup-F1": False,
        "ballerup-F1-SKOEN": True,
    }
    rows = ReportSnapshot.objects.get().data["areas"][0]["rows"]
    assert [(row["code"], row["is_demo"]) for row in rows] == [("F1", True), ("F2", False)]
