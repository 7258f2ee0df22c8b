"""E-mail notices of the quarterly cycle: figures sent for approval, figures returned, reminders.

Mail is sent once the transaction commits, so a rolled-back step tells nobody; a mail server that does
not answer is logged and never undoes the step the user took.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.periods import Quarter

from .models import Measurement

logger = logging.getLogger("strategy_portal.notices")


def portal_link(name: str, **query) -> str:
    url = settings.PORTAL_URL.rstrip("/") + reverse(name)
    return f"{url}?{urlencode(query)}" if query else url


def send(messages: list[tuple[str, str, list[str]]]) -> int:
    """Send (subject, body, recipients) mails; returns how many went out, 0 if the server failed."""
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, to) for subject, body, to in messages if to]
    if not messages:
        return 0
    try:
        return send_mass_mail(messages)
    except OSError:
        logger.exception("mail_failed", extra={"mails": len(messages)})
        return 0


def approvers(*, besides):
    """Active users who may approve figures and have an e-mail address, the one who acted left out."""
    return (
        get_user_model()
        .objects.with_perm(
            "indicators.approve_measurement", backend="django.contrib.auth.backends.ModelBackend"
        )
        .exclude(email="")
        .exclude(pk=besides.pk)
    )


def _figure_lines(measurements: list[Measurement]) -> str:
    return "\n".join(f"- {m.indicator.code} {m.indicator.name}, {m.period.label()}" for m in measurements)


def figures_submitted(*, user, measurements: list[Measurement]) -> None:
    """Tell the approvers that figures wait for them, with a link to the approval page."""
    if not measurements:
        return
    by_quarter: dict[tuple[int, Quarter], list[Measurement]] = defaultdict(list)
    for measurement in measurements:
        by_quarter[(measurement.indicator.focus_area.strategy_id, measurement.period)].append(measurement)
    who = user.get_full_name() or user.get_username()

    def mail():
        recipients = [person.email for person in approvers(besides=user)]
        send(
            [
                (
                    _("%(count)s tal til godkendelse for %(quarter)s")
                    % {"count": len(figures), "quarter": quarter.label()},
                    _(
                        "%(who)s har sendt disse tal til godkendelse:\n\n%(figures)s\n\n"
                        "Godkend dem her: %(link)s\n"
                    )
                    % {
                        "who": who,
                        "figures": _figure_lines(figures),
                        "link": portal_link(
                            "admin:indicators_approval", strategy=strategy_id, quarter=quarter.code
                        ),
                    },
                    recipients,
                )
                for (strategy_id, quarter), figures in by_quarter.items()
            ]
        )

    transaction.on_commit(mail)


def figures_returned(*, user, measurements: list[Measurement], note: str) -> None:
    """Tell whoever entered each returned figure what to correct."""
    by_person: dict[str, list[Measurement]] = defaultdict(list)
    for measurement in measurements:
        if measurement.entered_by is not None and measurement.entered_by.email:
            by_person[measurement.entered_by.email].append(measurement)

    def mail():
        send(
            [
                (
                    _("%(count)s tal er sendt retur til dig") % {"count": len(figures)},
                    _(
                        "Disse tal er sendt retur:\n\n%(figures)s\n\nBemærkning: %(note)s\n\n"
                        "Ret dem her: %(link)s\n"
                    )
                    % {
                        "figures": _figure_lines(figures),
                        "note": note,
                        "link": portal_link(
                            "admin:indicators_quarter_entry",
                            strategy=figures[0].indicator.focus_area.strategy_id,
                            quarter=figures[0].period.code,
                        ),
                    },
                    [email],
                )
                for email, figures in by_person.items()
            ]
        )

    transaction.on_commit(mail)
