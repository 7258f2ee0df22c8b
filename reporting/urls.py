"""The portal's pages in Danish: the dashboards and the committee report."""

from django.urls import include, path, register_converter

from core.periods import FIRST_YEAR, LAST_YEAR
from indicators.codes import CODE_PATTERN

from . import views, views_statistics


class YearConverter:
    """A year of the portal's range; any other address is not found."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        if not FIRST_YEAR <= int(value) <= LAST_YEAR:
            raise ValueError(value)
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class QuarterConverter:
    regex = "[1-4]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class CodeConverter:
    """An indicator code of the allowed characters (indicators.codes)."""

    regex = CODE_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(YearConverter, "year")
register_converter(QuarterConverter, "quarter")
register_converter(CodeConverter, "code")

dashboard = [
    path("", views.overview, name="overview"),
    path("oversigt/<year:year>/<quarter:quarter>/", views.overview, name="overview_quarter"),
    path("fokusomraader/<slug:slug>/", views.focus_area, name="focus_area"),
    path("indikatorer/<code:code>/", views.indicator, name="indicator"),
    path("strategi/", views.strategy_page, name="strategy"),
    path("strategi/<int:pk>/", views.strategy_page, name="strategy_other"),
    path("indikatorer/<code:code>/tal.csv", views.indicator_export, {"fmt": "csv"}, name="indicator_csv"),
    path("indikatorer/<code:code>/tal.xlsx", views.indicator_export, {"fmt": "xlsx"}, name="indicator_xlsx"),
]

report = [
    path("", views.report_latest, name="latest"),
    path("<year:year>/<quarter:quarter>/", views.report_page, name="quarter"),
    path("<year:year>/<quarter:quarter>/noegletal.xlsx", views.report_excel, name="excel"),
    path("<year:year>/<quarter:quarter>/pdf/", views.report_pdf, name="pdf"),
    path("<year:year>/<quarter:quarter>/docx/", views.report_docx, name="docx"),
]

statistics = [
    path("benchmark/", views_statistics.benchmark, name="benchmark"),
    path("sammenligning/", views_statistics.comparison_index, name="comparison_index"),
    path("sammenligning/<code:code>/", views_statistics.comparison, name="comparison"),
]

urlpatterns = [
    path("", include((dashboard, "dashboard"))),
    path("", include((statistics, "statistics"))),
    path("rapport/", include((report, "report"))),
]
