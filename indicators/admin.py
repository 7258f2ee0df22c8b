"""Admin for indicators, targets, actuals and comparison values."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ComparisonValue, Indicator, Measurement, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "focus_area", "unit", "direction", "measure_type", "is_key_figure"]
    list_filter = ["focus_area__strategy", "is_key_figure", "unit"]
    search_fields = ["code", "name"]
    list_select_related = ["focus_area__strategy"]
    inlines = [TargetInline]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "quarter", "value_min", "value_max", "source"]
    list_filter = ["year", "indicator__focus_area__strategy"]
    search_fields = ["indicator__code", "indicator__name"]
    list_select_related = ["indicator"]


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "quarter", "value", "state", "entered_by", "updated_at"]
    list_filter = ["year", "quarter", "state", "indicator__focus_area__strategy"]
    search_fields = ["indicator__code", "indicator__name"]
    list_select_related = ["indicator", "entered_by"]


@admin.register(ComparisonValue)
class ComparisonValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "series", "year", "quarter", "value", "source"]
    list_filter = ["series", "year"]
    list_select_related = ["indicator"]
