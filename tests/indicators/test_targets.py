"""Targets: administrators only, always with a reason, their history kept, closed with locked quarters."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.periods import Quarter
from indicators.locking import quarter_lock
from indicators.models import Target, Unit
from indicators.targets import target_delete, target_save

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    return factories.indicator(code="F1.3", unit=Unit.PERCENT, decimals=1)


def save(user, indicator, low, high, reason="Budget 2024", **fields):
    defaults = {"year": 2024, "quarter": None}
    return target_save(
        user=user,
        indicator=indicator,
        value_min=Decimal(low),
        value_max=Decimal(high),
        reason=reason,
        **(defaults | fields),
    )


def test_an_administrator_sets_a_target_range_with_a_reason(administrator, indicator):
    target = save(administrator, indicator, "15", "17")
    assert target.is_range
    (entry,) = target.history.all()
    assert (entry.history_user, entry.history_change_reason) == (administrator, "Budget 2024")


def test_a_changed_target_keeps_old_and_new_value_who_and_why(administrator, indicator):
    target = save(administrator, indicator, "15", "17")
    save(administrator, indicator, "16", "18", reason="Revideret af udvalget", target=target)
    new, old = target.history.order_by("-history_date", "-history_id")[:2]
    changes = {change.field: (change.old, change.new) for change in new.diff_against(old).changes}
    assert changes["value_min"] == (Decimal("15.0000"), Decimal("16.0000"))
    assert new.history_change_reason == "Revideret af udvalget"


def test_a_target_change_without_a_reason_is_refused(administrator, indicator):
    with pytest.raises(ValidationError, match="begrundelse"):
        save(administrator, indicator, "15", "17", reason=" ")
    assert not Target.objects.exists()


def test_a_manager_cannot_edit_targets(manager, indicator):
    with pytest.raises(PermissionDenied):
        save(manager, indicator, "15", "17")
    assert not Target.objects.exists()


def test_a_target_outside_the_unit_is_refused(administrator, indicator):
    with pytest.raises(ValidationError, match="mellem 0 og 100"):
        save(administrator, indicator, "95", "105")


def test_a_target_in_a_locked_quarter_cannot_change(administrator, indicator):
    target = save(administrator, indicator, "15", "15", quarter=3)
    quarter_lock(user=administrator, strategy=indicator.focus_area.strategy, quarter=Quarter(2024, 3))
    with pytest.raises(ValidationError, match="låst"):
        save(administrator, indicator, "16", "16", quarter=3, target=target)
    with pytest.raises(ValidationError, match="låst"):
        target_delete(user=administrator, target=target, reason="Fejl")
    assert Target.objects.get().value_min == 15


def test_an_annual_target_closes_with_the_first_locked_quarter_it_judges(administrator, indicator):
    # The annual target judges every quarter of its year; changing it would move a locked quarter's status.
    target = save(administrator, indicator, "15", "15")
    strategy = indicator.focus_area.strategy
    target = save(administrator, indicator, "16", "16", target=target, reason="Justeret før låsning")
    quarter_lock(user=administrator, strategy=strategy, quarter=Quarter(2024, 1))
    with pytest.raises(ValidationError, match="låst"):
        save(administrator, indicator, "17", "17", target=target)
    target.refresh_from_db()
    assert target.value_min == 16
