"""Admin for the committee's case: the meeting calendar, the administration's assessment per focus area and
the recommendation (each with its author and sign-off), and the committee's decisions and follow-ups. Every
edit is kept in the history."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy, ngettext

from core.admin import ChangesPages
from core.admin_history import DanishHistory
from core.signals import figures_changed

from .models import AreaNarrative, Decision, Meeting, Recommendation
from .report import case_check


@admin.register(Meeting)
class MeetingAdmin(ChangesPages, DanishHistory):
    list_display = ["date", "committee", "agenda_item", "case_number", "year", "quarter"]
    list_filter = ["strategy", "year"]
    date_hierarchy = "date"
    readonly_fields = ["case_ready"]
    fieldsets = [
        (None, {"fields": ["strategy", "committee", "date", "place", "agenda_item", "case_number"]}),
        (gettext_lazy("Sagens kvartal"), {"fields": ["year", "quarter"]}),
        (gettext_lazy("Sagens tekster"), {"fields": ["background", "economy", "source"]}),
        (gettext_lazy("Klar til at blive sendt?"), {"fields": ["case_ready"]}),
    ]

    @admin.display(description=gettext_lazy("Tjek før sagen fryses"))
    def case_ready(self, obj):
        """What the case still lacks before the quarter locks and the case is frozen."""
        if obj is None or obj.pk is None:
            return "–"
        gaps = case_check(obj.strategy, obj.period)
        case = reverse("report:quarter", kwargs={"year": obj.year, "quarter": obj.quarter})
        if not gaps:
            return format_html('{} <a href="{}">{}</a>', gettext("Sagen er klar."), case, gettext("Se sagen"))
        return format_html(
            '<ul class="case-gaps">{}</ul><a href="{}">{}</a>',
            format_html_join("", "<li>{}</li>", ((gap.text,) for gap in gaps)),
            case,
            gettext("Se sagen"),
        )


class SignedOffAdmin(ChangesPages, DanishHistory):
    """A text's author is whoever last changed it; approving is an action for those allowed to sign off."""

    readonly_fields = ["written_by", "approved_by", "approved_at"]
    actions = ["approve"]

    def save_model(self, request, obj, form, change):
        if not change or "text" in form.changed_data:
            obj.written_by = request.user
        super().save_model(request, obj, form, change)

    def has_approve_permission(self, request):
        return request.user.has_perm(f"reporting.approve_{self.model._meta.model_name}")

    @admin.action(description=gettext_lazy("Godkend de valgte tekster"), permissions=["approve"])
    def approve(self, request, queryset):
        for text in queryset:
            text.approve(request.user)
        figures_changed.send(sender=self.model)  # the case shows the sign-off at once
        self.message_user(
            request,
            ngettext("%(n)d tekst er godkendt.", "%(n)d tekster er godkendt.", len(queryset))
            % {"n": len(queryset)},
            messages.SUCCESS,
        )

    @admin.display(description=gettext_lazy("Godkendt"), boolean=True)
    def is_approved(self, obj):
        return obj.is_approved


@admin.register(AreaNarrative)
class AreaNarrativeAdmin(SignedOffAdmin):
    list_display = ["focus_area", "year", "quarter", "written_by", "is_approved"]
    list_filter = ["year", "quarter", "focus_area__strategy"]
    list_select_related = ["focus_area", "written_by"]
    fields = ["focus_area", "year", "quarter", "text", "written_by", "approved_by", "approved_at"]


@admin.register(Recommendation)
class RecommendationAdmin(SignedOffAdmin):
    list_display = ["strategy", "year", "quarter", "written_by", "is_approved"]
    list_filter = ["strategy", "year"]
    fields = ["strategy", "year", "quarter", "text", "written_by", "approved_by", "approved_at"]


@admin.register(Decision)
class DecisionAdmin(ChangesPages, DanishHistory):
    list_display = ["meeting", "short_text", "follow_up", "closed_year", "closed_quarter"]
    list_filter = ["follow_up", "strategy", "year"]
    list_select_related = ["meeting"]
    filter_horizontal = ["focus_areas", "indicators"]
    fieldsets = [
        (None, {"fields": ["meeting", "text", "focus_areas", "indicators"]}),
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
