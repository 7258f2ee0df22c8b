"""Writes of a municipality's own settings: the peer group its figures are compared with."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import permissions
from core.audit import audit
from core.signals import figures_changed
from measures.models import Area

from .models import Municipality


def peer_group_problems(*, own_area: Area | None, name: str, areas: Iterable[Area]) -> list[str]:
    """Why the areas cannot be the peer group of the municipality (its name and own area), in Danish."""
    problems = []
    for area in areas:
        if area.kind != Area.Kind.MUNICIPALITY:
            problems.append(
                _("%(area)s er ikke en kommune: sammenligningsgruppen består af kommuner.") % {"area": area}
            )
        elif own_area is not None and area.pk == own_area.pk:
            problems.append(
                _("%(municipality)s kan ikke være med i sin egen sammenligningsgruppe.")
                % {"municipality": name}
            )
    return problems


@transaction.atomic
def set_peer_group(user, municipality: Municipality, areas: Iterable[Area]) -> None:
    """Choose the municipalities the portal's figures are compared with; the change is audited."""
    if not permissions.can_choose_peer_group(user):
        raise PermissionDenied(_("Kun en administrator kan vælge sammenligningsgruppen."))
    areas = list(areas)
    if problems := peer_group_problems(own_area=municipality.area, name=municipality.name, areas=areas):
        raise ValidationError(problems)
    before = sorted(area.name for area in municipality.peers.all())
    after = sorted(area.name for area in areas)
    if before == after:
        return
    municipality.peers.set(areas)
    audit(
        "peer_group_set",
        user=user,
        municipality=municipality.name,
        before=", ".join(before),
        after=", ".join(after),
    )
    figures_changed.send(sender=Municipality)
