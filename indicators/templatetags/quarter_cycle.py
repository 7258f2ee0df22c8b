"""The admin start page's quarter box: the user's tasks of every open quarter and the cycle's pages."""

from django import template
from django.utils.html import format_html_join

from core import permissions
from core.admin import display_value

from ..calendar import reporting_quarter, user_tasks
from ..entry import default_strategy

register = template.Library()


@register.inclusion_tag("admin/indicators/includes/quarter_tasks.html", takes_context=True)
def quarter_tasks(context):
    user = context["request"].user
    strategy = default_strategy(user)
    quarter = reporting_quarter()
    enters = permissions.may_enter(user)
    tasks = user_tasks(user=user, strategy=strategy) if strategy is not None and enters else None
    return {
        "strategy": strategy,
        "quarter": quarter,
        "tasks": tasks,
        "enters": enters,
        "imports": permissions.may_import(user),
        "approves": permissions.may_approve(user),
    }


@register.filter
def shown(value):
    """A stored value as the admin shows it: {{ 8580.0000|shown }} → '8.580'."""
    return display_value(value)


@register.filter
def returned_figures(figures) -> str:
    """'F2.1 Dagpenge under 30 år (Tjek kilden); F2.2 …': each returned figure with the approver's note."""
    return format_html_join(
        "; ",
        "{}{}",
        ((figure.indicator, f" ({figure.review_note})" if figure.review_note else "") for figure in figures),
    )
