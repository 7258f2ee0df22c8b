"""API tokens in the admin: an administrator issues one for a person (shown once), sees when each was last
used, and revokes it."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import tokens
from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    fields = ["user", "name", "expires_at"]
    readonly_fields = ["prefix", "created_at", "created_by", "revoked_at", "last_used_at"]
    actions = ["revoke_selected"]

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else ["user", "name", *self.readonly_fields, "expires_at"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["user", "name", "expires_at", *self.readonly_fields]

    def get_changeform_initial_data(self, request):
        return {"expires_at": timezone.now() + timezone.timedelta(days=tokens.DEFAULT_DAYS)}

    def save_model(self, request, obj, form, change):
        if change:
            return  # a token is not changed: it is revoked, and a new one issued
        record, token = tokens.issue(user=obj.user, name=obj.name, expires_at=obj.expires_at, by=request.user)
        obj.pk, obj.prefix, obj.hashed = record.pk, record.prefix, record.hashed
        obj.created_at = record.created_at
        messages.warning(
            request,
            _("API-nøglen til %(name)s er: %(token)s — kopiér den nu; den vises ikke igen.")
            % {"name": obj.user, "token": token},
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and obj is None

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, not deleted: the audit log names it

    @admin.action(description=gettext_lazy("Træk de valgte API-nøgler tilbage"), permissions=["revoke"])
    def revoke_selected(self, request, queryset):
        for record in queryset.select_related("user"):
            tokens.revoke(record, by=request.user)
        messages.success(request, _("API-nøglerne er trukket tilbage."))

    def has_revoke_permission(self, request):
        return request.user.has_perm("api.change_apitoken")
