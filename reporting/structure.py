"""The strategy in force and its structure (focus areas, indicators and their measures), kept by each server
process between draws.

Figures change every quarter and every change draws the pages anew; the structure seldom changes. A page
drawn anew reads the structure token (one small query) and reads the structure itself only when the token
has changed: every save or delete of a strategy, municipality, area, focus area, indicator or measure sets a
new random token (operations.models.StructureToken), in the same transaction as the change.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.db.models.signals import post_delete, post_save

from operations.models import StructureToken


class _Kept:
    """What this process read under one token: the strategy in force per municipality, and the structure of
    each strategy handed out from here."""

    def __init__(self, token: str | None):
        self.token = token
        self.in_force: dict[str, object] = {}
        self.structures: dict[int, object] = {}


_kept = _Kept(None)


def in_force(municipality: str, read: Callable):
    """The strategy in force for the municipality: as kept, while the token is unchanged; else read()."""
    global _kept
    token = StructureToken.objects.values_list("token", flat=True).first() or ""
    if _kept.token != token:
        _kept = _Kept(token)
    kept = _kept
    if municipality not in kept.in_force:
        kept.in_force[municipality] = read()
    return kept.in_force[municipality]


def structure_of(strategy, read: Callable):
    """read() for a strategy, kept for a strategy that in_force handed out under the token still kept (its
    structure is read under the same token as the strategy itself); any other strategy is read each time."""
    kept = _kept
    if not any(strategy is held for held in kept.in_force.values()):
        return read()
    if strategy.pk not in kept.structures:
        kept.structures[strategy.pk] = read()
    return kept.structures[strategy.pk]


def forget() -> None:
    """Keep nothing (a test's database is rolled back after it)."""
    global _kept
    _kept = _Kept(None)


def structure_changed(**kwargs) -> None:
    token = uuid.uuid4().hex
    if not StructureToken.objects.filter(pk=1).update(token=token):
        StructureToken.objects.update_or_create(pk=1, defaults={"token": token})


def connect() -> None:
    from django.apps import apps

    for label in ("focusareas.Strategy", "focusareas.Municipality", "focusareas.FocusArea",
                  "indicators.Indicator", "measures.Measure", "measures.Area"):  # fmt: skip
        model = apps.get_model(label)
        uid = f"structure-{label.lower()}"
        post_save.connect(structure_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(structure_changed, sender=model, dispatch_uid=uid + "-delete")
