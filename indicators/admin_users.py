"""User management for administrators: roles are given by group, never by superuser status."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

# Only a superuser may grant superuser status or single permissions; an administrator works with roles.
RESERVED_FOR_SUPERUSERS = ("is_superuser", "user_permissions")


class PortalUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff", "roles"]
    list_filter = ["is_active", "is_staff", "groups"]

    @admin.display(description="Roller")
    def roles(self, user: User) -> str:
        return ", ".join(group.name for group in user.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in RESERVED_FOR_SUPERUSERS]})
            for name, options in fieldsets
        ]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)
