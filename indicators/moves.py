"""Moving an indicator to another focus area, or a focus area to another strategy. Figures of a locked
quarter stay under their strategy's lock: what holds them is not moved. The models know nothing of locks;
every path that moves asks here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit
from core.signals import figures_changed
from focusareas.models import FocusArea, Strategy

from .locking import holds_locked_figures
from .models import Indicator


def indicator_move_problem(*, indicator: Indicator, focus_area: FocusArea) -> str | None:
    """Why the stored indicator may not move to focus_area, in Danish; None when it may (or stays)."""
    if indicator.pk is None or indicator.focus_area_id == focus_area.pk:
        return None
    if holds_locked_figures(indicators=[indicator.pk]):
        return _(
            "Indikatoren har tal eller mål i et låst kvartal og kan ikke flyttes. Lås kvartalet op først."
        )
    return None


def focus_area_move_problem(*, focus_area: FocusArea, strategy: Strategy) -> str | None:
    """Why the stored focus area may not move to strategy, in Danish; None when it may (or stays)."""
    if focus_area.pk is None or focus_area.strategy_id == strategy.pk:
        return None
    if holds_locked_figures(indicators=Indicator.objects.filter(focus_area=focus_area.pk)):
        return _("Fokusområdet har tal eller mål i et låst kvartal og kan ikke flyttes.")
    return None


@transaction.atomic
def indicator_move(*, user, indicator: Indicator, focus_area: FocusArea, reason: str = "") -> Indicator:
    """Move an indicator (and so its figures) to another focus area, perhaps of another strategy."""
    stored = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if problem := indicator_move_problem(indicator=stored, focus_area=focus_area):
        raise ValidationError({"focus_area": problem})
    stored.focus_area = focus_area
    stored._history_user = user
    stored._change_reason = reason.strip() or None
    stored.save()  # the indicator's strategy follows its focus area's
    figures_changed.send(sender=Indicator)
    return stored


@transaction.atomic
def focus_area_move(*, user, focus_area: FocusArea, strategy: Strategy) -> FocusArea:
    """Move a focus area with its indicators to another strategy (a focus area keeps no history: the audit
    log says who moved it)."""
    stored = FocusArea.objects.select_for_update().get(pk=focus_area.pk)
    if problem := focus_area_move_problem(focus_area=stored, strategy=strategy):
        raise ValidationError({"strategy": problem})
    moved_from = stored.strategy_id
    stored.strategy = strategy
    stored.save(update_fields=["strategy"])  # and its indicators' strategy with it
    if moved_from != strategy.pk:
        audit("focus_area_moved", user=user, focus_area=stored.pk, old=moved_from, new=strategy.pk)
    figures_changed.send(sender=FocusArea)
    return stored
