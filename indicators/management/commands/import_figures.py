"""python manage.py import_figures FILE --user USERNAME [--dry-run] [--strategy ID]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.file_limits import FileTooLarge, check_size
from focusareas.models import Strategy
from indicators.importing import FileRefused, figures_import


class Command(BaseCommand):
    help = "Importerer kvartalstal fra en CSV- eller Excel-fil som kladder; alt eller intet."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="Brugernavnet, tallene indberettes som.")
        parser.add_argument("--dry-run", action="store_true", help="Kontrollér filen uden at gemme.")
        parser.add_argument("--strategy", type=int, help="Strategiens id (ellers den gældende strategi).")

    def handle(self, *args, file: Path, user: str, dry_run: bool, strategy: int | None, **options):
        person = get_user_model().objects.filter(username=user, is_active=True).first()
        if person is None:
            raise CommandError(_("Brugeren '%(user)s' findes ikke eller er ikke aktiv.") % {"user": user})
        chosen = None
        if strategy is not None:
            chosen = Strategy.objects.filter(pk=strategy).first()
            if chosen is None:
                raise CommandError(_("Strategien %(id)s findes ikke.") % {"id": strategy})
        try:
            check_size(file.stat().st_size)  # before the file is read into memory
            data = file.read_bytes()
        except FileTooLarge as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(_("Filen kan ikke åbnes: %(error)s") % {"error": error}) from error
        try:
            result = figures_import(
                user=person, data=data, filename=file.name, strategy=chosen, dry_run=dry_run
            )
        except (FileRefused, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        if not result.ok:
            for problem in result.shown_problems:
                where = _("Række %(row)s, %(column)s: ") % vars(problem) if problem.row else ""
                self.stderr.write(f"{where}{problem.message}")
            if result.more_problems:
                self.stderr.write(_("… og %(count)s fejl mere.") % {"count": result.more_problems})
            raise CommandError(_("%(count)s fejl; intet er gemt.") % {"count": len(result.problems)})
        if dry_run:
            message = _(
                "%(rows)s rækker læst: %(created)s nye og %(updated)s ændrede tal ville blive gemt som "
                "kladder, %(unchanged)s uændrede. Intet er gemt."
            )
        else:
            message = _(
                "%(rows)s rækker læst: %(created)s nye og %(updated)s ændrede tal blev gemt som kladder, "
                "%(unchanged)s uændrede."
            )
        self.stdout.write(message % vars(result))
        for warning in result.warnings:
            self.stdout.write(
                _("Advarsel, række %(row)s: %(message)s") % {"row": warning.row, "message": warning.message}
            )
