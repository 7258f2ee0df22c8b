"""Management command: load the demo strategies, figures and users."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from demo.loader import DEMO_PASSWORD, DEMO_USERS, demo_load
from measures.importing import recorded_answers_load


class Command(BaseCommand):
    help = "Indlæser demodata (strategier, indikatorer, mål, faktiske tal) og demobrugere; kan køres igen."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Indlæs også når DEBUG er slået fra.")

    def handle(self, *args, force=False, **options):
        # Demo users with a known password must never appear in production by accident.
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demodata indlæses kun i udviklingstilstand (DEBUG). Brug --force, hvis det er meningen."
            )
        demo_load(stdout=self.stdout)
        # The official statistics: the measure catalogue and the recorded Jobindsats answers.
        recorded_answers_load(user=get_user_model().objects.get(username="administrator"), stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demodata er indlæst."))
        for username, (role, *_) in DEMO_USERS.items():
            self.stdout.write(f"  {username} ({role}), adgangskode: {DEMO_PASSWORD}")
