"""django-tables2 tables of figures by quarter: sortable, paginated where long, exported to CSV and Excel."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from indicators.models import ComparisonValue

from . import formats

PER_PAGE = 12


class FigureColumn(tables.Column):
    """A number shown the Danish way, right-aligned, sorted by its value."""

    attrs = {"th": {"class": "num"}, "td": {"class": "num"}}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", self.attrs)
        kwargs.setdefault("default", "–")
        super().__init__(*args, **kwargs)

    def render(self, value, record):
        return formats.figure(value, record["unit"], record["decimals"])


class ChangeColumn(FigureColumn):
    def render(self, value, record):
        return formats.figure(value, record["unit"], record["decimals"], sign=True)


class StatusColumn(tables.Column):
    def render(self, value):
        return format_html(
            '<span class="status {}"><span aria-hidden="true">{}</span> {}</span>',
            value.css_class,
            value.symbol,
            value.label,
        )

    def value(self, value):
        return str(value.label)


class FiguresTable(tables.Table):
    """One indicator's approved figures, quarter by quarter, newest first."""

    quarter = tables.Column(verbose_name=_("Kvartal"), accessor="label", order_by="sort_key")
    actual = FigureColumn(verbose_name=_("Faktisk"))
    target = tables.Column(
        verbose_name=_("Mål"), attrs=FigureColumn.attrs, order_by="target_sort", default="–"
    )
    status = StatusColumn(verbose_name=_("Status"), order_by="status_order")
    change_previous = ChangeColumn(verbose_name=_("Ændring fra forrige kvartal"))
    change_year = ChangeColumn(verbose_name=_("Ændring fra samme kvartal året før"))

    class Meta:
        template_name = "includes/data_table.html"
        attrs = {"class": "data-table"}
        order_by = ("-quarter",)
        empty_text = _("Der er endnu ingen godkendte tal.")


def figures_rows(figures) -> list[dict]:
    """The rows of FiguresTable (and of its CSV and Excel export) for one IndicatorFigures."""
    indicator = figures.indicator
    order = {status: n for n, status in enumerate(["on_track", "close", "off_track", "no_target", "no_data"])}
    rows = []
    for q in figures.quarters:
        assessment = figures.assess(q)
        row = {
            "sort_key": q.year * 4 + q.quarter,
            "code": q.code,
            "label": q.label(),
            "unit": indicator.unit,
            "decimals": indicator.decimals,
            "actual": figures.actuals.get(q),
            "target": formats.target_text(*figures.target_range(q), indicator.unit, indicator.decimals),
            "target_min": figures.target_range(q)[0],
            "target_max": figures.target_range(q)[1],
            "target_sort": figures.target_range(q)[0],
            "status": assessment.status,
            "status_order": order[assessment.status.value],
            "change_previous": figures.change(q, q.previous()),
            "change_year": figures.change(q, q.same_quarter_last_year()),
            "commentary": figures.commentary.get(q, ""),
        }
        for series, values in figures.comparisons.items():
            row[f"comparison_{series}"] = values.get(q)
        rows.append(row)
    return rows


def figures_table(figures, *, request=None, caption: str = "") -> FiguresTable:
    """The table for one indicator, with a column per comparison series it has."""
    extra = [
        (f"comparison_{series}", FigureColumn(verbose_name=ComparisonValue.Series(series).label))
        for series in figures.comparisons
        if series in ComparisonValue.Series.values
    ]
    table = FiguresTable(figures_rows(figures), extra_columns=extra, prefix=f"{figures.indicator.code}-")
    table.caption = caption
    if request is not None:
        tables.RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return table
