"""The dashboards and the committee report: parse the request, load the figures, render."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import permissions
from core.periods import Quarter
from indicators.models import Indicator
from measures.comparison import has_other_areas
from operations.cache import cached_page, drawn_once

from . import charts, exports, pages, pdf, report, strategies, word
from .case_check import case_gaps
from .models import Meeting
from .selectors import (
    area_figures,
    indicator_figures,
    overview_figures,
    report_figures,
    strategy_calendar,
    strategy_figures,
)
from .structure import strategy_in_force
from .tables import figures_rows, figures_table


def portal_page(view):
    """Logged-in users only, unless PUBLIC_DASHBOARD lets the public read the approved figures.

    Every reader sees the same approved figures, so a drawn page is cached until any figure changes.
    """

    @cached_page
    def with_strategy(request, *args, **kwargs):
        strategy = strategy_in_force()
        if strategy is None:
            return render(request, "reporting/no_strategy.html", status=404)
        return view(request, strategy, *args, **kwargs)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.may_read_dashboards(request.user):
            return redirect_to_login(request.get_full_path())
        return with_strategy(request, *args, **kwargs)

    return wrapper


def _quarter(year: int, quarter: int, available: list[Quarter]) -> Quarter:
    try:
        chosen = Quarter(year, quarter)
    except ValueError as error:
        raise Http404(str(error)) from error
    if chosen not in available:
        raise Http404(_("Der er ingen godkendte tal for %(quarter)s.") % {"quarter": chosen.label()})
    return chosen


def _chosen(request, url_name: str):
    """A quarter picked in a selector (?kvartal=2024K3) goes to its own address, so it can be bookmarked."""
    try:
        chosen = Quarter.parse(request.GET["kvartal"])
    except (KeyError, ValueError):
        return None
    return redirect(url_name, year=chosen.year, quarter=chosen.quarter)


def _selector(quarters: list[Quarter], current: Quarter) -> list[dict]:
    return [{"code": q.code, "label": q.label(), "selected": q == current} for q in reversed(quarters)]


def _page_quarter(request, strategy) -> tuple[Quarter | None, list[dict]]:
    """The quarter a focus area or indicator page shows: the one chosen (?kvartal=2024K1), else the one the
    overview opens on, so that every page speaks of the same quarter; and the selector offering the others."""
    calendar = strategy_calendar(strategy)
    if not calendar.quarters:
        return None, []
    current = calendar.default_quarter()
    if code := request.GET.get("kvartal"):
        try:
            chosen = Quarter.parse(code)
        except ValueError as error:
            raise Http404(str(error)) from error
        current = _quarter(chosen.year, chosen.quarter, calendar.quarters)
    return current, _selector(calendar.quarters, current)


@portal_page
def overview(request, strategy, year: int | None = None, quarter: int | None = None):
    if year is None and (chosen := _chosen(request, "dashboard:overview_quarter")):
        return chosen
    calendar = strategy_calendar(strategy)
    quarters = calendar.quarters
    if not quarters:
        return render(
            request,
            "reporting/overview.html",
            {"strategy": strategy, "cards": [], "quarter": None, "demo_figures": {}},
        )
    first = calendar.default_quarter()
    current = first if year is None else _quarter(year, quarter, quarters)
    figures = overview_figures(strategy, pages.overview_window(current), locked=calendar.locked)
    context = {
        "strategy": strategy,
        "demo_figures": figures.demo_figures,
        "quarter": current,
        "is_latest": current == first,
        "carried": "" if current == first else f"?kvartal={current.code}",  # the quarter, to the pages linked
        "is_locked": current in calendar.locked,
        "quarters": _selector(quarters, current),
        "cards": pages.overview_cards(figures, current, calendar),
        "chart_layout": charts.page_spec(charts.SMALL),
    }
    return render(request, "reporting/overview.html", context)


@portal_page
def focus_area(request, strategy, slug: str):
    number = pages.page_number(request.GET.get(pages.PAGE_PARAMETER))
    figures = area_figures(strategy, slug, pages.indicators_on_page(number))
    area = figures.area(slug)
    if area is None:
        raise Http404(_("Fokusområdet findes ikke i den gældende strategi."))
    try:
        page = Paginator(area.indicators, pages.INDICATORS_PER_PAGE).page(number)
    except InvalidPage as error:
        raise Http404(_("Siden findes ikke.")) from error
    latest, quarters = _page_quarter(request, strategy)
    sections = []
    for item in page.object_list:
        span = pages.history_span(item, latest)
        name = item.indicator.name
        read = pages.quarter_rows(item, span)
        sections.append(
            {
                "figures": item,
                "row": item.row(latest) if latest else None,
                "chart": charts.indicator_chart(
                    item, span, chart_id=f"chart-{item.indicator.pk}", title=name, rows=read
                ) if span else None,
                "table": figures_table(
                    item, request=request, caption=_("%(code)s %(name)s: tal pr. kvartal") % {
                        "code": item.indicator.code, "name": name}, read=read,
                ),
            }
        )  # fmt: skip
    context = {
        "strategy": strategy,
        "demo_figures": figures.demo_figures,
        "area": area,
        "latest": latest,
        "quarters": quarters,
        "carried": f"?kvartal={latest.code}" if request.GET.get("kvartal") else "",
        "sections": sections,
        "page": page,
        "chart_layout": charts.page_spec(charts.FULL),
    }
    return render(request, "reporting/focus_area.html", context)


def _indicator(strategy, code: str):
    figures = indicator_figures(strategy, code)
    item = figures.indicator(code)
    if item is None:
        raise Http404(_("Indikatoren findes ikke i den gældende strategi."))
    return figures, item


def _elsewhere(code: str):
    """An indicator of a replaced strategy or another municipality's: read on that strategy's page."""
    other = Indicator.objects.filter(code=code).exclude(focus_area__strategy__status="draft")
    strategy_id = other.values_list("focus_area__strategy_id", flat=True).first()
    if strategy_id is None:
        return None
    return redirect(reverse("dashboard:strategy_other", kwargs={"pk": strategy_id}) + f"#indikator-{code}")


@portal_page
def indicator(request, strategy, code: str):
    try:
        figures, item = _indicator(strategy, code)
    except Http404:
        if elsewhere := _elsewhere(code):
            return elsewhere
        raise
    latest, quarters = _page_quarter(request, strategy)
    projection = pages.projection_for(item)
    span = pages.history_span(item, latest)
    name = item.indicator.name
    read = pages.quarter_rows(item, span)
    chart = None
    if span:
        chart = charts.indicator_chart(
            item, span, chart_id="chart-indicator", title=name, projection=projection, rows=read
        )
    context = {
        "strategy": strategy,
        "demo_figures": figures.demo_figures,
        "area": figures.areas[0],
        "item": item,
        "latest": latest,
        "quarters": quarters,
        "row": item.row(latest) if latest else None,
        "projection": projection,
        "chart": chart,
        "table": figures_table(item, request=request, caption=_("Tal pr. kvartal"), read=read),
        "commentary": sorted(item.commentary.items(), reverse=True),
        "compared": has_other_areas(item.indicator.measure_id, strategy.municipality.area_id),
        "months": pages.month_section(item),
        "breakdowns": pages.breakdown_sections(item),
        "official": item.official,
        "official_source": pages.official_source(item),
        "chart_layout": charts.page_spec(charts.FULL),
    }
    return render(request, "reporting/indicator.html", context)


@portal_page
def indicator_export(request, strategy, code: str, fmt: str):
    _figures, item = _indicator(strategy, code)
    rows = sorted(figures_rows(item), key=lambda row: row["sort_key"])
    filename = f"{item.indicator.code}"
    if fmt == "csv":
        response = HttpResponse(exports.figures_csv(item, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    frame = exports.figures_frame(item, rows)
    response = HttpResponse(exports.to_xlsx({item.indicator.code: frame}), content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


@portal_page
def strategy_page(request, strategy, pk: int | None = None):
    """The strategy in force, or by its number a replaced one or another municipality's, in its own words."""
    shown_list = strategies.strategies_shown()
    shown = strategy if pk is None else next((s for s in shown_list if s.pk == pk), None)
    if shown is None:
        raise Http404(_("Strategien findes ikke."))
    figures = strategy_figures(shown)
    context = {
        "strategy": strategy,
        "shown": shown,
        "is_in_force": shown.pk == strategy.pk,
        "principles": list(shown.principles.order_by("order")),
        "figures": figures,
        "tables": [] if shown.pk == strategy.pk else strategies.year_tables(figures),
        "others": [s for s in shown_list if s.pk != shown.pk],
        "demo_figures": figures.demo_figures,
    }
    return render(request, "reporting/strategy.html", context)


@portal_page
def report_latest(request, strategy):
    if chosen := _chosen(request, "report:quarter"):
        return chosen
    calendar = strategy_calendar(strategy)
    # The case of the next meeting (else the latest held) when its quarter has figures to show.
    meeting = Meeting.objects.next_for(strategy, timezone.localdate())
    if meeting is not None and meeting.period in calendar.quarters:
        return redirect("report:quarter", year=meeting.year, quarter=meeting.quarter)
    latest = calendar.default_quarter()
    if latest is None:
        raise Http404(_("Der er endnu ingen godkendte tal."))
    return redirect("report:quarter", year=latest.year, quarter=latest.quarter)


def _report_figures(strategy, year: int, quarter: int):
    """The quarter asked for, if it has approved figures, and the figures the report shows of it."""
    calendar = strategy_calendar(strategy, key_figures=False)
    current = _quarter(year, quarter, calendar.quarters)
    figures = report_figures(strategy, current, report.report_window(current), locked=calendar.locked)
    return calendar, current, figures


@portal_page
def report_page(request, strategy, year: int, quarter: int):
    calendar, current, figures = _report_figures(strategy, year, quarter)
    data, snapshot = report.report_for(strategy, current, figures)
    for area in data["areas"]:
        key = next((row for row in area["rows"] if row["code"] == area["key_code"]), None)
        area["chart"] = charts.report_chart(
            area["history"],
            chart_id=f"report-{area['slug']}",
            title=key["name"] if key else area["name"],
            unit=key["unit"] if key else "",
            decimals=key["decimals"] if key else 0,
        ) if key and area["history"] else None  # fmt: skip
    context = {
        "strategy": strategy,
        "demo_figures": figures.demo_figures,
        "quarter": current,
        "quarters": _selector(calendar.quarters, current),
        "report": data,
        "snapshot": snapshot,
        "excel_url": reverse("report:excel", kwargs={"year": year, "quarter": quarter}),
        "pdf_url": reverse("report:pdf", kwargs={"year": year, "quarter": quarter}),
        "docx_url": reverse("report:docx", kwargs={"year": year, "quarter": quarter}),
        "chart_layout": charts.page_spec(charts.REPORT),
        # The author sees what is missing (placeholders and the check before freezing); the committee not.
        "is_author": request.user.is_staff,
        "gaps": case_gaps(data) if request.user.is_staff and snapshot is None else [],
    }
    return render(request, "reporting/report.html", context)


@portal_page
def report_excel(request, strategy, year: int, quarter: int):
    _calendar, current, figures = _report_figures(strategy, year, quarter)
    data, _snapshot = report.report_for(strategy, current, figures)
    content = exports.to_xlsx(
        {_("Nøgletal %(quarter)s") % {"quarter": current.code}: exports.report_frame(data)}
    )
    response = HttpResponse(content, content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="noegletal-{current.code}.xlsx"'
    return response


def _pdf(request, strategy, asked: Quarter) -> bytes:
    _calendar, current, figures = _report_figures(strategy, asked.year, asked.quarter)
    return pdf.quarter_pdf(strategy=strategy, quarter=current, figures=figures, request=request)


def _docx(strategy, asked: Quarter) -> bytes:
    _calendar, current, figures = _report_figures(strategy, asked.year, asked.quarter)
    return word.quarter_docx(strategy=strategy, quarter=current, figures=figures)


@portal_page
def report_docx(request, strategy, year: int, quarter: int):
    try:
        current = Quarter(year, quarter)
    except ValueError as error:
        raise Http404(str(error)) from error
    content = word.stored_docx(strategy, current)  # a locked quarter's Word file, as drawn once
    if content is None:
        content = drawn_once(f"report-docx:{strategy.pk}:{current.code}", lambda: _docx(strategy, current))
    response = HttpResponse(content, content_type=word.DOCX)
    response["Content-Disposition"] = f'attachment; filename="sag-noegletal-{current.code}.docx"'
    return response


@portal_page
def report_pdf(request, strategy, year: int, quarter: int):
    try:
        current = Quarter(year, quarter)
    except ValueError as error:
        raise Http404(str(error)) from error
    content = pdf.stored_pdf(strategy, current)  # a locked quarter's PDF, as drawn once
    if content is None:
        content = drawn_once(
            f"report-pdf:{strategy.pk}:{current.code}", lambda: _pdf(request, strategy, current)
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="noegletal-{current.code}.pdf"'
    return response
