"""Official statistics changed by hand: administrators only, always with a reason kept in the history, never
in a quarter locked for a strategy that uses the figure of its own municipality; audited and redrawn
on commit."""

import logging
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.periods import Quarter
from focusareas.services import set_peer_group
from indicators.locking import quarter_lock, quarter_unlock
from indicators.models import Unit
from indicators.official_statistics import (
    OwnLocks,
    delete_official_value,
    save_measure,
    save_official_value,
)
from measures.models import Area, Measure, OfficialValue
from measures.periods import Period
from operations.cache import generation

from .. import factories
from .. import official_statistics as official

pytestmark = pytest.mark.django_db

Q2 = Quarter(2024, 2)


@pytest.fixture
def audit_log(caplog):
    caplog.set_level(logging.INFO, logger="strategy_portal.audit")
    return caplog


def _actions(caplog) -> list[str]:
    return [record.action for record in caplog.records if record.name == "strategy_portal.audit"]


@pytest.fixture
def measure():
    return official.measure(code="Y01A02-FULDTID", name="Fuldtidspersoner på a-dagpenge")


@pytest.fixture
def locked(measure, administrator):
    """Ballerup's strategy uses the measure and has locked 2. kvt. 2024."""
    strategy = official.strategy_using(measure, title="Beskæftigelsesstrategi 2022")
    quarter_lock(user=administrator, strategy=strategy, quarter=Q2)
    return strategy


def _rows():
    return sorted(
        OfficialValue.objects.values_list("measure__code", "area__code", "year", "kind", "number", "value")
    )


def _edit(value: OfficialValue, new) -> OfficialValue:
    """The value as a form would hand it over: the stored row with a new number."""
    changed = OfficialValue.objects.select_related("measure", "area").get(pk=value.pk)
    changed.value = Decimal(str(new))
    return changed


def _new(measure, area, period: str, value) -> OfficialValue:
    period = Period.parse(period)
    return OfficialValue(
        measure=measure,
        area=area,
        year=period.year,
        kind=period.kind,
        number=period.number,
        value=Decimal(value),
    )


# Reasons and history


def test_a_corrected_value_keeps_old_and_new_value_who_and_why(administrator, measure):
    value = official.official_value(measure, official.area(), "2024M06", 1000)
    save_official_value(administrator, _edit(value, 1010), "Revideret af Jobindsats, udgivelse juli 2024")
    new, old = OfficialValue.history.filter(id=value.pk).order_by("-history_date", "-history_id")[:2]
    [change] = new.diff_against(old).changes
    assert (change.field, change.old, change.new) == ("value", Decimal("1000.0000"), Decimal("1010.0000"))
    assert (new.history_user, new.history_change_reason) == (
        administrator,
        "Revideret af Jobindsats, udgivelse juli 2024",
    )


def test_a_new_value_is_stored_with_its_reason(administrator, measure):
    value = save_official_value(
        administrator, _new(measure, official.area("159"), "2024Q2", "812"), "Fra rapport"
    )
    assert value.pk and value.period.label() == "2. kvt. 2024"
    assert value.history.get().history_change_reason == "Fra rapport"


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_every_change_needs_a_reason(administrator, measure, reason):
    value = official.official_value(measure, official.area(), "2024M06", 1000)
    before = (_rows(), OfficialValue.history.count(), Measure.history.count())
    with pytest.raises(ValidationError, match="begrundelse"):
        save_official_value(administrator, _edit(value, 1), reason)
    with pytest.raises(ValidationError, match="begrundelse"):
        save_official_value(administrator, _new(measure, official.area(), "2024M07", "5"), reason)
    with pytest.raises(ValidationError, match="begrundelse"):
        delete_official_value(administrator, value, reason)
    measure.name = "Omdøbt"
    with pytest.raises(ValidationError, match="begrundelse"):
        save_measure(administrator, measure, reason)
    assert (_rows(), OfficialValue.history.count(), Measure.history.count()) == before
    assert Measure.objects.get(pk=measure.pk).name == "Fuldtidspersoner på a-dagpenge"


def test_a_deleted_value_leaves_its_reason_in_the_history(administrator, measure):
    value = official.official_value(measure, official.area(), "2024M06", 1000)
    delete_official_value(administrator, value, "Dobbelt indtastet")
    assert not OfficialValue.objects.exists()
    deleted = OfficialValue.history.filter(id=value.pk).latest("history_date")
    assert (deleted.history_type, deleted.history_change_reason, deleted.history_user) == (
        "-",
        "Dobbelt indtastet",
        administrator,
    )


def test_a_measure_change_keeps_who_and_why(administrator, measure):
    measure.decimals = 1
    save_measure(administrator, measure, "Jobindsats viser nu én decimal")
    latest = measure.history.latest("history_date")
    assert (latest.history_user, latest.history_change_reason, latest.decimals) == (
        administrator,
        "Jobindsats viser nu én decimal",
        1,
    )


def test_a_jobindsats_measure_needs_its_table_and_column(administrator):
    measure = Measure(code="BM-NY", name="Ny", unit="antal", origin=Measure.Origin.JOBINDSATS)
    with pytest.raises(ValidationError, match="tabel og kolonne"):
        save_measure(administrator, measure, "Ny måling")
    assert not Measure.objects.filter(code="BM-NY").exists()


def test_a_measure_is_not_its_own_benchmark(administrator, measure):
    before = measure.expected_id  # the catalogue's: the ministry's benchmark of a-dagpenge mv.
    measure.expected = measure
    with pytest.raises(ValidationError, match="målingen selv"):
        save_measure(administrator, measure, "Forventet")
    assert Measure.objects.get(pk=measure.pk).expected_id == before != measure.pk


@pytest.mark.parametrize(
    ("field", "new"), [("unit", "pct"), ("decimals", 1), ("measure_type", "flow"), ("code", "Y01A02-X")]
)
def test_a_measure_used_in_a_locked_quarter_keeps_its_unit_decimals_type_and_code(
    administrator, measure, locked, field, new
):
    before, history = getattr(measure, field), measure.history.count()
    setattr(measure, field, new)
    with pytest.raises(ValidationError, match="fordi 2. kvt. 2024 er låst i strategien 'Beskæftigelses"):
        save_measure(administrator, measure, "Jobindsats har ændret tabellen")
    assert getattr(Measure.objects.get(pk=measure.pk), field) == before
    assert measure.history.count() == history


def test_a_measure_used_in_a_locked_quarter_may_still_be_renamed(administrator, measure, locked):
    measure.name, measure.definition = "A-dagpenge, fuldtidspersoner", "Som Jobindsats opgør dem."
    save_measure(administrator, measure, "Tydeligere navn")
    assert Measure.objects.get(pk=measure.pk).name == "A-dagpenge, fuldtidspersoner"


def test_a_measure_whose_quarters_are_all_open_may_change_its_unit(administrator, measure, locked):
    quarter_unlock(user=administrator, strategy=locked, quarter=Q2, reason="Rettelse")
    measure.unit = "pct"
    save_measure(administrator, measure, "Andel i stedet for antal")
    assert Measure.objects.get(pk=measure.pk).unit == "pct"


def test_an_unknown_period_or_a_second_value_for_a_period_is_refused_in_danish(administrator, measure):
    official.official_value(measure, official.area(), "2024M06", 1000)
    wrong = _new(measure, official.area(), "2024Q2", "1")
    wrong.number = 7
    with pytest.raises(ValidationError, match="Perioden '2024Q7' kendes ikke"):
        save_official_value(administrator, wrong, "Test")
    with pytest.raises(
        ValidationError, match="Der findes allerede et tal for Y01A02-FULDTID, Ballerup, juni 2024"
    ):
        save_official_value(administrator, _new(measure, official.area(), "2024M06", "2"), "Test")
    assert _rows() == [("Y01A02-FULDTID", "151", 2024, "M", 6, Decimal("1000.0000"))]


# Who may


@pytest.mark.parametrize("who", ["manager", "committee_member"])
def test_only_an_administrator_changes_official_statistics(request, who, measure):
    user = request.getfixturevalue(who)
    value = official.official_value(measure, official.area(), "2024M06", 1000)
    before = _rows()
    with pytest.raises(PermissionDenied):
        save_official_value(user, _edit(value, 1), "Test")
    with pytest.raises(PermissionDenied):
        save_official_value(user, _new(measure, official.area(), "2024M07", "1"), "Test")
    with pytest.raises(PermissionDenied):
        delete_official_value(user, value, "Test")
    with pytest.raises(PermissionDenied):
        save_measure(user, Measure(code="NY", name="Ny", unit="antal"), "Test")
    municipality = factories.municipality(area=official.area())
    with pytest.raises(PermissionDenied):
        set_peer_group(user, municipality, [official.area("159")])
    assert _rows() == before
    assert not Measure.objects.filter(code="NY").exists()
    assert not municipality.peers.exists()


# Locked quarters


@pytest.mark.parametrize("period", ["2024M05", "2024Q2", "2024QMAT02", "2024"])
def test_a_value_of_the_own_municipality_in_a_locked_quarter_stays_as_it_is(
    administrator, measure, locked, period
):
    value = official.official_value(measure, official.area(), period, 1000)
    before = (_rows(), OfficialValue.history.count())
    with pytest.raises(
        ValidationError, match="2. kvt. 2024, som er låst i strategien 'Beskæftigelsesstrategi 2022'"
    ):
        save_official_value(administrator, _edit(value, 1010), "Revideret af Jobindsats")
    with pytest.raises(ValidationError, match="kan ikke ændres eller slettes"):
        delete_official_value(administrator, value, "Fejl")
    assert (_rows(), OfficialValue.history.count()) == before


def test_no_new_value_is_put_into_a_locked_quarter_and_none_is_moved_out_of_it(
    administrator, measure, locked
):
    with pytest.raises(ValidationError, match="låst"):
        save_official_value(administrator, _new(measure, official.area(), "2024M04", "900"), "Ny")
    value = official.official_value(measure, official.area(), "2024M06", 1000)
    moved = _edit(value, 1000)
    moved.number = 9  # to September: 3. kvt. is open, but June's quarter is not
    with pytest.raises(ValidationError, match="juni 2024 hører til 2. kvt. 2024"):
        save_official_value(administrator, moved, "Flyttet")
    assert _rows() == [("Y01A02-FULDTID", "151", 2024, "M", 6, Decimal("1000.0000"))]


def test_other_municipalities_other_quarters_and_unused_measures_stay_open(administrator, measure, locked):
    neighbour = official.official_value(measure, official.area("159"), "2024M06", 700)
    next_quarter = official.official_value(measure, official.area(), "2024M07", 1000)
    unused = official.official_value(official.measure(), official.area(), "2024M06", 5)
    for value in (neighbour, next_quarter, unused):
        save_official_value(administrator, _edit(value, 1), "Revideret af Jobindsats")
    assert sorted(OfficialValue.objects.values_list("value", flat=True)) == [Decimal(1)] * 3
    delete_official_value(administrator, neighbour, "Fejl")


def test_the_locks_of_many_values_are_read_in_two_queries(measure, locked, django_assert_num_queries):
    municipalities = Area.objects.filter(kind=Area.Kind.MUNICIPALITY).order_by("code")[:50]
    values = [
        official.official_value(measure, area, period, 1)
        for area in municipalities
        for period in ("2024M06", "2024M07")
    ]
    with django_assert_num_queries(2):
        locks = OwnLocks(value.measure_id for value in values)
        held = [(value.area_id, str(value.period)) for value in values if locks.of(value)]
    assert held == [(official.area().pk, "2024M06")]


def test_an_unlocked_quarter_can_be_corrected_again(administrator, measure, locked):
    value = official.official_value(measure, official.area(), "2024M06", 1000)
    quarter_unlock(user=administrator, strategy=locked, quarter=Q2, reason="Jobindsats har revideret")
    save_official_value(administrator, _edit(value, 1010), "Revideret af Jobindsats")
    assert OfficialValue.objects.get().value == 1010


# The peer group


def test_an_administrator_chooses_the_peer_group(administrator):
    ballerup = factories.municipality(name="Ballerup", slug="ballerup", area=official.area())
    set_peer_group(administrator, ballerup, [official.area("159"), official.area("153")])
    assert sorted(ballerup.peers.values_list("name", flat=True)) == ["Brøndby", "Gladsaxe"]


@pytest.mark.parametrize(
    ("code", "message"),
    [("151", "Ballerup kan ikke være med i sin egen sammenligningsgruppe"), ("1084", "ikke en kommune")],
)
def test_the_peer_group_holds_other_municipalities_only(administrator, code, message):
    ballerup = factories.municipality(name="Ballerup", slug="ballerup", area=official.area())
    ballerup.peers.set([official.area("159")])
    with pytest.raises(ValidationError, match=message):
        set_peer_group(administrator, ballerup, [official.area("153"), official.area(code)])
    assert list(ballerup.peers.values_list("name", flat=True)) == ["Gladsaxe"]


# Audit and page cache


def _writes(administrator, measure, ballerup):
    value = official.official_value(measure, official.area(), "2024M06", 1000)
    return [
        ("official_value_saved", lambda: save_official_value(administrator, _edit(value, 1010), "Revideret")),
        ("official_value_deleted", lambda: delete_official_value(administrator, value, "Fejl")),
        ("measure_saved", lambda: save_measure(administrator, measure, "Ny definition")),
        ("peer_group_set", lambda: set_peer_group(administrator, ballerup, [official.area("159")])),
    ]


def test_each_write_is_audited_once_committed_and_redraws_the_pages(
    administrator, measure, audit_log, django_capture_on_commit_callbacks
):
    strategy = official.strategy_using(measure)
    for action, write in _writes(administrator, measure, strategy.municipality):
        before = generation()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            write()
        assert action not in _actions(audit_log)  # not before the transaction commits
        for callback in callbacks:
            callback()
        assert _actions(audit_log).count(action) == 1
        assert generation() > before


def test_a_refused_write_is_neither_audited_nor_redrawn(
    administrator, measure, locked, audit_log, django_capture_on_commit_callbacks
):
    value = official.official_value(measure, official.area(), "2024M06", 1000)
    before = generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationError):
        save_official_value(administrator, _edit(value, 1010), "Revideret")
    assert not callbacks
    assert "official_value_saved" not in _actions(audit_log)
    assert generation() == before


def test_the_audit_line_names_the_figure_its_old_and_new_value_and_the_reason(
    administrator, measure, audit_log, django_capture_on_commit_callbacks
):
    value = official.official_value(measure, official.area(), "2024QMAT02", "-220")
    with django_capture_on_commit_callbacks(execute=True):
        save_official_value(administrator, _edit(value, -230), "Revideret af Jobindsats")
    [line] = [
        record for record in audit_log.records if getattr(record, "action", "") == "official_value_saved"
    ]
    assert line.value == "Y01A02-FULDTID, Ballerup, 3. kvt. 2023 – 2. kvt. 2024"
    assert (line.old, line.new, line.reason, line.user) == (
        "-220.0000",
        "-230",
        "Revideret af Jobindsats",
        "admin-test",
    )


def test_a_unit_change_under_which_a_stored_part_exceeds_its_total_is_refused(administrator):
    # F3.1 is counted as a share beside its total F3.3 (a count), so the grid never compared them; counted
    # in persons, its 85 would be a part larger than its total of 55.
    area = factories.focus_area()
    total = factories.indicator(focus_area=area, code="F3.3", unit=Unit.COUNT)
    part = factories.indicator(focus_area=area, code="F3.1", unit=Unit.PERCENT, parent=total)
    factories.measurement(total, 2024, 3, 55)
    factories.measurement(part, 2024, 3, 85)
    measure = Measure.objects.get(pk=part.measure_id)
    measure.unit = Unit.COUNT
    with pytest.raises(ValidationError, match=r"F3.1: 85 er større end totalen 55 \(F3.3\) i 3. kvt. 2024"):
        save_measure(administrator, measure, "Antal i stedet for andel")
    assert Measure.objects.get(pk=measure.pk).unit == Unit.PERCENT
