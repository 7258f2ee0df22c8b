from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indikatorer og tal")

    def ready(self):
        from . import locking  # noqa: F401 (connects the guard against deleting locked figures)
