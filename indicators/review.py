"""Rules of the review step: an unusual figure is explained before it is submitted; four eyes approve."""

from __future__ import annotations

from collections.abc import Collection

from django.conf import settings
from django.utils.translation import gettext as _

from . import plausibility
from .models import Indicator, Measurement
from .permissions import editable_indicators


def not_enterable(user, measurements: list[Measurement]) -> Indicator | None:
    """The first indicator among the figures the user may not enter figures for (one query), or None."""
    ids = {m.indicator_id for m in measurements}
    allowed = set(editable_indicators(user).filter(pk__in=ids).values_list("pk", flat=True))
    return next((m.indicator for m in measurements if m.indicator_id not in allowed), None)


def unexplained_warnings(measurements: list[Measurement]) -> list[tuple[int, str]]:
    """A figure with a plausibility warning needs an explanation in its commentary before it is submitted."""
    unexplained = [m for m in measurements if not plausibility.explains(m.commentary)]
    warnings = plausibility.warnings_for((m.indicator, m.period, m.value) for m in unexplained)
    return [
        (measurement.indicator_id, _explanation_wanted(warning, measurement.commentary))
        for measurement in unexplained
        for warning in warnings[(measurement.indicator_id, measurement.period)]
    ]


def _explanation_wanted(warning: str, commentary: str) -> str:
    if not commentary.strip():
        text = _("%(warning)s Skriv en forklaring i kommentaren, før tallet kan indsendes.")
    else:
        text = _(
            "%(warning)s Kommentaren forklarer ikke tallet. Skriv med en hel sætning "
            "(mindst 20 tegn og tre ord), hvorfor tallet afviger, fx en ny opgørelse eller en hændelse; "
            'ord som "ok" eller "korrekt" er ikke nok.'
        )
    return text % {"warning": warning}


def still_returned(measurements: list[Measurement]) -> list[tuple[int, str]]:
    """A returned figure goes back for approval only once someone has corrected and saved it (which makes
    it that person's draft): a return sticks, whoever submits what else."""
    return [
        (
            m.indicator_id,
            _(
                '%(figure)s er sendt retur med bemærkningen "%(note)s". '
                "Ret tallet eller kommentaren og gem det, før det kan indsendes igen."
            )
            % {"figure": f"{m.indicator.code} {m.period.label()}", "note": m.review_note},
        )
        for m in measurements
        if m.state == Measurement.State.RETURNED
    ]


def unconfirmed_warnings(
    measurements: list[Measurement], confirmed: Collection[int]
) -> list[tuple[int, str]]:
    """A figure with a plausibility warning is approved only when the approver confirmed that very figure
    (ticked it on its own): "approve all" never publishes an outlier unseen."""
    unconfirmed = [m for m in measurements if m.pk not in confirmed]
    warnings = plausibility.warnings_for((m.indicator, m.period, m.value) for m in unconfirmed)
    return [
        (
            m.indicator_id,
            _(
                "%(figure)s har en advarsel: %(warning)s Godkend det for sig: sæt flueben ved netop det tal "
                'på siden "Godkendelse af indsendte tal" og vælg "Godkend valgte".'
            )
            % {"figure": f"{m.indicator.code} {m.period.label()}", "warning": found[0]},
        )
        for m in unconfirmed
        if (found := warnings.get((m.indicator_id, m.period)))
    ]


def may_approve_figure(user, measurement: Measurement) -> bool:
    """Four eyes: whoever entered or last changed a figure does not approve it (unless turned off)."""
    return not settings.FOUR_EYES_APPROVAL or measurement.entered_by_id != user.pk


def own_figures(user, measurements: list[Measurement]) -> list[tuple[int, str]]:
    return [
        (
            m.indicator_id,
            _("%(figure)s: du har selv indtastet tallet, så en anden skal godkende det.")
            % {"figure": f"{m.indicator.code} {m.period.label()}"},
        )
        for m in measurements
        if not may_approve_figure(user, m)
    ]
