from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Indlæser en sikkerhedskopi i en tom, migreret database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            count = backup_restore(path=file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Sikkerhedskopi indlæst fra {file}: {count} objekter.")
