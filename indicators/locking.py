"""Locked quarters: the one rule (nothing in a locked quarter changes) and the lock and unlock services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from focusareas.models import Strategy

from . import permissions
from .audit import audit
from .models import Indicator, Measurement, QuarterLock
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


class QuarterIncomplete(ValidationError):
    """Locking refused: missing lists what is not yet approved."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(
            [_("Kvartalet kan ikke låses, før alle nøgletal er godkendt og intet tal er sendt retur:")]
            + missing
        )


def incomplete_figures(*, strategy: Strategy, quarter: Quarter) -> list[str]:
    """What stops a quarter from being complete: key figures not approved, figures returned (two queries)."""
    State = Measurement.State
    stored = {
        measurement.indicator_id: measurement
        for measurement in Measurement.objects.in_quarter(quarter).filter(
            indicator__focus_area__strategy=strategy
        )
    }
    missing = []
    for indicator in Indicator.objects.of_strategy(strategy).select_related("focus_area"):
        figure = stored.get(indicator.pk)
        name = f"{indicator.code} {indicator.name}"
        if figure is not None and figure.state == State.RETURNED:
            missing.append(_("%(indicator)s: sendt retur.") % {"indicator": name})
        elif indicator.is_key_figure and figure is None:
            missing.append(_("%(indicator)s (nøgletal): mangler.") % {"indicator": name})
        elif indicator.is_key_figure and figure.state != State.APPROVED:
            missing.append(
                _("%(indicator)s (nøgletal): %(state)s, ikke godkendt.")
                % {"indicator": name, "state": figure.get_state_display().lower()}
            )
    return missing


@transaction.atomic
def quarter_lock(*, user, strategy: Strategy, quarter: Quarter, incomplete_reason: str = "") -> QuarterLock:
    """Close a quarter after the committee has seen it; the report of the quarter is frozen on this signal.

    A quarter with key figures not approved or figures returned is locked only with a reason, which is
    kept on the lock and shown on the frozen report.
    """
    if not permissions.may_lock(user):
        raise PermissionDenied(_("Kun en administrator kan låse et kvartal."))
    if not quarter.has_ended():
        raise ValidationError(_("%(quarter)s er ikke slut endnu og kan ikke låses.") % {"quarter": quarter})
    incomplete_reason = incomplete_reason.strip()
    missing = incomplete_figures(strategy=strategy, quarter=quarter)
    if missing and not incomplete_reason:
        raise QuarterIncomplete(missing)
    lock = QuarterLock.objects.select_for_update().filter(
        strategy=strategy, year=quarter.year, quarter=quarter.quarter
    ).first() or QuarterLock(strategy=strategy, year=quarter.year, quarter=quarter.quarter, is_locked=False)
    if lock.is_locked:
        raise ValidationError(_("%(quarter)s er allerede låst.") % {"quarter": quarter})
    lock.is_locked, lock.locked_by, lock.locked_at = True, user, timezone.now()
    lock.incomplete_reason = incomplete_reason if missing else ""
    lock._history_user = user
    lock._change_reason = (
        _("Låst, selv om kvartalet ikke er fuldstændigt: %(reason)s") % {"reason": incomplete_reason}
        if missing
        else _("Låst")
    )
    lock.save()
    quarter_locked.send(
        sender=QuarterLock,
        strategy=strategy,
        quarter=quarter,
        user=user,
        incomplete_reason=lock.incomplete_reason,
    )
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
