"""Background tasks (Django's task framework; queued in the database, run by `manage.py db_worker`): the
Jobindsats feed's fetch with its dry run, and its import once the administrator confirms."""

from django.tasks import task
from django.utils.translation import gettext as _

from . import jobindsats_feed


def _guarded(work, fetch_id: int) -> None:
    try:
        work(fetch_id)
    except Exception:
        # The fetch page must not wait for ever on a task that broke off; the worker logs the error.
        jobindsats_feed.failed(fetch_id, _("Hentningen stoppede med en uventet fejl; intet er gemt."))
        raise


@task()
def check_jobindsats_fetch(fetch_id: int) -> None:
    _guarded(jobindsats_feed.run_check, fetch_id)


@task()
def import_jobindsats_fetch(fetch_id: int) -> None:
    _guarded(jobindsats_feed.run_import, fetch_id)
