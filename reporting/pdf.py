"""The briefing as a PDF for the agenda: A4, dated, the case number and "Side x af y" on every page, charts
drawn on the server as SVG (no browser). A locked quarter's PDF is drawn once, in the portal's language, and
kept."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, override

from core.periods import Quarter

from .chart_images import svg_chart
from .models import ReportSnapshot
from .report import report_for

# WeasyPrint reports every step at INFO; the portal's logs want only its warnings.
logging.getLogger("weasyprint").setLevel(logging.WARNING)


def stored_pdf(strategy, quarter: Quarter) -> bytes | None:
    """The PDF stored with a locked quarter's frozen report, if it has been drawn (one query)."""
    content = ReportSnapshot.objects.for_quarter(strategy, quarter).values_list("pdf", flat=True).first()
    return None if content is None else bytes(content)


def quarter_pdf(*, strategy, quarter: Quarter, figures, request=None) -> bytes:
    """The quarter's briefing PDF in the reader's language; a locked quarter's is the case attached to the
    agenda, so it is drawn (and stored) in the portal's language whoever opens it first."""
    language = settings.LANGUAGE_CODE if quarter in figures.locked else get_language()
    with override(language):
        report, snapshot = report_for(strategy, quarter, figures)
        return briefing_pdf(report=report, quarter=quarter, snapshot=snapshot, request=request)


def briefing_pdf(*, report: dict, quarter: Quarter, snapshot=None, request=None) -> bytes:
    """The frozen PDF when the quarter is locked (drawn and stored on first request), else a fresh one."""
    if snapshot is not None and snapshot.pdf:
        return bytes(snapshot.pdf)
    for area in report["areas"]:
        key = next((row for row in area["rows"] if row["code"] == area["key_code"]), None)
        area["chart"] = None
        area["svg"] = svg_chart(area["history"], unit=key["unit"], decimals=key["decimals"]) if key else ""
        area["svg_caption"] = key["name"] if key else ""
    dated = snapshot.locked_at if snapshot is not None else timezone.now()
    html = render_to_string(
        "reporting/briefing_pdf.html",
        {"report": report, "quarter": quarter, "snapshot": snapshot, "dated": timezone.localtime(dated)},
        request=request,
    )
    import weasyprint  # loaded only to draw a PDF: it parses its own stylesheets when imported

    stylesheet = weasyprint.CSS(filename=finders.find("css/briefing_pdf.css"))
    content = weasyprint.HTML(string=html, base_url=".").write_pdf(stylesheets=[stylesheet])
    if snapshot is not None:
        snapshot.pdf = content
        snapshot.save(update_fields=["pdf"])
    return content
