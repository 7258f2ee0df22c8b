"""Admin for the strategy and its focus areas."""

import json
from functools import partial

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import ChangesPages
from indicators.locking import holds_locked_figures
from indicators.models import Indicator
from measures.models import Area
from measures.services import peer_group_problems, set_peer_group

from .models import FocusArea, Municipality, Principle, Strategy


class MunicipalityForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = "__all__"  # noqa: DJ007 (the admin edits every field of a municipality)
        help_texts = {
            "peers": _(
                "De kommuner, som kommunens tal vises sammen med på sammenligningssiden og i graferne, "
                "fx nabokommunerne eller kommuner med en lignende befolkning og ledighed. Vælg kun "
                "kommuner, ikke kommunen selv. Ændringen vises på siderne med det samme."
            )
        }

    def clean(self):
        cleaned = super().clean()
        # Without a chosen area, saving makes the area of the kommunekode the municipality's own.
        own_area = cleaned.get("area")
        if own_area is None and cleaned.get("code") is not None:
            own_area = Area.objects.filter(code=str(cleaned["code"])).first()
        for problem in peer_group_problems(
            own_area=own_area,
            name=cleaned.get("name") or str(self.instance),
            areas=cleaned.get("peers", []),
        ):
            self.add_error("peers", problem)
        return cleaned


@admin.register(Municipality)
class MunicipalityAdmin(ChangesPages, admin.ModelAdmin):
    form = MunicipalityForm
    list_display = ["name", "code", "area"]
    list_select_related = ["area"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["peers"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "peers":
            # "Tilgængelige kommuner" and "Valgte kommuner" on either side.
            kwargs["widget"] = FilteredSelectMultiple(_("kommuner"), is_stacked=False)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # The peer group goes through its service, which checks, audits and redraws the pages.
        peers = form.cleaned_data.pop("peers", None)
        super().save_related(request, form, formsets, change)
        if peers is not None:
            set_peer_group(request.user, form.instance, peers)


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
    formset = IndicatorsKeepLockedFigures
    fields = ["code", "name", "measure", "direction", "is_key_figure"]
    extra = 0
    show_change_link = True
    add_another = gettext_lazy("Tilføj endnu en indikator")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Here an indicator chooses its measure; a new own measure is made on the indicator's own page.
        if db_field.name == "measure":
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(FocusArea)
class FocusAreaAdmin(ChangesPages, DanishInlines, admin.ModelAdmin):
    list_display = ["__str__", "strategy"]
    list_filter = ["strategy__municipality", "strategy"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["managers"]
    inlines = [IndicatorInline]
