"""Chart specifications as plain dicts in plotly.js's format, and the same numbers as a table for each chart.

No plotly figure objects: a chart's spec is a dict of its traces and the little of its layout that is its own
(its quarters and its unit); the layout every chart of a page shares (page_layout) goes to the page once, and
static/js/charts.js merges it into each chart. Building a chart costs no validation and no repeated layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import formats
from core.periods import Quarter
from indicators.models import Unit
from indicators.projection import Projection

# Colours chosen for contrast on white and on a projector, and told apart by line style as well.
ACTUAL = "#1d4f91"
TARGET = "#a64b00"
TARGET_BAND = "rgba(166, 75, 0, 0.16)"
COMPARISON = {
    "Hele landet": ("#4d4d4d", "dot"),
    "Forventet (benchmark)": ("#6a3d9a", "dashdot"),
    "Forventet (skøn)": ("#6a3d9a", "dashdot"),
    "Sammenligningsgruppe": ("#b8336a", "dash"),
}
OTHER_COMPARISON = ("#2e7d32", "longdash")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass
class Chart:
    """What the chart include renders: the plotly spec (to json_script) and its table of numbers."""

    id: str
    title: str
    spec: dict
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    small: bool = False
    note: str = ""  # under the chart and its table, e.g. what a marked cell means
    row_header: str = ""  # what the table's rows are, when not quarters

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"

    def body_html(self) -> str:
        """The table's rows as HTML, every text escaped: the chart include renders them without a template
        loop over each cell (a focus area's charts hold hundreds)."""
        escaped = formats.escaped
        return mark_safe(
            "".join(
                f'<tr><th scope="row">{escaped(label)}</th>'
                + "".join(f'<td class="num">{escaped(cell)}</td>' for cell in row)
                + "</tr>"
                for label, row in self.rows
            )
        )


def _series_name(series: str) -> str:
    return formats.series_label(series)


def _hover(unit: str, decimals: int) -> str:
    suffix = " %" if unit == Unit.PERCENT else ""
    return f"%{{y:,.{decimals}f}}{suffix}"


def indicator_chart(
    figures,
    quarters: list[Quarter],
    *,
    chart_id: str,
    title: str,
    small: bool = False,
    projection: Projection | None = None,
    rows: dict | None = None,
) -> Chart:
    """Quarterly actuals against the target (a line for a value, a band for a range), comparison series
    and an optional dashed year-end projection. Each point is the figure its status compares (a flow
    against an annual target year to date) and the target it is judged against."""
    indicator = figures.indicator
    unit, decimals = indicator.measure.unit, indicator.measure.decimals
    future = [q for q, _v in (projection.path[1:] if projection else [])]
    axis = quarters + [q for q in future if q not in quarters]
    labels = [q.label() for q in axis]
    hover = _hover(unit, decimals)
    texts = formats.Labels()

    # The figure compared and the target as judged, from the one read model: chart, table and badge agree.
    known = rows or {}  # the rows the page has read already (its table reads the same)
    rows = [known[q] if q in known else figures.row(q) for q in axis]
    actual = [row.compared for row in rows]
    lows = [row.target_min for row in rows]
    highs = [row.target_max for row in rows]
    year_to_date = any(row.year_to_date for row in rows)

    traces = _target_traces(labels, lows, highs, hover)

    comparison_columns = []
    if not small:
        for series, values in figures.comparisons.items():
            colour, dash = COMPARISON.get(series, OTHER_COMPARISON)
            name = _series_name(series)
            comparison_columns.append((name, values))
            traces.append(
                _scatter(
                    x=labels,
                    y=_floats(values.get(q) for q in axis),
                    name=name,
                    mode="lines+markers",
                    line={"color": colour, "width": 2, "dash": dash},
                    marker={"size": 5},
                    hovertemplate=hover,
                )
            )

    actual_name = _("Faktisk, år til dato") if year_to_date else _("Faktisk")
    traces.append(
        _scatter(
            x=labels,
            y=_floats(actual),
            name=actual_name,
            mode="lines+markers",
            line={"color": ACTUAL, "width": 2.5 if small else 3.5},
            marker={"size": 5 if small else 8},
            customdata=[
                texts.source(row.source, row.is_demo) if row.actual is not None else "" for row in rows
            ],
            hovertemplate=hover + " (" + _("kilde") + ": %{customdata})",
        )
    )
    if projection and len(projection.path) > 1:
        traces.append(
            _scatter(
                x=[q.label() for q, _v in projection.path],
                y=_floats(v for _q, v in projection.path),
                name=_("Fremskrivning"),
                mode="lines+markers",
                line={"color": ACTUAL, "width": 2.5, "dash": "dash"},
                marker={"size": 8, "symbol": "circle-open"},
                hovertemplate=hover,
            )
        )

    spec = {"data": traces, "layout": _own_layout(labels, unit, decimals, small)}
    chart = Chart(id=chart_id, title=title, spec=spec, small=small)

    # The same numbers as a table, for screen readers, keyboards and paper.
    chart.columns = [actual_name, _("Mål")] + [name for name, _v in comparison_columns]
    projected = dict(projection.path[1:]) if projection else {}
    if projected:
        chart.columns.append(_("Fremskrivning"))
    for index, q in enumerate(axis):
        row = [
            formats.figure(actual[index], unit, decimals),
            texts.target(lows[index], highs[index], unit, decimals),
        ]
        row += [formats.figure(values.get(q), unit, decimals) for _n, values in comparison_columns]
        if projected:
            row.append(formats.figure(projected.get(q), unit, decimals))
        chart.rows.append((labels[index], row))
    return chart


# The kinds of chart a page draws, each with one layout all its charts share.
SMALL, FULL, REPORT = "small", "full", "report"


def page_layout(kind: str) -> dict:
    """The layout every chart of a page shares: fonts, colours, size, margins, legend and the axes' looks."""
    small = kind == SMALL
    axis_font = {"size": 12 if small else 15, "color": "#1a1a1a"}
    layout = {
        "separators": formats.plotly_separators(),
        "font": {"family": FONT, "size": 13 if small else 15, "color": "#1a1a1a"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "height": 210 if small else 400,
        "margin": {"l": 56, "r": 12, "t": 12, "b": 60} if small else {"l": 70, "r": 20, "t": 40, "b": 70},
        "hovermode": "x unified",
        "showlegend": not small,
        # Above the plot, so it never collides with the slanted quarter labels.
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "font": {"size": 14}},
        "xaxis": {
            "type": "category",
            "categoryorder": "array",
            "tickfont": axis_font,
            "showgrid": False,
            "linecolor": "#767676",
            "nticks": 4 if small else 10,
            "fixedrange": True,
        },
        "yaxis": {
            "tickfont": axis_font,
            "gridcolor": "#e3e3e3",
            "zerolinecolor": "#9e9e9e",
            "nticks": 4 if small else 8,
            "fixedrange": True,
        },
    }
    if kind == REPORT:
        layout.update(height=280, margin={"l": 64, "r": 16, "t": 36, "b": 70})
    return layout


def page_spec(kind: str) -> dict:
    """What a page sends once for its charts (as json_script "chart-layout"): no traces, the shared layout."""
    return {"data": [], "layout": page_layout(kind)}


def _own_layout(labels: list[str], unit: str, decimals: int, small: bool) -> dict:
    """The layout that is the chart's own: its quarters in order and its unit on the y axis."""
    return {
        "xaxis": {"categoryarray": labels},
        "yaxis": {
            "tickformat": f",.{decimals}f",
            "ticksuffix": " %" if unit == Unit.PERCENT else "",
            "title": {"text": "" if small or unit == Unit.PERCENT else str(dict(Unit.choices)[unit])},
        },
    }


def report_chart(history: list[dict], *, chart_id: str, title: str, unit: str, decimals: int) -> Chart:
    """The key figure's recent quarters for the printed report, from the report's own (maybe frozen) data:
    each quarter's figure as its row compared it, against the target it was judged by."""
    labels = [Quarter.parse(point["quarter"]).label() for point in history]
    values = [point["compared"] for point in history]
    lows = [point["target_min"] for point in history]
    highs = [point["target_max"] for point in history]
    hover = _hover(unit, decimals)
    year_to_date = any(point["year_to_date"] for point in history)
    actual_name = _("Faktisk, år til dato") if year_to_date else _("Faktisk")
    traces = _target_traces(labels, lows, highs, hover)
    traces.append(
        _scatter(
            x=labels,
            y=_floats(values),
            mode="lines+markers",
            name=actual_name,
            line={"color": ACTUAL, "width": 3},
            marker={"size": 7},
            hovertemplate=hover,
        )
    )
    chart = Chart(
        id=chart_id, title=title, spec={"data": traces, "layout": _own_layout(labels, unit, decimals, False)}
    )
    chart.columns = [actual_name, _("Mål")]
    for label, value, low, high in zip(labels, values, lows, highs, strict=True):
        row = [formats.figure(value, unit, decimals), formats.target_text(low, high, unit, decimals)]
        chart.rows.append((label, row))
    return chart


def _floats(values) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


def _scatter(**trace) -> dict:
    return {"type": "scatter", **trace}


def _target_traces(labels: list[str], lows: list, highs: list, hover: str) -> list[dict]:
    """A dashed step line for a single-value target; a shaded band for a range. Year by year (steps)."""
    is_range = any(lo is not None and lo != hi for lo, hi in zip(lows, highs, strict=True))
    step = {"mode": "lines", "hovertemplate": hover, "x": labels}
    if is_range:
        name = _("Mål (interval)")
        band = {"color": TARGET, "width": 1, "shape": "hvh"}
        return [
            _scatter(y=_floats(lows), name=name, line=band, showlegend=False, **step),
            _scatter(y=_floats(highs), name=name, line=band, fill="tonexty", fillcolor=TARGET_BAND, **step),
        ]
    if any(v is not None for v in lows):
        line = {"color": TARGET, "width": 2.5, "dash": "dash", "shape": "hvh"}
        return [_scatter(y=_floats(lows), name=_("Mål"), line=line, **step)]
    return []
