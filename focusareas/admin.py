"""Admin for the strategy and its focus areas."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

from indicators.locking import holds_locked_figures
from indicators.models import Indicator

from .models import FocusArea, Municipality, Principle, Strategy


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}


class PrincipleInline(admin.StackedInline):
    model = Principle
    extra = 0


class KeepLockedFigures(BaseInlineFormSet):
    """Ticking delete on a row obeys the delete view's rule: a row under which an actual or a target of a
    locked quarter hangs is not deleted."""

    def indicators_of(self, instance):
        return Indicator.objects.filter(focus_area=instance)

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and holds_locked_figures(indicators=self.indicators_of(form.instance)):
                raise ValidationError(
                    _(
                        "%(row)s kan ikke slettes: der hører tal eller mål i et låst kvartal til. "
                        "Intet er gemt."
                    )
                    % {"row": form.instance}
                )


class IndicatorsKeepLockedFigures(KeepLockedFigures):
    def indicators_of(self, instance):
        # Deleting an indicator deletes its breakdowns too.
        return Indicator.objects.filter(Q(pk=instance.pk) | Q(parent=instance.pk))


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    formset = KeepLockedFigures
    fields = ["number", "name", "slug"]
    extra = 0
    show_change_link = True


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "status", "adopted", "revised", "case_number"]
    list_filter = ["municipality", "status"]
    search_fields = ["title", "case_number"]
    inlines = [PrincipleInline, FocusAreaInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    formset = IndicatorsKeepLockedFigures
    fields = ["code", "name", "measure", "direction", "is_key_figure"]
    extra = 0
    show_change_link = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Here an indicator chooses its measure; a new own measure is made on the indicator's own page.
        if db_field.name == "measure":
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "strategy"]
    list_filter = ["strategy__municipality", "strategy"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["managers"]
    inlines = [IndicatorInline]
