"""Template filters for the portal's Danish number format."""

import datetime

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import formats
from measures import benchmark
from reporting import benchmark_words

register = template.Library()


@register.filter
def number(value, decimals=0):
    """{{ value|number:1 }} → '3,9'."""
    return formats.number(value, int(decimals))


@register.simple_tag
def figure(value, unit="", decimals=0, sign=False):
    """{% figure value unit decimals %} → '3,9 %'."""
    return formats.figure(value, unit, int(decimals), sign=bool(sign))


@register.simple_tag
def target_text(low, high, unit="", decimals=0):
    return formats.target_text(low, high, unit, int(decimals))


@register.filter
def source(value, demo=False):
    """A figure's or target's source ({{ target.source|source:target.is_demo }}); invented figures are
    called what they are."""
    return formats.source_label(value, demo=bool(demo))


@register.filter
def series_label(value):
    """A comparison series' or reference's name as the reader sees it ("Hele landet" in English too)."""
    return formats.series_label(value)


@register.filter
def definition_source(indicator):
    """Where an indicator's definition comes from; one the demo loader reconstructed says so."""
    if indicator.definition_is_demo:
        return _("Demodefinition (rekonstrueret, ikke kommunens egen)")
    return indicator.definition_source or "–"


@register.filter
def iso_date(value):
    """A date stored as text in a (frozen) report, back as a date for the date filter."""
    return datetime.date.fromisoformat(value) if value else None


@register.simple_tag
def row_cells(table, record):
    """{% row_cells table row.record %}: a figures table's cells for one row (FiguresTable.cells_html)."""
    return table.cells_html(record)


_escape = formats.escaped


def _badge(status) -> str:
    if not status:
        return ""
    return (
        f'<span class="status {_escape(status.css_class)}">'
        f'<span class="status-symbol" aria-hidden="true">{_escape(status.symbol)}</span> '
        f"{_escape(status.label)}</span>"
    )


@register.simple_tag
def status_badge(status):
    """{% status_badge status %}: what includes/status.html shows, without an include per row."""
    return mark_safe(_badge(status))


SYNTHETIC_MARK = (
    '<span class="synthetic-mark" aria-hidden="true">*</span><span class="visually-hidden"> (%s)</span>'
)


def _report_cells(row) -> str:
    unit, decimals = row.get("unit"), row.get("decimals")
    if row.get("year_to_date"):
        compared = _escape(formats.figure(row.get("compared"), unit, decimals))
        actual = f'{compared}<span class="ytd"> {_escape(_("år til dato"))}</span>'
    else:
        actual = _escape(formats.figure(row.get("actual"), unit, decimals))
    if row.get("corrected_actual") is not None or row.get("corrected_status"):
        corrected = _escape(formats.figure(row.get("corrected_actual"), unit, decimals))
        actual = (
            f'{actual} <span class="correction"><span aria-hidden="true">†</span> '
            f"{_escape(_('Rettet efter låsning til'))} {corrected}</span>"
        )
    target = formats.target_text(row.get("target_min"), row.get("target_max"), unit, decimals)
    numbers = [
        formats.figure(row.get("change_previous"), unit, decimals, sign=True),
        formats.figure(row.get("change_year"), unit, decimals, sign=True),
    ]
    rest = "".join(f'<td class="num">{_escape(cell)}</td>' for cell in numbers)
    # A comparison a loader made up is marked * (reporting/case_benchmark.py says which).
    made_up = row.get("comparison_synthetic") or []
    for index, value in enumerate(row.get("comparison_cells", [])):
        mark = (
            SYNTHETIC_MARK % _escape(_("syntetisk demotal"))
            if index < len(made_up) and made_up[index]
            else ""
        )
        rest += f'<td class="num">{_escape(formats.figure(value, unit, decimals))}{mark}</td>'
    return (
        f'<td class="num">{actual}</td><td class="num">{_escape(target)}</td>'
        f"<td>{_badge(row.get('status_obj'))}</td>{rest}"
    )


@register.simple_tag
def report_cells(row):
    """{% report_cells row %}: a report row's cells after its name (actual, target, status, changes,
    comparisons), built as plain text in Python: the report has a row per indicator. A report frozen before
    a field existed lacks it, so every field is read with get."""
    return mark_safe(_report_cells(row))


@register.simple_tag
def report_rows(rows):
    """{% report_rows area.rows %}: every row of a report table at once (a tag per row costs the template
    more than the row itself)."""
    return mark_safe("".join(report_row(row) for row in rows))


@register.simple_tag
def report_row(row):
    """{% report_row row %}: a report row (a key figure, an indicator or a "heraf" breakdown) with its name,
    unit and source in the header cell and its figures after it."""
    classes = ("row-key" if row.get("is_key_figure") else "") + (
        " row-breakdown" if row.get("is_breakdown") else ""
    )
    tag = f'<span class="tag">{_escape(_("Nøgletal"))}</span> ' if row.get("is_key_figure") else ""
    part = f'<span class="visually-hidden">{_escape(_("heraf"))} </span>' if row.get("is_breakdown") else ""
    source = ""
    if row.get("source"):
        label = _escape(formats.source_label(row.get("source"), demo=row.get("is_demo", False)))
        source = f'<span class="row-source">{_escape(_("Kilde"))}: {label}</span>'
    name = (
        f"{_escape(row.get('code'))} {_escape(row.get('name'))} "
        f'<span class="unit">({_escape(row.get("unit_label"))})</span>'
    )
    header = f'<th scope="row">{tag}{part}{name}{source}</th>'
    return mark_safe(f'<tr class="{_escape(classes)}">{header}{_report_cells(row)}</tr>')


@register.filter
def in_benchmark_words(value, measure):
    """The benchmark's difference as the committee says it ('220 færre end forventet'); empty for any other
    measure, which is shown as a figure."""
    if value is None or not benchmark.is_difference(measure):
        return ""
    return benchmark_words.difference_text(value)
