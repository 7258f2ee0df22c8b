"""The portal's pages in Danish: the dashboards and the committee report."""

from django.urls import include, path

from . import views

dashboard = [
    path("", views.overview, name="overview"),
    path("oversigt/<int:year>/<int:quarter>/", views.overview, name="overview_quarter"),
    path("fokusomraader/<slug:slug>/", views.focus_area, name="focus_area"),
    path("indikatorer/<str:code>/", views.indicator, name="indicator"),
    path("strategi/", views.strategy_page, name="strategy"),
    path("strategi/<int:pk>/", views.strategy_page, name="strategy_other"),
    path("indikatorer/<str:code>/tal.csv", views.indicator_export, {"fmt": "csv"}, name="indicator_csv"),
    path("indikatorer/<str:code>/tal.xlsx", views.indicator_export, {"fmt": "xlsx"}, name="indicator_xlsx"),
]

report = [
    path("", views.report_latest, name="latest"),
    path("<int:year>/<int:quarter>/", views.report_page, name="quarter"),
    path("<int:year>/<int:quarter>/noegletal.xlsx", views.report_excel, name="excel"),
    path("<int:year>/<int:quarter>/pdf/", views.report_pdf, name="pdf"),
]

urlpatterns = [
    path("", include((dashboard, "dashboard"))),
    path("rapport/", include((report, "report"))),
]
