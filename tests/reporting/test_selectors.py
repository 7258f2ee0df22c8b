"""The read model's rows judge a flow as the status rule does, also for a quarter whose figure is awaited."""

from decimal import Decimal

from core.periods import Quarter
from indicators.models import Direction, Measurement, MeasureType, Unit
from indicators.status import Status
from reporting.selectors import strategy_figures

from .. import factories

APPROVED = Measurement.State.APPROVED


def test_a_flows_target_while_its_figure_is_awaited_is_the_target_the_figure_is_then_judged_against(
    db, settings
):
    municipality = factories.municipality()
    settings.PORTAL_MUNICIPALITY = municipality.slug
    area = factories.focus_area(strategy=factories.strategy(municipality=municipality), number=1, slug="a")
    indicator = factories.indicator(
        focus_area=area, code="F1.0", is_key_figure=True, unit=Unit.COUNT,
        direction=Direction.HIGHER_IS_BETTER, measure_type=MeasureType.FLOW,
    )  # fmt: skip
    factories.target(indicator, 2024, 400)
    factories.measurement(indicator, 2024, 2, 150, state=APPROVED)  # the first quarter never came in
    q3 = Quarter(2024, 3)

    awaited = strategy_figures(area.strategy).indicator("F1.0").row(q3)
    factories.measurement(indicator, 2024, 3, 100, state=APPROVED)
    judged = strategy_figures(area.strategy).indicator("F1.0").row(q3)

    # Two quarters reported by then: 250 against two quarters' share of 400.
    assert (judged.compared, judged.target_min) == (Decimal(250), Decimal(200))
    assert judged.status == Status.ON_TRACK
    assert awaited.status == Status.NO_DATA
    assert (awaited.target_min, awaited.target_max) == (judged.target_min, judged.target_max)
