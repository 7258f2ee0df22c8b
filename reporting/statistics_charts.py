"""The charts of the official statistics pages, as plain plotly.js dicts like reporting/charts.py: the
benchmark rank over time (1 at the top) and one measure across the 98 municipalities (horizontal bars)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core import formats
from measures.benchmark import Benchmark, history
from measures.comparison import Comparison

from .charts import ACTUAL, FONT, TARGET, Chart

# One colour, line style and marker per ydelsesgruppe, so the lines are told apart without colour too.
GROUP_STYLES = [
    (ACTUAL, "solid", "circle"),
    ("#2e7d32", "dash", "square"),
    (TARGET, "dot", "diamond"),
    ("#6a3d9a", "dashdot", "triangle-up"),
]
OWN, PEER, OTHER = ACTUAL, TARGET, "#8a8a8a"
OWN_MARK, PEER_MARK = "★", "◆"
REFERENCE_STYLES = [("#1a1a1a", "dash"), ("#4d4d4d", "dot")]


def _base_layout(height: int) -> dict:
    axis_font = {"size": 14, "color": "#1a1a1a"}
    return {
        "separators": formats.plotly_separators(),
        "font": {"family": FONT, "size": 15, "color": "#1a1a1a"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "height": height,
        "margin": {"l": 70, "r": 20, "t": 40, "b": 70},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "font": {"size": 14}},
        "xaxis": {"tickfont": axis_font, "linecolor": "#767676", "fixedrange": True},
        "yaxis": {"tickfont": axis_font, "gridcolor": "#e3e3e3", "fixedrange": True},
    }


def benchmark_chart(benchmark: Benchmark, *, chart_id: str = "chart-benchmark") -> Chart:
    """Each ydelsesgruppe's rank among the municipalities, moving year by moving year; rank 1 at the top."""
    title = _("Placering på benchmarkranglisten over tid (1 er bedst)")
    labels = [p.quarter.label() for p in benchmark.periods]
    full = [p.label() for p in benchmark.periods]
    traces = []
    for group, (colour, dash, symbol) in zip(benchmark.groups, GROUP_STYLES, strict=False):
        traces.append(
            {
                "type": "scatter",
                "x": labels,
                "y": [group.ranks.get(p) for p in benchmark.periods],
                "name": group.label,
                "mode": "lines+markers",
                "line": {"color": colour, "width": 3, "dash": dash},
                "marker": {"size": 9, "symbol": symbol},
                "customdata": full,
                "hovertemplate": _("%(group)s: %%{y}. plads (%%{customdata})") % {"group": group.label}
                + "<extra></extra>",
            }
        )
    layout = _base_layout(420)
    last = max(benchmark.municipalities, 1)
    layout["hovermode"] = "closest"
    layout["xaxis"].update(
        type="category",
        categoryorder="array",
        categoryarray=labels,
        showgrid=False,
    )
    layout["margin"] = {"l": 70, "r": 56, "t": 40, "b": 80}  # room for the last slanted quarter
    layout["yaxis"].update(
        range=[last + 1, 0],  # reversed: the best rank at the top
        tickvals=[1] + list(range(10, last, 10)) + [last],
        title={"text": _("Placering")},
        zeroline=False,
    )
    chart = Chart(id=chart_id, title=title, spec={"data": traces, "layout": layout})
    chart.columns = [group.label for group in benchmark.groups]
    chart.rows = [
        (period.label(), [formats.DASH if r is None else f"{r}." for r in ranks])
        for period, ranks in history(benchmark)
    ]
    return chart


def tick(row) -> str:
    """A municipality's name on the axis: the own one and its peers bold and marked, not by colour alone."""
    if row.is_own:
        return f"<b>{OWN_MARK} {row.name}</b>"
    if row.is_peer:
        return f"<b>{PEER_MARK} {row.name}</b>"
    return row.name


def comparison_chart(comparison: Comparison, *, title: str, chart_id: str = "chart-comparison") -> Chart:
    """One bar per municipality with a value, best at the top, with Hele landet and the region as lines."""
    measure = comparison.measure
    rows = [row for row in comparison.rows if row.value is not None]
    names = [row.name for row in rows]
    suffix = " %" if measure.unit == "pct" else ""
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "y": names,
            "x": [float(row.value) for row in rows],
            "name": measure.name,
            "showlegend": False,
            "marker": {
                "color": [OWN if row.is_own else PEER if row.is_peer else OTHER for row in rows],
                "line": {"color": [OWN if row.is_own else PEER if row.is_peer else OTHER for row in rows]},
            },
            "customdata": [row.rank for row in rows],
            "hovertemplate": f"%{{y}}: %{{x:,.{measure.decimals}f}}{suffix} (%{{customdata}}.)<extra></extra>",  # noqa: E501
        }
    ]  # fmt: skip
    # Hele landet and the region as vertical lines across all bars, named in the legend with their value.
    for reference, (colour, dash) in zip(comparison.references, REFERENCE_STYLES, strict=False):
        if reference.line is None or not names:
            continue
        text = formats.series_label(reference.name)
        if reference.per_municipality is not None:
            text = _("%(name)s, gns. pr. kommune") % {"name": text}
        x = float(reference.line)
        traces.append(
            {"type": "scatter", "mode": "lines", "x": [x, x], "y": [names[0], names[-1]],
             "name": f"{text}: {formats.figure(reference.line, measure.unit, measure.decimals)}",
             "line": {"color": colour, "width": 2.5, "dash": dash}, "hoverinfo": "skip"}
        )  # fmt: skip
    height = max(300, 17 * len(rows) + 120)
    layout = _base_layout(height)
    # Above the axis, whose ticks are on top beside the best: y in the plot's own height.
    legend_y = 1 + 32 / (height - 110)
    layout.update(
        hovermode="closest",
        bargap=0.25,
        margin={"l": 150, "r": 24, "t": 80, "b": 30},
        legend={"orientation": "h", "y": legend_y, "yanchor": "bottom", "x": 0, "font": {"size": 14}},
    )
    layout["yaxis"].update(
        type="category",
        range=[len(rows) - 0.5, -0.5],  # reversed: the best at the top
        tickmode="array",
        tickvals=names,
        ticktext=[tick(row) for row in rows],
        tickfont={"size": 12, "color": "#1a1a1a"},
        showgrid=False,
        automargin=True,
    )
    layout["xaxis"].update(
        tickformat=f",.{measure.decimals}f",
        ticksuffix=suffix,
        gridcolor="#e3e3e3",
        side="top",
    )
    return Chart(id=chart_id, title=title, spec={"data": traces, "layout": layout})
