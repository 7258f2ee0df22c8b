"""Moving a quarter's reporting deadline from the completeness board (administrators only)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import permissions

from .admin_pages import chosen_quarter
from .calendar import deadline_move

# The browser's date picker sends 2024-11-05; typed by hand, Danish dates are read too.
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"]


class DeadlineForm(forms.Form):
    due = forms.DateField(
        label=gettext_lazy("Ny frist"),
        input_formats=DATE_FORMATS,
        error_messages={
            "required": gettext_lazy("Vælg en dato for den nye frist."),
            "invalid": gettext_lazy("Skriv en gyldig dato, fx 5.11.2024."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Begrundelse"),
        max_length=100,
        error_messages={"required": gettext_lazy("Skriv en begrundelse for den nye frist.")},
        help_text=gettext_lazy("Fx at udvalgsmødet er flyttet. Gemmes i historikken."),
    )


def board_url(strategy_pk: int, quarter_code: str) -> str:
    query = urlencode({"strategy": strategy_pk, "quarter": quarter_code})
    return f"{reverse('admin:indicators_completeness')}?{query}"


def deadline_view(request, model_admin):
    """POST only: set the chosen quarter's deadline and go back to the board."""

    if not permissions.may_lock(request.user):
        raise PermissionDenied(_("Kun en administrator kan flytte fristen."))
    if (chosen := chosen_quarter(request)) is None:
        return HttpResponseRedirect(reverse("admin:indicators_completeness"))
    strategy, quarter = chosen
    form = DeadlineForm(request.POST)
    back = HttpResponseRedirect(board_url(strategy.pk, quarter.code))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, _("Fristen er ikke ændret.") + " " + " ".join(errors))
        return back
    due = form.cleaned_data["due"]
    try:
        deadline_move(
            user=request.user, strategy=strategy, quarter=quarter, due=due, reason=form.cleaned_data["reason"]
        )
    except ValidationError as refused:
        messages.error(request, _("Fristen er ikke ændret.") + " " + " ".join(refused.messages))
        return back
    messages.success(
        request,
        _("Fristen for %(quarter)s er flyttet til %(due)s.")
        % {"quarter": quarter.label(), "due": date_format(due, "j. F Y")},
    )
    return back
