"""python manage.py send_reminders [--today YYYY-MM-DD]: run daily, e.g. from cron."""

import datetime

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from indicators.reminders import reminders_send


class Command(BaseCommand):
    help = "Sender påmindelser om kvartalets indberetning før fristen og når den er overskredet; kun én gang."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="Kør, som om det var denne dag."
        )

    def handle(self, *args, today=None, **options):
        run = reminders_send(today=today)
        self.stdout.write(_("%(count)s påmindelser sendt.") % {"count": run.sent})
        if run.without_address:
            names = ", ".join(
                f"{user.get_full_name() or user.username} ({user.username})" for user in run.without_address
            )
            self.stdout.write(_("Uden e-mailadresse, ikke påmindet: %(names)s.") % {"names": names})
