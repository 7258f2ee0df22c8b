"""Locked quarters: the one rule (nothing in a locked quarter changes) and the lock and unlock services."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from core import permissions
from core.audit import audit
from core.periods import Quarter
from core.signals import figures_changed, quarter_locked, quarter_unlocked
from focusareas.models import Strategy

from .models import Indicator, Measurement, QuarterLock, Target


class LockedQuarterError(PermissionDenied):
    """A delete would remove an actual or a target of a locked quarter; nothing was deleted."""


def quarter_is_locked(*, strategy_id: int, quarter: Quarter) -> bool:
    return QuarterLock.objects.filter(
        strategy_id=strategy_id, year=quarter.year, quarter=quarter.quarter, is_locked=True
    ).exists()


def locked_quarters(*, strategy_id: int) -> set[Quarter]:
    """All locked quarters of a strategy in one query, for pages and imports that check many rows."""
    return {quarter for _strategy_id, quarter in locked_quarters_of({strategy_id})}


def locked_quarters_of(strategy_ids: set[int]) -> set[tuple[int, Quarter]]:
    """(strategy pk, quarter) for every locked quarter of these strategies, in one query (none for none)."""
    if not strategy_ids:
        return set()
    rows = (  # unordered: the locks' default order joins the strategy and its municipality to sort
        QuarterLock.objects.filter(strategy_id__in=strategy_ids, is_locked=True)
        .order_by()
        .values_list("strategy_id", "year", "quarter")
    )
    return {(strategy_id, Quarter(year, quarter)) for strategy_id, year, quarter in rows}


def target_is_locked(*, strategy_id: int, year: int, quarter: int | None) -> bool:
    """A quarterly target closes with its quarter; an annual target with the first locked quarter it judges,
    so the status of a locked quarter never moves."""
    locks = QuarterLock.objects.filter(strategy_id=strategy_id, year=year, is_locked=True)
    return (locks.filter(quarter=quarter) if quarter else locks).exists()


def _lock_of(prefix: str, *, any_quarter: bool = False) -> Exists:
    """A locked quarter of the strategy the row (through prefix) belongs to, in the row's quarter."""
    locks = QuarterLock.objects.filter(
        strategy=OuterRef(f"{prefix}strategy"), year=OuterRef("year"), is_locked=True
    )
    return Exists(locks if any_quarter else locks.filter(quarter=OuterRef("quarter")))


def locked_measurements() -> QuerySet[Measurement]:
    """Actuals in a locked quarter of their strategy."""
    return Measurement.objects.filter(_lock_of("indicator__"))


def locked_targets() -> QuerySet[Target]:
    """Targets that judge a locked quarter (see target_is_locked)."""
    return Target.objects.alias(
        in_locked_quarter=_lock_of("indicator__"), in_locked_year=_lock_of("indicator__", any_quarter=True)
    ).filter(Q(quarter__isnull=False, in_locked_quarter=True) | Q(quarter__isnull=True, in_locked_year=True))


def holds_locked_figures(*, indicators: QuerySet | Iterable) -> bool:
    """Whether any of the indicators has an actual or a target in a locked quarter: such an indicator,
    and the focus area and strategy above it, may not be deleted or moved."""
    return (
        locked_measurements().filter(indicator__in=indicators).exists()
        or locked_targets().filter(indicator__in=indicators).exists()
    )


@receiver(pre_delete, sender=Measurement, dispatch_uid="indicators_keep_locked_actuals")
@receiver(pre_delete, sender=Target, dispatch_uid="indicators_keep_locked_targets")
def _refuse_deleting_locked(sender, instance, **kwargs):
    """The last guard for every path (a cascade from an indicator, a focus area or a strategy, an inline,
    a script): nothing of a locked quarter is deleted. The pages refuse earlier with their own message."""
    locked = locked_measurements() if sender is Measurement else locked_targets()
    if locked.filter(pk=instance.pk).exists():
        raise LockedQuarterError(
            _("%(figure)s ligger i et låst kvartal og kan ikke slettes.") % {"figure": instance}
        )
    if sender is Target and not getattr(instance, "_change_reason", None):
        instance._change_reason = _("Slettet sammen med indikatoren %(code)s") % {
            "code": instance.indicator.code
        }


def hold_quarters(pairs: Iterable[tuple[int, Quarter]], *, exclusive: bool = False) -> None:
    """Make saving figures and locking a quarter exclude each other until the transaction ends.

    Saves hold a shared advisory lock per (strategy, quarter) they write, the lock and unlock services an
    exclusive one; a save then re-reads the locks after it holds its own. SQLite has one writer at a time.
    """
    if connection.vendor != "postgresql":
        return
    function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    with connection.cursor() as cursor:
        for strategy_id, quarter in sorted(set(pairs)):
            cursor.execute(f"SELECT {function}(%s, %s)", [strategy_id, quarter.year * 10 + quarter.quarter])


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
    hold_quarters([(strategy.pk, quarter)], exclusive=True)
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
    figures_changed.send(sender=QuarterLock)
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
    hold_quarters([(strategy.pk, quarter)], exclusive=True)
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
    figures_changed.send(sender=QuarterLock)
    audit("quarter_unlocked", user=user, strategy=strategy.pk, quarter=quarter.code, reason=reason)
    quarter_unlocked.send(sender=QuarterLock, strategy=strategy, quarter=quarter, user=user, reason=reason)
    return lock
