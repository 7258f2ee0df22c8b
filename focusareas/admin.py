"""Admin for the municipality. The strategy's and focus areas' pages ask the locks of their indicators'
figures, so they live on the indicators floor (indicators/admin_structure.py)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils.translation import gettext as _

from core.admin import ChangesPages
from measures.models import Area

from .models import Municipality
from .services import peer_group_problems, set_peer_group


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
