"""The indicator page's charts of its measure's official values beyond the quarters, as plain plotly.js dicts
like reporting/charts.py, each with its table of numbers: the months against the same month a year before
(the municipality's and Hele landet's change), and each breakdown's members in the latest period (bars with
their shares) and over time (a line per member). A value the source did not publish is no bar and no point;
its cell reads NOT_PUBLISHED and the chart's note says why."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from core import formats
from measures.models import Unit
from measures.periods import Kind, Period

from .breakdowns import MemberValues, Shares
from .charts import ACTUAL, COMPARISON, Chart
from .months import MonthRow, month_label
from .statistics_charts import GROUP_STYLES

NOT_PUBLISHED = formats.DASH + "*"
# More members than styles: the styles repeat with other colours.
MEMBER_COLOURS = [ACTUAL, "#2e7d32", "#a64b00", "#6a3d9a", "#b8336a", "#4d4d4d", "#00708a", "#7a5c00"]


def not_published_note() -> str:
    return _("%(mark)s ikke offentliggjort (diskretioneret af Jobindsats)") % {"mark": NOT_PUBLISHED}


def period_label(period: Period) -> str:
    return month_label(period) if period.kind == Kind.MONTH else period.label()


def _cell(value: Decimal | None, published: bool, unit: str, decimals: int) -> str:
    return NOT_PUBLISHED if not published else formats.figure(value, unit, decimals)


def _floats(values) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


def _change_suffix(unit: str) -> str:
    return "" if unit == Unit.PERCENT else " %"


def month_chart(
    rows: list[MonthRow], *, area_name: str, national_name: str, unit: str, decimals: int, unit_name: str
) -> Chart:
    """The change from the same month a year before, month by month: the municipality's and Hele landet's
    (in per cent, in procentpoint for a share), so that the two are read on one scale."""
    labels = [month_label(row.month) for row in rows]
    points = unit == Unit.PERCENT
    change_decimals = max(decimals, 1) if points else 1
    hover = f"%{{y:,.{change_decimals}f}}{_change_suffix(unit)}"
    colour, dash = COMPARISON["Hele landet"]
    national = formats.series_label(national_name) if national_name else ""
    traces = [
        {"type": "scatter", "mode": "lines+markers", "x": labels, "y": _floats(row.change for row in rows),
         "name": area_name, "line": {"color": ACTUAL, "width": 3.5}, "marker": {"size": 8},
         "hovertemplate": hover},
    ]  # fmt: skip
    if national:
        traces.append(
            {"type": "scatter", "mode": "lines+markers", "x": labels,
             "y": _floats(row.national_change for row in rows), "name": national,
             "line": {"color": colour, "width": 2.5, "dash": dash}, "marker": {"size": 6},
             "hovertemplate": hover}
        )  # fmt: skip
    axis_title = _("Ændring i procentpoint") if points else _("Ændring i pct.")
    layout = {
        "xaxis": {"categoryarray": labels},
        "yaxis": {
            "tickformat": f",.{0 if not points else change_decimals}f",
            "ticksuffix": _change_suffix(unit),
            "title": {"text": axis_title},
            "zeroline": True,
            "zerolinewidth": 2,
        },
    }
    title = _("%(area)s: ændring fra samme måned året før") % {"area": area_name}
    chart = Chart(id="chart-months", title=title, spec={"data": traces, "layout": layout})
    change_name = _("ændring i procentpoint") if points else _("ændring i pct.")
    chart.columns = [unit_name, _("Samme måned året før"), change_name.capitalize()]
    if national:
        chart.columns.append(f"{national}: {change_name}")
    for label, row in zip(labels, rows, strict=True):
        cells = [
            _cell(row.value, row.is_published, unit, decimals),
            _cell(row.year_before, row.year_before_published, unit, decimals),
            _change(row.change, unit, change_decimals),
        ]
        if national:
            cells.append(_change(row.national_change, unit, change_decimals))
        chart.rows.append((label, cells))
    if any(not (row.is_published and row.year_before_published) for row in rows):
        chart.note = not_published_note()
    return chart


def _change(value: Decimal | None, unit: str, decimals: int) -> str:
    if value is None:
        return formats.DASH
    if unit == Unit.PERCENT:
        return formats.change(value, Unit.PERCENT, decimals)
    return formats.number(value, decimals, sign=True) + " %"


def _bar_text(member, unit: str, decimals: int, share_word: str) -> str:
    """'590 (83 %)' on a member's bar; nothing where there is no bar."""
    if member.value is None:
        return ""
    share = formats.figure(member.share, Unit.PERCENT, 0)
    return f"{formats.figure(member.value, unit, decimals)} ({share}{share_word})"


def shares_chart(
    shares: Shares, *, chart_id: str, title: str, unit: str, decimals: int, unit_name: str
) -> Chart:
    """One bar per member in its order (the first at the top), its value and share written on it; a member
    not published has no bar but says so."""
    labels = [member.label for member in shares.members]
    share_word = " " + _("af de offentliggjorte") if shares.of_published else ""
    texts = [_bar_text(member, unit, decimals, share_word) for member in shares.members]
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "y": labels,
            "x": _floats(member.value for member in shares.members),
            "name": unit_name,
            "showlegend": False,
            "marker": {"color": ACTUAL},
            "text": texts,
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{y}: %{text}<extra></extra>",
        }
    ]
    annotations = [
        {"x": 0, "y": member.label, "xanchor": "left", "showarrow": False, "text": NOT_PUBLISHED + " "
         + _("ikke offentliggjort"), "font": {"size": 14, "color": "#4d4d4d"}}
        for member in shares.members if not member.is_published
    ]  # fmt: skip
    top = max((float(m.value) for m in shares.members if m.value is not None), default=1.0)
    layout = {
        "height": max(170, 46 * len(labels) + 90),
        "hovermode": "closest",
        "showlegend": False,
        "margin": {"l": 20, "r": 20, "t": 20, "b": 50},
        "bargap": 0.3,
        "annotations": annotations,
        "xaxis": {"type": "linear", "range": [0, top * 1.45], "tickformat": f",.{decimals}f",
                  "ticksuffix": " %" if unit == Unit.PERCENT else "", "showgrid": True,
                  "gridcolor": "#e3e3e3", "title": {"text": unit_name}},
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": labels,
                  "autorange": "reversed", "automargin": True, "gridcolor": "rgba(0,0,0,0)"},
    }  # fmt: skip
    chart = Chart(id=chart_id, title=title, spec={"data": traces, "layout": layout})
    share_name = _("Andel af de offentliggjorte") if shares.of_published else _("Andel")
    chart.columns = [unit_name, share_name]
    for member in shares.members:
        chart.rows.append(
            (
                member.label,
                [
                    _cell(member.value, member.is_published, unit, decimals),
                    formats.figure(member.share, Unit.PERCENT, 1),
                ],
            )
        )
    whole = formats.figure(100, Unit.PERCENT, 1)
    if shares.of_published:
        published = sum((m.value for m in shares.members if m.value is not None), Decimal(0))
        chart.rows.append((_("Offentliggjorte i alt"), [formats.figure(published, unit, decimals), whole]))
        if shares.whole is not None:
            chart.rows.append((_("I alt"), [formats.figure(shares.whole, unit, decimals), formats.DASH]))
    elif shares.of is not None:
        chart.rows.append((_("I alt"), [formats.figure(shares.of, unit, decimals), whole]))
    if shares.has_not_published:
        chart.note = not_published_note()
    return chart


def trend_chart(
    members: list[MemberValues],
    periods: list[Period],
    *,
    chart_id: str,
    title: str,
    unit: str,
    decimals: int,
) -> Chart:
    """A line per member over the periods, told apart by colour, line style and marker."""
    labels = [period_label(period) for period in periods]
    hover = f"%{{y:,.{decimals}f}}{' %' if unit == Unit.PERCENT else ''}"
    traces = []
    for index, member in enumerate(members):
        _colour, dash, symbol = GROUP_STYLES[index % len(GROUP_STYLES)]
        traces.append(
            {"type": "scatter", "mode": "lines+markers", "x": labels,
             "y": _floats(member.values.get(period) for period in periods), "name": member.label,
             "line": {"color": MEMBER_COLOURS[index % len(MEMBER_COLOURS)], "width": 2.5, "dash": dash},
             "marker": {"size": 7, "symbol": symbol}, "hovertemplate": hover}
        )  # fmt: skip
    layout = {
        "xaxis": {"categoryarray": labels},
        "yaxis": {
            "tickformat": f",.{decimals}f",
            "ticksuffix": " %" if unit == Unit.PERCENT else "",
            "rangemode": "tozero",
        },
    }
    chart = Chart(id=chart_id, title=title, spec={"data": traces, "layout": layout})
    chart.columns = [member.label for member in members]
    missing = False
    for label, period in zip(labels, periods, strict=True):
        cells = []
        for member in members:
            published = not (period in member.values and member.values[period] is None)
            missing |= not published
            cells.append(_cell(member.values.get(period), published, unit, decimals))
        chart.rows.append((label, cells))
    if missing:
        chart.note = not_published_note()
    return chart
