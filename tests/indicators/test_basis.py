"""A figure says what it is: official (the import from Jobindsats), preliminary internal (the municipality's
count before the official release) or the municipality's own; what the committee sees is the approved
figure's basis. Issue 21, item 6."""

import json
from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.basis import Basis, basis_label, kept_basis
from indicators.models import Measurement
from indicators.official_actuals import jobindsats_import
from indicators.services import FigureInput, figures_save, measurement_approve
from measures.catalogue import load_catalogue
from measures.models import Area, Measure
from tests import factories

pytestmark = pytest.mark.django_db
Q2 = Quarter(2024, 2)


def test_each_basis_is_named_in_danish():
    assert basis_label(Basis.OFFICIAL) == "Officielt tal"
    assert basis_label(Basis.PRELIMINARY) == "Foreløbigt internt tal"
    assert basis_label(Basis.OWN) == "Kommunens eget tal"
    assert basis_label("") == "Kommunens eget tal"


def test_a_typed_number_is_the_municipalitys_own_and_a_comment_keeps_what_the_figure_was():
    assert kept_basis(None, Decimal(5), None) == Basis.OWN
    assert kept_basis((Basis.OFFICIAL, Decimal(5)), Decimal(5), None) == Basis.OFFICIAL
    assert kept_basis((Basis.OFFICIAL, Decimal(5)), Decimal(6), None) == Basis.OWN
    assert kept_basis((Basis.OFFICIAL, Decimal(5)), Decimal(6), Basis.PRELIMINARY) == Basis.PRELIMINARY


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


def test_an_imported_figure_is_official_and_a_typed_change_of_its_number_makes_it_own(
    ballerup, administrator
):
    months = [["Ballerup", f"2024M0{month}", value] for month, value in ((4, 10), (5, 11), (6, 12))]
    result = jobindsats_import(
        user=administrator, files=[("y01a02.json", _answer(months))], release="2024-07"
    )
    assert result.ok, result.problems
    figure = Measurement.objects.get(indicator=ballerup, year=2024, quarter=2)
    assert figure.basis == Basis.OFFICIAL

    def typed(value, commentary):
        figures_save(
            user=administrator,
            figures=[FigureInput(ballerup, Q2, Decimal(value), commentary, version=figure.version)],
        )
        figure.refresh_from_db()

    typed(11, "Forklaret for udvalget.")  # the number stays: still the ministry's figure
    assert figure.basis == Basis.OFFICIAL
    typed(13, "Rettet efter eget fagsystem.")
    assert figure.basis == Basis.OWN


def test_the_committee_sees_the_approved_figures_basis_until_a_correction_is_approved(
    ballerup, manager, administrator
):
    figure = factories.measurement(ballerup, 2024, 2, 880, basis=Basis.PRELIMINARY, state="approved")
    assert figure.published_basis == Basis.PRELIMINARY
    figure.basis, figure.value, figure.state = Basis.OFFICIAL, Decimal(870), "submitted"
    figure.save()
    figure.refresh_from_db()
    assert figure.published_basis == Basis.PRELIMINARY  # the correction waits; the committee sees 880
    assert measurement_approve(
        user=administrator, measurements=[figure], versions={figure.pk: figure.version}
    )
    figure.refresh_from_db()
    assert (figure.published_value, figure.published_basis) == (Decimal(870), Basis.OFFICIAL)


def test_each_basis_is_named_in_english_on_an_english_page():
    from django.utils import translation

    with translation.override("en"):
        assert [basis_label(basis) for basis in Basis] == [
            "Official figure", "Preliminary internal figure", "The municipality's own figure",
        ]  # fmt: skip


def test_a_figure_entered_as_a_preliminary_internal_count_says_so_and_can_be_changed_alone(
    ballerup, administrator
):
    from indicators.services import measurement_save

    figure = measurement_save(
        user=administrator, indicator=ballerup, quarter=Q2, value=Decimal(858), version=0,
        basis=Basis.PRELIMINARY,
    )  # fmt: skip
    assert figure.basis == Basis.PRELIMINARY
    figure = measurement_save(
        user=administrator, indicator=ballerup, quarter=Q2, value=Decimal(858), version=figure.version,
        basis=Basis.OWN,
    )  # fmt: skip
    assert figure.basis == Basis.OWN and figure.version == 2


def test_the_admins_change_form_offers_the_basis(admin_client, ballerup):
    figure = factories.measurement(ballerup, 2024, 2, 858, basis=Basis.PRELIMINARY)
    html = admin_client.get(f"/admin/indicators/measurement/{figure.pk}/change/").text
    assert 'name="basis"' in html and '<option value="preliminary" selected>' in html
