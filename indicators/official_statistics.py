"""Writes of official statistics by hand: measures and official values.

Administrators only, always with a reason kept in the history (the peer group in the audit log), and never
in a quarter that is locked for a strategy whose indicator uses the figure of its own municipality.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import permissions
from core.audit import audit
from core.periods import Quarter
from core.signals import figures_changed
from focusareas.models import Strategy
from measures.models import Measure, OfficialValue
from measures.periods import Kind, Period

from .locking import hold_quarters
from .models import Indicator, QuarterLock
from .validation import parent_problems


def _reason(reason: str | None, missing: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(missing)
    return reason


def _name(value: OfficialValue) -> str:
    """'Y01A02-FULDTID, Ballerup, juni 2024': the figure as a message names it."""
    return f"{value.measure.code}, {value.area.name}, {value.period.label()}"


# Measures


def measure_problems(user, measure: Measure) -> list[str]:
    """Why a measure may not be stored as it is, in Danish; empty when it may."""
    if not permissions.can_edit_measures(user):
        return [_("Kun en administrator kan ændre målinger.")]
    problems = []
    if measure.pk is not None:
        for field in ("expected", "rank"):
            if getattr(measure, f"{field}_id") == measure.pk:
                problems.append(
                    _("%(field)s kan ikke være målingen selv.")
                    % {"field": str(Measure._meta.get_field(field).verbose_name).capitalize()}
                )
        problems += locked_definition_problems(measure)
        problems += unit_breakdown_problems(measure)
    return problems


def unit_breakdown_problems(measure: Measure) -> list[str]:
    """The grid's "heraf ≤ total" rule for a change of the measure's unit: every indicator that uses it is
    held against its total and its parts over the stored quarters, as an indicator's own change is."""
    stored_unit = Measure.objects.filter(pk=measure.pk).values_list("unit", flat=True).first()
    if stored_unit is None or stored_unit == measure.unit:
        return []
    problems = []
    for indicator in Indicator.objects.filter(measure_id=measure.pk).select_related("parent__measure"):
        problems += parent_problems(indicator, parent=indicator.parent, unit=measure.unit)
    return problems


# What a locked quarter's figures are judged and shown by: they stay as the committee saw them.
LOCKED_DEFINITION = ("code", "unit", "decimals", "measure_type")


def locked_definition_problems(measure: Measure) -> list[str]:
    """Why the measure's code, unit, decimals or type may not change: a strategy using it has a locked
    quarter (the latest is named). Empty when they stay or no such quarter is locked."""
    stored = Measure.objects.filter(pk=measure.pk).values(*LOCKED_DEFINITION).first()
    changed = [name for name in LOCKED_DEFINITION if stored and stored[name] != getattr(measure, name)]
    if not changed:
        return []
    lock = (
        QuarterLock.objects.filter(is_locked=True, strategy__focus_areas__indicators__measure_id=measure.pk)
        .order_by("-year", "-quarter")
        .values_list("year", "quarter", "strategy__title")
        .first()
    )
    if lock is None:
        return []
    year, quarter, title = lock
    fields = ", ".join(str(Measure._meta.get_field(name).verbose_name) for name in changed)
    return [
        _(
            "Målingens %(fields)s kan ikke ændres, fordi %(quarter)s er låst i strategien '%(strategy)s', "
            "som bruger målingen. Lås kvartalet op først, hvis det skal ændres."
        )
        % {"fields": fields, "quarter": Quarter(year, quarter).label(), "strategy": title}
    ]


@transaction.atomic
def save_measure(user, measure: Measure, reason: str) -> Measure:
    """Create or change a measure; who, when and why are kept in its history."""
    if not permissions.can_edit_measures(user):
        raise PermissionDenied(_("Kun en administrator kan ændre målinger."))
    reason = _reason(reason, _("Skriv en begrundelse for ændringen af målingen."))
    if problems := measure_problems(user, measure):
        raise ValidationError(problems)
    measure.full_clean()
    measure._history_user = user
    measure._change_reason = reason
    measure.save()
    audit("measure_saved", user=user, measure=measure.code, reason=reason)
    figures_changed.send(sender=Measure)
    return measure


# Official values


def _quarters(period: Period) -> list[Quarter]:
    """The quarters a value belongs to: a month's quarter, the quarter a moving year ends with; a calendar
    year belongs to each of its quarters (as an annual target does)."""
    if period.quarter is not None:
        return [period.quarter]
    return [Quarter(period.year, number) for number in range(1, 5)]


def _strategies_using(measure_id: int | None, *, own_area_id: int | None = None) -> list[Strategy]:
    """The strategies with an indicator using the measure; with own_area_id only those of the municipality
    whose own area that is."""
    strategies = Strategy.objects.filter(focus_areas__indicators__measure_id=measure_id)
    if own_area_id is not None:
        strategies = strategies.filter(municipality__area_id=own_area_id)
    return list(strategies.distinct().order_by("pk"))


class OwnLocks:
    """The locked quarters of the portal's own figures: for each measure and own area used by a strategy, the
    quarters locked there with the strategy's title. Read in two queries for any number of values, so an
    import checks its rows against it as the admin checks one value."""

    def __init__(self, measure_ids: Iterable[int]):
        uses = (
            Strategy.objects.filter(
                focus_areas__indicators__measure_id__in=set(measure_ids), municipality__area__isnull=False
            )
            .values_list("pk", "title", "municipality__area_id", "focus_areas__indicators__measure_id")
            .distinct()
        )
        by_strategy: dict[int, list[tuple[int, int, str]]] = {}
        for strategy_id, title, area_id, measure_id in uses:
            by_strategy.setdefault(strategy_id, []).append((measure_id, area_id, title))
        self._locked: dict[tuple[int, int], dict[Quarter, str]] = {}
        rows = QuarterLock.objects.filter(strategy_id__in=by_strategy, is_locked=True).order_by("strategy_id")
        for strategy_id, year, number in rows.values_list("strategy_id", "year", "quarter"):
            for measure_id, area_id, title in by_strategy[strategy_id]:
                self._locked.setdefault((measure_id, area_id), {}).setdefault(Quarter(year, number), title)

    def of(self, value: OfficialValue) -> list[tuple[Quarter, str]]:
        """The locked quarters the value belongs to, each with the title of a strategy that locked it."""
        locked = self._locked.get((value.measure_id, value.area_id), {})
        return [(quarter, locked[quarter]) for quarter in _quarters(value.period) if quarter in locked]


def lock_problems(*values: OfficialValue) -> list[str]:
    """Why the values may not change because of a locked quarter, in Danish; empty when they may."""
    locks = OwnLocks(value.measure_id for value in values)
    return list(
        dict.fromkeys(
            _(
                "%(value)s hører til %(quarter)s, som er låst i strategien '%(strategy)s'. Tallet kan "
                "ikke ændres eller slettes; lås kvartalet op først, hvis det skal rettes."
            )
            % {"value": _name(value), "quarter": quarter.label(), "strategy": title}
            for value in values
            for quarter, title in locks.of(value)
        )
    )


def _stored(value: OfficialValue, *, for_update: bool = False) -> OfficialValue | None:
    if value.pk is None:
        return None
    stored = OfficialValue.objects.select_related("measure", "area")
    return (stored.select_for_update(of=("self",)) if for_update else stored).filter(pk=value.pk).first()


def _period_problems(value: OfficialValue) -> list[str]:
    if value.kind not in {kind for kind, _label in Kind.CHOICES}:
        return [_("Periodetypen '%(kind)s' kendes ikke.") % {"kind": value.kind}]
    try:
        Period.parse(str(value.period))
    except ValueError as problem:
        return [str(problem)]
    return []


def official_value_problems(user, value: OfficialValue, *, stored: OfficialValue | None = None) -> list[str]:
    """Why an official value may not be stored as it is, in Danish; empty when it may.
    stored is the value as it is in the database (read when not given)."""
    if not permissions.can_edit_official_statistics(user):
        return [_("Kun en administrator kan ændre officielle tal.")]
    if problems := _period_problems(value):
        return problems
    twin = OfficialValue.objects.filter(
        measure_id=value.measure_id,
        area_id=value.area_id,
        year=value.year,
        kind=value.kind,
        number=value.number,
        breakdown_id=value.breakdown_id,
    ).exclude(pk=value.pk)
    if twin.exists():
        return [
            _("Der findes allerede et tal for %(value)s. Ret det i stedet for at oprette et nyt.")
            % {"value": _name(value)}
        ]
    # Moving a value out of a locked quarter changes that quarter too.
    stored = stored if stored is not None else _stored(value)
    return lock_problems(*([stored] if stored else []), value)


def _hold(values: Iterable[OfficialValue]) -> None:
    """Hold the quarters the values belong to, so a lock waits for this write (or this write for the lock)."""
    hold_quarters(
        (strategy.pk, quarter)
        for value in values
        for strategy in _strategies_using(value.measure_id, own_area_id=value.area_id)
        for quarter in _quarters(value.period)
    )


@transaction.atomic
def save_official_value(user, value: OfficialValue, reason: str) -> OfficialValue:
    """Create or change an official value by hand; old and new value, who and why are kept in its history."""
    if not permissions.can_edit_official_statistics(user):
        raise PermissionDenied(_("Kun en administrator kan ændre officielle tal."))
    reason = _reason(reason, _("Skriv en begrundelse for ændringen af tallet."))
    stored = _stored(value, for_update=True)
    _hold([stored, value] if stored else [value])
    if problems := official_value_problems(user, value, stored=stored):
        raise ValidationError(problems)
    value.is_synthetic = False  # a value written by hand is a published one, whatever a loader made it
    value.full_clean()
    value._history_user = user
    value._change_reason = reason
    value.save()
    audit(
        "official_value_saved",
        user=user,
        value=_name(value),
        old=stored.value if stored else "",
        new=value.value,
        reason=reason,
    )
    figures_changed.send(sender=OfficialValue)
    return value


@transaction.atomic
def delete_official_value(user, value: OfficialValue, reason: str) -> None:
    """Delete an official value by hand; the deletion, who and why are kept in its history."""
    if not permissions.can_delete_official_statistics(user):
        raise PermissionDenied(_("Kun en administrator kan slette officielle tal."))
    reason = _reason(reason, _("Skriv en begrundelse for at slette tallet."))
    stored = _stored(value, for_update=True)
    if stored is None:
        raise ValidationError(_("Tallet er allerede slettet."))
    _hold([stored])
    if problems := lock_problems(stored):
        raise ValidationError(problems)
    stored._history_user = user
    stored._change_reason = reason
    audit("official_value_deleted", user=user, value=_name(stored), old=stored.value, reason=reason)
    stored.delete()
    figures_changed.send(sender=OfficialValue)
