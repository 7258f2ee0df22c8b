"""URL configuration: each app brings its own URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from operations.views import LoginView, healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("api.urls")),
    path("", include("reporting.urls")),
]
