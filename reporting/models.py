"""The frozen committee report: what the committee was shown for a quarter once the quarter was locked."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.periods import Quarter
from focusareas.models import FocusArea, Strategy
from indicators.models import InQuarter


class ReportSnapshotQuerySet(models.QuerySet):
    def current(self):
        """Snapshots of quarters that are still locked."""
        return self.filter(unlocked_at__isnull=True)

    def for_quarter(self, strategy, quarter: Quarter):
        return self.current().filter(strategy=strategy, year=quarter.year, quarter=quarter.quarter)


class ReportSnapshot(InQuarter):
    """The key-figures report of a strategy and quarter as it stood when the quarter was locked.

    Unlocking keeps the row (marked unlocked) so that what the committee was once shown is never lost;
    locking again stores a new snapshot.
    """

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="report_snapshots", verbose_name=_("strategi")
    )
    data = models.JSONField(_("rapportens indhold"))
    locked_at = models.DateTimeField(_("låst"), auto_now_add=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("låst af"),
    )
    unlocked_at = models.DateTimeField(_("låst op"), null=True, blank=True)
    # The PDF as first drawn from the frozen report: the case attached to the agenda never changes.
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)

    objects = ReportSnapshotQuerySet.as_manager()

    class Meta(InQuarter.Meta):
        verbose_name = _("låst rapport")
        verbose_name_plural = _("låste rapporter")
        ordering = ["strategy", "-year", "-quarter", "-locked_at"]
        constraints = [
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(
                fields=["strategy", "year", "quarter"],
                condition=Q(unlocked_at__isnull=True),
                name="one_locked_report_per_quarter",
            ),
        ]

    def __str__(self):
        return f"{self.strategy} {self.period}"


class AreaNarrative(InQuarter):
    """The administration's account of a focus area's quarter, for the briefing; every edit kept."""

    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="narratives", verbose_name=_("fokusområde")
    )
    text = models.TextField(
        _("administrationens vurdering"),
        help_text=_("Hvad tallene viser, hvorfor, og hvad administrationen gør. Vises i kvartalets sag."),
    )
    history = HistoricalRecords()

    class Meta(InQuarter.Meta):
        verbose_name = _("vurdering af fokusområde")
        verbose_name_plural = _("vurderinger af fokusområder")
        ordering = ["-year", "-quarter", "focus_area__number"]
        constraints = [
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(
                fields=["focus_area", "year", "quarter"],
                name="one_narrative_per_area_and_quarter",
                violation_error_message=_("Fokusområdet har allerede en vurdering for kvartalet."),
            ),
        ]

    def __str__(self):
        return f"{self.focus_area} {self.period.label()}"


class Recommendation(InQuarter):
    """The administration's recommendation ("Indstilling") to the committee in the quarter's case."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("strategi")
    )
    text = models.TextField(
        _("indstilling"),
        help_text=_("Fx: at udvalget tager orienteringen om kvartalets nøgletal til efterretning."),
    )
    history = HistoricalRecords()

    class Meta(InQuarter.Meta):
        verbose_name = _("indstilling")
        verbose_name_plural = _("indstillinger")
        ordering = ["-year", "-quarter"]
        constraints = [
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(
                fields=["strategy", "year", "quarter"],
                name="one_recommendation_per_quarter",
                violation_error_message=_("Kvartalet har allerede en indstilling."),
            ),
        ]

    def __str__(self):
        return f"{self.strategy} {self.period.label()}"


class DecisionQuerySet(models.QuerySet):
    def for_briefing(self, strategy, quarter: Quarter):
        """Decisions on the quarter itself, and follow-ups from earlier quarters still open in it (or closed
        in it, so the briefing says they were closed)."""
        on_quarter = Q(year=quarter.year, quarter=quarter.quarter)
        earlier = Q(year__lt=quarter.year) | Q(year=quarter.year, quarter__lt=quarter.quarter)
        not_closed_before = (
            Q(closed_year__isnull=True)
            | Q(closed_year__gt=quarter.year)
            | Q(closed_year=quarter.year, closed_quarter__gte=quarter.quarter)
        )
        return (
            self.filter(strategy=strategy)
            .filter(on_quarter | (earlier & Q(follow_up=True) & not_closed_before))
            .prefetch_related("focus_areas", "indicators")
            .order_by("meeting_date", "pk")
        )


class Decision(InQuarter):
    """What the committee decided at a meeting on a quarter's figures, perhaps with a follow-up that is
    carried into every later quarter's briefing until an administrator closes it."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("strategi")
    )
    meeting_date = models.DateField(_("mødedato"))
    text = models.TextField(_("beslutning"), help_text=_("Fx: Udvalget ønsker at følge udviklingen tæt."))
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="+", verbose_name=_("fokusområder")
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="+", verbose_name=_("indikatorer")
    )
    follow_up = models.BooleanField(
        _("kræver opfølgning"), default=False, help_text=_("Vises i de næste kvartalers sag, til den lukkes.")
    )
    closed_year = models.PositiveSmallIntegerField(_("lukket år"), null=True, blank=True)
    closed_quarter = models.PositiveSmallIntegerField(
        _("lukket i kvartal"), null=True, blank=True, help_text=_("Det kvartal, hvis sag sidst viser den.")
    )
    closing_note = models.TextField(_("afslutning"), blank=True)
    history = HistoricalRecords()

    objects = DecisionQuerySet.as_manager()

    class Meta(InQuarter.Meta):
        verbose_name = _("udvalgets beslutning")
        verbose_name_plural = _("udvalgets beslutninger")
        ordering = ["-meeting_date"]
        constraints = [
            *InQuarter.Meta.constraints,
            models.CheckConstraint(
                condition=Q(closed_year__isnull=True, closed_quarter__isnull=True)
                | Q(closed_year__isnull=False, closed_quarter__gte=1, closed_quarter__lte=4),
                name="decision_closed_in_a_quarter",
                violation_error_message=_("Angiv både år og kvartal (1-4), når opfølgningen lukkes."),
            ),
        ]

    def __str__(self):
        return f"{self.meeting_date:%d.%m.%Y}: {self.text[:60]}"

    def clean(self):
        super().clean()
        closed = self.closed_in if self.closed_quarter else None
        if closed is not None and self.year and self.quarter and closed < self.period:
            raise ValidationError(
                {
                    "closed_quarter": _(
                        "En opfølgning kan ikke lukkes før det kvartal, beslutningen handler om."
                    )
                }
            )

    @property
    def closed_in(self) -> Quarter | None:
        return None if self.closed_year is None else Quarter(self.closed_year, self.closed_quarter)
