from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using: str = "default", **kwargs) -> None:
    """The shared page cache's table, made by every `migrate` (nothing to make when the cache is Redis)."""
    call_command("createcachetable", database=using, verbosity=0)


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = _("Drift")

    def ready(self):
        from . import cache  # noqa: F401  (connects the page cache's receiver)

        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="operations-cache-table")
