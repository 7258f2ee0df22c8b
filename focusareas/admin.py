"""Admin for the strategy and its focus areas."""

from django.contrib import admin

from indicators.models import Indicator

from .models import FocusArea, Municipality, Principle, Strategy


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}


class PrincipleInline(admin.StackedInline):
    model = Principle
    extra = 0


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
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
    fields = ["code", "name", "unit", "direction", "is_key_figure"]
    extra = 0
    show_change_link = True


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "strategy"]
    list_filter = ["strategy__municipality", "strategy"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["managers"]
    inlines = [IndicatorInline]
