"""Demo case texts: the committee's own words from its meeting of 8 October 2024 (fixtures/briefing.json):
the meeting, its background and economy, the assessments, the recommendation and the decision. The texts are
written by the demo administrator and signed off by the demo manager (the centre manager's part)."""

import json
from datetime import date
from pathlib import Path

from django.utils import timezone

from focusareas.models import FocusArea
from indicators.models import Indicator
from reporting.models import AreaNarrative, Decision, Meeting, Recommendation

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "briefing.json"
MEETING_TEXTS = ["committee", "place", "agenda_item", "case_number", "background", "economy", "source"]


def briefing_demo_load(strategies: dict, users: dict | None = None) -> dict[str, int]:
    """Meetings, narratives, recommendations and decisions for the strategies loaded (by fixture key);
    idempotent."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    users = users or {}
    signed = {
        "written_by": users.get(data.get("written_by")),
        "approved_by": users.get(data.get("approved_by")),
        "approved_at": timezone.now() if users.get(data.get("approved_by")) else None,
    }
    meetings = {}
    for row in data.get("meetings", []):
        meeting, _ = Meeting.objects.update_or_create(
            strategy=strategies[row["strategy"]], year=row["year"], quarter=row["quarter"],
            defaults={"date": date.fromisoformat(row["date"]),
                      **{key: row[key] or "" for key in MEETING_TEXTS}}
            | {"agenda_item": row["agenda_item"]},
        )  # fmt: skip
        meetings[(row["strategy"], row["date"])] = meeting
    for row in data["narratives"]:
        area = FocusArea.objects.get(strategy=strategies[row["strategy"]], number=row["focus_area"])
        AreaNarrative.objects.update_or_create(
            focus_area=area,
            year=row["year"],
            quarter=row["quarter"],
            defaults={"text": row["text"], **signed},
        )
    for row in data.get("recommendations", []):
        Recommendation.objects.update_or_create(
            strategy=strategies[row["strategy"]], year=row["year"], quarter=row["quarter"],
            defaults={"text": row["text"], **signed},
        )  # fmt: skip
    for row in data["decisions"]:
        strategy = strategies[row["strategy"]]
        decision, _ = Decision.objects.update_or_create(
            meeting=meetings[(row["strategy"], row["meeting_date"])], text=row["text"],
            defaults={"follow_up": row["follow_up"]},
        )  # fmt: skip
        decision.focus_areas.set(FocusArea.objects.filter(strategy=strategy, number__in=row["focus_areas"]))
        decision.indicators.set(
            Indicator.objects.filter(focus_area__strategy=strategy, code__in=row["indicators"])
        )
    return {
        "møder": len(meetings),
        "vurderinger": len(data["narratives"]),
        "indstillinger": len(data.get("recommendations", [])),
        "beslutninger": len(data["decisions"]),
    }
