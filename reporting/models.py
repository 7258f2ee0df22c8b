"""The committee's case about a quarter's key figures: the meeting it is for, the administration's signed-off
texts, the committee's decisions, and the frozen case (what the committee was shown once the quarter
locked)."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
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
    # The same case as Word for the agenda system, drawn once from the frozen report like the PDF.
    docx = models.BinaryField(_("Word"), null=True, blank=True, editable=False)

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


class SignedOff(models.Model):
    """A text of the case with its author and its sign-off: the centre manager or an administrator approves
    it before the case is frozen. Changing the text withdraws the approval."""

    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skrevet af"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkendt af"),
    )
    approved_at = models.DateTimeField(_("godkendt"), null=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and self.approved_at is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("text", "approved_at").first()
            # A changed text is approved anew, unless the same save approves it.
            if stored is not None and stored[0] != self.text and stored[1] == self.approved_at:
                self.approved_by, self.approved_at = None, None
        super().save(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def approve(self, user) -> None:
        self.approved_by, self.approved_at = user, timezone.now()
        type(self).objects.filter(pk=self.pk).update(approved_by=user, approved_at=self.approved_at)


class MeetingQuerySet(models.QuerySet):
    def next_for(self, strategy, today: date):
        """The meeting a reader opens the case of: the next one, else the latest held."""
        meetings = self.filter(strategy=strategy)
        return meetings.filter(date__gte=today).order_by("date").first() or meetings.order_by("-date").first()


class Meeting(InQuarter):
    """A meeting of the committee with the quarter's case on its agenda ("Til mødet 8. oktober 2024"); the
    quarter is the quarter of figures the case presents. Decisions are recorded on the meeting that made
    them."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("strategi")
    )
    committee = models.CharField(
        _("udvalg"), max_length=200, help_text=_("Fx: Erhvervs-, Beskæftigelses- og Uddannelsesudvalget.")
    )
    date = models.DateField(_("mødedato"))
    place = models.CharField(_("mødested"), max_length=200, blank=True)
    agenda_item = models.PositiveSmallIntegerField(_("punkt på dagsordenen"), null=True, blank=True)
    case_number = models.CharField(
        _("sagsnummer"), max_length=40, blank=True, help_text=_("Sagens eget nummer, fx 15.00.00-P20-1-24.")
    )
    background = models.TextField(
        _("baggrund"), blank=True, help_text=_("Sagens baggrund: hvorfor udvalget får nøgletallene forelagt.")
    )
    economy = models.TextField(
        _("økonomiske konsekvenser"), blank=True, help_text=_("Fx: Ingen økonomiske konsekvenser.")
    )
    source = models.TextField(
        _("kilde"), blank=True, help_text=_("Hvor mødets oplysninger og tekster stammer fra.")
    )
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta(InQuarter.Meta):
        verbose_name = _("udvalgsmøde")
        verbose_name_plural = _("udvalgsmøder (mødekalender)")
        ordering = ["-date"]
        constraints = [
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(
                fields=["strategy", "year", "quarter"],
                name="one_meeting_per_quarter_case",
                violation_error_message=_("Kvartalets sag er allerede sat på et møde."),
            ),
            models.UniqueConstraint(
                fields=["strategy", "date"],
                name="one_meeting_per_day",
                violation_error_message=_("Der er allerede et møde den dag."),
            ),
        ]

    def __str__(self):
        return _("%(committee)s %(date)s") % {"committee": self.committee, "date": f"{self.date:%d.%m.%Y}"}


class AreaNarrative(SignedOff, InQuarter):
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
        permissions = [("approve_areanarrative", _("Kan godkende vurderinger"))]
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


class Recommendation(SignedOff, InQuarter):
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
        permissions = [("approve_recommendation", _("Kan godkende indstillinger"))]
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
    def for_case(self, strategy, quarter: Quarter, meeting: Meeting | None = None):
        """The decisions a case reports, in one read: the follow-ups of earlier meetings still open in its
        quarter (or closed in it, so the case says they were closed), and what its own meeting decided (its
        "Beslutning", after the meeting). A decision is never a follow-up in the case for the meeting that
        made it; without a meeting, the case's quarter draws the line."""
        if meeting is not None:
            earlier = Q(meeting__date__lt=meeting.date)
        else:
            earlier = Q(year__lt=quarter.year) | Q(year=quarter.year, quarter__lt=quarter.quarter)
        not_closed_before = (
            Q(closed_year__isnull=True)
            | Q(closed_year__gt=quarter.year)
            | Q(closed_year=quarter.year, closed_quarter__gte=quarter.quarter)
        )
        carried = earlier & Q(follow_up=True) & not_closed_before
        own = Q(meeting=meeting) if meeting is not None else Q(pk__in=[])
        return (
            self.filter(strategy=strategy)
            .filter(carried | own)
            .select_related("meeting")
            .prefetch_related("focus_areas", "indicators")
            .order_by("meeting__date", "pk")
        )


class Decision(InQuarter):
    """What the committee decided at a meeting on the case for a quarter's figures, perhaps with a follow-up
    that is carried into the cases of later meetings until an administrator closes it. Its strategy and
    quarter are its meeting's."""

    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("strategi"),
        editable=False,
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("møde")
    )
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
        ordering = ["-meeting__date"]
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
        return f"{self.meeting.date:%d.%m.%Y}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self._from_meeting()
        super().save(*args, **kwargs)

    def _from_meeting(self):
        if self.meeting_id is not None:
            meeting = self.meeting
            self.strategy_id, self.year, self.quarter = meeting.strategy_id, meeting.year, meeting.quarter

    def clean_fields(self, exclude=None):
        self._from_meeting()  # the form has no year or quarter: they are the meeting's
        super().clean_fields(exclude=exclude)

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
