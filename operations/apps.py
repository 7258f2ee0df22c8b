from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def prepare_page_cache(using: str = "default", **kwargs) -> None:
    """The shared page cache's table (nothing to make when the cache is Redis) and its generation's row,
    made by every `migrate` (and by a test's flush): raising the generation is then one UPDATE."""
    from .models import FiguresGeneration

    call_command("createcachetable", database=using, verbosity=0)
    FiguresGeneration.objects.using(using).get_or_create(pk=1)


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = _("Drift")

    def ready(self):
        from . import (
            cache,  # noqa: F401  (connects the page cache's receiver)
            sso,  # noqa: F401  (registers the check of the single sign-on settings)
        )

        post_migrate.connect(prepare_page_cache, sender=self, dispatch_uid="operations-cache-table")
