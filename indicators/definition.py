"""An indicator's definition: the measure it uses and how its status is judged.

Creating an indicator chooses its measure or makes the municipality's own measure for its code (shared by
the municipality's strategy versions). A change of direction, measure or tolerance rewrites the status of
past quarters, so it carries a reason, kept in the indicator's history."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.signals import figures_changed
from focusareas.models import FocusArea
from measures.models import Measure, MeasureType
from measures.own import own_measure

from .models import Indicator
from .moves import indicator_move_problem

# Changing one of these rewrites the status of past quarters. Unit, decimals and measure type belong to the
# measure, whose own service asks the same (measures.services.save_measure).
JUDGEMENT_FIELDS = ("direction", "measure", "tolerance_pct")


def judgement_changes(indicator: Indicator, fields: Mapping[str, object]) -> list[str]:
    """Which of JUDGEMENT_FIELDS the fields would change on a stored indicator (none on a new one)."""
    if indicator.pk is None:
        return []
    changed = []
    for name in JUDGEMENT_FIELDS:
        if name not in fields:
            continue
        if name == "measure":
            differs = getattr(fields[name], "pk", None) != indicator.measure_id
        else:
            differs = fields[name] != getattr(indicator, name)
        if differs:
            changed.append(name)
    return changed


def reason_problem(*, indicator: Indicator, fields: Mapping[str, object], reason: str) -> str | None:
    """Why the change needs a reason it lacks, in Danish, naming what changes; None when it needs none."""
    changed = judgement_changes(indicator, fields)
    if not changed or reason.strip():
        return None
    labels = ", ".join(str(Indicator._meta.get_field(name).verbose_name).lower() for name in changed)
    return _("Skriv en begrundelse: ændringen af %(fields)s ændrer status for tidligere kvartaler.") % {
        "fields": labels
    }


def own_measure_for(
    *,
    focus_area: FocusArea,
    code: str,
    name: str,
    unit: str,
    decimals: int,
    measure_type: str,
    definition: str,
) -> Measure:
    """The own measure of the focus area's municipality for the code, created on first use with this unit,
    decimals and type (another unit under the same code is another measure)."""
    if not unit:
        raise ValidationError(_("Vælg en måling, eller angiv enheden for en ny måling."))
    return own_measure(
        Measure,
        municipality_slug=focus_area.strategy.municipality.slug,
        code=code,
        name=name,
        unit=unit,
        decimals=decimals,
        measure_type=measure_type,
        definition=definition,
    )


def _save(indicator: Indicator, *, user, reason: str) -> None:
    if user is not None:  # without one, simple-history takes the request's user, if any
        indicator._history_user = user
    indicator._change_reason = reason.strip() or None
    indicator.save()
    figures_changed.send(sender=Indicator)  # the pages show the indicator's definition


@transaction.atomic
def indicator_create(
    *,
    user=None,
    focus_area: FocusArea,
    code: str,
    name: str,
    direction: str,
    measure: Measure | None = None,
    unit: str = "",
    decimals: int = 0,
    measure_type: str = MeasureType.LEVEL,
    reason: str = "",
    **fields,
) -> Indicator:
    """A new indicator using the measure given, or else the municipality's own measure for its code made
    with unit, decimals and measure_type (ignored when a measure is given: they are the measure's).

    fields are the indicator's other fields (description, is_key_figure, parent, tolerance_pct…). The
    database keeps the constraints; the admin's forms have checked the rest."""
    if measure is None:
        measure = own_measure_for(
            focus_area=focus_area,
            code=code,
            name=name,
            unit=unit,
            decimals=decimals,
            measure_type=measure_type,
            definition=fields.get("description", ""),
        )
    indicator = Indicator(
        focus_area=focus_area, code=code, name=name, direction=direction, measure=measure, **fields
    )
    _save(indicator, user=user, reason=reason)
    return indicator


@transaction.atomic
def indicator_update(
    *,
    user=None,
    indicator: Indicator,
    reason: str = "",
    unit: str = "",
    decimals: int = 0,
    measure_type: str = MeasureType.LEVEL,
    **fields,
) -> Indicator:
    """Change the indicator's fields and return it as stored.

    measure=None among the fields gives it the municipality's own measure made with unit, decimals and
    measure_type, which are otherwise ignored. A change of direction, measure or tolerance needs a reason;
    a move to another focus area is refused while the indicator holds figures of a locked quarter."""
    stored = Indicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
    if "measure" in fields and fields["measure"] is None:
        fields["measure"] = own_measure_for(
            focus_area=fields.get("focus_area", stored.focus_area),
            code=fields.get("code", stored.code),
            name=fields.get("name", stored.name),
            unit=unit,
            decimals=decimals,
            measure_type=measure_type,
            definition=fields.get("description", stored.description),
        )
    if problem := reason_problem(indicator=stored, fields=fields, reason=reason):
        raise ValidationError(problem)
    if "focus_area" in fields and (
        problem := indicator_move_problem(indicator=stored, focus_area=fields["focus_area"])
    ):
        raise ValidationError({"focus_area": problem})
    for name, value in fields.items():
        setattr(stored, name, value)
    _save(stored, user=user, reason=reason)
    return stored
