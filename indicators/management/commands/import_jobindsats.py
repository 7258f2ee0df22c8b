"""python manage.py import_jobindsats FILE... --user USERNAME [--table TABLE] [--release TEXT] [--dry-run]
python manage.py import_jobindsats --fetch TABLE --period 2024QMAT01,2024QMAT02 --user USERNAME [--save F]
python manage.py import_jobindsats --due --user USERNAME   (for cron: every table with a newer period due)"""

import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.file_limits import PROBLEMS_SHOWN, FileTooLarge
from indicators import jobindsats_feed
from indicators.official_actuals import jobindsats_import
from measures.importing import jobindsats_tables
from measures.jobindsats import fetch
from measures.jobindsats.limits import check_size


class Command(BaseCommand):
    help = (
        "Importerer tal fra Jobindsats (API v2-svar som JSON eller CSV) for alle kommuner; alt eller intet. "
        "Kommunens egne tal bliver faktiske tal for de indikatorer, der bruger målingen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", type=Path, help="Gemte svar fra Jobindsats (.json eller .csv)."
        )
        parser.add_argument("--user", required=True, help="Administratoren, tallene importeres som.")
        parser.add_argument("--table", help="Tabellen, fx y30r21, når filens navn ikke begynder med den.")
        parser.add_argument(
            "--release", help="Udgivelsen, fx '2024-10'; ellers filens seneste periode, fx 2024QMAT02."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Kontrollér og vis ændringerne uden at gemme."
        )
        parser.add_argument(
            "--fetch", metavar="TABLE", help="Hent tabellen fra Jobindsats' API og importér den."
        )
        parser.add_argument(
            "--period",
            action="append",
            default=[],
            help="Perioder at hente, fx 2024QMAT01,2024QMAT02 eller 2015M01-2024M12; kan gentages.",
        )
        parser.add_argument("--save", type=Path, help="Gem svaret fra API'et i denne fil (med --fetch).")
        parser.add_argument(
            "--due",
            action="store_true",
            help="Hent og importér hver tabel, der har en nyere periode end portalens (til cron).",
        )

    def handle(
        self, *args, files, user, table, release, dry_run, fetch: str | None, period, save, due, **options
    ):
        person = get_user_model().objects.filter(username=user, is_active=True).first()
        if person is None:
            raise CommandError(_("Brugeren '%(user)s' findes ikke eller er ikke aktiv.") % {"user": user})
        if due:
            if fetch or files:
                raise CommandError(_("--due henter selv; angiv hverken filer eller --fetch."))
            return self._due(person)
        if bool(fetch) == bool(files):
            raise CommandError(_("Angiv enten filer at importere eller --fetch TABEL."))
        loaded = [self._fetched(fetch, period, save)] if fetch else [self._read(file) for file in files]
        try:
            result = jobindsats_import(
                user=person, files=loaded, table=fetch or table, release=release, dry_run=dry_run
            )
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        for line in result.locked:
            self.stdout.write(_("Låst: %(line)s") % {"line": line})
        if not result.ok:
            for problem in result.shown_problems:
                where = problem.where()
                self.stderr.write(f"{where}: {problem.message}" if where else problem.message)
            if result.more_problems:
                self.stderr.write(_("… og %(count)s fejl mere.") % {"count": result.more_problems})
            raise CommandError(_("%(count)s fejl; intet er gemt.") % {"count": len(result.problems)})
        for line in result.revisions[:PROBLEMS_SHOWN]:
            label = _("Ville blive revideret: %(line)s") if dry_run else _("Revideret: %(line)s")
            self.stdout.write(label % {"line": line})
        if result.revised > PROBLEMS_SHOWN:
            self.stdout.write(
                _("… og %(count)s revisioner mere.") % {"count": result.revised - PROBLEMS_SHOWN}
            )
        counts = vars(result) | {"locked_count": len(result.locked)}
        if dry_run:
            message = _(
                "%(rows)s rækker læst, %(values)s officielle tal: %(created)s nye, %(revised)s reviderede og "
                "%(unchanged)s uændrede ville blive gemt. Faktiske tal: %(actuals_created)s nye, "
                "%(actuals_updated)s ændrede, %(actuals_unchanged)s uændrede; %(locked_count)s forskelle i "
                "låste kvartaler. Intet er gemt."
            )
        else:
            message = _(
                "%(rows)s rækker læst, %(values)s officielle tal: %(created)s nye, %(revised)s reviderede og "
                "%(unchanged)s uændrede. Faktiske tal: %(actuals_created)s nye, %(actuals_updated)s ændrede, "
                "%(actuals_unchanged)s uændrede; %(locked_count)s forskelle i låste kvartaler."
            )
        self.stdout.write(message % counts)
        if result.actuals_outside:
            self.stdout.write(
                ngettext(
                    "%(count)s kvartal ligger før strategiens periode: dets officielle tal er gemt, men det "
                    "bliver ikke et faktisk tal.",
                    "%(count)s kvartaler ligger før strategiens periode: deres officielle tal er gemt, "
                    "men de bliver ikke faktiske tal.",
                    result.actuals_outside,
                )
                % {"count": result.actuals_outside}
            )

    def _due(self, person) -> None:
        try:
            fetches = jobindsats_feed.fetch_due(user=person, today=jobindsats_feed.today())
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        if not fetches:
            self.stdout.write(_("Ingen tabel har en nyere periode at hente."))
            return
        failed = 0
        for done in fetches:
            totals = done.result
            if done.state == done.State.DONE:
                self.stdout.write(
                    _(
                        "%(table)s %(periods)s: %(created)s nye, %(revised)s reviderede og %(unchanged)s "
                        "uændrede officielle tal."
                    )
                    % ({"table": done.table, "periods": ", ".join(done.periods)} | totals)
                )
            else:
                failed += 1
                for problem in totals.get("problems", [done.step]):
                    self.stderr.write(f"{done.table}: {problem}")
        if failed:
            raise CommandError(
                _("%(count)s tabeller kunne ikke hentes; deres tal er ikke gemt.") % {"count": failed}
            )

    def _read(self, file: Path) -> tuple[str, bytes]:
        try:
            check_size(file.stat().st_size)  # before the file is read into memory
            return file.name, file.read_bytes()
        except FileTooLarge as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(_("Filen kan ikke åbnes: %(error)s") % {"error": error}) from error

    def _fetched(self, table: str, period: list[str], save: Path | None) -> tuple[str, bytes]:
        table = table.strip().lower()
        measures = jobindsats_tables().get(table)
        if not measures:
            raise CommandError(
                _("Tabellen '%(table)s' kendes ikke; portalen har ingen målinger fra den.") % {"table": table}
            )
        try:
            periods = fetch.periods_between(period)
            data = fetch.fetch(
                table,
                periods=periods,
                measures=measures,
                api_key=os.environ.get("JOBINDSATS_API_KEY", ""),
                base_url=getattr(settings, "JOBINDSATS_API_URL", ""),
            )
        except (ValueError, fetch.FetchFailed) as error:
            raise CommandError(str(error)) from error
        if save:
            save.write_bytes(data)
            self.stdout.write(_("Svaret er gemt i %(file)s.") % {"file": save})
        return f"{table}_{periods[-1]}.json", data
