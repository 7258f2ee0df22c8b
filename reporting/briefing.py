"""The briefing's "Opmærksomhedspunkter": what in a quarter's figures needs the committee's attention.

Drawn from the report's rows (live or frozen) by four rules, most serious first: a figure off track; a figure
that moved the wrong way two quarters running or more; a figure missing; a figure corrected after the lock.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from indicators.status import Status

from .case_benchmark import falling_ranks

WORSE_RUNNING = 2


@dataclass(frozen=True)
class AttentionPoint:
    kind: str  # "off_track", "worse", "benchmark", "missing", "corrected"
    area: str
    code: str
    name: str
    text: str


def attention_points(report: dict) -> list[AttentionPoint]:
    """Every point for the report, in the order the committee should read them."""
    points = {kind: [] for kind in ("off_track", "worse", "benchmark", "missing", "corrected")}
    for area in report["areas"]:
        for row in area["rows"]:
            for kind, text in _row_points(row):
                points[kind].append(AttentionPoint(kind, area["name"], row["code"], row["name"], text))
    # A rank that fell on the ministry's benchmark (reporting/case_benchmark.py).
    for name, where, text in falling_ranks(report.get("benchmark")):
        points["benchmark"].append(AttentionPoint("benchmark", where, "", name, text))
    return [point for kind in points.values() for point in kind]


def _row_points(row: dict):
    status = Status(row["status"])
    if status == Status.OFF_TRACK:
        yield "off_track", _("er ikke på sporet.")
    if row.get("worse_running", 0) >= WORSE_RUNNING:
        yield (
            "worse",
            _("har bevæget sig den forkerte vej %(n)d kvartaler i træk.") % {"n": row["worse_running"]},
        )
    if status == Status.NO_DATA:
        yield "missing", _("mangler et godkendt tal for kvartalet.")
    if row.get("corrected_actual") is not None:
        yield "corrected", _("er rettet efter låsningen.")
