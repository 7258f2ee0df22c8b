"""A backup holds everything, and restoring it into an empty database gives the same portal back."""

import gzip
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import ProtectedError

from focusareas.demo import demo_load, demo_users_create
from indicators.models import Measurement, Target

pytestmark = pytest.mark.django_db


def _empty_the_database():
    """Leave the database as `migrate` leaves it: no data, only what migrations make (the roles)."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.label_lower
        not in ("auth.group", "auth.permission", "contenttypes.contenttype", "measures.area")
    ]
    for _ in range(len(models)):  # a model protected by another empties once that one has gone
        remaining = [model for model in models if model._base_manager.exists()]
        if not remaining:
            return
        for model in remaining:
            try:
                model._base_manager.all().delete()
            except ProtectedError:
                continue
    raise AssertionError("Could not empty the database")


def test_a_backup_round_trips_the_demo_data_exactly(tmp_path):
    demo_load()
    demo_users_create()
    target = Target.objects.filter(indicator__code="F2.0").first()
    target.value_min = target.value_max = target.value_max - 10
    target._change_reason = "Justeret efter budgetforlig"
    target.save()
    before = {
        "measurements": Measurement.objects.count(),
        "target_history": Target.history.count(),
        "users": User.objects.count(),
    }
    first = tmp_path / "backup.json.gz"
    call_command("backup_export", str(first), stdout=io.StringIO())

    _empty_the_database()
    assert Measurement.objects.count() == 0 and User.objects.count() == 0
    call_command("backup_restore", str(first), stdout=io.StringIO())

    second = tmp_path / "again.json.gz"
    call_command("backup_export", str(second), stdout=io.StringIO())
    assert gzip.decompress(first.read_bytes()) == gzip.decompress(second.read_bytes())
    assert before == {
        "measurements": Measurement.objects.count(),
        "target_history": Target.history.count(),
        "users": User.objects.count(),
    }
    reason = Target.history.filter(history_change_reason="Justeret efter budgetforlig")
    assert reason.exists()
    leder = User.objects.get(username="leder")
    assert leder.check_password("strategi-demo")
    assert sorted(leder.groups.values_list("name", flat=True)) == ["Afdelingsleder"]
    assert sorted(leder.assigned_focus_areas.values_list("number", flat=True)) == [2, 3]


def test_a_backup_is_not_restored_over_existing_data(tmp_path):
    demo_load()
    backup = tmp_path / "backup.json"
    call_command("backup_export", str(backup), stdout=io.StringIO())
    count = Measurement.objects.count()
    with pytest.raises(CommandError, match="ikke tom"):
        call_command("backup_restore", str(backup))
    assert Measurement.objects.count() == count


def test_a_missing_backup_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("backup_restore", str(tmp_path / "nowhere.json"))
