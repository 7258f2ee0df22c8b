"""Every admin page and write the roles touch, for every role: allowed ones work, others change nothing."""

import io

import pytest
from django.contrib.auth.models import User

from core import roles
from core.periods import Quarter
from focusareas.models import FocusArea, Strategy
from indicators.locking import quarter_lock
from indicators.models import Indicator, Measurement, QuarterLock, ReportingDeadline, Target, Unit

from .. import factories

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "committee", "manager_assigned", "manager_not_assigned", "administrator"]
STAFF = {"manager_assigned", "manager_not_assigned", "administrator"}
ENTERS_AREA_2 = {"manager_assigned", "administrator"}
ADMIN = {"administrator"}
Q = Quarter(2024, 3)


@pytest.fixture
def world(settings):
    strategy = factories.strategy(municipality=factories.municipality(slug=settings.PORTAL_MUNICIPALITY))
    two = factories.focus_area(strategy=strategy, number=2, name="Forsikrede ledige borgere")
    assigned = factories.user("leder-2", role=roles.MANAGER, is_staff=True)
    factories.assign(assigned, two)
    indicator = factories.indicator(focus_area=two, code="F2.0", unit=Unit.FULL_TIME_PERSONS)
    return {
        "strategy": strategy,
        "area": two,
        "indicator": indicator,
        "target": factories.target(indicator, 2024, 850),
        "draft": factories.measurement(indicator, 2024, 2, 900),
        "submitted": factories.measurement(indicator, 2024, 1, 910, state="submitted"),
        "users": {
            "anonymous": None,
            "committee": factories.user("udvalg-1", role=roles.COMMITTEE_MEMBER),
            "manager_assigned": assigned,
            "manager_not_assigned": factories.user("leder-9", role=roles.MANAGER, is_staff=True),
            "administrator": factories.user("admin-1", role=roles.ADMINISTRATOR, is_staff=True),
        },
    }


PAGES = [
    ("/admin/", STAFF),
    ("/admin/indicators/measurement/kvartal/", STAFF),
    ("/admin/indicators/measurement/import/", STAFF),
    ("/admin/indicators/measurement/import/skabelon.xlsx", STAFF),
    ("/admin/indicators/measurement/", STAFF),
    ("/admin/indicators/target/", STAFF),
    ("/admin/indicators/indicator/", STAFF),
    ("/admin/indicators/quarterlock/", STAFF),
    ("/admin/focusareas/strategy/", STAFF),
    ("/admin/focusareas/focusarea/", STAFF),
    ("/admin/auth/user/", ADMIN),
    ("/admin/indicators/measurement/godkendelse/", ADMIN),
    ("/admin/indicators/measurement/overblik/", ADMIN),
    ("/admin/indicators/reportingdeadline/", STAFF),
    ("/admin/indicators/reportingdeadline/add/", set()),  # moved on the board, with a reason
    ("/admin/indicators/target/add/", ADMIN),
    ("/admin/indicators/indicator/add/", ADMIN),
    ("/admin/focusareas/strategy/add/", ADMIN),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "allowed"), PAGES, ids=[page[0] for page in PAGES])
def test_each_role_sees_only_its_admin_pages(client, world, role, url, allowed):
    if world["users"][role]:
        client.force_login(world["users"][role])
    response = client.get(url)
    if role in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"]


def _grid(world):
    pk = world["indicator"].pk
    return "/admin/indicators/measurement/kvartal/", {
        "strategy": world["strategy"].pk,
        "quarter": Q.code,
        f"value-{pk}": "905",
        f"initial-value-{pk}": "",
        f"commentary-{pk}": "",
        f"initial-commentary-{pk}": "",
        f"version-{pk}": "0",
    }


def _change_figure(world):
    draft = world["draft"]
    return f"/admin/indicators/measurement/{draft.pk}/change/", {
        "value": "950",
        "commentary": "",
        "version": 1,
    }


def _add_figure(world):
    data = {"indicator": world["indicator"].pk, "year": 2024, "quarter": 3, "value": "905", "version": 0}
    return "/admin/indicators/measurement/add/", data


def _import(world):
    upload = io.BytesIO("indikator;år;kvartal;værdi\nF2.0;2024;3;905\n".encode())
    upload.name = "tal.csv"
    return "/admin/indicators/measurement/import/", {"file": upload, "strategy": world["strategy"].pk}


def _action(name, figure, **extra):
    def build(world):
        return "/admin/indicators/measurement/", {
            "action": name,
            "_selected_action": [world[figure].pk],
            f"version-{world[figure].pk}": world[figure].version,
        } | extra

    return build


def _approval_page(action, **extra):
    def build(world):
        figure = world["submitted"]
        data = {"strategy": world["strategy"].pk, "quarter": "2024K1", "figure": [figure.pk]}
        data[f"version-{figure.pk}"] = figure.version
        return "/admin/indicators/measurement/godkendelse/", data | {action: "1"} | extra

    return build


def _lock(world):
    return "/admin/indicators/measurement/kvartal/laas/", {
        "strategy": world["strategy"].pk,
        "quarter": Q.code,
    }


def _unlock(world):
    quarter_lock(user=world["users"]["administrator"], strategy=world["strategy"], quarter=Q)
    data = {"strategy": world["strategy"].pk, "quarter": Q.code, "reason": "Rettelse"}
    return "/admin/indicators/measurement/kvartal/laas-op/", data


def _target(world):
    target = world["target"]
    data = {"indicator": world["indicator"].pk, "year": 2024, "value_min": "800", "reason": "Nyt budget"}
    return f"/admin/indicators/target/{target.pk}/change/", data


def _add_target(world):
    data = {"indicator": world["indicator"].pk, "year": 2025, "value_min": "800", "reason": "Budget 2025"}
    return "/admin/indicators/target/add/", data


def _indicator(world):
    indicator = world["indicator"]
    data = {
        "focus_area": indicator.focus_area_id,
        "code": "F2.0",
        "name": "Omdøbt",
        "measure": indicator.measure_id,
        "direction": indicator.direction,
        "tolerance_pct": "5",
        "order": 0,
        "targets-TOTAL_FORMS": 1,
        "targets-INITIAL_FORMS": 1,
        "targets-MIN_NUM_FORMS": 0,
        "targets-MAX_NUM_FORMS": 1000,
        "targets-0-id": world["target"].pk,
        "targets-0-indicator": indicator.pk,
    }
    return f"/admin/indicators/indicator/{indicator.pk}/change/", data


def _assign(world):
    area = world["area"]
    data = {
        "strategy": area.strategy_id,
        "number": area.number,
        "name": area.name,
        "slug": area.slug,
        "managers": [world["users"]["manager_not_assigned"].pk, world["users"]["manager_assigned"].pk],
        "indicators-TOTAL_FORMS": 1,
        "indicators-INITIAL_FORMS": 1,
        "indicators-MIN_NUM_FORMS": 0,
        "indicators-MAX_NUM_FORMS": 1000,
        "indicators-0-id": world["indicator"].pk,
        "indicators-0-focus_area": area.pk,
        "indicators-0-code": "F2.0",
        "indicators-0-name": world["indicator"].name,
        "indicators-0-measure": world["indicator"].measure_id,
        "indicators-0-direction": world["indicator"].direction,
    }
    return f"/admin/focusareas/focusarea/{area.pk}/change/", data


def _strategy(world):
    strategy = world["strategy"]
    data = {
        "municipality": strategy.municipality_id,
        "title": "Ny titel",
        "status": strategy.status,
        "adopted_precision": strategy.adopted_precision,
        "principles-TOTAL_FORMS": 0,
        "principles-INITIAL_FORMS": 0,
        "focus_areas-TOTAL_FORMS": 0,
        "focus_areas-INITIAL_FORMS": 0,
    }
    return f"/admin/focusareas/strategy/{strategy.pk}/change/", data


def _add_user(world):
    data = {
        "username": "ny-leder",
        "password1": "Et-sikkert-kodeord-42",
        "password2": "Et-sikkert-kodeord-42",
    }
    data["usable_password"] = "true"
    return "/admin/auth/user/add/", data


def _move_deadline(world):
    data = {"strategy": world["strategy"].pk, "quarter": Q.code, "due": "2024-11-12"}
    data["reason"] = "Mødet er flyttet"
    return "/admin/indicators/measurement/overblik/frist/", data


def _delete_figure(world):
    return f"/admin/indicators/measurement/{world['draft'].pk}/delete/", {"post": "yes"}


def _state(world):
    """Everything a write in the matrix could change."""
    return (
        sorted(Measurement.objects.values_list("pk", "year", "quarter", "value", "state", "review_note")),
        sorted(Target.objects.values_list("pk", "year", "value_min")),
        sorted(QuarterLock.objects.values_list("year", "quarter", "is_locked")),
        list(Indicator.objects.values_list("name", flat=True)),
        list(Strategy.objects.values_list("title", flat=True)),
        sorted(FocusArea.objects.get(pk=world["area"].pk).managers.values_list("username", flat=True)),
        User.objects.count(),
        list(ReportingDeadline.objects.values_list("year", "quarter", "due")),
    )


WRITES = [
    ("enter figures in the grid", _grid, ENTERS_AREA_2),
    ("change a figure", _change_figure, ENTERS_AREA_2),
    ("add a figure", _add_figure, ENTERS_AREA_2),
    ("import figures", _import, ENTERS_AREA_2),
    ("submit a draft", _action("submit_selected", "draft"), ENTERS_AREA_2),
    ("approve a figure", _action("approve_selected", "submitted"), ADMIN),
    ("return a figure", _action("return_selected", "submitted", note="Ret"), ADMIN),
    ("approve on the approval page", _approval_page("_approve"), ADMIN),
    ("approve all on the approval page", _approval_page("_approve_all"), ADMIN),
    ("return on the approval page", _approval_page("_return", note="Ret"), ADMIN),
    ("delete a figure", _delete_figure, ADMIN),
    ("lock a quarter", _lock, ADMIN),
    ("unlock a quarter", _unlock, ADMIN),
    ("move a deadline on the board", _move_deadline, ADMIN),
    ("change a target", _target, ADMIN),
    ("add a target", _add_target, ADMIN),
    ("change an indicator", _indicator, ADMIN),
    ("change a strategy", _strategy, ADMIN),
    ("assign managers to a focus area", _assign, ADMIN),
    ("add a user", _add_user, ADMIN),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "build", "allowed"), WRITES, ids=[write[0] for write in WRITES])
def test_each_role_may_write_only_what_its_role_allows(client, world, role, action, build, allowed):
    url, data = build(world)
    before = _state(world)
    if world["users"][role]:
        client.force_login(world["users"][role])
    response = client.post(url, data)
    after = _state(world)
    if role in allowed:
        assert after != before, f"{role} could not {action}: {response.status_code}"
        assert response.status_code in (200, 302)
    else:
        assert after == before, f"{role} could {action}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("build", [_action("approve_selected", "submitted"), _approval_page("_approve")])
def test_nobody_approves_a_figure_they_entered_or_last_changed(client, world, role, build):
    user = world["users"][role]
    Measurement.objects.filter(pk=world["submitted"].pk).update(entered_by=user)
    url, data = build(world)
    if user:
        client.force_login(user)
    client.post(url, data)
    assert Measurement.objects.get(pk=world["submitted"].pk).state == Measurement.State.SUBMITTED
