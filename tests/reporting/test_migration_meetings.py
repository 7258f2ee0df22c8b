"""The migration that records decisions on meetings: a meeting per strategy and meeting date, for the quarter
its decisions were about, so that the cases show the same decisions as before, now on their meetings."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reporting.models import Decision, Meeting

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("reporting", "0008_meetings_and_sign_off")]
AFTER = [("reporting", "0010_decision_meeting_required")]


def _load_before(apps) -> None:
    get = apps.get_model
    municipality = get("focusareas", "Municipality").objects.create(name="Ballerup", slug="ballerup")
    strategy = get("focusareas", "Strategy").objects.create(
        municipality=municipality, title="Strategi", status="in_force"
    )
    Decision = get("reporting", "Decision")
    for day, quarter, text in [
        (date(2024, 5, 14), 1, "Taget til efterretning."),
        (date(2024, 5, 14), 1, "Udvalget ønsker at følge udviklingen tæt."),
        (date(2024, 10, 8), 2, "Taget til efterretning med en bemærkning."),
    ]:
        Decision.objects.create(strategy=strategy, year=2024, quarter=quarter, meeting_date=day, text=text)


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


def test_each_meeting_date_becomes_a_meeting_for_its_decisions_quarter(migrated):
    meetings = Meeting.objects.order_by("date").values_list("date", "year", "quarter")
    assert list(meetings) == [(date(2024, 5, 14), 2024, 1), (date(2024, 10, 8), 2024, 2)]
    by_meeting = {d.text: d.meeting.date for d in Decision.objects.select_related("meeting")}
    assert by_meeting["Udvalget ønsker at følge udviklingen tæt."] == date(2024, 5, 14)
    assert by_meeting["Taget til efterretning med en bemærkning."] == date(2024, 10, 8)
