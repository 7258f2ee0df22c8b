"""Hostile and out-of-range input, as reproduced against the portal: each answer is a clear refusal
(a message, a form error or 404), never a 500, and nothing is written."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from core.params import parse_id
from core.periods import Quarter
from indicators.locking import quarter_lock
from indicators.models import Indicator, Measurement, QuarterLock, Target, Unit
from measures.models import OfficialValue

from .. import factories

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
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


# Every admin page, swept with the values that broke pages before: a superscript digit (isdigit() but not a
# number), a NUL byte, a number too long for any column, a negative number and a quarter that does not exist.
HOSTILE = ["²", "\x00", "9" * 5000, "-1", "2024K9"]
APPROVAL = "/admin/indicators/measurement/godkendelse/"
BOARD = "/admin/indicators/measurement/overblik/"


def _models():
    from django.contrib import admin

    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _filter_parameters(request, model_admin) -> list[str]:
    """The query parameters of a changelist: its filters' own, search, ordering and page."""
    changelist = model_admin.get_changelist_instance(request)
    names = [name for spec in changelist.filter_specs for name in spec.expected_parameters()]
    return [*names, "q", "o", "p", "_to_field"]


@pytest.mark.parametrize(
    "model_admin", [ma for _m, ma in _models()], ids=[m._meta.label for m, _ma in _models()]
)
def test_every_changelist_filter_and_object_address_refuses_hostile_values(
    client, rf, superuser, world, model_admin
):
    client.raise_request_exception = False
    client.force_login(superuser)
    opts = model_admin.model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    request = rf.get(base)
    request.user = superuser
    failures = []
    for name in _filter_parameters(request, model_admin):
        for value in HOSTILE:
            if client.get(base, {name: value}).status_code >= 500:
                failures.append((name, value[:20]))
    for value in ("²", "%00", "9" * 5000, "-1"):
        for page in ("change/", "history/", "delete/"):
            if client.get(f"{base}{value}/{page}").status_code >= 500:
                failures.append((page, value[:20]))
    assert failures == [], failures


def _approval_post(world, **fields):
    return {"strategy": world["strategy"].pk, "quarter": "2024K3", "_approve": "1"} | fields


QUARTER_PAGES = [
    ("get", APPROVAL, lambda w, v: {"strategy": w["strategy"].pk, "quarter": "2024K3", "area": v}),
    ("get", APPROVAL, lambda w, v: {"strategy": v, "quarter": v}),
    ("post", APPROVAL, lambda w, v: _approval_post(w, area=v)),
    ("post", APPROVAL, lambda w, v: _approval_post(w, strategy=v, quarter=v)),
    ("post", APPROVAL, lambda w, v: _approval_post(w, figure=[v], **{f"version-{v}": v})),
    ("post", APPROVAL, lambda w, v: _approval_post(w, figure=[v], _return="1", note=v)),
    ("get", BOARD, lambda w, v: {"strategy": v, "quarter": v}),
    ("post", f"{BOARD}frist/", lambda w, v: {"strategy": v, "quarter": v, "due": v, "reason": v}),
    ("post", f"{BOARD}frist/", lambda w, v: {"strategy": w["strategy"].pk, "quarter": "2024K3", "due": v}),
    ("get", GRID, lambda w, v: {"strategy": v, "quarter": v}),
    ("post", GRID, lambda w, v: _grid(w, w["strategy"].pk, "2024K3") | {f"version-{w['f31'].pk}": v}),
    ("post", GRID, lambda w, v: _grid(w, w["strategy"].pk, "2024K3") | {f"value-{w['f31'].pk}": v}),
    ("post", LOCK, lambda w, v: {"strategy": v, "quarter": v, "incomplete_reason": v}),
    ("post", "/admin/indicators/measurement/kvartal/laas-op/", lambda w, v: {"strategy": v, "quarter": v}),
    ("get", "/admin/indicators/measurement/import/skabelon.xlsx", lambda w, v: {"strategy": v, "quarter": v}),
    ("post", IMPORT, lambda w, v: _csv("F3.1;2024;3;7;") | {"strategy": v, "dry_run": v}),
]


@pytest.mark.parametrize(
    ("method", "url", "data"), QUARTER_PAGES, ids=[f"{c[0]}-{c[1]}" for c in QUARTER_PAGES]
)
@pytest.mark.parametrize("value", HOSTILE, ids=["superscript", "nul", "long", "negative", "quarter"])
def test_the_quarter_pages_refuse_hostile_values(client, administrator, world, method, url, data, value):
    client.raise_request_exception = False
    client.force_login(administrator)
    factories.measurement(world["f31"], 2024, 3, 5, state="submitted")
    before = _written()
    response = getattr(client, method)(url, data(world, value))
    assert response.status_code < 500, response.content[:2000]
    assert _written() == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), ("²", None), ("\x00", None), ("9" * 19, None), ("-1", None), ("", None), (None, None)],
)
def test_an_id_is_plain_ascii_digits_that_fit_a_database_id(text, expected):
    assert parse_id(text) == expected


@pytest.mark.django_db
def test_a_nul_character_in_the_address_is_refused_in_danish_before_any_page_reads_it(client):
    # PostgreSQL refuses NUL in any text: a filter or an id carrying one used to end in a 500 there.
    for address in ("/?kvartal=2024K3%00", "/admin/measures/measure/?kind__exact=%00", "/indikatorer/F%00/"):
        response = client.get(address)
        assert response.status_code == 400
        assert "tegn, som portalen ikke kan læse" in response.content.decode()
