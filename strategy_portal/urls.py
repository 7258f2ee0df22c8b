"""URL configuration: each app brings its own URLs."""

from django.contrib import admin
from django.urls import path

from operations.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
