"""An actual made of synthetic official values (the demo's recorded Jobindsats answers, imported again by an
administrator) is marked as made up wherever a figure's source is shown; a real release makes it real."""

import json

import pytest

from core import formats
from indicators.models import Measurement
from indicators.official_actuals import jobindsats_import
from measures.catalogue import load_catalogue
from measures.importing import official_values_import
from measures.models import Area, Measure, OfficialValue
from tests import factories

pytestmark = pytest.mark.django_db
MONTHS = [["Ballerup", f"2024M0{month}", value] for month, value in ((4, 480), (5, 490), (6, 500))]


@pytest.fixture
def ballerup(settings):
    load_catalogue()
    municipality = factories.municipality(
        name="Ballerup Kommune", slug="ballerup-test", code=151, area=Area.objects.get(code="151")
    )
    settings.PORTAL_MUNICIPALITY = municipality.slug
    focus_area = factories.focus_area(strategy=factories.strategy(municipality=municipality), number=1)
    return factories.indicator(
        focus_area=focus_area, code="F2.0", measure=Measure.objects.get(code="Y01A02-FULDTID")
    )


def _answer(rows) -> bytes:
    labels = ("Area", "Periode", "Fuldtidspersoner")
    return json.dumps([{"Variables": [{"Label": label} for label in labels], "Data": rows}]).encode()


def test_a_recorded_answer_imported_as_actuals_is_shown_as_made_up(ballerup, administrator):
    # The demo stores the recorded answers as synthetic official values; an administrator then imports the
    # same file: the values are unchanged (still synthetic) and become F2.0's actual.
    assert official_values_import(
        user=administrator, files=[("y01a02.json", _answer(MONTHS))], release="syntetisk", synthetic=True
    ).ok
    result = jobindsats_import(user=administrator, files=[("y01a02.json", _answer(MONTHS))])
    assert result.ok, result.problems
    figure = Measurement.objects.get(indicator=ballerup, year=2024, quarter=2)
    assert figure.value == 490 and figure.is_demo
    assert formats.source_label(figure.source, demo=figure.is_demo) == "Demodata (opdigtet tal)"


def test_a_real_release_makes_the_actual_real_again(ballerup, administrator):
    official_values_import(
        user=administrator, files=[("y01a02.json", _answer(MONTHS))], release="syntetisk", synthetic=True
    )
    jobindsats_import(user=administrator, files=[("y01a02.json", _answer(MONTHS))])
    real = [[area, period, value + 1] for area, period, value in MONTHS]
    assert jobindsats_import(user=administrator, files=[("y01a02.json", _answer(real))], release="2024-07").ok
    figure = Measurement.objects.get(indicator=ballerup, year=2024, quarter=2)
    assert figure.value == 491 and not figure.is_demo
    assert not OfficialValue.objects.filter(area__code="151", is_synthetic=True).exists()
    assert formats.source_label(figure.source, demo=figure.is_demo) == "Jobindsats y01a02 2024-07"


def test_a_real_import_is_real(ballerup, administrator):
    assert jobindsats_import(user=administrator, files=[("y01a02.json", _answer(MONTHS))]).ok
    assert not Measurement.objects.get(indicator=ballerup, year=2024, quarter=2).is_demo
