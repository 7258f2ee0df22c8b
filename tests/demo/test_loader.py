"""The demo data: complete, faithful to the catalogue and the seeds, and safe to load twice."""

import csv
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from core import permissions, roles
from demo.loader import DEMO_PASSWORD, FIXTURES, demo_load
from focusareas.models import FocusArea, Municipality, Principle, Strategy
from indicators.models import Indicator, Measurement, Target
from indicators.review import may_approve_figure
from measures.models import Measure, OfficialValue
from measures.periods import Period

MODELS = [
    Municipality,
    Strategy,
    Principle,
    FocusArea,
    Indicator,
    Target,
    Measurement,
    Measure,
    OfficialValue,
]
UNITS = {"pct": "pct", "antal": "antal", "fuldtidspersoner": "fuldtidspersoner", "uger": "uger"}
DIRECTIONS = {"lavere": "lower", "højere": "higher"}


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    """The demo loaded once for the tests that only read it; rolled back after the module."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with fast, django_db_blocker.unblock(), transaction.atomic():
        yield demo_load()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(_loaded_once, db):
    return _loaded_once


def actual(code: str, year: int, quarter: int) -> Measurement:
    return Measurement.objects.get(
        indicator__focus_area__strategy=Strategy.objects.in_force_for("ballerup"),
        indicator__code=code,
        year=year,
        quarter=quarter,
    )


def table_sizes() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_every_focus_area_has_exactly_one_key_figure(loaded):
    for focus_area in FocusArea.objects.all():
        assert focus_area.indicators.filter(is_key_figure=True).count() == 1, focus_area


def test_every_catalogue_indicator_is_loaded_as_defined(loaded):
    with open(FIXTURES / "indicators_catalogue.csv", encoding="utf-8", newline="") as file:
        catalogue = list(csv.DictReader(file, delimiter=";"))
    strategy = Strategy.objects.in_force_for("ballerup")

    assert len(catalogue) == 23
    for row in catalogue:
        indicator = Indicator.objects.get(focus_area__strategy=strategy, code=row["kode"])
        assert indicator.name == row["navn"]
        assert indicator.measure.unit == UNITS.get(row["enhed"], row["enhed"])
        assert indicator.direction == DIRECTIONS[row["retning"]]
        assert indicator.is_key_figure == (row["noegletal"] == "ja")
        assert indicator.focus_area.number == int(row["fokusomraade_nr"])
        assert indicator.focus_area.name == row["fokusomraade"]
        assert indicator.definition_source == "demo"


def test_the_benchmark_figures_of_the_committee_meeting_are_real(loaded):
    difference = actual("F1.0", 2024, 2)
    rank = actual("F1.1", 2024, 2)

    assert difference.value == Decimal("-220")
    assert rank.value == Decimal("2")
    for measurement in (difference, rank):
        assert measurement.source.startswith("seed 003")
        assert measurement.state == Measurement.State.APPROVED
        assert "3. kvt. 2023 – 2. kvt. 2024" in measurement.commentary


def test_sickness_benefit_rose_about_eight_percent_to_just_under_900(loaded):
    now, year_before = actual("F3.0", 2024, 2), actual("F3.0", 2023, 2)

    assert Decimal("850") <= now.value <= Decimal("900")
    assert now.value - year_before.value == pytest.approx(65, abs=5)
    assert now.value / year_before.value == pytest.approx(Decimal("1.08"), abs=Decimal("0.01"))
    assert now.source.startswith("seed 003")
    # 815 is worked out from the minutes' +8 %, not a figure of theirs: it is demo and says so.
    assert (year_before.source, year_before.is_demo) == ("demo", True)
    assert year_before.commentary.startswith("Afledt demotal")


def test_paid_hours_and_social_free_card_come_from_the_minutes(loaded):
    assert actual("F3.2", 2024, 2).value == Decimal("6")
    assert actual("F3.3", 2024, 3).value == Decimal("55")
    assert actual("F3.3", 2024, 3).source.startswith("seed 003")


def test_invented_figures_say_so(loaded):
    sources = set(Measurement.objects.values_list("source", flat=True))
    sources |= set(Target.objects.values_list("source", flat=True))
    sources |= set(OfficialValue.objects.values_list("source", flat=True))

    assert all(source == "demo" or source.startswith("seed 00") for source in sources)
    assert Measurement.objects.filter(source="demo").exists()


def test_the_2018_plan_keeps_realised_expected_and_target_apart(loaded):
    plan = Strategy.objects.get(municipality__slug="ballerup", title="Beskæftigelsesplan 2018")
    internships = Indicator.objects.get(focus_area__strategy=plan, code="P18.4")

    realised = internships.measurements.get()
    assert (realised.year, realised.quarter, realised.value) == (2016, 4, Decimal("320"))
    assert realised.commentary == "Realiseret 2016 (årsniveau)"
    estimate = internships.measure.expected
    assert (estimate.code, estimate.name) == ("ballerup-P18.4-SKOEN", f"{internships.name} (forventet, skøn)")
    expected = estimate.values.get(area__code="151")
    assert (expected.period, expected.value) == (Period.parse("2017Q4"), Decimal("250"))
    target = internships.targets.get(year=2018, quarter=None)
    assert (target.value_min, target.value_max) == (Decimal("300"), Decimal("320"))
    assert set(internships.breakdowns.values_list("code", flat=True)) == {"P18.5", "P18.6"}
    assert plan.status == Strategy.Status.REPLACED


def test_each_municipality_has_one_strategy_in_force(loaded):
    for slug in ("ballerup", "rudersdal"):
        assert Strategy.objects.in_force_for(slug) is not None
    assert Strategy.objects.in_force_for("ballerup").principles.count() == 4
    assert Strategy.objects.in_force_for("rudersdal").focus_areas.count() == 6


def test_the_strategies_are_dated_as_their_sources_date_them(loaded):
    in_force = Strategy.objects.in_force_for("ballerup")
    assert in_force.adopted_label == "november 2020"  # "Vedtaget november 2020": no day is invented
    assert str(in_force.revised) == "2022-11-15"  # adopted by the committee that day (the minutes)
    plan = Strategy.objects.get(title="Beskæftigelsesplan 2018")
    assert plan.adopted is None  # 16 August 2017 the committee decided to prepare it
    assert "16. august 2017, at der udarbejdes en beskæftigelsesplan" in plan.text


def test_the_latest_quarter_has_drafts_and_submitted_figures(loaded):
    latest = Measurement.objects.filter(year=2024, quarter=3)

    assert latest.filter(state=Measurement.State.DRAFT).exists()
    assert latest.filter(state=Measurement.State.SUBMITTED).exists()
    earlier = Measurement.objects.exclude(year=2024, quarter=3)
    assert not earlier.exclude(state=Measurement.State.APPROVED).exists()


def test_demo_users_have_their_roles_and_password(loaded):
    users = get_user_model().objects

    for username, role in [
        ("udvalg", roles.COMMITTEE_MEMBER),
        ("leder", roles.MANAGER),
        ("administrator", roles.ADMINISTRATOR),
    ]:
        user = users.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.check_password(DEMO_PASSWORD)
        assert user.get_full_name()
        assert not user.is_superuser
    assert users.get(username="administrator").is_staff


def test_demo_users_have_addresses_and_a_second_administrator_approves_the_firsts_figures(loaded):
    users = get_user_model().objects
    addresses = dict(users.values_list("username", "email"))
    for username in ["udvalg", "leder", "administrator", "administrator2"]:
        assert addresses[username] == f"{username}@ballerup.example"
    second = users.get(username="administrator2")
    assert list(second.groups.values_list("name", flat=True)) == [roles.ADMINISTRATOR]
    assert second.check_password(DEMO_PASSWORD) and second.is_staff and not second.is_superuser
    # Four eyes can be tried: what one administrator enters, the other may approve.
    first = users.get(username="administrator")
    figure = actual("F1.0", 2021, 1)
    figure.entered_by = first
    assert permissions.may_approve(second) and may_approve_figure(second, figure)
    assert not may_approve_figure(first, figure)


def test_leder_manages_focus_areas_2_and_3_only(loaded):
    leder = get_user_model().objects.get(username="leder")
    strategy = Strategy.objects.in_force_for("ballerup")

    assert sorted(leder.assigned_focus_areas.values_list("strategy", "number")) == [
        (strategy.pk, 2),
        (strategy.pk, 3),
    ]


def test_every_demo_indicator_has_its_measure(loaded):
    strategy = Strategy.objects.in_force_for("ballerup")
    chosen = dict(Indicator.objects.filter(strategy=strategy).values_list("code", "measure__code"))
    assert (chosen["F1.0"], chosen["F1.1"], chosen["F2.0"]) == (
        "BM-FORSKEL-IALT",
        "BM-PLACERING-IALT",
        "Y01A02-FULDTID",
    )
    assert chosen["F2.1"] == "ballerup-F2.1"
    assert not Indicator.objects.filter(measure=None).exists()
    assert Indicator.objects.get(code="R5.0").measure.measure_type == "flow"


def test_the_benchmark_figures_of_the_minutes_are_stored_as_ballerups_official_values(loaded):
    seed = "seed 003: udvalgsmøde 8. okt. 2024"
    stored = {
        (value.measure.code, str(value.period)): value.value
        for value in OfficialValue.objects.filter(
            area__code="151", source=seed, measure__table="y30r21"
        ).select_related("measure")
    }
    groups = {"IALT": (2, 2, -220), "ADAGPENGE": (22, 10, -60), "KONTANTHJAELP": (6, 8, -130),
              "SYGEDAGPENGE": (12, 20, -30)}  # fmt: skip
    for group, (then, now, difference) in groups.items():
        assert stored[f"BM-PLACERING-{group}", "2024QMAT01"] == then
        assert stored[f"BM-PLACERING-{group}", "2024QMAT02"] == now
        assert stored[f"BM-FORSKEL-{group}", "2024QMAT02"] == difference
    assert len(stored) == 12


def test_no_derived_value_poses_as_the_seeds_and_no_benchmark_compares_unlike_groups(loaded):
    assert not OfficialValue.objects.filter(source__contains="afledt").exists()
    assert not OfficialValue.objects.filter(value__in=[560, 910], source__startswith="seed").exists()
    strategy = Strategy.objects.in_force_for("ballerup")
    expected = dict(
        Indicator.objects.filter(strategy=strategy, code__in=["F2.0", "F3.0", "F4.0"]).values_list(
            "code", "measure__expected__code"
        )
    )
    # The benchmark's own group: a-dagpenge mv.; sygedagpenge mv. is sygedagpenge and jobafklaring, as F3.0.
    assert expected == {"F2.0": "BM-FORVENTET-ADAGPENGE", "F3.0": "BM-FORVENTET-SYGEDAGPENGE", "F4.0": None}


def test_invented_figures_targets_and_official_values_are_marked_and_the_seeds_are_not(loaded):
    for model, mark in ((Measurement, "is_demo"), (Target, "is_demo"), (OfficialValue, "is_synthetic")):
        marked = dict(model.objects.values_list("pk", mark))
        invented = set(model.objects.filter(source="demo").values_list("pk", flat=True))
        assert invented and {pk for pk, flag in marked.items() if flag} == invented, model
    assert Measurement.objects.filter(source__startswith="seed", is_demo=False).exists()


def test_reconstructed_definitions_and_estimates_are_marked(loaded):
    reconstructed = Indicator.objects.filter(definition_is_demo=True)
    assert reconstructed.exists() and not reconstructed.exclude(definition_source="demo").exists()
    estimates = set(Measure.objects.filter(is_estimate=True).values_list("code", flat=True))
    assert estimates and estimates == set(
        Measure.objects.filter(code__endswith="-SKOEN").values_list("code", flat=True)
    )


def test_the_minutes_august_figure_is_a_preliminary_internal_figure_and_the_rest_are_own(loaded):
    """F3.0 3. kvt. 2024 is a count before the official release (the minutes' "seneste foreløbige interne
    tal"); its 858 is worked out from a demo figure, so it is demo. The other figures are the
    municipality's own."""
    from indicators.basis import Basis

    august = actual("F3.0", 2024, 3)
    assert august.basis == Basis.PRELIMINARY
    assert (august.value, august.source, august.is_demo) == (858, "demo", True)
    assert august.commentary.startswith("Afledt demotal")
    others = Measurement.objects.exclude(pk=actual("F3.0", 2024, 3).pk)
    assert set(others.values_list("basis", flat=True)) == {Basis.OWN}
    approved = Measurement.objects.filter(state="approved")
    assert set(approved.values_list("published_basis", flat=True)) == {Basis.OWN}


def test_f3_0s_definition_defines_it(loaded):
    """The Definition box says what is counted; the case's background belongs to the case, not there."""
    f3 = Indicator.objects.get(code="F3.0", focus_area__strategy__title="Beskæftigelsesstrategi")
    description = f3.description
    assert "ptva02" in description and "fuldtidspersoner" in description
    assert "landsgennemsnittet" not in description
