"""Admin for the briefing: the administration's narrative per focus area, the recommendation, and the
committee's decisions and follow-ups. Every edit is kept in the history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from core.admin import ChangesPages
from core.admin_history import DanishHistory

from .models import AreaNarrative, Decision, Recommendation


@admin.register(AreaNarrative)
class AreaNarrativeAdmin(ChangesPages, DanishHistory):
    list_display = ["focus_area", "year", "quarter"]
    list_filter = ["year", "quarter", "focus_area__strategy"]
    list_select_related = ["focus_area"]
    fields = ["focus_area", "year", "quarter", "text"]


@admin.register(Recommendation)
class RecommendationAdmin(ChangesPages, DanishHistory):
    list_display = ["strategy", "year", "quarter"]
    list_filter = ["strategy", "year"]
    fields = ["strategy", "year", "quarter", "text"]


@admin.register(Decision)
class DecisionAdmin(ChangesPages, DanishHistory):
    list_display = [
        "meeting_date",
        "short_text",
        "year",
        "quarter",
        "follow_up",
        "closed_year",
        "closed_quarter",
    ]
    list_filter = ["follow_up", "strategy", "year"]
    filter_horizontal = ["focus_areas", "indicators"]
    fieldsets = [
        (
            None,
            {"fields": ["strategy", "meeting_date", "year", "quarter", "text", "focus_areas", "indicators"]},
        ),
        (
            gettext_lazy("Opfølgning"),
            {"fields": ["follow_up", "closed_year", "closed_quarter", "closing_note"]},
        ),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # The strategies in force only: a decision is about what the committee follows now.
        in_force = {"focus_areas": "strategy__status", "indicators": "focus_area__strategy__status"}
        if db_field.name in in_force:
            model = db_field.remote_field.model
            kwargs["queryset"] = model.objects.filter(**{in_force[db_field.name]: "in_force"})
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("Beslutning"))
    def short_text(self, obj):
        return obj.text[:80]
