"""Backup and restore of everything the portal holds, as one JSON document."""

import gzip
import io
from pathlib import Path

from django.apps import apps
from django.core import management
from django.db import transaction

from core.signals import figures_changed

# Rebuilt by `migrate` in any database, or of no worth after a restore.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "operations.figuresgeneration",
    "operations.structuretoken",
]
# A migrated database already holds the roles and the areas, which the backup's are matched to by name or
# code, and the Jobindsats measures, which the backup's replace (with the ids their history refers to).
MADE_BY_MIGRATE = [*EXCLUDED, "auth.group", "measures.area"]


class BackupError(Exception):
    pass


def backup_export(*, path: Path) -> int:
    """Write all strategies, figures, targets, history, users and roles, the areas, measures and official
    values with their history, the municipality's area and peer group to path (gzip if .gz)."""
    buffer = io.StringIO()
    management.call_command(
        "dumpdata",
        exclude=EXCLUDED,
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        stdout=buffer,
    )
    data = buffer.getvalue()
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as file:
        file.write(data)
    return data.count('"model":')


def database_is_empty() -> bool:
    """True when no model outside the excluded ones holds a row (a freshly migrated database)."""
    for model in apps.get_models():
        label = model._meta.label_lower
        if any(label == name or label.startswith(f"{name}.") for name in MADE_BY_MIGRATE):
            continue
        rows = model._base_manager.all()
        if label == "measures.measure":
            rows = rows.exclude(origin="jobindsats")
        if rows.exists():
            return False
    return True


@transaction.atomic
def backup_restore(*, path: Path) -> int:
    """Load a backup into an empty, migrated database; refuse to mix it with existing data."""
    if not path.exists():
        raise BackupError(f"Filen {path} findes ikke.")
    if not database_is_empty():
        raise BackupError("Databasen er ikke tom. En sikkerhedskopi kan kun indlæses i en tom database.")
    from measures.models import Measure

    # The Jobindsats measures migrate made are used by nothing yet: the backup's take their place, with the
    # ids their history refers to. Their deletion is no history of the portal's.
    Measure.objects.filter(origin=Measure.Origin.JOBINDSATS).delete()
    Measure.history.all().delete()
    management.call_command("loaddata", str(path), verbosity=0)
    figures_changed.send(sender=None)  # every page is drawn from the backup
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as file:
        return file.read().count('"model":')
