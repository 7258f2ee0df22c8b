"""Target changes: administrators only, always with a reason, never in a locked quarter."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import permissions
from core.audit import audit
from core.periods import Quarter
from core.signals import figures_changed

from .locking import target_is_locked
from .models import Indicator, Target
from .validation import value_problems


def _period(year: int, quarter: int | None) -> str:
    return Quarter(year, quarter).label() if quarter else str(year)


def _locked_message(indicator: Indicator, year: int, quarter: int | None) -> list[str]:
    if target_is_locked(strategy_id=indicator.focus_area.strategy_id, year=year, quarter=quarter):
        return [
            _("%(indicator)s: målet for %(period)s ligger i et låst kvartal og kan ikke ændres.")
            % {"indicator": indicator.code, "period": _period(year, quarter)}
        ]
    return []


def target_problems(
    *,
    user,
    indicator: Indicator,
    year: int,
    quarter: int | None,
    value_min: Decimal,
    value_max: Decimal,
    target: Target | None = None,
) -> list[str]:
    """Why a target may not be stored, in Danish; empty when it may."""
    if not permissions.may_edit_targets(user):
        return [_("Kun en administrator kan ændre mål.")]
    problems = []
    if quarter is not None and not 1 <= quarter <= 4:
        problems.append(_("Kvartal skal være 1-4."))
    if value_min > value_max:
        problems.append(_("Målets 'fra' kan ikke være større end 'til'."))
    problems += value_problems(indicator, value_min)
    if value_max != value_min:
        problems += value_problems(indicator, value_max)
    if target is not None and target.pk:
        problems += _locked_message(target.indicator, target.year, target.quarter)
    if not problems and quarter in (None, 1, 2, 3, 4):
        problems += _locked_message(indicator, year, quarter)
    return list(dict.fromkeys(problems))


@transaction.atomic
def target_save(
    *,
    user,
    indicator: Indicator,
    year: int,
    quarter: int | None,
    value_min: Decimal,
    value_max: Decimal,
    reason: str,
    comment: str = "",
    source: str = "",
    target: Target | None = None,
) -> Target:
    """Create or change a target (a value, or a range when min < max); the reason goes into its history."""
    if not permissions.may_edit_targets(user):
        raise PermissionDenied(_("Kun en administrator kan ændre mål."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Skriv en begrundelse for ændringen af målet."))
    if target is not None and target.pk:
        target = Target.objects.select_for_update().get(pk=target.pk)
    problems = target_problems(
        user=user,
        indicator=indicator,
        year=year,
        quarter=quarter,
        value_min=value_min,
        value_max=value_max,
        target=target,
    )
    if problems:
        raise ValidationError(problems)
    target = target or Target()
    target.indicator, target.year, target.quarter = indicator, year, quarter
    target.value_min, target.value_max = value_min, value_max
    target.comment, target.source = comment, source
    target.is_demo = False  # an administrator's target, whatever the demo loader made it
    target.full_clean()
    target._history_user = user
    target._change_reason = reason
    target.save()
    figures_changed.send(sender=Target)
    audit(
        "target_saved",
        user=user,
        indicator=indicator.code,
        period=_period(year, quarter),
        value=f"{value_min}-{value_max}",
        reason=reason,
    )
    return target


@transaction.atomic
def target_delete(*, user, target: Target, reason: str) -> None:
    if not permissions.may_delete_targets(user):
        raise PermissionDenied(_("Kun en administrator kan slette mål."))
    if not reason.strip():
        raise ValidationError(_("Skriv en begrundelse for at slette målet."))
    problems = _locked_message(target.indicator, target.year, target.quarter)
    if problems:
        raise ValidationError(problems)
    target._history_user = user
    target._change_reason = reason.strip()
    indicator = target.indicator
    audit("target_deleted", user=user, indicator=indicator.code, period=_period(target.year, target.quarter))
    target.delete()
    figures_changed.send(sender=Target)
