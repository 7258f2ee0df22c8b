"""The committee's quarterly key-figures report: built from approved figures, frozen when the quarter locks.

The report is plain JSON-ready data, so that the very same structure is rendered live, stored as the
frozen snapshot, and compared with today's figures to mark corrections made after locking.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core import formats
from core.periods import Quarter
from indicators.models import Unit
from indicators.status import Status

from . import briefing, case_benchmark
from .case_check import case_gaps
from .models import ReportSnapshot
from .selectors import BriefingTexts, QuarterWindow, StrategyFigures, briefing_texts, strategy_figures

HISTORY_QUARTERS = 8


def report_window(quarter: Quarter) -> QuarterWindow:
    """The quarters the report shows: the quarter with its changes and the key figure's recent history. A
    figure's run of quarters the wrong way is counted within these quarters (up to eleven)."""
    return QuarterWindow.showing(quarter + -(HISTORY_QUARTERS - 1), quarter)


def _text(value: Decimal | None) -> str | None:
    # Decimals as strings in the JSON: exact, and the same after a round trip through the database.
    return None if value is None else str(value)


def build_report(figures: StrategyFigures, quarter: Quarter, texts: BriefingTexts | None = None) -> dict:
    """The briefing for a quarter from the figures and texts as they are now."""
    texts = texts or BriefingTexts({}, "", [])
    meeting = texts.meeting
    areas = []
    for area in figures.areas:
        rows, statuses = [], {}
        for item in area.top_level:
            for part, is_breakdown in [(item, False), *((part, True) for part in item.breakdowns)]:
                read = part.row(quarter)
                statuses[part.indicator.pk] = read.status
                rows.append(_row(part, read, is_breakdown=is_breakdown))
        key = area.key_figure
        shown = [quarter + n for n in range(-HISTORY_QUARTERS + 1, 1)]
        history = [] if key is None else [_point(key.row(q)) for q in shown]
        areas.append(
            {
                "number": area.focus_area.number,
                "name": area.focus_area.name,
                "slug": area.focus_area.slug,
                "goals": area.focus_area.goals,
                "narrative": texts.narratives.get(area.focus_area.pk, ""),
                "narrative_approved": area.focus_area.pk in texts.approved,
                "key_code": key.indicator.code if key else None,
                "history": history,
                # The status each row judged, not judged again (an indicator without a row is judged here).
                "on_track": sum(
                    1
                    for f in area.indicators
                    if (statuses.get(f.indicator.pk) or f.status(quarter)) == Status.ON_TRACK
                ),
                "count": len(area.indicators),
                "rows": rows,
            }
        )
    return {
        "strategy": figures.strategy.title,
        "municipality": figures.strategy.municipality.name,
        "quarter": quarter.code,
        # The case's own number when it is set on a meeting; else the strategy's.
        "case_number": (meeting.case_number if meeting else "") or figures.strategy.case_number,
        "strategy_case_number": figures.strategy.case_number,
        "meeting": _meeting(meeting),
        "previous_meeting": _meeting(texts.previous_meeting),
        "background": meeting.background if meeting else "",
        "economy": meeting.economy if meeting else "",
        "built_at": timezone.now().isoformat(timespec="seconds"),
        "areas": areas,
        "recommendation": texts.recommendation,
        "recommendation_approved": "recommendation" in texts.approved,
        "decisions": [_decision(decision, quarter) for decision in texts.decisions],
        "benchmark": case_benchmark.case_benchmark(figures, quarter),
        "made": [_decision(decision, quarter) for decision in texts.made],
    }


def _meeting(meeting) -> dict | None:
    if meeting is None:
        return None
    return {
        "committee": meeting.committee,
        "date": meeting.date.isoformat(),
        "place": meeting.place,
        "agenda_item": meeting.agenda_item,
        "case_number": meeting.case_number,
        "quarter": meeting.period.code,
        "source": meeting.source,
    }


def _point(row) -> dict:
    """A quarter of the key figure's history as its row judges it: the figure compared (a flow's year so far
    against its annual target) and the target it is judged by."""
    return {
        "quarter": row.quarter.code,
        "compared": _text(row.compared),
        "year_to_date": row.year_to_date,
        "target_min": _text(row.target_min),
        "target_max": _text(row.target_max),
    }


def _decision(decision, quarter: Quarter) -> dict:
    about = [f"{area.number}. {area.name}" for area in decision.focus_areas.all()]
    about += [f"{indicator.code} {indicator.name}" for indicator in decision.indicators.all()]
    return {
        "meeting_date": decision.meeting.date.isoformat(),
        "quarter": decision.period.code,
        "text": decision.text,
        "about": about,
        "follow_up": decision.follow_up,
        "carried": decision.follow_up,
        "closed": decision.closed_in is not None and decision.closed_in <= quarter,
        "closing_note": decision.closing_note,
    }


def _row(item, row, *, is_breakdown: bool) -> dict:
    """The read model's row for the quarter as JSON-ready data (the frozen report stores exactly this)."""
    indicator = item.indicator
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.measure.unit,
        "decimals": indicator.measure.decimals,
        "is_key_figure": indicator.is_key_figure,
        "is_breakdown": is_breakdown,
        "actual": _text(row.actual),
        "compared": _text(row.compared),
        "year_to_date": row.year_to_date,
        "target_min": _text(row.target_min),
        "target_max": _text(row.target_max),
        "status": row.status.value,
        "change_previous": _text(row.change_previous),
        "change_year": _text(row.change_year),
        "comparisons": {name: _text(value) for name, value in row.comparisons.items()},
        "commentary": row.commentary,
        "source": row.source,
        "is_demo": row.is_demo,
        "worse_running": row.worse_running,
    }


def decorate(report: dict, live: dict | None = None) -> dict:
    """Add what is computed at display time: labels in the reader's language and, for a frozen report,
    the corrections made since (a figure that differs from today's approved figure)."""
    live_rows = {}
    if live is not None:
        live_rows = {row["code"]: row for area in live["areas"] for row in area["rows"]}
    corrections = 0
    # A case frozen before cases were for meetings has no meeting and no texts of its own.
    for key, empty in [("meeting", None), ("previous_meeting", None), ("background", ""), ("economy", "")]:
        report.setdefault(key, empty)
    report.setdefault("recommendation_approved", bool(report.get("recommendation")))
    report.setdefault("strategy_case_number", report.get("case_number", ""))
    # What the meeting decided is its minutes: read as it is now, also on a frozen case.
    report["made"] = live["made"] if live is not None else report.get("made", [])
    for area in report["areas"]:
        area.setdefault("narrative_approved", bool(area.get("narrative")))
        for point in area["history"]:
            # A report frozen before the history kept the figure compared drew the quarter's own actual.
            point.setdefault("compared", point.get("actual"))
            point.setdefault("year_to_date", False)
        area["has_commentary"] = any(row["commentary"] for row in area["rows"])
        # A column per comparison series (benchmark, national, …) only where the area's data has it.
        series = sorted({name for row in area["rows"] for name, v in row.get("comparisons", {}).items() if v})
        area["comparison_labels"] = [_series_label(name) for name in series]
        made_up = (report.get("benchmark") or {}).get("synthetic_series", {})
        for row in area["rows"]:
            row["comparison_cells"] = [row.get("comparisons", {}).get(name) for name in series]
            row["comparison_synthetic"] = [name in made_up.get(row["code"], ()) for name in series]
        for row in area["rows"]:
            status = Status(row["status"])
            row["status_obj"] = status
            row["status_label"] = str(status.label)
            row["unit_label"] = _unit_label(row["unit"])
            current = live_rows.get(row["code"])
            row["corrected_actual"] = None
            if current is not None and _differs(current["actual"], row["actual"]):
                row["corrected_actual"] = current["actual"]
                row["corrected_status"] = Status(current["status"])
                corrections += 1
    report["corrections"] = corrections
    report["on_track"] = sum(area["on_track"] for area in report["areas"])
    report["count"] = sum(area["count"] for area in report["areas"])
    report["attention"] = briefing.attention_points(report)
    return report


def _unit_label(unit: str) -> str:
    return str(Unit(unit).label) if unit in Unit.values else unit


def _series_label(name: str) -> str:
    return formats.series_label(name)


def _differs(now: str | None, then: str | None) -> bool:
    if now is None or then is None:
        return now != then
    return Decimal(now) != Decimal(then)


def report_for(
    strategy, quarter: Quarter, figures: StrategyFigures | None = None
) -> tuple[dict, ReportSnapshot | None]:
    """The report to show: the frozen one when the quarter is locked (with corrections marked), else live."""
    figures = figures or strategy_figures(strategy)
    live = build_report(figures, quarter, briefing_texts(strategy, quarter))
    # Locking the quarter freezes its report and unlocking thaws it: an open quarter has none to look for.
    snapshot = (
        ReportSnapshot.objects.for_quarter(strategy, quarter).first() if quarter in figures.locked else None
    )
    if snapshot is None:
        return decorate(live), None
    return decorate(snapshot.data, live), snapshot


@transaction.atomic
def report_freeze(*, strategy, quarter: Quarter, user=None, incomplete_reason: str = "") -> ReportSnapshot:
    """Store the report as it stands now; replaces an earlier snapshot of the same quarter if any.

    incomplete_reason: why the administrator locked the quarter although figures were not all approved.
    """
    ReportSnapshot.objects.for_quarter(strategy, quarter).update(unlocked_at=timezone.now())
    report = build_report(strategy_figures(strategy), quarter, briefing_texts(strategy, quarter))
    # What was still missing when the case was frozen stays on record with it.
    report |= {"incomplete_reason": incomplete_reason, "gaps": [gap.text for gap in case_gaps(report)]}
    return ReportSnapshot.objects.create(
        strategy=strategy, year=quarter.year, quarter=quarter.quarter, data=report, locked_by=user
    )


def report_thaw(*, strategy, quarter: Quarter) -> int:
    """The quarter is open again: its snapshot is kept for the record but no longer shown."""
    return ReportSnapshot.objects.for_quarter(strategy, quarter).update(unlocked_at=timezone.now())


def case_check(strategy, quarter: Quarter) -> list:
    """The live case's gaps for a strategy and quarter (what freezing it now would leave out)."""
    return case_gaps(build_report(strategy_figures(strategy), quarter, briefing_texts(strategy, quarter)))
