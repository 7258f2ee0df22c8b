"""The approval page: a quarter's submitted figures with their context, approved or returned."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core import permissions
from core.params import parse_id
from core.periods import Quarter
from focusareas.models import FocusArea, Strategy

from . import review
from .admin_deadline import DeadlineForm
from .admin_pages import chosen_quarter
from .calendar import completeness
from .entry import GRID_ORDER, EntryRow, quarter_rows
from .models import Indicator, Measurement
from .services import FiguresRefused, measurement_approve, measurement_return


def approval_rows(
    *, strategy: Strategy, quarter: Quarter, focus_area: FocusArea | None = None
) -> list[EntryRow]:
    """The quarter's submitted figures with target, earlier quarters and warnings: five queries."""
    indicators = Indicator.objects.of_strategy(strategy).filter(
        measurements__year=quarter.year,
        measurements__quarter=quarter.quarter,
        measurements__state=Measurement.State.SUBMITTED,
    )
    if focus_area is not None:
        indicators = indicators.filter(focus_area=focus_area)
    return quarter_rows(indicators.select_related("focus_area").order_by(*GRID_ORDER), quarter)


def waiting_quarters(strategy: Strategy) -> list[tuple[Quarter, int]]:
    """Every quarter of the strategy with submitted figures, newest first, with their count: one query."""
    rows = (
        Measurement.objects.filter(
            indicator__focus_area__strategy=strategy, state=Measurement.State.SUBMITTED
        )
        .values_list("year", "quarter")
        .annotate(count=Count("pk"))
        .order_by("-year", "-quarter")
    )
    return [(Quarter(year, quarter), count) for year, quarter, count in rows]


def approval_url(strategy: Strategy, quarter: Quarter, area: str = "") -> str:
    query = {"strategy": strategy.pk, "quarter": quarter.code} | ({"area": area} if area else {})
    return f"{reverse('admin:indicators_approval')}?{urlencode(query)}"


def approval_view(request, model_admin):

    if not permissions.may_approve(request.user):
        raise PermissionDenied
    waiting: list[tuple[Quarter, int]] = []

    def newest_waiting(strategy: Strategy) -> Quarter | None:
        waiting.extend(waiting_quarters(strategy))
        return waiting[0][0] if waiting else None

    # The page opens on the newest quarter with figures waiting, not on the calendar's (perhaps empty) one.
    if (
        chosen := chosen_quarter(request, default_quarter=newest_waiting)
    ) is None:  # a quarter that does not exist
        return HttpResponseRedirect(reverse("admin:indicators_approval"))
    strategy, quarter = chosen
    source = request.POST if request.method == "POST" else request.GET
    area_id = parse_id(source.get("area"))
    area = strategy.focus_areas.filter(pk=area_id).first() if area_id is not None else None
    if not waiting and request.method == "GET":  # a quarter was chosen: the list is read all the same
        waiting = waiting_quarters(strategy)
    rows = approval_rows(strategy=strategy, quarter=quarter, focus_area=area)
    for row in rows:
        row.may_approve = review.may_approve_figure(request.user, row.current)
    if request.method == "POST":
        _decide(request, rows)
        return HttpResponseRedirect(approval_url(strategy, quarter, str(area.pk) if area else ""))
    context = model_admin.admin_site.each_context(request) | {
        "title": _("Godkendelse af kvartalets tal"),
        "opts": Measurement._meta,
        "strategy": strategy,
        "quarter": quarter,
        "area": area,
        "areas": strategy.focus_areas.order_by("number"),
        "rows": rows,
        "own": sum(1 for row in rows if not row.may_approve),
        "quarters": sorted(
            {Quarter.latest_ended() + (-n) for n in range(12)} | {quarter} | {q for q, _n in waiting},
            reverse=True,
        ),
        "waiting": [(q, count, approval_url(strategy, q)) for q, count in waiting],
    }
    return TemplateResponse(request, "admin/indicators/approval.html", context)


def _decide(request, rows: list[EntryRow]) -> None:
    """Approve the chosen (or all approvable) figures, or return the chosen ones with the note."""
    shown = {str(row.current.pk): row.current for row in rows}
    chosen = [shown[pk] for pk in request.POST.getlist("figure") if pk in shown]
    # Ticked one by one: a warned figure among them has been seen and is confirmed.
    confirmed = {figure.pk for figure in chosen}
    if "_approve_all" in request.POST:
        chosen = [row.current for row in rows if row.may_approve and not row.warnings]
        for row in rows:
            if row.may_approve and row.warnings:
                messages.warning(
                    request,
                    _(
                        "%(figure)s er ikke godkendt, fordi det har en advarsel. Sæt flueben ved det og vælg "
                        '"Godkend valgte", hvis tallet er rigtigt.'
                    )
                    % {"figure": f"{row.indicator.code} {row.current.period.label()}"},
                )
        confirmed = set()
        if not chosen and any(row.warnings for row in rows if row.may_approve):
            return
    if not chosen:
        messages.warning(request, _("Vælg de tal, du vil godkende eller sende retur."))
        return
    # The version each figure had on the page: one changed since is refused by the service.
    versions = {}
    for figure in chosen:
        if (version := parse_id(request.POST.get(f"version-{figure.pk}"))) is not None:
            versions[figure.pk] = version
    try:
        if "_return" in request.POST:
            note = request.POST.get("note", "")
            count = measurement_return(user=request.user, measurements=chosen, note=note, versions=versions)
            messages.success(request, _("%(count)s tal er sendt retur.") % {"count": count})
        else:
            count = measurement_approve(
                user=request.user, measurements=chosen, versions=versions, confirmed_warnings=confirmed
            )
            messages.success(request, _("%(count)s tal er godkendt.") % {"count": count})
    except FiguresRefused as refused:
        messages.error(request, _("Intet er ændret.") + " " + " ".join(p.message for p in refused.problems))


def completeness_view(request, model_admin):
    """The administrator's board: per focus area and manager, how far the quarter has come."""

    if not (permissions.may_approve(request.user) or permissions.may_lock(request.user)):
        raise PermissionDenied
    strategy, quarter = chosen_quarter(request)
    board = completeness(strategy=strategy, quarter=quarter)
    context = model_admin.admin_site.each_context(request) | {
        "title": _("Overblik over kvartalets indberetning"),
        "opts": Measurement._meta,
        "board": board,
        "strategy": strategy,
        "quarter": quarter,
        "quarters": [Quarter.latest_ended() + (-n) for n in range(12)],
        # Administrators move the deadline here; others see it.
        "deadline_form": (
            DeadlineForm(initial={"due": board.deadline}) if permissions.may_lock(request.user) else None
        ),
        "approval_url": approval_url(strategy, quarter),
    }
    return TemplateResponse(request, "admin/indicators/completeness.html", context)
