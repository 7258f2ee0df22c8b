"""Locked quarters: the one rule (nothing in a locked quarter changes) and the lock and unlock services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from focusareas.models import Strategy

from . import permissions
from .audit import audit
from .models import QuarterLock
from .periods import Quarter
from .signals import quarter_locked, quarter_unlocked


def quarter_is_locked(*, strategy_id: int, quarter: Quarter) -> bool:
    return QuarterLock.objects.filter(
        strategy_id=strategy_id, year=quarter.year, quarter=quarter.quarter, is_locked=True
    ).exists()


def locked_quarters(*, strategy_id: int) -> set[Quarter]:
    """All locked quarters of a strategy in one query, for pages and imports that check many rows."""
    rows = QuarterLock.objects.filter(strategy_id=strategy_id, is_locked=True).values_list("year", "quarter")
    return {Quarter(year, quarter) for year, quarter in rows}


def target_is_locked(*, strategy_id: int, year: int, quarter: int | None) -> bool:
    """A quarterly target closes with its quarter; an annual target when the year's last quarter closes."""
    return quarter_is_locked(strategy_id=strategy_id, quarter=Quarter(year, quarter or 4))


@transaction.atomic
def quarter_lock(*, user, strategy: Strategy, quarter: Quarter) -> QuarterLock:
    """Close a quarter after the committee has seen it; the report of the quarter is frozen on this signal."""
    if not permissions.may_lock(user):
        raise PermissionDenied(_("Kun en administrator kan låse et kvartal."))
    if not quarter.has_ended():
        raise ValidationError(_("%(quarter)s er ikke slut endnu og kan ikke låses.") % {"quarter": quarter})
    lock = QuarterLock.objects.select_for_update().filter(
        strategy=strategy, year=quarter.year, quarter=quarter.quarter
    ).first() or QuarterLock(strategy=strategy, year=quarter.year, quarter=quarter.quarter, is_locked=False)
    if lock.is_locked:
        raise ValidationError(_("%(quarter)s er allerede låst.") % {"quarter": quarter})
    lock.is_locked, lock.locked_by, lock.locked_at = True, user, timezone.now()
    lock._history_user = user
    lock._change_reason = _("Låst")
    lock.save()
    quarter_locked.send(sender=QuarterLock, strategy=strategy, quarter=quarter, user=user)
    audit("quarter_locked", user=user, strategy=strategy.pk, quarter=quarter.code)
    return lock


@transaction.atomic
def quarter_unlock(*, user, strategy: Strategy, quarter: Quarter, reason: str) -> QuarterLock:
    """Open a locked quarter again; the reason is kept in the lock's history."""
    if not permissions.may_lock(user):
        raise PermissionDenied(_("Kun en administrator kan låse et kvartal op."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Skriv en begrundelse for at låse kvartalet op."))
    lock = (
        QuarterLock.objects.select_for_update()
        .filter(strategy=strategy, year=quarter.year, quarter=quarter.quarter, is_locked=True)
        .first()
    )
    if lock is None:
        raise ValidationError(_("%(quarter)s er ikke låst.") % {"quarter": quarter})
    lock.is_locked, lock.unlocked_by, lock.unlocked_at, lock.unlock_reason = (
        False,
        user,
        timezone.now(),
        reason,
    )
    lock._history_user = user
    lock._change_reason = reason
    lock.save()
    audit("quarter_unlocked", user=user, strategy=strategy.pk, quarter=quarter.code, reason=reason)
    quarter_unlocked.send(sender=QuarterLock, strategy=strategy, quarter=quarter, user=user, reason=reason)
    return lock
