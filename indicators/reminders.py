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

from .calendar import Tasks, deadline_for, manager_tasks, reporting_quarter
from .locking import quarter_is_locked
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


def reminder_text(tasks: Tasks, kind: str) -> tuple[str, str]:
    due = formats.date_format(tasks.deadline, "j. F Y")
    quarter = tasks.quarter.label()
    if kind == Kind.OVERDUE:
        subject = _("Fristen for %(quarter)s er overskredet") % {"quarter": quarter}
        opening = _("Fristen for tallene for %(quarter)s var den %(due)s.") % {"quarter": quarter, "due": due}
    else:
        subject = _("Frist for %(quarter)s: %(due)s") % {"quarter": quarter, "due": due}
        opening = _("Tallene for %(quarter)s skal være indsendt senest den %(due)s.") % {
            "quarter": quarter,
            "due": due,
        }
    lines = [opening, ""]
    if tasks.missing:
        lines.append(_("Mangler: %(codes)s") % {"codes": ", ".join(i.code for i in tasks.missing)})
    if tasks.drafts:
        lines.append(
            _("Gemt, ikke indsendt: %(codes)s") % {"codes": ", ".join(m.indicator.code for m in tasks.drafts)}
        )
    if tasks.returned:
        lines.append(
            _("Sendt retur: %(codes)s") % {"codes": ", ".join(m.indicator.code for m in tasks.returned)}
        )
    link = portal_link(
        "admin:indicators_quarter_entry", strategy=tasks.strategy.pk, quarter=tasks.quarter.code
    )
    lines += ["", _("Indberet her: %(link)s") % {"link": link}]
    return subject, "\n".join(lines) + "\n"


@dataclass
class RemindersRun:
    sent: int = 0
    # Managers with tasks due a reminder but no e-mail address: the administrator should add one.
    without_address: list = field(default_factory=list)


def reminders_send(*, today: datetime.date | None = None) -> RemindersRun:
    """Remind each manager with open tasks in the reporting quarter; safe to run every day.

    A reminder is recorded before it is sent and the record removed if the mail server fails, so a second
    run sends nothing twice and a failed one is tried again.
    """
    today = today or timezone.localdate()
    quarter = reporting_quarter(today)
    run = RemindersRun()
    for strategy in Strategy.objects.in_force():
        if quarter_is_locked(strategy_id=strategy.pk, quarter=quarter):
            continue
        kind = reminder_kind(deadline=deadline_for(strategy, quarter), today=today)
        if kind is None:
            continue
        managers = (
            get_user_model()
            .objects.filter(is_active=True, assigned_focus_areas__strategy=strategy)
            .distinct()
            .order_by("username")
        )
        for manager in managers:
            tasks = manager_tasks(user=manager, strategy=strategy, quarter=quarter, today=today)
            if not tasks.open:
                continue
            if not manager.email:
                run.without_address.append(manager)
                continue
            try:
                with transaction.atomic():
                    record = ReminderSent.objects.create(
                        user=manager, strategy=strategy, year=quarter.year, quarter=quarter.quarter, kind=kind
                    )
            except IntegrityError:
                continue  # sent on an earlier run
            subject, body = reminder_text(tasks, kind)
            if send([(subject, body, [manager.email])]):
                run.sent += 1
            else:
                record.delete()
    return run
