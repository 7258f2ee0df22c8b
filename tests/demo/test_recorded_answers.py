"""The demo loads the recorded Jobindsats answers as official values, release 'syntetisk', and leaves the
demo's own actuals as they are."""

import pytest
from django.contrib.auth import get_user_model
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


def test_f2_0_and_f3_0_draw_the_benchmarks_expected_count_beside_their_actuals(client, settings):
    """Issue 21: the ministry's "Forventet" of a-dagpenge mv. and of sygedagpenge mv. (sygedagpenge and
    jobafklaring, as F3.0) on the indicator pages, in the chart and in its data table, for each moving year
    (2. kvt. 2024 = 3. kvt. 2023 – 2. kvt. 2024)."""
    settings.DEBUG = True
    call_command("load_demo")
    client.force_login(get_user_model().objects.get(username="udvalg"))
    for code, expected in (("F2.0", "535"), ("F3.0", "840")):
        response = client.get(f"/indikatorer/{code}/?kvartal=2024K2")
        assert response.status_code == 200
        chart = response.context["chart"]
        assert "Forventet (benchmark)" in chart.columns, code
        column = chart.columns.index("Forventet (benchmark)")
        cells = dict((label, row[column]) for label, row in chart.rows)
        assert cells["2. kvt. 2024"] == expected, code
        assert "Forventet (benchmark)" in [trace["name"] for trace in chart.spec["data"]]
        header = response.text.split('class="data-table', 1)[1].split("</thead>", 1)[0]
        assert "Forventet (benchmark)" in header
