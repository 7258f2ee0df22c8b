"""Admin for the strategy, its principles and focus areas, and a focus area's indicators. Deleting or
moving a focus area or an indicator asks the locks of its figures, so these pages live on the indicators
floor; the rows are written by the indicator services."""

import json
from functools import partial

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import ChangesPages
from focusareas.models import FocusArea, Principle, Strategy

from .definition import indicator_create, indicator_update
from .forms import indicator_fields
from .locking import holds_locked_figures
from .models import Indicator
from .moves import focus_area_move, focus_area_move_problem


class DanishInlines:
    """An inline's "add another" button in the words its `add_another` gives: Django's Danish writes
    "Tilføj endnu en Princip" for every noun, whatever its gender."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_formset in inline_formsets:
            if text := getattr(inline_formset.opts, "add_another", None):
                inline_formset.inline_formset_data = partial(_with_add_text, inline_formset, text)
        return inline_formsets


def _with_add_text(inline_formset, text) -> str:
    data = json.loads(type(inline_formset).inline_formset_data(inline_formset))
    data["options"]["addText"] = str(text)
    return json.dumps(data)


class PrincipleInline(admin.StackedInline):
    model = Principle
    extra = 0
    add_another = gettext_lazy("Tilføj endnu et princip")


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


class IndicatorRows(KeepLockedFigures):
    """The focus area's indicators: a new row is created, a changed one updated, by the indicator services."""

    # Set by the inline for each request: the history names who saved.
    user = None

    def indicators_of(self, instance):
        # Deleting an indicator deletes its breakdowns too.
        return Indicator.objects.filter(Q(pk=instance.pk) | Q(parent=instance.pk))

    def save_new(self, form, commit=True):
        if not commit:
            return super().save_new(form, commit=False)
        return indicator_create(user=self.user, **(indicator_fields(form) | {"focus_area": self.instance}))

    def save_existing(self, form, obj, commit=True):
        if not commit:
            return super().save_existing(form, obj, commit=False)
        return indicator_update(user=self.user, indicator=obj, **indicator_fields(form))


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    formset = KeepLockedFigures
    fields = ["number", "name", "slug"]
    extra = 0
    show_change_link = True
    add_another = gettext_lazy("Tilføj endnu et fokusområde")


@admin.register(Strategy)
class StrategyAdmin(ChangesPages, DanishInlines, admin.ModelAdmin):
    list_display = ["title", "municipality", "status", "adopted", "revised", "case_number"]
    list_filter = ["municipality", "status"]
    search_fields = ["title", "case_number"]
    inlines = [PrincipleInline, FocusAreaInline]


class IndicatorRowForm(forms.ModelForm):
    """A row of the focus area's indicators. An existing indicator's measure and direction decide its status
    and its "heraf" sums, so they change on its own page, which asks for a reason and checks both."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and {"measure", "direction"} & set(self.changed_data):
            raise ValidationError(
                _(
                    "%(code)s: Målingen og retningen for en indikator, der allerede findes, ændres på "
                    "indikatorens egen side, hvor ændringen får en begrundelse."
                )
                % {"code": self.instance.code}
            )
        return cleaned


class IndicatorInline(admin.TabularInline):
    model = Indicator
    form = IndicatorRowForm
    formset = IndicatorRows
    fields = ["code", "name", "measure", "direction", "is_key_figure"]
    extra = 0
    show_change_link = True
    add_another = gettext_lazy("Tilføj endnu en indikator")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Here an indicator chooses its measure; a new own measure is made on the indicator's own page.
        if db_field.name == "measure":
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user
        return formset


class FocusAreaForm(forms.ModelForm):
    """A focus area moved to another strategy takes its indicators along, unless they hold figures of a
    locked quarter."""

    def clean(self):
        # The instance is still the stored focus area here: the form's values reach it after clean().
        cleaned = super().clean()
        if cleaned.get("strategy") and (
            problem := focus_area_move_problem(focus_area=self.instance, strategy=cleaned["strategy"])
        ):
            self.add_error("strategy", problem)
        return cleaned


@admin.register(FocusArea)
class FocusAreaAdmin(ChangesPages, DanishInlines, admin.ModelAdmin):
    form = FocusAreaForm
    list_display = ["__str__", "strategy"]
    list_filter = ["strategy__municipality", "strategy"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["managers"]
    inlines = [IndicatorInline]

    def save_model(self, request, obj, form, change):
        # A move to another strategy goes through its service, which asks the locks once more.
        if change and "strategy" in form.changed_data:
            focus_area_move(user=request.user, focus_area=obj, strategy=obj.strategy)
        super().save_model(request, obj, form, change)
