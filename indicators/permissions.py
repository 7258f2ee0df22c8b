"""Who may do what with figures, targets and quarters: the one place the roles are enforced."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from focusareas.models import Strategy

from .models import Indicator

User = AbstractBaseUser | AnonymousUser


def may_read_dashboards(user: User) -> bool:
    """Dashboards and statistics pages: every logged-in user; the public too when PUBLIC_DASHBOARD is on."""
    return settings.PUBLIC_DASHBOARD or user.is_authenticated


def may_enter_all_focus_areas(user: User) -> bool:
    return user.is_active and user.has_perm("indicators.enter_all_focus_areas")


def editable_indicators(user: User, strategy: Strategy | int | None = None) -> QuerySet[Indicator]:
    """The indicators (of a strategy, or of all) whose actuals and commentary the user may enter."""
    indicators = Indicator.objects.select_related("focus_area")
    if strategy is not None:
        indicators = indicators.of_strategy(strategy)
    if not (user.is_active and user.has_perm("indicators.change_measurement")):
        return indicators.none()
    if may_enter_all_focus_areas(user):
        return indicators
    # Managers enter figures only for the focus areas they are assigned to.
    return indicators.filter(focus_area__managers=user)


def may_enter_figures(user: User, indicator: Indicator) -> bool:
    if not (user.is_active and user.has_perm("indicators.change_measurement")):
        return False
    if may_enter_all_focus_areas(user):
        return True
    return indicator.focus_area.managers.filter(pk=user.pk).exists()


def may_approve(user: User) -> bool:
    return user.is_active and user.has_perm("indicators.approve_measurement")


def may_lock(user: User) -> bool:
    return user.is_active and user.has_perm("indicators.lock_quarter")


def may_edit_targets(user: User) -> bool:
    return (
        user.is_active
        and user.has_perm("indicators.change_target")
        and user.has_perm("indicators.add_target")
    )


def may_delete_figures(user: User) -> bool:
    return user.is_active and user.has_perm("indicators.delete_measurement")


# Official statistics (measures, official values, the peer group). Administrators change them; managers
# may read official values and measures in the admin; committee members read them on the portal's pages.


def can_edit_measures(user: User) -> bool:
    return (
        user.is_active and user.has_perm("measures.add_measure") and user.has_perm("measures.change_measure")
    )


def can_edit_official_statistics(user: User) -> bool:
    return (
        user.is_active
        and user.has_perm("measures.add_officialvalue")
        and user.has_perm("measures.change_officialvalue")
    )


def can_delete_official_statistics(user: User) -> bool:
    return can_edit_official_statistics(user) and user.has_perm("measures.delete_officialvalue")


def can_choose_peer_group(user: User) -> bool:
    return user.is_active and user.has_perm("focusareas.change_municipality")
