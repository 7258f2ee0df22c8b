"""E-mail reminders before the reporting deadline and after it: once per person, quarter and kind."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from focusareas.models import Strategy

from .calendar import Tasks, user_tasks
from .models import ReminderSent
from .notices import portal_link, send

Kind = ReminderSent.Kind


def reminder_kind(*, deadline: datetime.date, today: datetime.date) -> str | None:
    """Before: within REMINDER_DAYS_BEFORE days of the deadline; overdue: after it; else none."""
    if today > deadline:
        return Kind.OVERDUE
    if (deadline - today).days <= settings.REMINDER_DAYS_BEFORE:
        return Kind.BEFORE
    return None


def _names(items) -> str:
    return "; ".join(str(item) for item in items)


def _returned(figures) -> str:
    return "; ".join(
        f"{figure.indicator} ({figure.review_note})" if figure.review_note else str(figure.indicator)
        for figure in figures
    )


def reminder_lines(tasks: Tasks, kind: str) -> list[str]:
    """One quarter's part of a reminder: its deadline, what is open (by indicator name) and its grid."""
    due = formats.date_format(tasks.deadline, "j. F Y")
    quarter = tasks.quarter.label()
    if kind == Kind.OVERDUE:
        heading = _("Fristen for %(quarter)s er overskredet") % {"quarter": quarter}
        opening = _("Fristen for tallene for %(quarter)s var den %(due)s.") % {"quarter": quarter, "due": due}
    else:
        heading = _("Frist for %(quarter)s: %(due)s") % {"quarter": quarter, "due": due}
        opening = _("Tallene for %(quarter)s skal være indsendt senest den %(due)s.") % {
            "quarter": quarter,
            "due": due,
        }
    lines = [heading, opening]
    if tasks.returned:
        lines.append(_("Sendt retur: %(codes)s") % {"codes": _returned(tasks.returned)})
    if tasks.missing:
        lines.append(_("Mangler: %(codes)s") % {"codes": _names(tasks.missing)})
    if tasks.drafts:
        lines.append(
            _("Gemt, ikke indsendt: %(codes)s") % {"codes": _names(m.indicator for m in tasks.drafts)}
        )
    link = portal_link(
        "admin:indicators_quarter_entry", strategy=tasks.strategy.pk, quarter=tasks.quarter.code
    )
    return [*lines, _("Indberet her: %(link)s") % {"link": link}]


def reminder_text(due: list[tuple[Tasks, str]]) -> tuple[str, str]:
    """One mail for all the quarters a manager is reminded of today, newest first."""
    parts = [reminder_lines(tasks, kind) for tasks, kind in due]
    if len(parts) == 1:
        subject, body = parts[0][0], parts[0][1:]
    else:
        subject = _("Påmindelse om tal for %(count)s kvartaler") % {"count": len(parts)}
        body = [line for part in parts for line in ["", *part]][1:]
    return subject, "\n".join(body) + "\n"


@dataclass
class RemindersRun:
    sent: int = 0
    # Managers with tasks due a reminder but no e-mail address: the administrator should add one.
    without_address: list = field(default_factory=list)


def _record(manager, strategy: Strategy, due: list[tuple[Tasks, str]]) -> tuple[list, list[int]]:
    """Record each quarter's reminder of its kind; those recorded on an earlier run are left out."""
    new, records = [], []
    for tasks, kind in due:
        quarter = tasks.quarter
        try:
            with transaction.atomic():
                record = ReminderSent.objects.create(
                    user=manager, strategy=strategy, year=quarter.year, quarter=quarter.quarter, kind=kind
                )
        except IntegrityError:
            continue  # sent on an earlier run
        new.append((tasks, kind))
        records.append(record.pk)
    return new, records


def reminders_send(*, today: datetime.date | None = None) -> RemindersRun:
    """Remind each manager of the open tasks of every unlocked quarter; safe to run every day.

    Each quarter's reminder of a kind is recorded before it is sent and the records removed if the mail
    server fails, so a second run sends nothing twice and a failed one is tried again.
    """
    today = today or timezone.localdate()
    run = RemindersRun()
    for strategy in Strategy.objects.in_force():
        managers = (
            get_user_model()
            .objects.filter(is_active=True, assigned_focus_areas__strategy=strategy)
            .distinct()
            .order_by("username")
        )
        for manager in managers:
            due = [
                (tasks, kind)
                for tasks in user_tasks(user=manager, strategy=strategy, today=today)
                if (kind := reminder_kind(deadline=tasks.deadline, today=today))
            ]
            if not due:
                continue
            if not manager.email:
                run.without_address.append(manager)
                continue
            due, records = _record(manager, strategy, due)
            if not due:
                continue
            subject, body = reminder_text(due)
            if send([(subject, body, [manager.email])]):
                run.sent += 1
            else:
                ReminderSent.objects.filter(pk__in=records).delete()
    return run
