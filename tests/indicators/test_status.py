"""The status rule: på sporet, tæt på, ikke på sporet, ingen data, intet mål."""

from dataclasses import dataclass
from decimal import Decimal as D

import pytest

from indicators.models import Direction, MeasureType
from indicators.status import Status, assess_quarter, target_for

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


@dataclass
class T:
    year: int
    quarter: int | None
    value_min: D
    value_max: D


def goal(low, high=None, *, year=2024, quarter=None):
    return T(year, quarter, D(str(low)), D(str(high if high is not None else low)))


def status(actual, target, direction=HIGHER, tolerance=5, **kwargs):
    values = kwargs.pop("year_values", None) or [None, None, D(str(actual)) if actual is not None else None]
    return assess_quarter(
        year_values=values, target=target, direction=direction, tolerance_pct=tolerance, **kwargs
    )


@pytest.mark.parametrize(
    ("actual", "expected"),
    [(100, Status.ON_TRACK), (120, Status.ON_TRACK), (95, Status.CLOSE), (D("94.99"), Status.OFF_TRACK)],
)
def test_higher_is_better_is_met_at_or_above_the_target_and_close_within_the_tolerance(actual, expected):
    assert status(actual, goal(100)).status == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [(480, Status.ON_TRACK), (400, Status.ON_TRACK), (504, Status.CLOSE), (505, Status.OFF_TRACK)],
)
def test_lower_is_better_is_met_at_or_below_the_target(actual, expected):
    # 5 % of 480 is 24: 504 is exactly on the tolerance edge and still 'tæt på'.
    assert status(actual, goal(480), LOWER).status == expected


def test_the_tolerance_edge_counts_as_close_and_a_hair_beyond_does_not():
    assert status(90, goal(100), tolerance=10).status == Status.CLOSE
    assert status(D("89.9"), goal(100), tolerance=10).status == Status.OFF_TRACK


def test_zero_tolerance_means_any_miss_is_off_track():
    assert status(D("99.9"), goal(100), tolerance=0).status == Status.OFF_TRACK


def test_a_range_is_met_from_its_near_end_in_the_good_direction():
    practice = goal(300, 320)  # virksomhedspraktik 300–320, higher is better
    assert status(310, practice).status == Status.ON_TRACK
    assert status(300, practice).status == Status.ON_TRACK
    assert status(340, practice).status == Status.ON_TRACK
    assert status(290, practice).status == Status.CLOSE  # 10 short of 300, tolerance 15
    assert status(280, practice).status == Status.OFF_TRACK


def test_a_range_with_lower_is_better_is_met_at_or_below_its_maximum():
    band = goal(50, 70)
    assert status(60, band, LOWER).status == Status.ON_TRACK
    assert status(40, band, LOWER).status == Status.ON_TRACK
    assert status(73, band, LOWER).status == Status.CLOSE  # 3 over 70, tolerance 3,5
    assert status(74, band, LOWER).status == Status.OFF_TRACK


def test_the_assessment_says_what_was_compared_with_what():
    result = status(310, goal(300, 320))
    assert (result.compared, result.target_min, result.target_max) == (D(310), D(300), D(320))
    assert result.target_is_range
    assert not result.year_to_date


def test_negative_targets_use_the_size_of_the_target_for_the_tolerance():
    # Faktisk minus forventet: -200 or lower is the goal; 5 % of 200 is 10.
    assert status(-215, goal(-200), LOWER).status == Status.ON_TRACK
    assert status(-190, goal(-200), LOWER).status == Status.CLOSE
    assert status(-189, goal(-200), LOWER).status == Status.OFF_TRACK


def test_without_an_actual_for_the_quarter_there_is_no_data():
    assert status(None, goal(100)).status == Status.NO_DATA
    assert assess_quarter(year_values=[], target=goal(100), direction=HIGHER).status == Status.NO_DATA


def test_no_data_wins_over_no_target():
    assert status(None, None).status == Status.NO_DATA


def test_without_a_target_the_status_is_no_target_and_keeps_the_actual():
    result = status(42, None)
    assert result.status == Status.NO_TARGET
    assert result.compared == D(42)


def test_a_flow_is_compared_year_to_date_with_the_pro_rata_annual_target():
    # 400 a year: after three quarters, 300 is the pro-rata target.
    values = [D(100), D(100), D(100)]
    result = status(None, goal(400), year_values=values, measure_type=MeasureType.FLOW)
    assert result.status == Status.ON_TRACK
    assert (result.compared, result.target_min) == (D(300), D(300))
    assert result.year_to_date


def test_a_flow_behind_its_pro_rata_target_is_off_track_even_when_each_quarter_looks_fine_alone():
    values = [D(80), D(80)]  # 160 after two quarters against 200
    result = status(None, goal(400), year_values=values, measure_type=MeasureType.FLOW)
    assert result.status == Status.OFF_TRACK


def test_a_flow_within_tolerance_of_its_pro_rata_target_is_close():
    values = [D(95)]  # 95 against 100 after the first quarter, 5 % tolerance
    assert status(None, goal(400), year_values=values, measure_type=MeasureType.FLOW).status == Status.CLOSE


def test_a_flow_with_a_missing_earlier_quarter_is_prorated_by_the_quarters_reported():
    values = [D(100), None, D(100)]
    result = status(None, goal(400), year_values=values, measure_type=MeasureType.FLOW)
    assert result.target_min == D(200)
    assert result.status == Status.ON_TRACK


def test_a_flow_with_a_quarterly_target_compares_the_quarter_alone():
    values = [D(10), D(10), D(30)]
    result = status(None, goal(25, quarter=3), year_values=values, measure_type=MeasureType.FLOW)
    assert result.status == Status.ON_TRACK
    assert not result.year_to_date


def test_a_level_ignores_the_earlier_quarters_of_the_year():
    values = [D(1000), D(1000), D(100)]
    assert (
        status(None, goal(100), year_values=values, measure_type=MeasureType.LEVEL).status == Status.ON_TRACK
    )


def test_a_quarterly_target_wins_over_the_annual_target():
    targets = [goal(481), goal(490, quarter=3), goal(500, quarter=2)]
    assert target_for(targets, 2024, 3).value_min == D(490)
    assert target_for(targets, 2024, 4).value_min == D(481)
    assert target_for(targets, 2023, 3) is None


def test_each_status_has_a_danish_word_a_symbol_and_a_css_class():
    words = {str(s.label) for s in Status}
    assert words == {"på sporet", "tæt på", "ikke på sporet", "ingen data", "intet mål"}
    assert len({s.symbol for s in Status}) == len(Status)
    assert Status.OFF_TRACK.css_class == "status-off-track"
