"""URL configuration: each app brings its own URLs."""

from django.contrib import admin
from django.urls import include, path

from operations.views import LoginView, LogoutView, SSOCallbackView, SSOLoginView, healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/login/adgangskode/", LoginView.as_view(password_form=True), name="login_password"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("oidc/authenticate/", SSOLoginView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", SSOCallbackView.as_view(), name="oidc_authentication_callback"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("api.urls")),
    path("", include("reporting.urls")),
]
