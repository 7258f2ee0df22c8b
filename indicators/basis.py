"""What a figure is: the ministry's official figure (Jobindsats, with its release in the source), the
municipality's preliminary internal count before the official release (as the minutes' "seneste foreløbige
interne tal" for August 2024), or the municipality's own figure. "Foreløbigt" means the second, never that
the quarter is not locked yet: a locked quarter settles a figure, whatever its basis."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Basis(models.TextChoices):
    OFFICIAL = "official", _("Officielt tal")
    PRELIMINARY = "preliminary", _("Foreløbigt internt tal")
    OWN = "own", _("Kommunens eget tal")


def basis_label(basis: str) -> str:
    """The basis as the reader sees it ("Officielt tal", "Foreløbigt internt tal", "Kommunens eget tal");
    a figure whose basis is unknown is the municipality's own."""
    try:
        return str(Basis(basis).label)
    except ValueError:
        return str(Basis.OWN.label)


def is_preliminary(basis: str) -> bool:
    return basis == Basis.PRELIMINARY


def kept_basis(stored: tuple[str, object] | None, value, given: str | None) -> str:
    """The basis of a figure a user saves: the one given; else the stored figure's while its value stays (a
    comment on an official figure keeps it official); else the municipality's own (a typed number)."""
    if given:
        return given
    if stored is not None and stored[1] == value:
        return stored[0]
    return Basis.OWN
