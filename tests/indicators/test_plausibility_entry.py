"""Plausibility at entry: the grid and the import warn, submission needs an explanation, heraf ≤ total."""

from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.importing import figures_import
from indicators.models import Measurement
from indicators.services import FigureInput, FiguresRefused, figures_save, measurement_submit

from .. import factories
from .test_admin_entry import GRID, post_grid

pytestmark = pytest.mark.django_db
SUBMITTED = Measurement.State.SUBMITTED


@pytest.fixture
def sick_pay(manager):
    area = factories.focus_area(number=3)
    factories.assign(manager, area)
    f30 = factories.indicator(focus_area=area, code="F3.0", name="Sygedagpenge", is_key_figure=True)
    factories.measurement(f30, 2024, 2, 880, state="approved")
    return f30


def test_the_grid_warns_about_a_tenfold_value_after_saving(client, manager, sick_pay):
    client.force_login(manager)
    post_grid(client, sick_pay.focus_area.strategy, [(sick_pay, ("8.580", "", 0, ""))])
    page = client.get(GRID, {"strategy": sick_pay.focus_area.strategy_id, "quarter": "2024K3"})
    text = page.content.decode()
    assert "F3.0: 8.580 er 9,8 gange sidste kvartals 880." in text
    assert "Forklar tallet i kommentaren, før det indsendes." in text


def test_a_tenfold_value_cannot_be_submitted_without_an_explanation(client, manager, sick_pay):
    client.force_login(manager)
    strategy = sick_pay.focus_area.strategy
    response = post_grid(client, strategy, [(sick_pay, ("8.580", "", 0, ""))], _submit="1")
    assert response.status_code == 200
    assert "Skriv en forklaring i kommentaren, før tallet kan indsendes." in response.content.decode()
    # Neither saved nor submitted: the grid keeps what was typed.
    assert not Measurement.objects.filter(indicator=sick_pay, year=2024, quarter=3).exists()
    assert 'value="8.580"' in response.content.decode() or 'value="8580"' in response.content.decode()


def test_with_an_explanation_the_tenfold_value_is_submitted(client, manager, sick_pay):
    client.force_login(manager)
    strategy = sick_pay.focus_area.strategy
    explanation = "Ny opgørelse fra Jobindsats: alle forløb tælles nu med."
    response = post_grid(client, strategy, [(sick_pay, ("8.580", explanation, 0, ""))], _submit="1")
    assert response.status_code == 302
    assert Measurement.objects.get(indicator=sick_pay, year=2024, quarter=3).state == SUBMITTED


def test_the_submit_service_refuses_an_unexplained_warning(manager, sick_pay):
    figure = factories.measurement(sick_pay, 2024, 3, 8580, entered_by=manager)
    with pytest.raises(FiguresRefused) as refused:
        measurement_submit(user=manager, measurements=[figure])
    assert "8.580 er 9,8 gange sidste kvartals 880" in refused.value.problems[0].message
    figure.refresh_from_db()
    assert figure.state == Measurement.State.DRAFT


@pytest.mark.parametrize("commentary", ["ok", "fint", "Se note", "Tallet er tjekket"])
def test_a_stock_word_does_not_explain_a_warned_figure(manager, sick_pay, commentary):
    figure = factories.measurement(sick_pay, 2024, 3, 8580, entered_by=manager, commentary=commentary)
    with pytest.raises(FiguresRefused) as refused:
        measurement_submit(user=manager, measurements=[figure])
    message = refused.value.problems[0].message
    assert "8.580 er 9,8 gange sidste kvartals 880" in message
    assert "hel sætning" in message and "mindst 20 tegn og tre ord" in message
    figure.refresh_from_db()
    assert figure.state == Measurement.State.DRAFT


def test_a_stock_word_is_refused_from_the_grid_and_nothing_is_saved(client, manager, sick_pay):
    client.force_login(manager)
    strategy = sick_pay.focus_area.strategy
    response = post_grid(client, strategy, [(sick_pay, ("8.580", "ok", 0, ""))], _submit="1")
    assert response.status_code == 200
    assert "mindst 20 tegn og tre ord" in response.content.decode()
    assert not Measurement.objects.filter(indicator=sick_pay, year=2024, quarter=3).exists()


def test_the_import_warns_and_names_the_row(manager, sick_pay):
    data = "indikator;år;kvartal;værdi\nF3.0;2024;3;8580\n".encode()
    result = figures_import(
        user=manager, data=data, filename="tal.csv", strategy=sick_pay.focus_area.strategy
    )
    assert result.ok
    assert [(w.row, w.message) for w in result.warnings] == [
        (2, "F3.0: 8.580 er 9,8 gange sidste kvartals 880.")
    ]


@pytest.fixture
def with_breakdown(sick_pay):
    part = factories.indicator(focus_area=sick_pay.focus_area, code="F3.1", name="heraf jobafklaring")
    part.parent = sick_pay
    part.save()
    factories.measurement(sick_pay, 2024, 3, 900)
    return sick_pay, part


def test_a_heraf_figure_larger_than_its_total_is_refused(manager, with_breakdown):
    total, part = with_breakdown
    with pytest.raises(FiguresRefused) as refused:
        figures_save(user=manager, figures=[FigureInput(part, Quarter(2024, 3), Decimal(950))])
    assert refused.value.problems[0].message == ("F3.1: 950 er større end totalen 900 (F3.0) i 3. kvt. 2024.")
    assert not Measurement.objects.filter(indicator=part).exists()


def test_a_total_lowered_below_its_heraf_is_refused(manager, with_breakdown):
    total, part = with_breakdown
    factories.measurement(part, 2024, 3, 180)
    with pytest.raises(FiguresRefused):
        figures_save(user=manager, figures=[FigureInput(total, Quarter(2024, 3), Decimal(150), version=1)])
    assert Measurement.objects.get(indicator=total, year=2024, quarter=3).value == 900


def test_a_heraf_and_its_total_saved_together_are_compared_with_each_other(manager, with_breakdown):
    total, part = with_breakdown
    figures_save(
        user=manager,
        figures=[
            FigureInput(total, Quarter(2024, 3), Decimal(1000), version=1),
            FigureInput(part, Quarter(2024, 3), Decimal(950)),
        ],
    )
    assert Measurement.objects.get(indicator=part).value == 950


def test_the_grid_still_asks_for_an_explanation_when_the_commentary_says_only_ok(client, manager, sick_pay):
    factories.measurement(sick_pay, 2024, 3, 8580, entered_by=manager, commentary="ok")
    client.force_login(manager)
    page = client.get(GRID, {"strategy": sick_pay.focus_area.strategy_id, "quarter": "2024K3"})
    assert "Forklar tallet i kommentaren, før det indsendes." in page.content.decode()
