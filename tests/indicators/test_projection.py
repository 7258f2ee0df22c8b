"""Year-end projection: linear trend for levels, run rate for flows, judged by the status rule."""

from dataclasses import dataclass
from decimal import Decimal as D

from core.periods import Quarter
from indicators.models import Direction, MeasureType
from indicators.projection import year_end_projection
from indicators.status import Status


@dataclass
class T:
    year: int
    quarter: int | None
    value_min: D
    value_max: D


def annual(year, low, high=None):
    return T(year, None, D(str(low)), D(str(high if high is not None else low)))


def series(start: Quarter, values):
    return {start + n: D(str(v)) for n, v in enumerate(values) if v is not None}


def test_a_level_falling_in_a_straight_line_is_followed_to_the_fourth_quarter():
    actuals = series(Quarter(2023, 3), [560, 550, 540, 530, 520])  # down 10 a quarter to 2024K3
    result = year_end_projection(
        actuals=actuals,
        latest=Quarter(2024, 3),
        targets=[annual(2024, 515)],
        direction=Direction.LOWER_IS_BETTER,
    )
    assert result.method == "trend"
    assert result.value == D(510)
    assert result.status == Status.ON_TRACK
    assert result.will_meet_target is True
    assert result.path == [(Quarter(2024, 3), D(520)), (Quarter(2024, 4), D(510))]


def test_the_trend_uses_only_the_last_six_quarters():
    # An old plateau at 1000 must not drag the line: the last six quarters rise by 5 a quarter.
    actuals = series(Quarter(2021, 1), [1000] * 8 + [100, 105, 110, 115, 120, 125])
    latest = max(actuals)
    assert latest == Quarter(2024, 2)
    result = year_end_projection(
        actuals=actuals, latest=latest, targets=[], direction=Direction.HIGHER_IS_BETTER
    )
    assert result.value == D(135)
    assert [q for q, _v in result.path] == [Quarter(2024, 2), Quarter(2024, 3), Quarter(2024, 4)]


def test_a_projection_that_misses_the_target_says_so_in_a_sentence():
    actuals = series(Quarter(2024, 1), [450, 470, 490])
    result = year_end_projection(
        actuals=actuals,
        latest=Quarter(2024, 3),
        targets=[annual(2024, 481)],
        direction=Direction.LOWER_IS_BETTER,
        unit="fuldtidspersoner",
    )
    assert result.value == D(510)
    assert result.status == Status.OFF_TRACK
    assert result.will_meet_target is False
    assert result.sentence == (
        "Hvis udviklingen i de seneste kvartaler fortsætter, ender 2024 på ca. 510 fuldtidspersoner, "
        "og målet nås ikke."
    )


def test_decimals_and_danish_separators_in_the_sentence():
    actuals = series(Quarter(2024, 1), ["3.1", "3.3", "3.5"])
    result = year_end_projection(
        actuals=actuals,
        latest=Quarter(2024, 3),
        targets=[annual(2024, "3.8")],
        direction=Direction.HIGHER_IS_BETTER,
        decimals=1,
        unit="%",
    )
    assert result.value == D("3.7")
    assert result.status == Status.CLOSE  # 0,1 short of 3,8; the tolerance is 5 % of 3,8
    assert "ca. 3,7 %" in result.sentence


def test_a_flow_is_projected_from_its_run_rate_this_year():
    actuals = series(Quarter(2023, 1), [50, 50, 50, 50, 30, 40])  # 70 after two quarters of 2024
    result = year_end_projection(
        actuals=actuals,
        latest=Quarter(2024, 2),
        targets=[annual(2024, 120)],
        direction=Direction.HIGHER_IS_BETTER,
        measure_type=MeasureType.FLOW,
    )
    assert result.method == "run_rate"
    assert result.value == D(140)
    assert result.status == Status.ON_TRACK
    assert result.path == [(Quarter(2024, 2), D(70)), (Quarter(2024, 3), D(105)), (Quarter(2024, 4), D(140))]
    assert "tempoet" in result.sentence


def test_a_flow_running_too_slow_will_not_meet_its_annual_target():
    actuals = series(Quarter(2024, 1), [20])
    result = year_end_projection(
        actuals=actuals,
        latest=Quarter(2024, 1),
        targets=[annual(2024, 120)],
        direction=Direction.HIGHER_IS_BETTER,
        measure_type=MeasureType.FLOW,
    )
    assert result.value == D(80)
    assert result.will_meet_target is False


def test_in_the_fourth_quarter_the_year_is_over_and_the_actual_is_the_result():
    actuals = series(Quarter(2024, 1), [500, 490, 480, 470])
    result = year_end_projection(
        actuals=actuals,
        latest=Quarter(2024, 4),
        targets=[annual(2024, 481)],
        direction=Direction.LOWER_IS_BETTER,
    )
    assert result.method == "actual"
    assert result.value == D(470)
    assert result.status == Status.ON_TRACK
    assert result.path == []
    assert "sluttede" in result.sentence and "blev nået" in result.sentence


def test_one_quarter_alone_is_too_little_for_a_trend():
    result = year_end_projection(
        actuals=series(Quarter(2024, 1), [500]),
        latest=Quarter(2024, 1),
        targets=[],
        direction=Direction.LOWER_IS_BETTER,
    )
    assert result.value is None
    assert result.method == "none"
    assert result.will_meet_target is None


def test_without_a_figure_for_the_latest_quarter_nothing_is_projected():
    result = year_end_projection(
        actuals=series(Quarter(2023, 1), [1, 2, 3]),
        latest=Quarter(2024, 2),
        targets=[],
        direction=Direction.HIGHER_IS_BETTER,
    )
    assert result.value is None
    assert result.sentence


def test_without_a_target_the_projection_says_there_is_nothing_to_compare_with():
    result = year_end_projection(
        actuals=series(Quarter(2024, 1), [10, 20]),
        latest=Quarter(2024, 2),
        targets=[],
        direction=Direction.HIGHER_IS_BETTER,
    )
    assert result.value == D(40)
    assert result.status == Status.NO_TARGET
    assert result.will_meet_target is None
    assert "intet mål" in result.sentence


def test_later_quarters_than_latest_are_ignored():
    actuals = series(Quarter(2024, 1), [10, 20, 999])
    result = year_end_projection(
        actuals=actuals, latest=Quarter(2024, 2), targets=[], direction=Direction.HIGHER_IS_BETTER
    )
    assert result.value == D(40)
