"""The feed from Jobindsats an administrator runs in the admin, without a shell.

An administrator chooses a table and its periods (or uploads a saved answer); a background task (at the end
of this module, run by `manage.py db_worker`) fetches the answer and checks it: a dry run, counted per
measure. On the administrator's confirmation a second task imports it (indicators.official_actuals). Each
fetch is kept as a measures.JobindsatsFetch with its progress and result. `import_jobindsats --due` runs the
same steps at once for every table that is due."""

from __future__ import annotations

import datetime
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from core import permissions
from core.file_limits import PROBLEMS_SHOWN, FileTooLarge
from measures.importing import ImportResult, jobindsats_tables, table_of
from measures.jobindsats import fetch as api
from measures.jobindsats.limits import check_size
from measures.jobindsats.reader import FileRefused, read_answer
from measures.models import JobindsatsFetch, Table
from measures.periods import Period
from measures.schedule import due_periods, holdings, period_choices

from .official_actuals import jobindsats_import

State = JobindsatsFetch.State


class FeedRefused(Exception):
    """What the administrator asked for cannot be done; the message says why, in Danish. Nothing is stored."""


def today() -> datetime.date:
    """The day the periods on offer and the due tables are reckoned from (the tests set it)."""
    return timezone.localdate()


def _require(user) -> None:
    if not permissions.may_import_official_statistics(user):
        raise PermissionDenied(_("Kun en administrator kan hente tal fra Jobindsats."))


def fetchable_tables() -> list[Table]:
    """The catalogue's tables that feed at least one measure."""
    fed = set(jobindsats_tables())
    return [table for table in Table.objects.order_by("code") if table.code in fed]


def start_fetch(*, user, table: str, periods: list[str], today: datetime.date) -> JobindsatsFetch:
    """Queue a fetch of the table's periods (chosen among period_choices) and its dry run."""
    _require(user)
    chosen = Table.objects.filter(code=(table or "").strip().lower()).first()
    if chosen is None or chosen not in fetchable_tables():
        raise FeedRefused(_("Vælg en af tabellerne på listen."))
    allowed = {str(period) for period in period_choices(chosen, today)}
    if not periods:
        raise FeedRefused(_("Vælg mindst én periode."))
    if not set(periods) <= allowed:
        raise FeedRefused(_("Vælg perioderne på listen; de er dem, tabellens hyppighed giver."))
    ordered = sorted(periods, key=Period.parse)
    with transaction.atomic():
        fetch = JobindsatsFetch.objects.create(
            table=chosen.code, periods=ordered, created_by=user, step=_("Venter på at blive hentet.")
        )
        check_jobindsats_fetch.enqueue(fetch.pk)
    return fetch


def start_upload(*, user, filename: str, data: bytes) -> JobindsatsFetch:
    """Queue the dry run of a saved answer. A file that is too large, names no known table or is not an answer
    from Jobindsats is refused here, nothing stored."""
    _require(user)
    try:
        check_size(len(data))
        table = table_of(filename, None, set(jobindsats_tables()))
        read_answer(data, filename)
    except (FileRefused, FileTooLarge) as error:
        raise FeedRefused(str(error)) from None
    with transaction.atomic():
        fetch = JobindsatsFetch.objects.create(
            table=table,
            filename=filename[:200],
            answer=data,
            created_by=user,
            step=_("Venter på at blive kontrolleret."),
        )
        check_jobindsats_fetch.enqueue(fetch.pk)
    return fetch


def confirm(*, user, fetch_id: int) -> JobindsatsFetch:
    """The administrator's go-ahead: queue the import of a checked fetch (once)."""
    _require(user)
    with transaction.atomic():
        if not _take_for_import(fetch_id, user):
            raise FeedRefused(_("Hentningen er ikke klar til import, eller den er allerede importeret."))
        import_jobindsats_fetch.enqueue(fetch_id)
    return JobindsatsFetch.objects.get(pk=fetch_id)


def _take_for_import(fetch_id: int, user) -> bool:
    return bool(
        JobindsatsFetch.objects.filter(pk=fetch_id, state=State.CHECKED).update(
            state=State.IMPORTING, confirmed_by=user, progress=0, step=_("Venter på at blive importeret.")
        )
    )


def _progress(fetch: JobindsatsFetch, progress: int, step: str, **fields) -> None:
    fetch.progress, fetch.step = progress, step
    for name, value in fields.items():
        setattr(fetch, name, value)
    fetch.save(update_fields=["progress", "step", *fields])


def _filename(fetch: JobindsatsFetch) -> str:
    return fetch.filename or f"{fetch.table}_{fetch.periods[-1] if fetch.periods else 'svar'}.json"


def run_check(fetch_id: int) -> JobindsatsFetch:
    """The background task's work: fetch the answer (unless uploaded) and check it, a dry run per measure."""
    fetch = JobindsatsFetch.objects.get(pk=fetch_id)
    if fetch.state != State.QUEUED:  # run twice (a worker restarted): the first run did it
        return fetch
    _progress(fetch, 5, _("Henter tabellen fra Jobindsats …"), state=State.RUNNING)
    try:
        if fetch.answer is None:
            data = api.fetch(
                fetch.table,
                periods=fetch.periods,
                measures=jobindsats_tables().get(fetch.table, []),
                api_key=os.environ.get("JOBINDSATS_API_KEY", ""),
                base_url=settings.JOBINDSATS_API_URL,
            )
            _progress(fetch, 50, _("Kontrollerer svaret …"), answer=data)
        else:
            _progress(fetch, 50, _("Kontrollerer svaret …"))
        result = jobindsats_import(
            user=fetch.created_by,
            files=[(_filename(fetch), bytes(fetch.answer))],
            table=fetch.table,
            dry_run=True,
        )
    except (api.FetchFailed, PermissionDenied) as error:
        return _failed(fetch, str(error))
    return _finish(fetch, result, State.CHECKED, _("Kontrolleret: godkend for at importere."))


def run_import(fetch_id: int) -> JobindsatsFetch:
    """The background task's work once confirmed: import the checked answer, all or nothing."""
    fetch = JobindsatsFetch.objects.get(pk=fetch_id)
    if fetch.state != State.IMPORTING or fetch.progress:  # not confirmed, or already under way
        return fetch
    _progress(fetch, 10, _("Importerer …"))
    try:
        result = jobindsats_import(
            user=fetch.confirmed_by,
            files=[(_filename(fetch), bytes(fetch.answer))],
            table=fetch.table,
        )
    except PermissionDenied as error:
        return _failed(fetch, str(error))
    if result.ok:
        fetch.answer = None  # imported: the counts and the result are kept, the answer is not needed
    return _finish(fetch, result, State.DONE, _("Importeret."))


def _finish(fetch: JobindsatsFetch, result: ImportResult, state: str, step: str) -> JobindsatsFetch:
    fetch.counts = result.by_measure
    fetch.result = summary(result)
    fetch.release = fetch.result["release"]
    if not result.ok:
        state, step = State.FAILED, _("Svaret har fejl; intet er gemt.")
    fetch.state, fetch.progress, fetch.step = state, 100, step
    fetch.finished_at = timezone.now() if state != State.CHECKED else None
    fetch.save()
    return fetch


def _failed(fetch: JobindsatsFetch, message: str) -> JobindsatsFetch:
    fetch.state, fetch.progress, fetch.step, fetch.finished_at = State.FAILED, 100, message, timezone.now()
    fetch.result = fetch.result | {"problems": [message]}
    fetch.save()
    return fetch


def failed(fetch_id: int, message: str) -> None:
    """A task that broke off unexpectedly leaves its fetch failed, not running for ever."""
    fetch = JobindsatsFetch.objects.filter(pk=fetch_id).first()
    if fetch is not None and fetch.working:
        _failed(fetch, message)


def summary(result: ImportResult) -> dict:
    """What the fetch page shows, kept as JSON."""
    problems = [
        f"{problem.where()}: {problem.message}" if problem.where() else problem.message
        for problem in result.shown_problems
    ]
    return {
        "release": ", ".join(dict.fromkeys(result.releases)),
        "rows": result.rows,
        "values": result.values,
        "created": result.created,
        "revised": result.revised,
        "unchanged": result.unchanged,
        "not_published": result.not_published,
        "locked": result.locked[:PROBLEMS_SHOWN],
        "locked_count": len(result.locked),
        "actuals_created": result.actuals_created,
        "actuals_updated": result.actuals_updated,
        "actuals_unchanged": result.actuals_unchanged,
        "actuals_outside": result.actuals_outside,
        "revisions": result.revisions[:PROBLEMS_SHOWN],
        "more_revisions": max(0, result.revised - PROBLEMS_SHOWN),
        "problems": problems,
        "more_problems": result.more_problems,
    }


def fetch_due(*, user, today: datetime.date) -> list[JobindsatsFetch]:
    """For cron (`import_jobindsats --due`): fetch, check and import every table with a newer period due, at
    once. A table that is up to date is not fetched, so a second run does nothing."""
    _require(user)
    fetched = []
    fed = set(jobindsats_tables())
    for holding in holdings(today):
        if not holding.due or holding.table.code not in fed:
            continue
        periods = [str(period) for period in due_periods(holding.table, holding.latest, today)]
        fetch = JobindsatsFetch.objects.create(table=holding.table.code, periods=periods, created_by=user)
        fetch = run_check(fetch.pk)
        if fetch.state == State.CHECKED and _take_for_import(fetch.pk, user):
            fetch = run_import(fetch.pk)
        fetched.append(fetch)
    return fetched


# Background tasks (Django's task framework; queued in the database, run by `manage.py db_worker`).
def _guarded(work, fetch_id: int) -> None:
    try:
        work(fetch_id)
    except Exception:
        # The fetch page must not wait for ever on a task that broke off; the worker logs the error.
        failed(fetch_id, _("Hentningen stoppede med en uventet fejl; intet er gemt."))
        raise


@task()
def check_jobindsats_fetch(fetch_id: int) -> None:
    _guarded(run_check, fetch_id)


@task()
def import_jobindsats_fetch(fetch_id: int) -> None:
    _guarded(run_import, fetch_id)
