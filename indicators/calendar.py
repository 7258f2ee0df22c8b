"""The reporting calendar: each quarter's deadline, a manager's tasks and the completeness of a quarter."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import permissions
from core.audit import audit
from core.periods import Quarter, quarter_range
from focusareas.models import FocusArea, Strategy

from .entry import GRID_ORDER
from .locking import locked_quarters
from .models import Indicator, Measurement, ReportingDeadline
from .permissions import editable_indicators

State = Measurement.State
# The columns of the completeness board, in the order of the workflow.
COLUMNS = ("missing", "draft", "submitted", "approved", "returned")


def default_deadline(quarter: Quarter) -> datetime.date:
    return quarter.last_day + datetime.timedelta(days=settings.REPORTING_DEADLINE_DAYS)


def deadline_for(strategy: Strategy, quarter: Quarter) -> datetime.date:
    """The administrator's deadline for the quarter, else the default some days after the quarter ends."""
    due = (
        ReportingDeadline.objects.filter(strategy=strategy, year=quarter.year, quarter=quarter.quarter)
        .values_list("due", flat=True)
        .first()
    )
    return due or default_deadline(quarter)


def first_quarter(strategy: Strategy) -> Quarter | None:
    """The first whole quarter of an adopted strategy: its figures are asked for from then on."""
    if strategy.adopted is None:
        return None
    quarter = Quarter.containing(strategy.adopted)
    return quarter if strategy.adopted == quarter.first_day else quarter.next()


def reporting_quarter(today: datetime.date | None = None) -> Quarter:
    """The quarter whose figures are being reported now: the last one that has ended."""
    return Quarter.latest_ended(today)


@dataclass
class Tasks:
    """What a manager still has to do for a quarter."""

    strategy: Strategy
    quarter: Quarter
    deadline: datetime.date
    today: datetime.date
    missing: list[Indicator] = field(default_factory=list)
    drafts: list[Measurement] = field(default_factory=list)
    returned: list[Measurement] = field(default_factory=list)
    done: int = 0
    total: int = 0  # the user's indicators

    @property
    def open(self) -> int:
        return len(self.missing) + len(self.drafts) + len(self.returned)

    @property
    def all_missing(self) -> bool:
        return len(self.missing) == self.total

    @property
    def days_left(self) -> int:
        return (self.deadline - self.today).days

    @property
    def is_overdue(self) -> bool:
        return self.open > 0 and self.today > self.deadline


def task_quarters(strategy: Strategy, today: datetime.date | None = None) -> list[Quarter]:
    """The quarters whose figures the strategy asks for: from its first whole quarter (the last ended one
    alone when it has no adoption date) up to the last one that has ended."""
    last = reporting_quarter(today)
    first = first_quarter(strategy) or last
    return quarter_range(first, last)


def user_tasks(*, user, strategy: Strategy, today: datetime.date | None = None) -> list[Tasks]:
    """The user's tasks in every unlocked quarter, newest first: figures missing since the strategy started,
    drafts and returned figures (of any ended quarter). The start page and the reminders read this. Four
    queries."""
    today = today or timezone.localdate()
    last = reporting_quarter(today)
    asked = set(task_quarters(strategy, today))
    locked = locked_quarters(strategy_id=strategy.pk)
    indicators = list(editable_indicators(user, strategy).order_by(*GRID_ORDER))
    by_pk = {indicator.pk: indicator for indicator in indicators}
    stored: dict[Quarter, dict[int, Measurement]] = {}
    # All of the asked quarters' figures, and the drafts and returned figures of any quarter.
    figures = Measurement.objects.filter(indicator__in=by_pk).filter(
        Q(year__gte=min(asked, default=last).year) | Q(state__in=[State.DRAFT, State.RETURNED])
    )
    for figure in figures:
        figure.indicator = by_pk[figure.indicator_id]
        stored.setdefault(figure.period, {})[figure.indicator_id] = figure
    deadlines = {
        Quarter(year, quarter): due
        for year, quarter, due in ReportingDeadline.objects.filter(strategy=strategy).values_list(
            "year", "quarter", "due"
        )
    }
    open_quarters = sorted(
        (quarter for quarter in asked | stored.keys() if quarter <= last and quarter not in locked),
        reverse=True,
    )
    found = []
    for quarter in open_quarters:
        due = deadlines.get(quarter) or default_deadline(quarter)
        tasks = Tasks(strategy, quarter, due, today, total=len(indicators))
        figures_of = stored.get(quarter, {})
        for indicator in indicators:
            figure = figures_of.get(indicator.pk)
            if figure is None:
                if quarter in asked:
                    tasks.missing.append(indicator)
            elif figure.state == State.DRAFT:
                tasks.drafts.append(figure)
            elif figure.state == State.RETURNED:
                tasks.returned.append(figure)
            else:
                tasks.done += 1
        if tasks.open:
            found.append(tasks)
    return found


@dataclass
class Progress:
    """One focus area's figures for a quarter, counted by state, with its managers."""

    area: FocusArea
    managers: list
    counts: Counter

    def cells(self) -> list[int]:
        return [self.counts[column] for column in COLUMNS]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def outstanding(self) -> int:
        return self.counts["missing"] + self.counts["draft"] + self.counts["returned"]


@dataclass
class Board:
    strategy: Strategy
    quarter: Quarter
    deadline: datetime.date
    today: datetime.date
    rows: list[Progress]

    @property
    def is_past_deadline(self) -> bool:
        return self.today > self.deadline

    @property
    def overdue_rows(self) -> list[Progress]:
        """Focus areas with figures missing, in draft or returned after the deadline."""
        return [row for row in self.rows if self.is_past_deadline and row.outstanding > 0]

    @property
    def totals(self) -> list[int]:
        return [sum(row.counts[column] for row in self.rows) for column in COLUMNS]

    @property
    def complete_share(self) -> int:
        total = sum(row.total for row in self.rows)
        approved = sum(row.counts["approved"] for row in self.rows)
        return round(100 * approved / total) if total else 0


def completeness(*, strategy: Strategy, quarter: Quarter, today: datetime.date | None = None) -> Board:
    """Per focus area (with its managers): missing, draft, submitted, approved, returned. Five queries."""
    today = today or timezone.localdate()
    areas = list(strategy.focus_areas.order_by("number").prefetch_related("managers"))
    states = dict(
        Measurement.objects.in_quarter(quarter)
        .filter(indicator__focus_area__strategy=strategy)
        .values_list("indicator_id", "state")
    )
    counts: dict[int, Counter] = {area.pk: Counter() for area in areas}
    for indicator_id, area_id in Indicator.objects.of_strategy(strategy).values_list("pk", "focus_area_id"):
        counts[area_id][states.get(indicator_id, "missing")] += 1
    rows = [Progress(area, list(area.managers.all()), counts[area.pk]) for area in areas]
    return Board(strategy, quarter, deadline_for(strategy, quarter), today, rows)


# A deadline is within a year of its quarter's end.
LATEST_DEADLINE_DAYS = 365


def deadline_problem(
    *,
    strategy: Strategy,
    quarter: Quarter,
    due: datetime.date,
    reason: str,
    today: datetime.date | None = None,
) -> str | None:
    """Why a new deadline for the quarter cannot be used, in Danish; None when it can."""
    if not reason.strip():
        return _("Skriv en begrundelse for den nye frist.")
    # Set ahead for the quarter under way, never for one the strategy has not reached.
    if quarter > Quarter.containing(today or timezone.localdate()):
        return _("Der kan ikke sættes frist for %(quarter)s, som ikke er begyndt.") % {
            "quarter": quarter.label()
        }
    first = first_quarter(strategy)
    if first is not None and quarter < first:
        return _("Strategien gælder først fra %(first)s.") % {"first": first.label()}
    if due <= quarter.last_day:
        return _("Fristen skal ligge efter kvartalets sidste dag (%(last)s).") % {
            "last": date_format(quarter.last_day, "j. F Y")
        }
    latest = quarter.last_day + datetime.timedelta(days=LATEST_DEADLINE_DAYS)
    if due > latest:
        return _("Fristen kan højst ligge et år efter kvartalets udløb (%(latest)s).") % {
            "latest": date_format(latest, "j. F Y")
        }
    return None


@transaction.atomic
def deadline_move(
    *, user, strategy: Strategy, quarter: Quarter, due: datetime.date, reason: str = ""
) -> ReportingDeadline:
    """The administrator sets when the quarter's figures are due; the change is kept in the history."""
    if not permissions.may_lock(user):
        raise PermissionDenied(_("Kun en administrator kan flytte fristen."))
    if problem := deadline_problem(strategy=strategy, quarter=quarter, due=due, reason=reason):
        raise ValidationError(problem)
    deadline = ReportingDeadline.objects.select_for_update().filter(
        strategy=strategy, year=quarter.year, quarter=quarter.quarter
    ).first() or ReportingDeadline(strategy=strategy, year=quarter.year, quarter=quarter.quarter)
    previous = deadline.due if deadline.pk else deadline_for(strategy, quarter)
    deadline.due = due
    deadline._history_user = user
    deadline._change_reason = reason.strip()[:100]
    deadline.save()
    audit("deadline_moved", user=user, strategy=strategy.pk, quarter=quarter.code, old=previous, new=due)
    return deadline
