"""Hostile and out-of-range input, as reproduced against the portal: each answer is a clear refusal
(a message, a form error or 404), never a 500, and nothing is written."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.locking import quarter_lock
from indicators.models import Indicator, Measurement, QuarterLock, Target, Unit
from indicators.periods import Quarter
from measures.models import OfficialValue

from . import factories

pytestmark = pytest.mark.django_db
GRID = "/admin/indicators/measurement/kvartal/"
LOCK = "/admin/indicators/measurement/kvartal/laas/"
IMPORT = "/admin/indicators/measurement/import/"


@pytest.fixture
def world(settings, manager, administrator):
    settings.PUBLIC_DASHBOARD = True
    strategy = factories.strategy()
    settings.PORTAL_MUNICIPALITY = strategy.municipality.slug
    two, three = (factories.focus_area(strategy=strategy, number=n) for n in (2, 3))
    factories.assign(manager, two, three)
    f20 = factories.indicator(focus_area=two, code="F2.0", unit=Unit.COUNT, is_key_figure=True)
    f31 = factories.indicator(focus_area=three, code="F3.1", unit=Unit.COUNT)
    factories.measurement(f20, 2024, 1, 900, state="approved")
    factories.target(f31, 2024, 10)
    quarter_lock(user=administrator, strategy=strategy, quarter=Quarter(2024, 1))
    return {"strategy": strategy, "f20": f20, "f31": f31}


def _written():
    """Everything a refused request could have written."""
    return (
        sorted(
            Measurement.objects.values_list("indicator_id", "year", "quarter", "value", "state", "version")
        ),
        sorted(Target.objects.values_list("indicator_id", "year", "quarter", "value_min")),
        sorted(OfficialValue.objects.values_list("measure_id", "area_id", "year", "kind", "number", "value")),
        sorted(QuarterLock.objects.values_list("strategy_id", "year", "quarter", "is_locked")),
        sorted(Indicator.objects.values_list("code", "focus_area_id")),
        get_user_model().objects.count(),
    )


def _csv(*rows):
    text = "indikator;år;kvartal;værdi;kommentar\n" + "\n".join(rows) + "\n"
    return {"file": SimpleUploadedFile("tal.csv", text.encode()), "dry_run": ""}


def _figure(world, year, quarter):
    return {"indicator": world["f31"].pk, "year": year, "quarter": quarter, "value": "5", "version": 0}


def _grid(world, strategy, quarter):
    pk = world["f31"].pk
    return {"strategy": strategy, "quarter": quarter, f"value-{pk}": "5", f"initial-value-{pk}": ""}


def _target(world, year):
    return {"indicator": world["f31"].pk, "year": year, "value_min": "5", "reason": "Test"}


def _indicator(world, code):
    return {
        "focus_area": world["f31"].focus_area_id, "code": code, "name": "Ny", "unit": "antal",
        "direction": "lower", "decimals": 0, "measure_type": "level", "tolerance_pct": "5", "order": 0,
        "targets-TOTAL_FORMS": 0, "targets-INITIAL_FORMS": 0,
    }  # fmt: skip


# (item in the report, who, method, address, data built from the world)
CASES = [
    *[("a", "manager", "get", f"{GRID}?quarter=1900K{q}", None) for q in range(1, 5)],
    ("a", "manager", "get", f"{GRID}?quarter=3000K1", None),
    ("b", "manager", "get", f"{GRID}?strategy=²", None),
    ("b", "manager", "get", "/admin/indicators/measurement/import/skabelon.xlsx?strategy=²", None),
    ("b", "administrator", "post", LOCK, lambda w: {"strategy": "²", "quarter": "2024K2"}),
    ("b", "manager", "post", GRID, lambda w: _grid(w, "²", "2024K2")),
    *[("c", "manager", "post", "/admin/indicators/measurement/add/", lambda w, y=y: _figure(w, y, 1))
      for y in (5000, 1899, 1900, 32767, 99999)],
    ("d", "manager", "post", "/admin/indicators/measurement/add/", lambda w: _figure(w, 2999, 4)),
    ("d", "manager", "post", GRID, lambda w: _grid(w, w["strategy"].pk, "2999K4")),
    ("d", "manager", "post", IMPORT, lambda w: _csv("F3.1;2999;4;5;")),
    ("e", "manager", "post", IMPORT, lambda w: _csv("F3.1;2024;3;7;a\x00b")),
    ("f", "manager", "post", IMPORT, lambda w: _csv(f"F3.1;{'9' * 5000};3;7;")),
    ("f", "manager", "post", IMPORT, lambda w: _csv(f"F3.1;2024;{'9' * 5000};7;")),
    *[("g", "administrator", "post", LOCK, lambda w, q=q: {"strategy": w["strategy"].pk, "quarter": q})
      for q in ("2999K4", "1900K1", "1900K4")],
    *[("h", "administrator", "post", "/admin/indicators/target/add/", lambda w, y=y: _target(w, y))
      for y in (5000, 1899, 40000)],
    *[("i", "administrator", "post", "/admin/measures/officialvalue/add/",
       lambda w, p=p: {"measure": w["f31"].measure_id, "area": 1, "period": p, "value": "5", "reason": "x"})
      for p in ("5000Q1", "2024Q9", "2024M13", "1899", "2024QMAT05", "2024Q1\x00")],
    ("j", "manager", "get", "/admin/indicators/measurement/?state=%00", None),
    *[("k", "committee_member", "get", url, None)
      for url in ("/indikatorer/%00/", "/indikatorer/F2.0%00/", "/indikatorer/%00/tal.csv")],
    ("k", "committee_member", "get", "/oversigt/1899/4/", None),
    ("k", "committee_member", "get", "/rapport/99999/1/", None),
    ("l", None, "post", "/accounts/login/", lambda w: {"username": "x" * 256, "password": "forkert"}),
    ("l", None, "post", "/admin/login/", lambda w: {"username": "x" * 300, "password": "forkert"}),
    ("m", "manager", "get", "/accounts/login/?next=/accounts/login/", None),
    *[("o", "administrator", "post", "/admin/indicators/indicator/add/", lambda w, c=c: _indicator(w, c))
      for c in ("F4/9", "F4*", "F4?", "F4:1", "F4[1]", "F4\\1", "F4\n1", "f2.0", "F2.0 ")],
]  # fmt: skip


@pytest.mark.parametrize(
    ("item", "who", "method", "url", "data"), CASES, ids=[f"{c[0]}-{c[3][:60]}" for c in CASES]
)
def test_hostile_input_is_refused_without_a_500_and_without_a_write(
    request, client, world, item, who, method, url, data
):
    client.raise_request_exception = False
    if who:
        client.force_login(request.getfixturevalue(who))
    before = _written()
    response = getattr(client, method)(url, data(world) if data else None)
    assert response.status_code < 500, response.content[:2000]
    assert _written() == before
    if method == "post" and response.status_code == 302:
        # A refusal that redirects says why on the next page.
        follow = client.get(response["Location"])
        assert follow.status_code < 500
