from pathlib import Path

from django.core.management.base import BaseCommand

from operations.backup import backup_export


class Command(BaseCommand):
    help = "Skriver strategier, tal, mål, historik, brugere og roller til en sikkerhedskopi (.json/.json.gz)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        count = backup_export(path=file)
        self.stdout.write(f"Sikkerhedskopi skrevet til {file}: {count} objekter.")
