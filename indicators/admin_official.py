"""Admin for official statistics: the areas (reference data), the measures and their official values.
Every write goes through indicators/official_statistics.py."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy

from core.admin import ReadOnly
from core.admin_history import HistoryAdmin
from core.formats import number
from core.params import parse_id
from measures.models import Area, Measure, OfficialValue

from . import official_statistics
from .official_forms import MeasureForm, OfficialValueForm


@admin.register(Area)
class AreaAdmin(ReadOnly, admin.ModelAdmin):
    """The 98 municipalities, the regions and Hele landet: shipped by migration, read here."""

    list_display = ["name", "code", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "code"]
    list_select_related = ["region"]
    actions = None


class WithUser:
    """Forms whose rules depend on who saves get the user of the request; one who only reads is not asked
    for a reason."""

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if self.has_change_permission(request, obj) else [f for f in fields if f != "reason"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form


@admin.register(Measure)
class MeasureAdmin(WithUser, HistoryAdmin):
    form = MeasureForm
    list_display = ["code", "name", "unit", "origin", "table"]
    list_filter = ["origin", "unit", "table"]
    search_fields = ["code", "name", "table", "label"]
    actions = None

    def has_delete_permission(self, request, obj=None):
        # A measure carries its official values and the indicators that use it; it is not deleted here.
        return False

    def save_model(self, request, obj, form, change):
        official_statistics.save_measure(request.user, obj, form.cleaned_data["reason"])


class MeasureFilter(admin.SimpleListFilter):
    """The measures by their code: their names are long."""

    title = gettext_lazy("måling")
    parameter_name = "measure"

    def lookups(self, request, model_admin):
        return Measure.objects.values_list("pk", "code")

    def queryset(self, request, queryset):
        measure_id = parse_id(self.value())
        return queryset if measure_id is None else queryset.filter(measure_id=measure_id)


class AreaKindFilter(admin.SimpleListFilter):
    title = gettext_lazy("område")
    parameter_name = "area_kind"

    def lookups(self, request, model_admin):
        return Area.Kind.choices

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(area__kind=value) if value in Area.Kind.values else queryset


@admin.register(OfficialValue)
class OfficialValueAdmin(WithUser, HistoryAdmin):
    form = OfficialValueForm
    list_display = [
        "measure_code",
        "area",
        "period_label",
        "breakdown_label",
        "shown_value",
        "release",
        "source",
    ]
    list_filter = [MeasureFilter, AreaKindFilter, "kind", "year"]
    search_fields = ["area__name", "measure__code", "breakdown__key"]
    list_select_related = ["measure", "area", "breakdown"]
    delete_confirmation_template = "admin/measures/officialvalue/delete_confirmation.html"
    # Deleting many values at once would skip the reason each deletion needs.
    actions = None

    @admin.display(description=gettext_lazy("måling"), ordering="measure__code")
    def measure_code(self, obj):
        return obj.measure.code

    @admin.display(description=gettext_lazy("periode"), ordering="year")
    def period_label(self, obj):
        return obj.period.label()

    @admin.display(description=gettext_lazy("opdeling"), ordering="breakdown__key")
    def breakdown_label(self, obj):
        return obj.breakdown.label if obj.breakdown_id else gettext_lazy("hele tallet")

    @admin.display(description=gettext_lazy("værdi"), ordering="value")
    def shown_value(self, obj):
        if obj.value is None:
            return gettext_lazy("ikke offentliggjort")
        return number(obj.value, obj.measure.decimals)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and (value := self.get_object(request, unquote(object_id))):
            for problem in official_statistics.lock_problems(value):
                self.message_user(request, problem, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        # A value in a locked quarter offers no delete; its change page says why.
        return super().has_delete_permission(request, obj) and not (
            obj and official_statistics.lock_problems(obj)
        )

    def save_model(self, request, obj, form, change):
        official_statistics.save_official_value(request.user, obj, form.cleaned_data["reason"])

    def delete_view(self, request, object_id, extra_context=None):
        value = self.get_object(request, unquote(object_id))
        if (
            value is not None
            and super().has_delete_permission(request, value)
            and official_statistics.lock_problems(value)
        ):
            # The change page says why the value stays.
            return HttpResponseRedirect(reverse("admin:measures_officialvalue_change", args=[value.pk]))
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as refused:
            for message in refused.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_model(self, request, obj):
        official_statistics.delete_official_value(request.user, obj, request.POST.get("reason", ""))
