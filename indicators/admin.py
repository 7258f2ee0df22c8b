"""Admin for indicators, targets, actuals and locks; every write goes via a service."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import permissions
from core.admin import ChangesPages, DanishNumbers, ReadOnly, display_value
from core.admin_history import HistoryAdmin
from core.params import parse_id

from . import admin_feed, admin_official, admin_structure, admin_users  # noqa: F401 (register their admin pages)
from .admin_approval import approval_view, completeness_view
from .admin_deadline import deadline_view
from .admin_entry import import_view, lock_view, quarter_entry_view, template_view, unlock_view
from .definition import indicator_create, indicator_update
from .forms import IndicatorForm, MeasurementForm, ReturnForm, TargetForm, indicator_fields
from .locking import quarter_is_locked, target_is_locked
from .models import Indicator, Measurement, QuarterLock, ReportingDeadline, Target
from .permissions import editable_indicators, may_enter_figures
from .services import (
    FiguresRefused,
    measurement_approve,
    measurement_delete,
    measurement_return,
    measurement_save,
    measurement_submit,
)
from .targets import target_delete, target_save


def entry_urls(model_admin) -> list:
    site = model_admin.admin_site

    def view(function):
        return site.admin_view(lambda request: function(request, model_admin))

    return [
        path("kvartal/", view(quarter_entry_view), name="indicators_quarter_entry"),
        path("kvartal/laas/", view(require_POST(lock_view)), name="indicators_quarter_lock"),
        path("kvartal/laas-op/", view(require_POST(unlock_view)), name="indicators_quarter_unlock"),
        path("godkendelse/", view(approval_view), name="indicators_approval"),
        path("overblik/", view(completeness_view), name="indicators_completeness"),
        path("overblik/frist/", view(require_POST(deadline_view)), name="indicators_deadline_move"),
        path("import/", view(import_view), name="indicators_import"),
        path("import/skabelon.xlsx", view(template_view), name="indicators_import_template"),
    ]


@admin.display(description=gettext_lazy("Indikator"), ordering="indicator__code")
def indicator_column(obj) -> str:
    """A target's or figure's indicator, under a Danish heading (the model's field has no Danish name)."""
    return str(obj.indicator)


class TargetInline(DanishNumbers, admin.TabularInline):
    """Targets shown with their indicator; they are changed on their own page, with a reason."""

    model = Target
    fields = ["year", "quarter", "value_min", "value_max", "comment", "source"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Indicator)
class IndicatorAdmin(ChangesPages, DanishNumbers, HistoryAdmin):
    list_display = ["code", "name", "focus_area", "measure", "direction", "is_key_figure"]
    list_filter = ["focus_area__strategy", "is_key_figure", "measure__unit"]
    search_fields = ["code", "name", "measure__code"]
    list_select_related = ["focus_area__strategy", "measure"]
    inlines = [TargetInline]
    form = IndicatorForm

    def save_model(self, request, obj, form, change):
        # The service chooses or makes the measure; the reason for a change of how the status is judged is
        # kept in the history.
        data = indicator_fields(form) | form.new_measure()
        reason = form.cleaned_data.get("change_reason", "")
        if change:
            saved = indicator_update(user=request.user, indicator=obj, reason=reason, **data)
        else:
            saved = indicator_create(user=request.user, reason=reason, **data)
        obj.pk, obj.strategy_id, obj.measure = saved.pk, saved.strategy_id, saved.measure


@admin.register(Target)
class TargetAdmin(DanishNumbers, HistoryAdmin):
    form = TargetForm
    list_display = [indicator_column, "year", "quarter", "value_min", "value_max", "source"]
    list_filter = ["year", "indicator__focus_area__strategy"]
    search_fields = ["indicator__code", "indicator__name"]
    list_select_related = ["indicator"]
    actions = None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or not target_is_locked(
            strategy_id=obj.indicator.focus_area.strategy_id, year=obj.year, quarter=obj.quarter
        )

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = target_save(
            user=request.user,
            indicator=data["indicator"],
            year=data["year"],
            quarter=data.get("quarter"),
            value_min=data["value_min"],
            value_max=data["value_max"],
            reason=data["reason"],
            comment=data.get("comment", ""),
            source=data.get("source", ""),
            target=obj if change else None,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        target_delete(user=request.user, target=obj, reason=_("Slettet i administrationen"))


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Measurement.State.choices

    def queryset(self, request, queryset):
        # Only a state the list offers filters; anything else typed into the address shows all.
        return queryset.filter(state=self.value()) if self.value() in Measurement.State.values else queryset


@admin.register(Measurement)
class MeasurementAdmin(DanishNumbers, HistoryAdmin):
    form = MeasurementForm
    list_display = [indicator_column, "year", "quarter", "shown_value", "state", "entered_by", "updated_at"]
    list_filter = [StateFilter, "year", "quarter", "indicator__focus_area__strategy"]
    search_fields = ["indicator__code", "indicator__name"]
    list_select_related = ["indicator", "entered_by"]
    readonly_fields = ["state", "review_note", "entered_by", "updated_at"]
    change_list_template = "admin/indicators/measurement/change_list.html"
    actions = ["submit_selected", "approve_selected", "return_selected"]

    def get_urls(self):
        return entry_urls(self) + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        may_import = {"may_import": permissions.may_import(request.user)}
        return super().changelist_view(request, extra_context=(extra_context or {}) | may_import)

    @admin.display(description=gettext_lazy("værdi"), ordering="value")
    def shown_value(self, obj):
        # The version beside the value goes with an approve or return, which refuses a figure changed since.
        return format_html(
            '{}<input type="hidden" name="{}" value="{}">',
            display_value(obj.value),
            _version_field(obj.pk),
            obj.version,
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "indicator" in form.base_fields:
            form.base_fields["indicator"].queryset = editable_indicators(request.user)
        form.user = request.user
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "indicator", "year", "quarter"] if obj is not None else fields

    def get_changeform_initial_data(self, request):
        return super().get_changeform_initial_data(request) | {"version": 0}

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if not permissions.may_approve(request.user):
            actions.pop("approve_selected", None)
            actions.pop("return_selected", None)
        return actions

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        return may_enter_figures(request.user, obj.indicator) and not _locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not _locked(obj))

    def save_form(self, request, form, change):
        return form.save(commit=False)

    def save_model(self, request, obj, form, change):
        figure = form.figure()
        saved = measurement_save(
            user=request.user,
            indicator=figure.indicator,
            quarter=figure.quarter,
            value=figure.value,
            commentary=figure.commentary,
            version=figure.version,
            basis=figure.basis,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        measurement_delete(user=request.user, measurement=obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        # A bulk delete goes through the same service as a single one, so each figure is audited.
        for measurement in queryset.select_related("indicator__focus_area", "indicator__measure"):
            measurement_delete(user=request.user, measurement=measurement)

    @admin.action(description=gettext_lazy("Indsend valgte til godkendelse"))
    def submit_selected(self, request, queryset):
        self._run(request, lambda: measurement_submit(user=request.user, measurements=queryset))

    @admin.action(description=gettext_lazy("Godkend valgte"))
    def approve_selected(self, request, queryset):
        versions = _shown_versions(request)
        self._run(
            request, lambda: measurement_approve(user=request.user, measurements=queryset, versions=versions)
        )

    @admin.action(description=gettext_lazy("Send valgte retur med en bemærkning"))
    def return_selected(self, request, queryset):
        form = ReturnForm(request.POST if "note" in request.POST else None)
        versions = _shown_versions(request)
        if form.is_valid():
            self._run(
                request,
                lambda: measurement_return(
                    user=request.user,
                    measurements=queryset,
                    note=form.cleaned_data["note"],
                    versions=versions,
                ),
            )
            return None
        context = self.admin_site.each_context(request) | {
            "title": _("Send tal retur"),
            "form": form,
            "versions": [(_version_field(pk), version) for pk, version in versions.items()],
            "figures": queryset.select_related("indicator__measure"),
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/indicators/measurement/return.html", context)

    def _run(self, request, step) -> None:
        try:
            count = step()
        except (FiguresRefused, ValidationError) as refused:
            for message in refused.messages:
                self.message_user(request, message, messages.ERROR)
            return
        except PermissionDenied as denied:
            self.message_user(request, str(denied), messages.ERROR)
            return
        self.message_user(request, _("%(count)s tal er opdateret.") % {"count": count}, messages.SUCCESS)


def _version_field(pk: int) -> str:
    return f"version-{pk}"


def _shown_versions(request) -> dict[int, int]:
    """The version of each figure as the list showed it; a figure without one counts as changed."""
    versions = {}
    for pk in request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME):
        figure, version = parse_id(pk), parse_id(request.POST.get(_version_field(pk)))
        if figure is not None and version is not None:
            versions[figure] = version
    return versions


def _locked(measurement: Measurement) -> bool:
    return quarter_is_locked(
        strategy_id=measurement.indicator.focus_area.strategy_id, quarter=measurement.period
    )


@admin.register(QuarterLock)
class QuarterLockAdmin(ReadOnly, HistoryAdmin):
    """Locks are set and lifted on the quarterly entry page; here their history is kept in view."""

    list_display = ["strategy", "year", "quarter", "is_locked", "locked_by", "locked_at", "unlock_reason"]
    list_filter = ["strategy", "is_locked", "year"]
    list_select_related = ["strategy", "locked_by"]


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(ReadOnly, HistoryAdmin):
    """A quarter's deadline where it differs from the default; it is moved, with a reason, on the board."""

    list_display = ["strategy", "year", "quarter", "due"]
    list_filter = ["strategy", "year"]
    list_select_related = ["strategy"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def changelist_view(self, request, extra_context=None):
        messages.info(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Fristen flyttes på overblikket over indberetningen, med en begrundelse."),
                reverse("admin:indicators_completeness"),
                _("Gå til overblikket"),
            ),
        )
        return super().changelist_view(request, extra_context)
