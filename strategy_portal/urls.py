"""URL configuration: each app brings its own URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from operations.views import LoginView, healthz

admin.site.site_header = _("Beskæftigelsesstrategi: indberetning og administration")
admin.site.site_title = _("Indberetning og administration")
admin.site.index_title = _("Indberetning og administration")
admin.site.site_url = "/"
# The start page opens with the quarter's tasks (see indicators' quarter_tasks tag).
admin.site.index_template = "admin/portal_index.html"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("reporting.urls")),
]
