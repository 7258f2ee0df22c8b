"""Template filters for the portal's Danish number format."""

import datetime

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from reporting import formats

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
def source(value):
    """A figure's or target's source; invented figures are called what they are."""
    return formats.source_label(value)


@register.filter
def series_label(value):
    """A comparison series' or reference's name as the reader sees it ("Hele landet" in English too)."""
    return formats.series_label(value)


@register.filter
def definition_source(value):
    if value == formats.DEMO:
        return _("Demodefinition (rekonstrueret, ikke kommunens egen)")
    return value or "–"


@register.filter
def iso_date(value):
    """A date stored as text in a (frozen) report, back as a date for the date filter."""
    return datetime.date.fromisoformat(value) if value else None


@register.simple_tag
def row_cells(table, record):
    """{% row_cells table row.record %}: a figures table's cells for one row (the lean table template)."""
    from reporting.tables import row_cells as cells

    return cells(table, record)


@register.simple_tag
def status_badge(status):
    """{% status_badge status %}: what includes/status.html shows, without an include per row."""
    if not status:
        return ""
    return format_html(
        '<span class="status {}"><span class="status-symbol" aria-hidden="true">{}</span> {}</span>',
        status.css_class,
        status.symbol,
        status.label,
    )


@register.simple_tag
def report_cells(row):
    """{% report_cells row %}: a report row's cells after its name (actual, target, status, changes,
    comparisons), built in Python: the report has a row per indicator. A report frozen before a field
    existed lacks it, so every field is read with get."""
    unit, decimals = row.get("unit"), row.get("decimals")
    if row.get("year_to_date"):
        compared = formats.figure(row.get("compared"), unit, decimals)
        actual = format_html('{}<span class="ytd"> {}</span>', compared, _("år til dato"))
    else:
        actual = formats.figure(row.get("actual"), unit, decimals)
    if row.get("corrected_actual") is not None or row.get("corrected_status"):
        actual = format_html(
            '{} <span class="correction"><span aria-hidden="true">†</span> {} {}</span>',
            actual,
            _("Rettet efter låsning til"),
            formats.figure(row.get("corrected_actual"), unit, decimals),
        )
    cells = [
        actual,
        formats.target_text(row.get("target_min"), row.get("target_max"), unit, decimals),
        status_badge(row.get("status_obj")),
        formats.figure(row.get("change_previous"), unit, decimals, sign=True),
        formats.figure(row.get("change_year"), unit, decimals, sign=True),
        *(formats.figure(value, unit, decimals) for value in row.get("comparison_cells", [])),
    ]
    numbers = format_html_join("", '<td class="num">{}</td>', ((cell,) for cell in cells[:2]))
    rest = format_html_join("", '<td class="num">{}</td>', ((cell,) for cell in cells[3:]))
    return format_html("{}<td>{}</td>{}", numbers, cells[2], rest)


@register.simple_tag
def report_row(row):
    """{% report_row row %}: a report row (a key figure, an indicator or a "heraf" breakdown) with its name,
    unit and source in the header cell and its figures after it."""
    classes = ("row-key" if row.get("is_key_figure") else "") + (
        " row-breakdown" if row.get("is_breakdown") else ""
    )
    tag = format_html('<span class="tag">{}</span> ', _("Nøgletal")) if row.get("is_key_figure") else ""
    part = (
        format_html('<span class="visually-hidden">{} </span>', _("heraf")) if row.get("is_breakdown") else ""
    )
    source = ""
    if row.get("source"):
        label = formats.source_label(row.get("source"))
        source = format_html('<span class="row-source">{}: {}</span>', _("Kilde"), label)
    name = format_html(
        '{} {} <span class="unit">({})</span>', row.get("code"), row.get("name"), row.get("unit_label")
    )
    return format_html(
        '<tr class="{}"><th scope="row">{}{}{}{}</th>{}</tr>',
        classes,
        tag,
        part,
        name,
        source,
        report_cells(row),
    )
