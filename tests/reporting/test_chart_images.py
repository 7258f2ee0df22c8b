"""The key figure's chart on paper: round axis ticks (1, 2, 2,5 or 5 × 10ⁿ apart) from one geometry that the
PDF's SVG and the Word file's PNG both draw."""

import io
import math
import random
import re

import pytest
from PIL import Image

from reporting import charts
from reporting.chart_images import chart_geometry, nice_axis, png_chart, svg_chart

# F1.0 as the review's PDF drew it: its axis read −143/−171/−199/−227.
HISTORY = [
    {"quarter": q, "compared": v, "target_min": "-195", "target_max": "-195", "year_to_date": False}
    for q, v in [("2023K3", "-150"), ("2023K4", "-180"), ("2024K1", "-205"), ("2024K2", "-220")]
]


def is_nice(step: float) -> bool:
    exponent = math.floor(math.log10(step))
    mantissa = step / 10**exponent
    return any(math.isclose(mantissa, nice) for nice in (1, 2, 2.5, 5, 10))


def test_the_review_s_axis_gets_round_ticks():
    axis = nice_axis([-143, -227])
    assert axis.ticks == [-250, -225, -200, -175, -150, -125]
    assert nice_axis([1397, 1550]).ticks == [1350, 1400, 1450, 1500, 1550]


@pytest.mark.parametrize("seed", range(5))
def test_any_values_get_a_round_axis_that_holds_them_and_the_decimals_can_print(seed):
    rng = random.Random(seed)
    for _ in range(300):
        decimals = rng.choice([0, 1])
        scale = 10 ** rng.randint(-1, 4)
        values = [round(rng.uniform(-1, 1) * scale, decimals) for _ in range(rng.randint(1, 8))]
        axis = nice_axis(values, decimals=decimals)
        ticks = axis.ticks
        assert is_nice(axis.step), (values, axis)
        assert 2 <= len(ticks) <= 6, (values, ticks)
        assert ticks[0] <= min(values) and ticks[-1] >= max(values)
        # Every tick prints as itself: no 2,5 step on a figure without decimals.
        assert all(math.isclose(round(t, decimals), t, abs_tol=1e-9) for t in ticks), (values, ticks)


def test_a_rank_of_two_and_three_is_drawn_on_whole_numbers():
    assert nice_axis([2, 3], decimals=0).ticks == [1, 2, 3, 4]
    assert nice_axis([2, 2], decimals=0).ticks == [1, 2, 3]


def test_the_pdf_chart_labels_its_axis_with_the_round_ticks():
    svg = svg_chart(HISTORY, unit="count", decimals=0)
    labels = re.findall(r'text-anchor="end">([^<]+)<', svg)
    assert labels == ["−220", "−200", "−180", "−160", "−140"]
    assert "3. kvt. 2023" in svg and "Faktisk" in svg


def test_a_share_s_ticks_carry_the_per_cent_sign():
    history = [dict(point, compared=v, target_min="3.5", target_max="4.0") for point, v in
               zip(HISTORY, ["3.9", "4.2", "3.8", "3.6"], strict=True)]  # fmt: skip
    chart = chart_geometry(history, unit="pct", decimals=1)
    assert [label for _y, label in chart.ticks] == ["3,4 %", "3,6 %", "3,8 %", "4,0 %", "4,2 %"]
    assert len(chart.bands) == 3 and not chart.target_lines


def test_the_word_chart_is_a_png_of_the_same_chart():
    content = png_chart(HISTORY, unit="count", decimals=0)
    image = Image.open(io.BytesIO(content))
    assert image.format == "PNG" and image.size == (1280, 420)
    chart = chart_geometry(HISTORY, unit="count", decimals=0)
    actual = tuple(int(charts.ACTUAL[i : i + 2], 16) for i in (1, 3, 5))
    # Each quarter's point is where the SVG puts it, at twice the size.
    for x, y in chart.points:
        assert image.getpixel((round(x * 2), round(y * 2))) == actual
    assert image.getpixel((5, 5)) == (255, 255, 255)


def test_nothing_to_draw_draws_nothing():
    empty = [dict(point, compared=None, target_min=None, target_max=None) for point in HISTORY]
    assert svg_chart(empty, unit="count", decimals=0) == ""
    assert png_chart(empty, unit="count", decimals=0) == b""
