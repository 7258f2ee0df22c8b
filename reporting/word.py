"""The case as Word for the agenda system: the same case as the PDF (Sammendrag, Baggrund, Sagsfremstilling
with a table and a chart per focus area, Økonomiske konsekvenser, Indstilling, Beslutning), dated for its
meeting and numbered with the case number and "Side x af y" on every page. A locked quarter's file is drawn
once from the frozen case, in the portal's language, and kept with it like the PDF."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from core import formats
from core.periods import Quarter

from .case_benchmark import benchmark_text
from .chart_images import png_chart
from .models import ReportSnapshot
from .report import report_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def stored_docx(strategy, quarter: Quarter) -> bytes | None:
    """The Word file stored with a locked quarter's frozen case, if it has been drawn (one query)."""
    content = ReportSnapshot.objects.for_quarter(strategy, quarter).values_list("docx", flat=True).first()
    return None if content is None else bytes(content)


def quarter_docx(*, strategy, quarter: Quarter, figures) -> bytes:
    """The quarter's case as Word; a locked quarter's is drawn (and stored) in the portal's language."""
    language = settings.LANGUAGE_CODE if quarter in figures.locked else get_language()
    with override(language):
        report, snapshot = report_for(strategy, quarter, figures)
        if snapshot is not None and snapshot.docx:
            return bytes(snapshot.docx)
        content = case_docx(report, quarter, dated=snapshot.locked_at if snapshot else timezone.now())
        if snapshot is not None:
            snapshot.docx = content
            snapshot.save(update_fields=["docx"])
        return content


def _date(iso: str) -> str:
    from datetime import date

    return date_format(date.fromisoformat(iso), "j. F Y")


def case_docx(report: dict, quarter: Quarter, *, dated) -> bytes:
    """The decorated report (live or frozen) as a .docx; empty sections are left out, never a placeholder."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    meeting = report.get("meeting")
    when = (
        _("Til mødet %(date)s") % {"date": _date(meeting["date"])}
        if meeting
        else _("Dateret %(date)s") % {"date": date_format(timezone.localtime(dated), "j. F Y")}
    )
    running = report["strategy"] + (
        f" · {_('sag')} {report['case_number']}" if report.get("case_number") else ""
    )
    _running_head(section, f"{running} · {when}")

    document.add_paragraph(report["municipality"]).runs[0].bold = True
    document.add_heading(_("Nøgletal for %(quarter)s") % {"quarter": quarter.label()}, level=0)
    if meeting:
        parts = [when, meeting["committee"], meeting["place"]]
        if meeting.get("agenda_item"):
            parts.append(_("punkt %(item)s") % {"item": meeting["agenda_item"]})
        if report.get("case_number"):
            parts.append(f"{_('sag')} {report['case_number']}")
        document.add_paragraph(" · ".join(p for p in parts if p))
    else:
        document.add_paragraph(when)

    document.add_heading(_("Sammendrag"), level=1)
    document.add_paragraph(
        _(
            "Sagen giver udvalget en status på nøgletallene for %(quarter)s: "
            "%(on_track)s af %(total)s indikatorer er på sporet."
        )
        % {"quarter": quarter.label(), "on_track": report["on_track"], "total": report["count"]}
    )
    document.add_heading(_("Opmærksomhedspunkter"), level=2)
    if report["attention"]:
        for point in report["attention"]:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{point.code} {point.name}").bold = True
            paragraph.add_run(f" ({point.area}) {point.text}")
    else:
        document.add_paragraph(
            _(
                "Ingen indikatorer er uden for sporet, mangler tal eller er gået den forkerte vej "
                "to kvartaler i træk."
            )
        )

    document.add_heading(_("Baggrund"), level=1)
    _text(document, report.get("background", ""))
    if previous := report.get("previous_meeting"):
        paragraph = document.add_paragraph()
        paragraph.add_run(_("Tidligere behandling") + ": ").bold = True
        item = (
            f", {_('punkt %(item)s') % {'item': previous['agenda_item']}}"
            if previous.get("agenda_item")
            else ""
        )
        on = _("den %(date)s") % {"date": _date(previous["date"])}
        paragraph.add_run(f"{previous['committee']} {on}{item}.")
    if report["decisions"]:
        document.add_heading(_("Opfølgning på udvalgets tidligere beslutninger"), level=2)
        for decision in report["decisions"]:
            state = _("Opfølgning lukket") if decision["closed"] else _("Åben opfølgning")
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(_date(decision["meeting_date"])).bold = True
            paragraph.add_run(f" ({state}): {decision['text']}")
            if decision["closed"] and decision.get("closing_note"):
                paragraph.add_run(f" {decision['closing_note']}")

    document.add_heading(_("Sagsfremstilling"), level=1)
    _benchmark(document, report.get("benchmark"))
    for area in report["areas"]:
        document.add_heading(f"{area['number']}. {area['name']}", level=2)
        document.add_paragraph(
            _("%(on_track)s af %(total)s indikatorer på sporet")
            % {"on_track": area["on_track"], "total": area["count"]}
        ).runs[0].bold = True
        if area.get("narrative"):
            document.add_heading(_("Administrationens vurdering"), level=3)
            _text(document, area["narrative"])
        key = next((row for row in area["rows"] if row["code"] == area["key_code"]), None)
        if key is not None and (
            png := png_chart(area["history"], unit=key["unit"], decimals=key["decimals"])
        ):
            document.add_picture(io.BytesIO(png), width=Cm(16))
            document.add_paragraph(key["name"]).runs[0].italic = True
        _table(document, area)
        commented = [row for row in area["rows"] if row.get("commentary")]
        if commented:
            document.add_heading(_("Kommentarer til tallene"), level=3)
            for row in commented:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{row['code']} {row['name']}: ").bold = True
                paragraph.add_run(row["commentary"])

    if report.get("economy"):
        document.add_heading(_("Økonomiske konsekvenser"), level=1)
        _text(document, report["economy"])
    if report.get("recommendation"):
        document.add_heading(_("Indstilling"), level=1)
        _text(document, report["recommendation"])
    document.add_heading(_("Beslutning"), level=1)
    if report.get("made"):
        for decision in report["made"]:
            document.add_paragraph(decision["text"])
    elif meeting:
        document.add_paragraph(_("Sagen behandles på mødet %(date)s.") % {"date": _date(meeting["date"])})
    else:
        document.add_paragraph(_("Udvalget har ikke behandlet sagen."))

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _benchmark(document, data: dict | None) -> None:
    """The ministry's benchmark, in the words the screen and the PDF use (reporting.case_benchmark)."""
    benchmark = benchmark_text(data)
    if not benchmark or not (benchmark["period"] or benchmark["country"]):
        return
    document.add_heading(_("Ministeriets benchmark"), level=2)
    if benchmark["period"]:
        document.add_paragraph(
            _(
                "Beskæftigelsesministeriets benchmarkliste for %(period)s måler kommunernes evne til at "
                "bringe borgerne ud af offentlige ydelser."
            )
            % {"period": benchmark["period"]}
        )
        if benchmark["total"]:
            document.add_paragraph().add_run(benchmark["total"]).bold = True
        for line in benchmark["groups"]:
            document.add_paragraph(f"{line}.", style="List Bullet")
    if benchmark["country"]:
        document.add_heading(_("I forhold til resten af landet"), level=3)
        for sentence in benchmark["country"]:
            document.add_paragraph(sentence, style="List Bullet")


def _text(document, text: str) -> None:
    for part in (text or "").split("\n\n"):
        if part.strip():
            document.add_paragraph(part.strip())


def _table(document, area: dict) -> None:
    headers = [_("Indikator"), _("Faktisk"), _("Mål"), _("Status")]
    headers += [_("Ændring fra forrige kvartal"), _("Ændring fra samme kvartal året før")]
    headers += area.get("comparison_labels", [])
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(header)
        cell.paragraphs[0].runs[0].bold = True
    for row in area["rows"]:
        unit, decimals = row.get("unit"), row.get("decimals")
        compared = row.get("compared") if row.get("year_to_date") else row.get("actual")
        actual = formats.figure(compared, unit, decimals)
        if row.get("year_to_date"):
            actual += f" {_('år til dato')}"
        if row.get("corrected_actual") is not None:
            corrected = formats.figure(row["corrected_actual"], unit, decimals)
            actual += f" († {_('Rettet efter låsning til')} {corrected})"
        name = ("    " + _("heraf") + " " if row.get("is_breakdown") else "") + f"{row['code']} {row['name']}"
        if row.get("is_demo"):
            name += f" ({_('Demodata')})"
        values = [
            name,
            actual,
            formats.target_text(row.get("target_min"), row.get("target_max"), unit, decimals),
            row.get("status_label", ""),
            formats.figure(row.get("change_previous"), unit, decimals, sign=True),
            formats.figure(row.get("change_year"), unit, decimals, sign=True),
            *(formats.figure(value, unit, decimals) for value in row.get("comparison_cells", [])),
        ]
        cells = table.add_row().cells
        for n, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.text = str(value)
            if n:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if row.get("is_key_figure"):
                cell.paragraphs[0].runs[0].bold = True
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)


def _running_head(section, text: str) -> None:
    """The case and its meeting at the top of every page, "Side x af y" at the foot (Word's own fields)."""
    section.header.paragraphs[0].text = text
    section.header.paragraphs[0].runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(_("Side") + " ")
    _field(footer, "PAGE")
    footer.add_run(" " + _("af") + " ")
    _field(footer, "NUMPAGES")


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    begin, instruction, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = code
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instruction)
    run._r.append(end)
