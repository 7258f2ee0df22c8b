"""Nothing of a locked quarter changes by any path: inline deletes, cascades, moving an indicator,
annual targets that judge a locked quarter, and bulk deletes."""

import logging

import pytest
from django.db import transaction

from core.periods import Quarter
from focusareas.models import FocusArea, Strategy
from indicators.locking import LockedQuarterError, quarter_lock
from indicators.models import Indicator, Measurement, Target

from .. import factories

pytestmark = pytest.mark.django_db
LOCKED = Quarter(2024, 3)
APPROVED = Measurement.State.APPROVED


@pytest.fixture
def world(administrator):
    strategy = factories.strategy()
    area = factories.focus_area(strategy=strategy, number=2)
    locked = factories.indicator(focus_area=area, code="F2.4", name="Låst")
    free = factories.indicator(focus_area=area, code="F2.5", name="Fri")
    factories.measurement(locked, 2024, 3, 40, state=APPROVED)
    factories.target(locked, 2024, 35, quarter=3)
    factories.measurement(free, 2024, 4, 10)
    quarter_lock(user=administrator, strategy=strategy, quarter=LOCKED)
    return {"strategy": strategy, "area": area, "locked": locked, "free": free}


def _inline(prefix, rows, fields):
    data = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": len(rows),
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for n, (row, delete) in enumerate(rows):
        data |= {f"{prefix}-{n}-{name}": value(row) for name, value in fields.items()}
        if delete:
            data[f"{prefix}-{n}-DELETE"] = "on"
    return data


INDICATOR_FIELDS = {
    "id": lambda i: i.pk,
    "focus_area": lambda i: i.focus_area_id,
    "code": lambda i: i.code,
    "name": lambda i: i.name,
    "measure": lambda i: i.measure_id,
    "direction": lambda i: i.direction,
}


def _area_form(area, deletes):
    data = {"strategy": area.strategy_id, "number": area.number, "name": area.name, "slug": area.slug}
    rows = [(indicator, indicator.pk in deletes) for indicator in area.indicators.order_by("pk")]
    return data | _inline("indicators", rows, INDICATOR_FIELDS)


def test_ticking_delete_on_an_indicator_row_with_locked_figures_is_refused(client, administrator, world):
    client.force_login(administrator)
    area = world["area"]
    response = client.post(
        f"/admin/focusareas/focusarea/{area.pk}/change/", _area_form(area, {world["locked"].pk})
    )
    assert response.status_code == 200
    assert "låst kvartal" in response.content.decode()
    assert Indicator.objects.filter(pk=world["locked"].pk).exists()
    assert Measurement.objects.filter(indicator=world["locked"]).count() == 1
    assert Target.objects.filter(indicator=world["locked"]).count() == 1


def test_an_indicator_row_without_locked_figures_may_still_be_deleted(client, administrator, world):
    client.force_login(administrator)
    area = world["area"]
    response = client.post(
        f"/admin/focusareas/focusarea/{area.pk}/change/", _area_form(area, {world["free"].pk})
    )
    assert response.status_code == 302
    assert not Indicator.objects.filter(pk=world["free"].pk).exists()


def test_ticking_delete_on_a_focus_area_row_with_locked_figures_is_refused(client, administrator, world):
    client.force_login(administrator)
    strategy = world["strategy"]
    data = {
        "municipality": strategy.municipality_id,
        "title": strategy.title,
        "status": strategy.status,
        "principles-TOTAL_FORMS": 0,
        "principles-INITIAL_FORMS": 0,
    } | _inline(
        "focus_areas",
        [(world["area"], True)],
        {"id": lambda a: a.pk, "strategy": lambda a: a.strategy_id, "number": lambda a: a.number,
         "name": lambda a: a.name, "slug": lambda a: a.slug},
    )  # fmt: skip
    response = client.post(f"/admin/focusareas/strategy/{strategy.pk}/change/", data)
    assert response.status_code == 200
    assert "låst kvartal" in response.content.decode()
    assert FocusArea.objects.filter(pk=world["area"].pk).exists()
    assert Measurement.objects.filter(indicator=world["locked"]).exists()


@pytest.mark.parametrize(
    "delete",
    [
        lambda world: world["locked"].delete(),
        lambda world: world["area"].delete(),
        lambda world: Strategy.objects.filter(pk=world["strategy"].pk).delete(),
        lambda world: Measurement.objects.filter(indicator=world["locked"]).delete(),
        lambda world: Target.objects.filter(indicator=world["locked"]).delete(),
    ],
    ids=["indicator", "focus area", "strategy", "actuals", "targets"],
)
def test_no_cascade_deletes_a_figure_of_a_locked_quarter(world, delete):
    with pytest.raises(LockedQuarterError, match="låst kvartal"), transaction.atomic():
        delete(world)
    assert Measurement.objects.filter(indicator=world["locked"], year=2024, quarter=3).exists()
    assert Target.objects.filter(indicator=world["locked"]).exists()


def test_an_indicator_with_locked_figures_cannot_be_moved_to_another_strategy(client, administrator, world):
    elsewhere = factories.focus_area(number=9)
    locked = world["locked"]
    client.force_login(administrator)
    data = {
        "focus_area": elsewhere.pk,
        "code": locked.code,
        "name": locked.name,
        "unit": locked.measure.unit,
        "direction": locked.direction,
        "decimals": 0,
        "measure_type": locked.measure.measure_type,
        "tolerance_pct": "5",
        "order": 0,
        "targets-TOTAL_FORMS": 0,
        "targets-INITIAL_FORMS": 0,
    }
    response = client.post(f"/admin/indicators/indicator/{locked.pk}/change/", data)
    assert response.status_code == 200
    assert "kan ikke flyttes" in response.content.decode()
    locked.refresh_from_db()
    assert locked.focus_area_id == world["area"].pk


def test_an_indicator_without_locked_figures_may_be_moved(world):
    free = world["free"]
    free.focus_area = factories.focus_area(number=9)
    free.full_clean()


def test_a_target_deleted_with_its_indicator_carries_a_reason(world):
    factories.target(world["free"], 2025, 12)
    world["free"].delete()
    history = Target.history.filter(history_type="-").get()
    assert history.history_change_reason == "Slettet sammen med indikatoren F2.5"


def test_a_bulk_delete_of_actuals_writes_an_audit_line_per_figure(
    client, administrator, world, caplog, django_capture_on_commit_callbacks
):
    figure = Measurement.objects.get(indicator=world["free"])
    client.force_login(administrator)
    caplog.set_level(logging.INFO, logger="strategy_portal.audit")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/indicators/measurement/",
            {"action": "delete_selected", "_selected_action": [figure.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Measurement.objects.filter(pk=figure.pk).exists()
    assert [r.figure for r in caplog.records if r.action == "figure_deleted"] == ["F2.5 2024K4"]
