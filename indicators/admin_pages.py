"""What the quarter's admin pages share: the strategy and quarter chosen in the query string or form."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.periods import Quarter
from focusareas.models import Strategy

from .entry import default_strategy
from .forms import QuarterChoiceForm


def chosen_quarter(request, default_quarter: Callable[[Strategy], Quarter | None] | None = None):
    """The strategy and quarter from the query string or form, defaulting to default_quarter(strategy)
    when one is given and finds a quarter, else to the latest ended quarter.

    A bad choice is reported; on a GET the page falls back to the default, but a POST (a save, a lock)
    answers None, so nothing is ever written to a quarter the user did not choose."""
    source = request.POST if request.method == "POST" else request.GET
    form = QuarterChoiceForm({name: source.get(name, "")[:40] for name in ("strategy", "quarter")})
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        if request.method == "POST":
            return None
    strategy = form.cleaned_data.get("strategy") or default_strategy(request.user)
    if strategy is None:
        raise PermissionDenied(_("Der er ingen strategi at indberette til."))
    quarter = form.cleaned_data.get("quarter") or (default_quarter and default_quarter(strategy))
    return strategy, quarter or Quarter.latest_ended()
