"""The demo loads the recorded Jobindsats answers as official values, release 'syntetisk', and leaves the
demo's own actuals as they are."""

import pytest
from django.core.management import call_command

from indicators.models import Measurement
from measures.models import OfficialValue

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_recorded_answers_for_every_area(settings):
    settings.DEBUG = True
    call_command("load_demo")
    actuals = sorted(Measurement.objects.values_list("indicator_id", "year", "quarter", "value", "state"))
    from_jobindsats = OfficialValue.objects.exclude(measure__table="")
    assert from_jobindsats.count() == 21960
    # Synthetic, and saying so, except the seed's real benchmark figures, which name their source.
    assert set(from_jobindsats.exclude(source__startswith="seed 003").values_list("release", flat=True)) == {
        "syntetisk"
    }
    assert from_jobindsats.filter(source__startswith="seed 003").count() == 12
    rank = OfficialValue.objects.get(
        measure__code="BM-PLACERING-ADAGPENGE", area__name="Ballerup", year=2024, kind="QMAT", number=2
    )
    assert rank.value == 10
    assert not Measurement.objects.filter(source__startswith="Jobindsats").exists()
    history = OfficialValue.history.count()
    call_command("load_demo")
    assert OfficialValue.history.count() == history  # loading again changes nothing
    assert (
        sorted(Measurement.objects.values_list("indicator_id", "year", "quarter", "value", "state"))
        == actuals
    )
