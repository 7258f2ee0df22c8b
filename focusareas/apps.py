from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FocusAreasConfig(AppConfig):
    name = "focusareas"
    verbose_name = _("Strategi og fokusområder")
