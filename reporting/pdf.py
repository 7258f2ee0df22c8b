"""The briefing as a PDF for the agenda: A4, dated, the case number and "Side x af y" on every page, charts
drawn on the server as SVG (no browser). A locked quarter's PDF is drawn once, in the portal's language, and
kept."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from core import formats
from core.periods import Quarter

from . import charts
from .models import ReportSnapshot
from .report import report_for

# WeasyPrint reports every step at INFO; the portal's logs want only its warnings.
logging.getLogger("weasyprint").setLevel(logging.WARNING)

WIDTH, HEIGHT = 640, 210
LEFT, RIGHT, TOP, BOTTOM = 64, 36, 12, 40


def stored_pdf(strategy, quarter: Quarter) -> bytes | None:
    """The PDF stored with a locked quarter's frozen report, if it has been drawn (one query)."""
    content = ReportSnapshot.objects.for_quarter(strategy, quarter).values_list("pdf", flat=True).first()
    return None if content is None else bytes(content)


def quarter_pdf(*, strategy, quarter: Quarter, figures, request=None) -> bytes:
    """The quarter's briefing PDF in the reader's language; a locked quarter's is the case attached to the
    agenda, so it is drawn (and stored) in the portal's language whoever opens it first."""
    language = settings.LANGUAGE_CODE if quarter in figures.locked else get_language()
    with override(language):
        report, snapshot = report_for(strategy, quarter, figures)
        return briefing_pdf(report=report, quarter=quarter, snapshot=snapshot, request=request)


def briefing_pdf(*, report: dict, quarter: Quarter, snapshot=None, request=None) -> bytes:
    """The frozen PDF when the quarter is locked (drawn and stored on first request), else a fresh one."""
    if snapshot is not None and snapshot.pdf:
        return bytes(snapshot.pdf)
    for area in report["areas"]:
        key = next((row for row in area["rows"] if row["code"] == area["key_code"]), None)
        area["chart"] = None
        area["svg"] = svg_chart(area["history"], unit=key["unit"], decimals=key["decimals"]) if key else ""
        area["svg_caption"] = key["name"] if key else ""
    dated = snapshot.locked_at if snapshot is not None else timezone.now()
    html = render_to_string(
        "reporting/briefing_pdf.html",
        {"report": report, "quarter": quarter, "snapshot": snapshot, "dated": timezone.localtime(dated)},
        request=request,
    )
    import weasyprint  # loaded only to draw a PDF: it parses its own stylesheets when imported

    stylesheet = weasyprint.CSS(filename=finders.find("css/briefing_pdf.css"))
    content = weasyprint.HTML(string=html, base_url=".").write_pdf(stylesheets=[stylesheet])
    if snapshot is not None:
        snapshot.pdf = content
        snapshot.save(update_fields=["pdf"])
    return content


def _floats(points: list[dict], key: str) -> list[float | None]:
    return [None if p[key] is None else float(Decimal(p[key])) for p in points]


def svg_chart(history: list[dict], *, unit: str, decimals: int) -> str:
    """The key figure's recent quarters against its target, as the page's chart draws them, in plain SVG."""
    actual = _floats(history, "compared")
    lows, highs = _floats(history, "target_min"), _floats(history, "target_max")
    known = [v for v in actual + lows + highs if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1
    low, high = low - pad, high + pad
    n = len(history)
    step = (WIDTH - LEFT - RIGHT) / max(n - 1, 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(v: float) -> float:
        return TOP + (high - v) / (high - low) * (HEIGHT - TOP - BOTTOM)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">']  # fmt: skip
    for k in range(4):
        value = low + (high - low) * k / 3
        parts.append(_tag("line", x1=LEFT, x2=WIDTH - RIGHT, y1=y(value), y2=y(value), stroke="#e3e3e3"))
        tick = formats.figure(value, unit, decimals)
        parts.append(_tag("text", tick, x=LEFT - 6, y=y(value) + 4, text_anchor="end"))
    # The target: a band for a range, a dashed line for a single value, segment by segment where set.
    for i in range(n - 1):
        if None in (lows[i], lows[i + 1]):
            continue
        if lows[i] != highs[i] or lows[i + 1] != highs[i + 1]:
            corners = [(i, highs[i]), (i + 1, highs[i + 1]), (i + 1, lows[i + 1]), (i, lows[i])]
            coords = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in corners)
            parts.append(_tag("polygon", points=coords, fill=charts.TARGET_BAND, stroke=charts.TARGET))
        else:
            parts.append(_tag("line", x1=x(i), y1=y(lows[i]), x2=x(i + 1), y2=y(lows[i + 1]),
                              stroke=charts.TARGET, stroke_width=2, stroke_dasharray="6 4"))  # fmt: skip
    segment = []
    for i, value in enumerate(actual + [None]):
        if value is not None:
            segment.append(f"{x(i):.1f},{y(value):.1f}")
            continue
        if len(segment) > 1:
            parts.append(_tag("polyline", points=" ".join(segment), fill="none", stroke=charts.ACTUAL,
                              stroke_width=3))  # fmt: skip
        segment = []
    for i, value in enumerate(actual):
        if value is not None:
            parts.append(_tag("circle", cx=x(i), cy=y(value), r=4, fill=charts.ACTUAL))
    for i, point in enumerate(history):
        label = Quarter.parse(point["quarter"]).label()
        parts.append(_tag("text", label, x=x(i), y=HEIGHT - BOTTOM + 16, text_anchor="middle", font_size=10))
    year_to_date = any(point["year_to_date"] for point in history)
    actual_name, target_at = (_("Faktisk, år til dato"), 150) if year_to_date else (_("Faktisk"), 90)
    parts.append(_tag("text", "— " + actual_name, x=LEFT, y=HEIGHT - 6, font_size=10, fill=charts.ACTUAL))
    parts.append(
        _tag("text", "- - " + _("Mål"), x=LEFT + target_at, y=HEIGHT - 6, font_size=10, fill=charts.TARGET)
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _tag(name: str, text: str | None = None, **attributes) -> str:
    """One SVG element; attribute names with '_' for '-', numbers to one decimal, text escaped."""
    attrs = " ".join(
        f'{key.replace("_", "-")}="{f"{value:.1f}" if isinstance(value, float) else escape(value)}"'
        for key, value in attributes.items()
    )
    return f"<{name} {attrs}/>" if text is None else f"<{name} {attrs}>{escape(text)}</{name}>"
