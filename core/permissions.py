"""Who may do what, by role: the one place the roles' permissions are asked. The checks that need an
indicator (which focus areas a manager enters) are in indicators.permissions."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

User = AbstractBaseUser | AnonymousUser


def may_read_dashboards(user: User) -> bool:
    """Dashboards and statistics pages: every logged-in user; the public too when PUBLIC_DASHBOARD is on."""
    return settings.PUBLIC_DASHBOARD or user.is_authenticated


def may_enter(user: User) -> bool:
    """Enters quarterly figures: of every focus area, or of those assigned to them (which ones:
    indicators.permissions)."""
    return user.is_active and user.has_perm("indicators.change_measurement")


def may_import(user: User) -> bool:
    """Imports quarterly figures from a file."""
    return user.is_active and user.has_perm("indicators.add_measurement")


def may_enter_all_focus_areas(user: User) -> bool:
    return user.is_active and user.has_perm("indicators.enter_all_focus_areas")


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


def may_delete_targets(user: User) -> bool:
    return may_edit_targets(user) and user.has_perm("indicators.delete_target")


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


def may_import_official_statistics(user: User) -> bool:
    """Fetches a table from Jobindsats in the admin and imports it: an administrator, as the import can
    approve the municipality's figures (core.permissions.may_approve)."""
    return user.is_active and user.has_perm("measures.add_jobindsatsfetch") and may_approve(user)
