"""Is the case ready to be sent? Before the quarter locks and the case is frozen, the sections a case needs
are checked: each must be written, and the administration's assessments and the recommendation signed off.

A plain function of the report (live or frozen): what it lists is what the author still has to do."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

EMPTY, UNAPPROVED, NO_MEETING = "empty", "unapproved", "no_meeting"


@dataclass(frozen=True)
class Gap:
    section: str  # the heading of the section, as the case prints it
    kind: str  # EMPTY, UNAPPROVED or NO_MEETING

    @property
    def text(self) -> str:
        return {
            EMPTY: _("%(section)s: ikke skrevet."),
            UNAPPROVED: _("%(section)s: ikke godkendt."),
            NO_MEETING: _("%(section)s: sagen er ikke sat på et møde i mødekalenderen."),
        }[self.kind] % {"section": self.section}


def case_gaps(report: dict) -> list[Gap]:
    """The sections still empty or not signed off, in the order the case prints them; [] when ready."""
    gaps = []
    if not report.get("meeting"):
        gaps.append(Gap(_("Møde"), NO_MEETING))
    if not report.get("background", "").strip():
        gaps.append(Gap(_("Baggrund"), EMPTY))
    for area in report["areas"]:
        section = _("Sagsfremstilling, %(number)s. %(name)s") % area
        gaps += _signed(section, area.get("narrative", ""), area.get("narrative_approved", False))
    if not report.get("economy", "").strip():
        gaps.append(Gap(_("Økonomiske konsekvenser"), EMPTY))
    gaps += _signed(_("Indstilling"), report.get("recommendation", ""), report.get("recommendation_approved"))
    return gaps


def _signed(section: str, text: str, approved: bool) -> list[Gap]:
    if not text.strip():
        return [Gap(section, EMPTY)]
    return [] if approved else [Gap(section, UNAPPROVED)]
