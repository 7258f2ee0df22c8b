"""The key figure's chart for paper: drawn on the server as SVG (the PDF) and as PNG (the Word file), from one
geometry, so that both show the same axis with round ticks (1, 2, 2,5 or 5 × 10ⁿ apart) and the same points.

A chart is drawn from a history as the report holds it: a list of {"quarter", "compared", "target_min",
"target_max", "year_to_date"} with the numbers as strings (the frozen report's JSON).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import formats
from core.periods import Quarter

from . import charts

WIDTH, HEIGHT = 640, 210
LEFT, RIGHT, TOP, BOTTOM = 64, 36, 12, 40
NICE = (1, 2, 2.5, 5)
MOST_INTERVALS = 5
GRID = "#e3e3e3"
INK = "#1a1a1a"


@dataclass(frozen=True)
class Axis:
    """A value axis from low to high with round ticks every step (low and high are ticks)."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [_clean(self.low + k * self.step) for k in range(count + 1)]


def _clean(value: float) -> float:
    # 0.1 + 0.2 is 0.30000000000000004: a tick is a round number, so round away the float's noise.
    return float(f"{value:.10g}") + 0.0  # + 0.0 turns -0.0 into 0.0


def _fits(step: float, decimals: int) -> bool:
    """A step the figure's decimals can print: 2,5 needs a decimal; with none it would print as 3."""
    scaled = step * 10**decimals
    return abs(scaled - round(scaled)) < 1e-9 and round(scaled) >= 1


def nice_axis(values: list[float], *, decimals: int = 0, intervals: int = 4) -> Axis:
    """The round axis around the values: a step of 1, 2, 2,5 or 5 × 10ⁿ that the figure's decimals can
    print, about `intervals` intervals (never more than five), its ends on ticks outside the values."""
    low, high = min(values), max(values)
    if high == low:  # a flat line: the axis spans a step either side of it
        spread = abs(low) * 0.1 or 1.0
        low, high = low - spread, high + spread
    raw = (high - low) / intervals
    exponent = math.floor(math.log10(raw))
    for power in (exponent - 1, exponent, exponent + 1, exponent + 2):
        for factor in NICE:
            step = factor * 10.0**power
            if step < raw * (1 - 1e-9) or not _fits(step, decimals):
                continue
            bottom = math.floor(low / step + 1e-9) * step
            top = math.ceil(high / step - 1e-9) * step
            if round((top - bottom) / step) < 2:  # two values a step apart: a tick either side as well
                bottom = bottom - step if bottom - step >= 0 or low < 0 else bottom
                top += step
            if round((top - bottom) / step) <= MOST_INTERVALS:
                return Axis(_clean(bottom), _clean(top), _clean(step))
    step = 10.0 ** math.ceil(math.log10(high - low))  # not reached for finite values; a safe fallback
    return Axis(_clean(math.floor(low / step) * step), _clean(math.ceil(high / step) * step), step)


@dataclass
class ChartGeometry:
    """What both renderers draw, in pixels of a WIDTH × HEIGHT canvas."""

    width: int
    height: int
    axis: Axis
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (y, label) of each grid line
    quarters: list[tuple[float, str]] = field(default_factory=list)  # (x, label) under the plot
    bands: list[list[tuple[float, float]]] = field(default_factory=list)  # a target range, quarter to quarter
    target_lines: list[tuple[float, float, float, float]] = field(default_factory=list)  # a single target
    actual_lines: list[list[tuple[float, float]]] = field(default_factory=list)  # unbroken runs of actuals
    points: list[tuple[float, float]] = field(default_factory=list)
    actual_name: str = ""
    target_name: str = ""
    left: float = LEFT
    right: float = WIDTH - RIGHT
    legend_y: float = HEIGHT - 6
    target_legend_x: float = LEFT + 90


def _floats(points: list[dict], key: str) -> list[float | None]:
    return [None if p.get(key) is None else float(Decimal(p[key])) for p in points]


def chart_geometry(history: list[dict], *, unit: str, decimals: int) -> ChartGeometry | None:
    """The chart of the key figure's quarters against its target; None when it has no number to draw."""
    actual = _floats(history, "compared")
    lows, highs = _floats(history, "target_min"), _floats(history, "target_max")
    known = [v for v in actual + lows + highs if v is not None]
    if not known:
        return None
    axis = nice_axis(known, decimals=decimals)
    n = len(history)
    step = (WIDTH - LEFT - RIGHT) / max(n - 1, 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(v: float) -> float:
        return TOP + (axis.high - v) / (axis.high - axis.low) * (HEIGHT - TOP - BOTTOM)

    year_to_date = any(point.get("year_to_date") for point in history)
    chart = ChartGeometry(
        width=WIDTH,
        height=HEIGHT,
        axis=axis,
        actual_name=_("Faktisk, år til dato") if year_to_date else _("Faktisk"),
        target_name=_("Mål"),
        target_legend_x=LEFT + (150 if year_to_date else 90),
    )
    chart.ticks = [(y(tick), formats.figure(tick, unit, decimals)) for tick in axis.ticks]
    chart.quarters = [(x(i), Quarter.parse(point["quarter"]).label()) for i, point in enumerate(history)]
    # The target: a band for a range, a line for a single value, segment by segment where it is set.
    for i in range(n - 1):
        if None in (lows[i], lows[i + 1], highs[i], highs[i + 1]):
            continue
        if lows[i] != highs[i] or lows[i + 1] != highs[i + 1]:
            corners = [(i, highs[i]), (i + 1, highs[i + 1]), (i + 1, lows[i + 1]), (i, lows[i])]
            chart.bands.append([(x(k), y(v)) for k, v in corners])
        else:
            chart.target_lines.append((x(i), y(lows[i]), x(i + 1), y(lows[i + 1])))
    run: list[tuple[float, float]] = []
    for i, value in enumerate(actual + [None]):
        if value is not None:
            run.append((x(i), y(value)))
            chart.points.append((x(i), y(value)))
            continue
        if len(run) > 1:
            chart.actual_lines.append(run)
        run = []
    return chart


# SVG (the PDF)


def svg_chart(history: list[dict], *, unit: str, decimals: int) -> str:
    """The chart as plain SVG for the PDF; "" when there is nothing to draw."""
    chart = chart_geometry(history, unit=unit, decimals=decimals)
    if chart is None:
        return ""
    size = f'width="{chart.width}" height="{chart.height}" viewBox="0 0 {chart.width} {chart.height}"'
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" {size} font-family="sans-serif" font-size="11">']
    for tick_y, label in chart.ticks:
        parts.append(_tag("line", x1=chart.left, x2=chart.right, y1=tick_y, y2=tick_y, stroke=GRID))
        parts.append(_tag("text", label, x=chart.left - 6, y=tick_y + 4, text_anchor="end"))
    for band in chart.bands:
        coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in band)
        parts.append(_tag("polygon", points=coords, fill=charts.TARGET_BAND, stroke=charts.TARGET))
    for x1, y1, x2, y2 in chart.target_lines:
        parts.append(_tag("line", x1=x1, y1=y1, x2=x2, y2=y2,
                          stroke=charts.TARGET, stroke_width=2, stroke_dasharray="6 4"))  # fmt: skip
    for run in chart.actual_lines:
        coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
        parts.append(_tag("polyline", points=coords, fill="none", stroke=charts.ACTUAL, stroke_width=3))
    for px, py in chart.points:
        parts.append(_tag("circle", cx=px, cy=py, r=4, fill=charts.ACTUAL))
    for px, label in chart.quarters:
        parts.append(_tag("text", label, x=px, y=HEIGHT - BOTTOM + 16, text_anchor="middle", font_size=10))
    parts.append(_tag("text", "— " + chart.actual_name, x=LEFT, y=chart.legend_y, font_size=10,
                      fill=charts.ACTUAL))  # fmt: skip
    parts.append(_tag("text", "- - " + chart.target_name, x=chart.target_legend_x, y=chart.legend_y,
                      font_size=10, fill=charts.TARGET))  # fmt: skip
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _tag(name: str, text: str | None = None, **attributes) -> str:
    """One SVG element; attribute names with '_' for '-', numbers to one decimal, text escaped."""
    attrs = " ".join(
        f'{key.replace("_", "-")}="{f"{value:.1f}" if isinstance(value, float) else escape(value)}"'
        for key, value in attributes.items()
    )
    return f"<{name} {attrs}/>" if text is None else f"<{name} {attrs}>{escape(text)}</{name}>"


# PNG (the Word file)


def _font(size: int):
    from PIL import ImageFont

    for name in ("DejaVuSans.ttf", "Arial.ttf", "LiberationSans-Regular.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _rgba(colour: str) -> tuple[int, int, int, int]:
    if colour.startswith("rgba("):
        red, green, blue, alpha = (part.strip() for part in colour[5:-1].split(","))
        return int(red), int(green), int(blue), round(float(alpha) * 255)
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16), 255


def _dashed(draw, start, end, *, fill, width, dash=6.0, gap=4.0) -> None:
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1)
    if not length:
        return
    at = 0.0
    while at < length:
        stop = min(at + dash, length)
        a, b = at / length, stop / length
        draw.line([(x1 + (x2 - x1) * a, y1 + (y2 - y1) * a), (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)],
                  fill=fill, width=width)  # fmt: skip
        at = stop + gap


def png_chart(history: list[dict], *, unit: str, decimals: int, scale: int = 2) -> bytes:
    """The same chart as a PNG (scale × 640 × 210 pixels, white) for the Word file; b"" when there is
    nothing to draw."""
    from PIL import Image, ImageDraw  # loaded only to draw a picture

    chart = chart_geometry(history, unit=unit, decimals=decimals)
    if chart is None:
        return b""

    def s(point: tuple[float, float]) -> tuple[float, float]:
        return point[0] * scale, point[1] * scale

    image = Image.new("RGBA", (chart.width * scale, chart.height * scale), (255, 255, 255, 255))
    draw = ImageDraw.Draw(image)
    font, small = _font(11 * scale), _font(10 * scale)
    for tick_y, label in chart.ticks:
        draw.line([s((chart.left, tick_y)), s((chart.right, tick_y))], fill=_rgba(GRID), width=scale)
        draw.text(s((chart.left - 6, tick_y)), label, font=font, fill=_rgba(INK), anchor="rm")
    if chart.bands:
        overlay = Image.new("RGBA", image.size, (255, 255, 255, 0))
        shade = ImageDraw.Draw(overlay)
        for band in chart.bands:
            shade.polygon([s(p) for p in band], fill=_rgba(charts.TARGET_BAND))
        image = Image.alpha_composite(image, overlay)
        draw = ImageDraw.Draw(image)
        for band in chart.bands:
            draw.polygon([s(p) for p in band], outline=_rgba(charts.TARGET), width=scale)
    for x1, y1, x2, y2 in chart.target_lines:
        _dashed(draw, s((x1, y1)), s((x2, y2)), fill=_rgba(charts.TARGET), width=2 * scale,
                dash=6.0 * scale, gap=4.0 * scale)  # fmt: skip
    for run in chart.actual_lines:
        draw.line([s(p) for p in run], fill=_rgba(charts.ACTUAL), width=3 * scale, joint="curve")
    for px, py in chart.points:
        cx, cy = s((px, py))
        r = 4 * scale
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_rgba(charts.ACTUAL))
    for px, label in chart.quarters:
        draw.text(s((px, HEIGHT - BOTTOM + 12)), label, font=small, fill=_rgba(INK), anchor="mm")
    legend_y = chart.legend_y - 4
    draw.line([s((LEFT, legend_y)), s((LEFT + 14, legend_y))], fill=_rgba(charts.ACTUAL), width=3 * scale)
    draw.text(s((LEFT + 18, legend_y)), chart.actual_name, font=small, fill=_rgba(charts.ACTUAL), anchor="lm")
    tx = chart.target_legend_x
    _dashed(draw, s((tx, legend_y)), s((tx + 16, legend_y)), fill=_rgba(charts.TARGET), width=2 * scale,
            dash=5.0 * scale, gap=3.0 * scale)  # fmt: skip
    draw.text(s((tx + 20, legend_y)), chart.target_name, font=small, fill=_rgba(charts.TARGET), anchor="lm")
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=True)
    return out.getvalue()
