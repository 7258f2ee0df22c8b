"""The admin site, ordered as the portal is used: the quarter's figures first, the technical apps last."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

# Apps in this order; any other app follows, alphabetically.
APP_ORDER = ["indicators", "focusareas", "reporting", "measures", "auth", "api", "axes"]
# Within an app, models in this order (by model name); others follow, alphabetically.
MODEL_ORDER = {
    "indicators": ["measurement", "target", "indicator", "reportingdeadline", "quarterlock"],
    "focusareas": ["strategy", "focusarea", "municipality"],
}


def _place(order: list[str], name: str) -> int:
    return order.index(name) if name in order else len(order)


class PortalAdminSite(AdminSite):
    site_header = _("Beskæftigelsesstrategi: indberetning og administration")
    site_title = _("Indberetning og administration")
    index_title = _("Indberetning og administration")
    site_url = "/"
    # Nothing to show is a dash, as on the portal's pages (Django writes a hyphen).
    empty_value_display = "–"
    # The start page opens with the quarter's tasks (see indicators' quarter_tasks tag).
    index_template = "admin/portal_index.html"

    def index(self, request, extra_context=None):
        from core import permissions

        user = request.user
        quarter_box = permissions.may_enter(user) or permissions.may_approve(user)
        return super().index(request, (extra_context or {}) | {"quarter_box": quarter_box})

    def login(self, request, extra_context=None):
        # With single sign-on on, the admin's password form would log in only the break-glass accounts: the
        # others are sent to the portal's login, which offers the municipality's login first.
        if settings.OIDC_ENABLED and not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login
            from django.urls import reverse

            return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
        return super().login(request, extra_context)

    def get_app_list(self, request, app_label=None):
        from indicators.admin_entry import quarter_pages
        from indicators.admin_feed import feed_pages

        apps = sorted(
            super().get_app_list(request, app_label), key=lambda app: _place(APP_ORDER, app["app_label"])
        )
        for app in apps:
            order = MODEL_ORDER.get(app["app_label"], [])
            app["models"].sort(key=lambda model: _place(order, model["object_name"].lower()))
            if app["app_label"] == "indicators":
                app["models"][:0] = quarter_pages(request.user)
            if app["app_label"] == "measures":
                app["models"][:0] = feed_pages(request.user)
        return apps


class PortalAdminConfig(AdminConfig):
    default_site = "strategy_portal.admin_site.PortalAdminSite"
