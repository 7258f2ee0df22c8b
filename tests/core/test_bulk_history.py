"""The set-based import: the history rows a figure gets, and all or nothing at 100 000 rows."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.utils import timezone

from core import bulk_history, roles
from indicators import services
from indicators.importing import figures_import
from indicators.models import Direction, Measurement, Unit
from measures.models import OfficialValue

from .. import factories

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
QUARTERS = 100  # 2000K1-2024K4 (the first years the portal holds), all ended


def _import(user, lines: list[str], **options):
    data = ("indikator;år;kvartal;værdi;kommentar\n" + "\n".join(lines) + "\n").encode()
    return figures_import(user=user, data=data, filename="tal.csv", **options)


def _history(code: str) -> list[tuple]:
    history = Measurement.history.filter(indicator__code=code).order_by("history_id")
    return list(
        history.values_list(
            "history_type", "value", "commentary", "state", "version", "history_user__username",
            "history_change_reason", "entered_by__username",
        )
    )  # fmt: skip


def test_an_import_records_each_new_and_changed_figure_in_the_history(settings, administrator):
    strategy = factories.strategy()
    settings.PORTAL_MUNICIPALITY = strategy.municipality.slug
    area = factories.focus_area(strategy=strategy, number=1)
    for code in ("F1.0", "F1.1"):
        factories.indicator(focus_area=area, code=code, unit=Unit.COUNT)
    assert _import(administrator, ["F1.0;2024;1;10;ny", "F1.1;2024;1;20;"]).created == 2
    stored = Measurement.objects.get(indicator__code="F1.0")
    stored.state = Measurement.State.APPROVED
    stored.save()

    result = _import(administrator, ["F1.0;2024;1;11;rettet", "F1.1;2024;1;20;"])

    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    reason = "Importeret fra tal.csv"
    assert _history("F1.0")[0] == ("+", Decimal(10), "ny", "draft", 1, "admin-test", reason, "admin-test")
    assert _history("F1.0")[-1] == (
        "~",
        Decimal(11),
        "rettet",
        "draft",
        2,
        "admin-test",
        reason,
        "admin-test",
    )
    assert _history("F1.1") == [("+", Decimal(20), "", "draft", 1, "admin-test", reason, "admin-test")]
    changed = Measurement.objects.get(indicator__code="F1.0")
    assert changed.history.first().history_date == changed.updated_at
    assert changed.history.first().instance == changed


def test_a_changed_figure_becomes_the_importers_draft_whoever_held_it_and_others_keep_theirs(
    settings, administrator, manager
):
    strategy = factories.strategy()
    settings.PORTAL_MUNICIPALITY = strategy.municipality.slug
    area = factories.focus_area(strategy=strategy, number=1)
    own, approved, others, kept = (
        factories.indicator(focus_area=area, code=f"F1.{n}", unit=Unit.COUNT) for n in range(4)
    )
    factories.measurement(own, 2024, 1, 10, entered_by=administrator)
    factories.measurement(approved, 2024, 1, 20, entered_by=administrator, state=Measurement.State.APPROVED)
    factories.measurement(others, 2024, 1, 30, entered_by=manager)
    factories.measurement(kept, 2024, 1, 40, entered_by=manager, state=Measurement.State.SUBMITTED)

    result = _import(administrator, ["F1.0;2024;1;11;", "F1.1;2024;1;21;", "F1.2;2024;1;31;"])

    assert (result.created, result.updated) == (0, 3)
    stored = Measurement.objects.order_by("indicator__code").values_list(
        "value", "state", "entered_by__username", "version"
    )
    assert list(stored) == [
        (11, "draft", "admin-test", 2),
        (21, "draft", "admin-test", 2),
        (31, "draft", "admin-test", 2),
        (40, "submitted", "leder-test", 1),
    ]
    for code, value in (("F1.0", 11), ("F1.1", 21), ("F1.2", 31)):
        assert _history(code)[-1][:5] == ("~", Decimal(value), "", "draft", 2)
        assert _history(code)[-1][-1] == "admin-test"
    assert [row[0] for row in _history("F1.3")] == ["+"]


def _file(settings, figures: int):
    """A strategy of indicators, an administrator, and the rows of a file of `figures` figures for them."""
    strategy = factories.strategy()
    settings.PORTAL_MUNICIPALITY = strategy.municipality.slug
    area = factories.focus_area(strategy=strategy, number=1)
    codes = [f"F1.{n}" for n in range(figures // QUARTERS)]
    for code in codes:
        factories.indicator(
            focus_area=area, code=code, unit=Unit.PERCENT, decimals=1, direction=Direction.LOWER_IS_BETTER
        )
    user = User.objects.create_user("import-admin", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    rows = [(code, 2000 + n // 4, n % 4 + 1) for code in codes for n in range(QUARTERS)]
    return user, rows


def _snapshot() -> tuple:
    figures = sorted(Measurement.objects.values_list("indicator_id", "year", "quarter", "value", "version"))
    return figures, Measurement.history.count()


def test_a_bad_last_row_is_reported_and_nothing_is_written(settings):
    user, rows = _file(settings, 4_000)
    assert _import(user, [f"{code};{year};{q};{q * 10},5 %" for code, year, q in rows]).created == 4_000
    before = _snapshot()

    changed = [f"{code};{year};{q};{q * 10},7 %" for code, year, q in rows]
    changed[-1] = changed[-1].replace("40,7 %", "140,7 %")
    result = _import(user, changed)

    assert [(p.row, p.column) for p in result.problems] == [(4_001, "værdi")]
    assert "mellem 0 og 100 %" in result.problems[0].message
    assert _snapshot() == before


def test_a_row_the_database_refuses_while_writing_100_000_leaves_it_as_it_was(settings, monkeypatch):
    user, rows = _file(settings, 100_000)
    assert _import(user, [f"{code};{year};{q};{q * 10},5 %" for code, year, q in rows[:-2]]).created == 99_998
    before = _snapshot()
    # Two rows for one figure that is not stored yet: the rules would refuse the file; let it through, so
    # the database's own unique constraint stops the write after every other figure has been changed.
    monkeypatch.setattr(services, "check_figures", lambda **kwargs: [])
    changed = [f"{code};{year};{q};{q * 10},7 %" for code, year, q in rows[:-1]]
    result = _import(user, [*changed, changed[-1]])

    assert not result.ok
    assert "Intet er importeret" in result.problems[0].message
    assert _snapshot() == before


def _write_counted(user, indicator, value: str, seen: int | None):
    now = timezone.now()
    return bulk_history.write_with_history(
        model=Measurement,
        columns=["indicator_id", "year", "quarter", "value", "commentary", "version"],
        rows=[(indicator.pk, 2024, 1, Decimal(value), "", seen)],
        update_columns=["value", "commentary", "version"],
        compare=["value", "commentary"],
        same={"state": "draft", "entered_by_id": user.pk, "updated_at": now},
        new_only={"review_note": "", "source": ""},
        key=["indicator_id", "year", "quarter"],
        user_id=user.pk,
        date=now,
        reason="Indberettet",
        counter="version",
    )


def test_a_row_based_on_a_count_the_database_no_longer_holds_writes_nothing(administrator):
    """The database's own guard when a cell was stored or changed after its save was checked (a race the
    checks in Python cannot see): every row of the write is refused, not only the stale one."""
    own, other = (factories.indicator(code=code, unit=Unit.COUNT) for code in ("F1.0", "F1.1"))
    factories.measurement(own, 2024, 1, 10, version=2)

    with pytest.raises(bulk_history.Conflict) as conflict, transaction.atomic():
        _write_counted(administrator, own, "11", seen=1)
    assert conflict.value.keys == [(own.pk, 2024, 1)]
    with pytest.raises(bulk_history.Conflict), transaction.atomic():
        _write_counted(administrator, own, "11", seen=0)  # saved as new, but stored meanwhile

    assert _write_counted(administrator, own, "11", seen=2) == (0, 1)
    assert _write_counted(administrator, other, "5", seen=0) == (1, 0)
    assert _write_counted(administrator, other, "6", seen=None) == (0, 1)  # an import sees no count
    stored = Measurement.objects.order_by("indicator__code").values_list("value", "version")
    assert list(stored) == [(11, 3), (6, 2)]
    assert Measurement.history.count() == 1 + 3  # the stored figure was created with its history row


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Measurement, OfficialValue], ids=["Measurement", "OfficialValue"])
def test_the_history_tables_hold_the_columns_the_bulk_writer_writes(model):
    """The bulk writer writes django-simple-history's rows itself: the model's columns and HISTORY_COLUMNS.
    A django-simple-history that changes its history tables fails here, not in an import."""
    history = model.history.model
    written = {field.column for field in model._meta.concrete_fields} | set(bulk_history.HISTORY_COLUMNS)
    assert {field.column for field in history._meta.concrete_fields} == written
    assert history._meta.pk.column == "history_id"
    assert {value for value, _label in history._meta.get_field("history_type").choices} == {"+", "~", "-"}
    with connection.cursor() as cursor:
        table = connection.introspection.get_table_description(cursor, history._meta.db_table)
    assert {column.name for column in table} == written
