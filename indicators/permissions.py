"""Who may enter figures of which indicators: a manager only those of the focus areas assigned to them."""

from django.db.models import QuerySet

from core.permissions import User, may_enter, may_enter_all_focus_areas
from focusareas.models import Strategy

from .models import Indicator


def editable_indicators(user: User, strategy: Strategy | int | None = None) -> QuerySet[Indicator]:
    """The indicators (of a strategy, or of all) whose actuals and commentary the user may enter."""
    indicators = Indicator.objects.select_related("focus_area")
    if strategy is not None:
        indicators = indicators.of_strategy(strategy)
    if not may_enter(user):
        return indicators.none()
    if may_enter_all_focus_areas(user):
        return indicators
    # Managers enter figures only for the focus areas they are assigned to.
    return indicators.filter(focus_area__managers=user)


def may_enter_figures(user: User, indicator: Indicator) -> bool:
    if not may_enter(user):
        return False
    if may_enter_all_focus_areas(user):
        return True
    return indicator.focus_area.managers.filter(pk=user.pk).exists()
