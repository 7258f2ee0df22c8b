"""Saving actuals from the grid: all or nothing, within the user's scope, never in a locked quarter."""

from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.locking import quarter_lock
from indicators.models import Measurement, Unit
from indicators.services import FigureInput, FiguresRefused, figures_save, measurement_save

from .. import factories

pytestmark = pytest.mark.django_db
Q = Quarter(2024, 3)


@pytest.fixture
def areas():
    strategy = factories.strategy()
    return (
        factories.focus_area(strategy=strategy, number=2),
        factories.focus_area(strategy=strategy, number=3),
    )


@pytest.fixture
def own(areas, manager):
    factories.assign(manager, areas[0])
    return factories.indicator(focus_area=areas[0], code="F2.0", unit=Unit.FULL_TIME_PERSONS)


@pytest.fixture
def other(areas):
    return factories.indicator(focus_area=areas[1], code="F3.0", unit=Unit.PERCENT, decimals=1)


def test_a_manager_saves_figures_for_an_assigned_focus_area_as_drafts(manager, own):
    result = figures_save(user=manager, figures=[FigureInput(own, Q, Decimal("900"), "Stabilt", 0)])
    stored = Measurement.objects.get()
    assert result.created == 1
    assert (stored.value, stored.commentary, stored.state, stored.entered_by) == (
        900,
        "Stabilt",
        "draft",
        manager,
    )


def test_a_manager_cannot_save_figures_for_a_focus_area_not_assigned(manager, own, other):
    with pytest.raises(FiguresRefused, match="må ikke indberette"):
        figures_save(user=manager, figures=[FigureInput(other, Q, Decimal("5"), "", 0)])
    assert not Measurement.objects.exists()


def test_an_administrator_saves_figures_for_every_focus_area(administrator, own, other):
    figures_save(
        user=administrator,
        figures=[FigureInput(own, Q, Decimal("900")), FigureInput(other, Q, Decimal("6.5"))],
    )
    assert Measurement.objects.count() == 2


def test_one_bad_row_stops_the_whole_grid(administrator, own, other):
    with pytest.raises(FiguresRefused) as refused:
        figures_save(
            user=administrator,
            figures=[FigureInput(own, Q, Decimal("900")), FigureInput(other, Q, Decimal("120"))],
        )
    assert refused.value.problems[0].message.startswith("F3.0")
    assert not Measurement.objects.exists()


def test_every_bad_row_is_reported(administrator, own, other):
    with pytest.raises(FiguresRefused) as refused:
        figures_save(
            user=administrator,
            figures=[FigureInput(own, Q, Decimal("-1")), FigureInput(other, Q, Decimal("6.55"))],
        )
    assert [p.indicator_id for p in refused.value.problems] == [own.pk, other.pk]


def test_a_quarter_that_has_not_ended_takes_no_actuals(manager, own):
    with pytest.raises(FiguresRefused, match="ikke slut"):
        figures_save(user=manager, figures=[FigureInput(own, Quarter.current(), Decimal("1"))])


def test_a_locked_quarter_takes_no_figures_from_anyone(administrator, own):
    quarter_lock(user=administrator, strategy=own.focus_area.strategy, quarter=Q)
    with pytest.raises(FiguresRefused, match="låst"):
        figures_save(user=administrator, figures=[FigureInput(own, Q, Decimal("1"))])
    assert not Measurement.objects.exists()


def test_changing_an_approved_figure_makes_it_a_draft_again(manager, own):
    figure = factories.measurement(own, 2024, 3, 900, state="approved")
    measurement_save(user=manager, indicator=own, quarter=Q, value=Decimal("905"), version=figure.version)
    figure.refresh_from_db()
    assert (figure.value, figure.state, figure.version) == (905, "draft", 2)


def test_saving_the_same_figure_again_changes_nothing(manager, own):
    figure = factories.measurement(own, 2024, 3, 900, state="approved")
    result = figures_save(user=manager, figures=[FigureInput(own, Q, Decimal("900"), "", figure.version)])
    figure.refresh_from_db()
    assert (result.unchanged, figure.state, figure.version) == (1, "approved", 1)


@pytest.mark.parametrize(
    ("stored", "saved", "changed"),
    [
        ("2.50", "2.5", False),
        ("0.7000", "0.7", False),
        ("12", "12.00", False),
        ("9999999999.9999", "9999999999.9999", False),
        ("9999999999.9998", "9999999999.9999", True),
        ("0.1", "0.1001", True),
    ],
)
def test_a_figure_is_changed_only_when_its_value_or_commentary_differs(
    manager, areas, stored, saved, changed
):
    """The database compares a save with what is stored; however the decimal was written, equal is equal,
    and the 14th digit counts."""
    factories.assign(manager, areas[0])
    indicator = factories.indicator(focus_area=areas[0], code="F2.9", decimals=4)
    figure = factories.measurement(indicator, 2024, 3, Decimal(stored), commentary="Stabilt")

    same_text = figures_save(user=manager, figures=[FigureInput(indicator, Q, Decimal(saved), " Stabilt ")])
    new_text = figures_save(user=manager, figures=[FigureInput(indicator, Q, Decimal(saved), "Rettet")])

    assert (same_text.updated, same_text.unchanged) == ((1, 0) if changed else (0, 1))
    assert (new_text.updated, new_text.unchanged) == (1, 0)
    figure.refresh_from_db()
    assert (figure.value, figure.commentary, figure.version) == (
        Decimal(saved),
        "Rettet",
        3 if changed else 2,
    )
    assert figure.history.count() == (3 if changed else 2)


def test_a_changed_figure_announces_itself_once(manager, own):
    from core.signals import figures_changed

    heard = []
    figures_changed.connect(lambda sender, **kw: heard.append(sender), weak=False, dispatch_uid="t-fig")
    try:
        figures_save(user=manager, figures=[FigureInput(own, Q, Decimal("900"))])
        figures_save(user=manager, figures=[FigureInput(own, Q, Decimal("900"))])  # nothing changed
    finally:
        figures_changed.disconnect(dispatch_uid="t-fig")
    assert heard == [Measurement]
