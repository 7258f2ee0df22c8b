"""The strategy in force and its structure (focus areas, indicators and their measures), kept by each server
process between draws.

Figures change every quarter and every change draws the pages anew; the structure seldom changes. A page
drawn anew reads the structure token (one small query) and reads the structure itself only when the token
has changed. Measured with bench/ at the large size (pages served by gunicorn, drawn anew after a change of
the figures): reading the structure each time costs 3.0 ms of a 19.8 ms overview (15 %) and 3.5 ms of a
26.7 ms report (13 %). The focus area and indicator pages read only their own part, each time: the focus
area with its indicators in one query.

The token is random and set anew, in the writer's transaction, by every change announced with
core.signals.figures_changed, except a change of the figures alone (FIGURES_ONLY): a sender not named there
makes the structure be read again rather than kept stale. The token's row is made by the first change
announced (the demo loader, the admin's first save), in the writer's transaction; until then nothing is
kept. A test's change is rolled back with its token, so nothing is kept from one test to the next.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.dispatch import receiver

from core.signals import figures_changed
from focusareas.models import FocusArea, Strategy
from indicators.models import Indicator
from operations.models import StructureToken

# The models whose changes leave the strategy's structure as it is.
FIGURES_ONLY = {
    "indicators.Measurement",
    "indicators.Target",
    "indicators.QuarterLock",
    "measures.OfficialValue",
    "reporting.AreaNarrative",
    "reporting.Recommendation",
    "reporting.Decision",
    "reporting.Meeting",
}


class _Kept:
    """What this process read under one token: the strategy in force per municipality, and the structure of
    each strategy handed out from here."""

    def __init__(self, token: str | None):
        self.token = token
        self.in_force: dict[str, Strategy | None] = {}
        self.structures: dict[int, tuple[list[FocusArea], list[Indicator]]] = {}


_kept = _Kept(None)


def strategy_in_force() -> Strategy | None:
    """The strategy the portal shows: the one in force for the configured municipality, as kept while the
    token is unchanged."""
    global _kept
    token = StructureToken.objects.values_list("token", flat=True).first()
    if token is None:  # no change was announced in this database: nothing is kept
        _kept = _Kept(None)
        return _read_in_force()
    if _kept.token != token:
        _kept = _Kept(token)
    kept, municipality = _kept, settings.PORTAL_MUNICIPALITY
    if municipality not in kept.in_force:
        kept.in_force[municipality] = _read_in_force()
    return kept.in_force[municipality]


def _read_in_force() -> Strategy | None:
    return (
        Strategy.objects.in_force()
        .select_related("municipality__area")
        .filter(municipality__slug=settings.PORTAL_MUNICIPALITY)
        .first()
    )


def strategy_structure(
    strategy: Strategy, focus_area_slug: str | None = None, indicator_code: str | None = None
) -> tuple[list[FocusArea], list[Indicator]]:
    """A strategy's focus areas and its indicators (with their measures) in the order the pages list them,
    or only one focus area's, or only one indicator's and its focus area.

    The whole structure of a strategy that strategy_in_force handed out under the token still kept is kept
    too (read under the same token as the strategy itself); anything else is read each time."""
    kept = _kept
    whole = focus_area_slug is None and indicator_code is None
    if not whole or not any(strategy is held for held in kept.in_force.values()):
        return _read(strategy, focus_area_slug, indicator_code)
    if strategy.pk not in kept.structures:
        kept.structures[strategy.pk] = _read(strategy)
    return kept.structures[strategy.pk]


def _read(
    strategy: Strategy, focus_area_slug: str | None = None, indicator_code: str | None = None
) -> tuple[list[FocusArea], list[Indicator]]:
    indicators = (
        Indicator.objects.of_strategy(strategy)
        .with_expected()
        .order_by("focus_area__number", "-is_key_figure", "order", "code")
    )
    if focus_area_slug is None and indicator_code is None:
        return list(FocusArea.objects.filter(strategy=strategy).order_by("number")), list(indicators)
    # One focus area's part or one indicator's: the focus area is read with its indicators, in one query.
    if focus_area_slug is not None:
        indicators = indicators.filter(focus_area__slug=focus_area_slug)
    if indicator_code is not None:
        indicators = indicators.filter(code=indicator_code)
    read = list(indicators.select_related("focus_area"))
    if read:
        return [read[0].focus_area], read
    if indicator_code is not None:
        return [], []
    return list(FocusArea.objects.filter(strategy=strategy, slug=focus_area_slug)), []  # no indicators yet


@receiver(figures_changed, dispatch_uid="structure-changed")
def structure_changed(sender=None, **kwargs) -> None:
    if sender is not None and sender._meta.label in FIGURES_ONLY:
        return
    token = uuid.uuid4().hex
    if not StructureToken.objects.filter(pk=1).update(token=token):
        StructureToken.objects.update_or_create(pk=1, defaults={"token": token})
