"""Template filters for the portal's Danish number format."""

import datetime

from django import template
from django.utils.html import format_html
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
