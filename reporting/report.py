"""The committee's quarterly key-figures report: built from approved figures, frozen when the quarter locks.

The report is plain JSON-ready data, so that the very same structure is rendered live, stored as the
frozen snapshot, and compared with today's figures to mark corrections made after locking.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from indicators.models import Unit
from indicators.periods import Quarter
from indicators.status import Status

from .models import ReportSnapshot
from .selectors import StrategyFigures, strategy_figures

HISTORY_QUARTERS = 8


def _text(value: Decimal | None) -> str | None:
    # Decimals as strings in the JSON: exact, and the same after a round trip through the database.
    return None if value is None else str(value)


def build_report(figures: StrategyFigures, quarter: Quarter) -> dict:
    """The report for a quarter from the figures as they are now."""
    areas = []
    for area in figures.areas:
        rows = []
        for item in area.top_level:
            rows.append(_row(item, quarter, is_breakdown=False))
            rows.extend(_row(part, quarter, is_breakdown=True) for part in item.breakdowns)
        key = area.key_figure
        history = []
        if key is not None:
            for q in [quarter + n for n in range(-HISTORY_QUARTERS + 1, 1)]:
                low, high = key.target_range(q)
                history.append(
                    {"quarter": q.code, "actual": _text(key.actuals.get(q)), "target_min": _text(low),
                     "target_max": _text(high)}
                )  # fmt: skip
        areas.append(
            {
                "number": area.focus_area.number,
                "name": area.focus_area.name,
                "slug": area.focus_area.slug,
                "goals": area.focus_area.goals,
                "key_code": key.indicator.code if key else None,
                "history": history,
                "on_track": area.on_track(quarter),
                "count": len(area.indicators),
                "rows": rows,
            }
        )
    return {
        "strategy": figures.strategy.title,
        "municipality": figures.strategy.municipality.name,
        "quarter": quarter.code,
        "built_at": timezone.now().isoformat(timespec="seconds"),
        "areas": areas,
    }


def _row(item, quarter: Quarter, *, is_breakdown: bool) -> dict:
    """The read model's row for the quarter as JSON-ready data (the frozen report stores exactly this)."""
    row = item.row(quarter)
    indicator = item.indicator
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "decimals": indicator.decimals,
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
    }


def decorate(report: dict, live: dict | None = None) -> dict:
    """Add what is computed at display time: labels in the reader's language and, for a frozen report,
    the corrections made since (a figure that differs from today's approved figure)."""
    live_rows = {}
    if live is not None:
        live_rows = {row["code"]: row for area in live["areas"] for row in area["rows"]}
    corrections = 0
    for area in report["areas"]:
        area["has_commentary"] = any(row["commentary"] for row in area["rows"])
        for row in area["rows"]:
            status = Status(row["status"])
            row["status_obj"] = status
            row["status_label"] = status.label
            row["unit_label"] = Unit(row["unit"]).label if row["unit"] in Unit.values else row["unit"]
            current = live_rows.get(row["code"])
            row["corrected_actual"] = None
            if current is not None and _differs(current["actual"], row["actual"]):
                row["corrected_actual"] = current["actual"]
                row["corrected_status"] = Status(current["status"])
                corrections += 1
    report["corrections"] = corrections
    return report


def _differs(now: str | None, then: str | None) -> bool:
    if now is None or then is None:
        return now != then
    return Decimal(now) != Decimal(then)


def report_for(
    strategy, quarter: Quarter, figures: StrategyFigures | None = None
) -> tuple[dict, ReportSnapshot | None]:
    """The report to show: the frozen one when the quarter is locked (with corrections marked), else live."""
    figures = figures or strategy_figures(strategy)
    live = build_report(figures, quarter)
    snapshot = ReportSnapshot.objects.for_quarter(strategy, quarter).first()
    if snapshot is None:
        return decorate(live), None
    return decorate(snapshot.data, live), snapshot


@transaction.atomic
def report_freeze(*, strategy, quarter: Quarter, user=None) -> ReportSnapshot:
    """Store the report as it stands now; replaces an earlier snapshot of the same quarter if any."""
    ReportSnapshot.objects.for_quarter(strategy, quarter).update(unlocked_at=timezone.now())
    report = build_report(strategy_figures(strategy), quarter)
    return ReportSnapshot.objects.create(
        strategy=strategy, year=quarter.year, quarter=quarter.quarter, data=report, locked_by=user
    )


def report_thaw(*, strategy, quarter: Quarter) -> int:
    """The quarter is open again: its snapshot is kept for the record but no longer shown."""
    return ReportSnapshot.objects.for_quarter(strategy, quarter).update(unlocked_at=timezone.now())
