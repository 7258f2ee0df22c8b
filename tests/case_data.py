"""Committee meetings and the case's texts for the report tests."""

from datetime import date

from core.periods import Quarter
from reporting.models import Decision, Meeting

COMMITTEE = "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget"


def meeting(strategy, quarter: Quarter, day: date, **fields) -> Meeting:
    """The meeting with the quarter's case on its agenda."""
    return Meeting.objects.create(
        strategy=strategy, year=quarter.year, quarter=quarter.quarter, date=day,
        committee=fields.pop("committee", COMMITTEE), **fields,
    )  # fmt: skip


def decision(at: Meeting, text: str, **fields) -> Decision:
    return Decision.objects.create(meeting=at, text=text, **fields)
