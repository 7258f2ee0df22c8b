"""django-tables2 tables of figures by quarter: sortable, paginated where long, exported to CSV and Excel."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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


class QuarterColumn(tables.Column):
    """The quarter, marked when its figure is preliminary (the quarter is not locked)."""

    def render(self, value, record):
        if record["is_preliminary"]:
            return format_html('{} <span class="preliminary">({})</span>', value, _("foreløbigt"))
        return value

    def value(self, value, record):
        return value


class FiguresTable(tables.Table):
    """One indicator's approved figures, quarter by quarter, newest first."""

    quarter = QuarterColumn(verbose_name=_("Kvartal"), accessor="label", order_by="sort_key")
    actual = FigureColumn(verbose_name=_("Faktisk"))
    target = tables.Column(
        verbose_name=_("Mål"), attrs=FigureColumn.attrs, order_by="target_sort", default="–"
    )
    status = StatusColumn(verbose_name=_("Status"), order_by="status_order")
    change_previous = ChangeColumn(verbose_name=_("Ændring fra forrige kvartal"))
    change_year = ChangeColumn(verbose_name=_("Ændring fra samme kvartal året før"))
    source = tables.Column(verbose_name=_("Kilde"), attrs={"td": {"class": "source"}})

    class Meta:
        template_name = "includes/data_table.html"
        attrs = {"class": "data-table"}
        order_by = ("-quarter",)
        empty_text = _("Der er endnu ingen godkendte tal.")


STATUS_ORDER = {s: n for n, s in enumerate(["on_track", "close", "off_track", "no_target", "no_data"])}


def figures_rows(figures) -> list[dict]:
    """The rows of FiguresTable (and of its CSV and Excel export) for one IndicatorFigures, each read from
    the one read model (QuarterRow), so the table says what the badge and the chart say."""
    rows = []
    for q in figures.quarters:
        row = figures.row(q)
        record = {
            "sort_key": q.year * 4 + q.quarter,
            "code": q.code,
            "label": q.label(),
            "unit": row.unit,
            "decimals": row.decimals,
            "is_share": row.is_share,
            "is_preliminary": row.is_preliminary,
            "actual": row.actual,
            "compared": row.compared,
            "year_to_date": row.year_to_date,
            "target": formats.target_text(row.target_min, row.target_max, row.unit, row.decimals),
            "target_min": row.target_min,
            "target_max": row.target_max,
            "target_sort": row.target_min,
            "status": row.status,
            "status_order": STATUS_ORDER[row.status.value],
            "change_previous": row.change_previous,
            "change_year": row.change_year,
            "commentary": row.commentary,
            "source": formats.source_label(row.source),
        }
        for number, value in enumerate(row.comparisons.values()):
            record[f"comparison_{number}"] = value
        rows.append(record)
    return rows


def figures_table(figures, *, request=None, caption: str = "") -> FiguresTable:
    """The table for one indicator, with a column per comparison series it has."""
    extra = [
        (f"comparison_{number}", FigureColumn(verbose_name=formats.series_label(series)))
        for number, series in enumerate(figures.comparisons)
    ]
    table = FiguresTable(figures_rows(figures), extra_columns=extra, prefix=f"{figures.indicator.code}-")
    table.caption = caption
    if request is not None:
        tables.RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return table
