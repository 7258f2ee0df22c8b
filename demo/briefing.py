"""Demo briefing texts: the committee's own words from its meeting of 8 October 2024 (fixtures/)."""

import json
from datetime import date
from pathlib import Path

from focusareas.models import FocusArea
from indicators.models import Indicator
from reporting.models import AreaNarrative, Decision

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "briefing.json"


def briefing_demo_load(strategies: dict) -> dict[str, int]:
    """Narratives and decisions for the strategies loaded (by fixture key); idempotent."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for row in data["narratives"]:
        area = FocusArea.objects.get(strategy=strategies[row["strategy"]], number=row["focus_area"])
        AreaNarrative.objects.update_or_create(
            focus_area=area, year=row["year"], quarter=row["quarter"], defaults={"text": row["text"]}
        )
    for row in data["decisions"]:
        strategy = strategies[row["strategy"]]
        decision, _ = Decision.objects.update_or_create(
            strategy=strategy, year=row["year"], quarter=row["quarter"],
            meeting_date=date.fromisoformat(row["meeting_date"]),
            defaults={"text": row["text"], "follow_up": row["follow_up"]},
        )  # fmt: skip
        decision.focus_areas.set(FocusArea.objects.filter(strategy=strategy, number__in=row["focus_areas"]))
        decision.indicators.set(
            Indicator.objects.filter(focus_area__strategy=strategy, code__in=row["indicators"])
        )
    return {"vurderinger": len(data["narratives"]), "beslutninger": len(data["decisions"])}
