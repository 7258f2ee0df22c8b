"""A backup holds everything, and restoring it into an empty database gives the same portal back."""

import gzip
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import ProtectedError

from demo.loader import demo_load, demo_users_create
from focusareas.models import Municipality
from indicators.models import Indicator, Measurement, Target
from measures.models import Measure, OfficialValue

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


MADE_BY_MIGRATE = ("auth.group", "auth.permission", "contenttypes.contenttype", "measures.area")


def _rows(model):
    """The model's rows that migrate does not make (the Jobindsats measures are the catalogue's)."""
    rows = model._base_manager.all()
    return rows.exclude(origin="jobindsats") if model._meta.label_lower == "measures.measure" else rows


def _empty_the_database():
    """Leave the database as `migrate` leaves it: no data, only what migrations make (the roles, the areas
    and the Jobindsats measures)."""
    models = [model for model in apps.get_models() if model._meta.label_lower not in MADE_BY_MIGRATE]
    for _ in range(len(models)):  # a model protected by another empties once that one has gone
        remaining = [model for model in models if _rows(model).exists()]
        if not remaining:
            return
        for model in remaining:
            try:
                _rows(model).delete()
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
    measure = Measure.objects.get(code="ballerup-F2.1")
    measure.decimals, measure._change_reason = 2, "Ledigheden opgøres med to decimaler"
    measure.save()

    def state():
        ballerup = Municipality.objects.get(slug="ballerup")
        return {
            "measurements": Measurement.objects.count(),
            "target_history": Target.history.count(),
            "users": User.objects.count(),
            "official_values": sorted(
                OfficialValue.objects.values_list(
                    "measure__code", "area__code", "year", "kind", "number", "value"
                )
            ),
            "measures": sorted(Measure.objects.values_list("code", "unit", "decimals", "expected__code")),
            "measure_history": sorted(
                Measure.history.values_list("code", "decimals", "history_change_reason")
            ),
            "indicator_measures": sorted(
                Indicator.objects.values_list("strategy__title", "code", "measure__code")
            ),
            "area_and_peers": (ballerup.area.code, sorted(ballerup.peers.values_list("code", flat=True))),
        }

    before = state()
    assert len(before["official_values"]) == 55 and before["area_and_peers"][1]
    first = tmp_path / "backup.json.gz"
    call_command("backup_export", str(first), stdout=io.StringIO())

    _empty_the_database()
    assert Measurement.objects.count() == 0 and User.objects.count() == 0
    call_command("backup_restore", str(first), stdout=io.StringIO())

    second = tmp_path / "again.json.gz"
    call_command("backup_export", str(second), stdout=io.StringIO())
    assert gzip.decompress(first.read_bytes()) == gzip.decompress(second.read_bytes())
    assert before == state()
    assert (
        Measure.objects.get(code="ballerup-F2.1").history.first().history_change_reason.startswith("Ledighed")
    )
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
