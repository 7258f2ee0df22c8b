"""Indicators, their targets, actuals (measurements) and comparison series."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.periods import FIRST_YEAR, LAST_YEAR, Quarter, period_label
from focusareas.models import FocusArea, Strategy
from measures.models import MeasureType, Unit  # noqa: F401 (re-exported: many modules name them here)

from .basis import Basis
from .codes import code_validator, same_code

QUARTER_IN_RANGE = Q(quarter__gte=1, quarter__lte=4)
YEAR_IN_RANGE = Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR)
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def year_in_range(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=YEAR_IN_RANGE,
        name=name,
        violation_error_message=_("Året skal være mellem %(first)s og %(last)s.")
        % {"first": FIRST_YEAR, "last": LAST_YEAR},
    )


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("Højere er bedre")
    LOWER_IS_BETTER = "lower", _("Lavere er bedre")


class InQuarter(models.Model):
    """Something that belongs to one quarter: an actual, a lock, a deadline, a frozen report. The database
    keeps its quarter 1-4 and its year in the portal's range; a subclass with constraints of its own lists
    these first (constraints = [*InQuarter.Meta.constraints, ...])."""

    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(
        _("kvartal"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=QUARTER_IN_RANGE,
                name="%(app_label)s_%(class)s_quarter_1_to_4",
                violation_error_message=_("Kvartal skal være 1-4."),
            ),
            year_in_range("%(app_label)s_%(class)s_year_in_range"),
        ]

    @property
    def period(self) -> Quarter:
        return Quarter(self.year, self.quarter)


class IndicatorQuerySet(models.QuerySet):
    def of_strategy(self, strategy):
        """By the indicator's own strategy (kept in step with its focus area's): no join to the focus area."""
        return self.filter(strategy=strategy)

    def with_expected(self):
        """With the type of the measure's expected measure and whether it is an estimate (else the ministry's
        benchmark), as expected_type and expected_is_estimate: what the comparison series need of it, without
        loading it."""
        return self.annotate(
            expected_type=F("measure__expected__measure_type"),
            expected_is_estimate=F("measure__expected__is_estimate"),
        )

    def key_figures(self):
        return self.filter(is_key_figure=True)


class IndicatorManager(models.Manager.from_queryset(IndicatorQuerySet)):
    """Indicators come with their measure: unit, decimals and type are read from it on every page."""

    def get_queryset(self):
        return super().get_queryset().select_related("measure")


class Indicator(models.Model):
    """A strategy's use of a measure: how its status is judged (direction, tolerance), where it sits, and
    its targets and actuals. Unit, decimals and type are the measure's (indicator.measure.unit). Created
    and changed by indicators.definition, which chooses or makes the measure; moved by indicators.moves."""

    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("fokusområde")
    )
    code = models.CharField(
        _("kode"), max_length=20, validators=[code_validator], help_text=_("Stabil kode, fx F2.0.")
    )
    # The focus area's strategy, kept in step on save, so the database itself keeps codes unique per strategy.
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="+", editable=False, verbose_name=_("strategi")
    )
    # What the indicator measures; strategies that use the same measure share its history and statistics.
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.PROTECT,
        blank=True,
        related_name="indicators",
        verbose_name=_("måling"),
        help_text=_(
            "Hvad indikatoren måler; enhed, decimaler og måletype hører til målingen. Tomt: en ny, "
            "kommunens egen måling med indikatorens kode."
        ),
    )
    name = models.CharField(_("navn"), max_length=250)
    description = models.TextField(_("beskrivelse"), blank=True)
    direction = models.CharField(_("retning"), max_length=10, choices=Direction.choices)
    source = models.CharField(_("datakilde"), max_length=200, blank=True)
    definition_source = models.CharField(
        _("definitionens oprindelse"),
        max_length=100,
        blank=True,
        help_text=_("Hvor definitionen stammer fra, fx strategiens bilag 1."),
    )
    # Set by the demo loader: a definition reconstructed for the demo, not the municipality's own.
    definition_is_demo = models.BooleanField(
        _("demodefinition"), default=False, db_default=False, editable=False
    )
    is_key_figure = models.BooleanField(_("nøgletal"), default=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="breakdowns",
        verbose_name=_("heraf-del af"),
    )
    parts_add_up = models.BooleanField(
        _("delene udgør totalen"),
        default=False,
        help_text=_(
            "Sæt flueben, når indikatorens heraf-dele tilsammen er hele tallet (fx socialt frikort fordelt "
            "på aldersgrupper): når alle dele er indtastet for et kvartal, skal de summere til totalen."
        ),
    )
    tolerance_pct = models.DecimalField(
        _("tolerance (pct.)"),
        max_digits=5,
        decimal_places=2,
        default=5,
        help_text=_("Hvor langt fra målet et tal må være og stadig være 'tæt på'."),
    )
    allows_negative = models.BooleanField(
        _("tillad negative værdier"),
        default=False,
        help_text=_("Kun for differencer, fx faktisk minus forventet."),
    )
    plausible_min = models.DecimalField(
        _("laveste forventede værdi"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Et tal under dette får en advarsel ved indberetningen og skal forklares."),
    )
    plausible_max = models.DecimalField(
        _("højeste forventede værdi"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Et tal over dette får en advarsel ved indberetningen og skal forklares."),
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    objects = IndicatorManager()
    # A change of how the status is judged (direction, unit, decimals, tolerance…) carries a reason.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["focus_area__number", "-is_key_figure", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                same_code(),
                "strategy",
                name="unique_indicator_code_per_strategy",
                violation_error_message=_("Koden bruges allerede i denne strategi."),
            ),
            models.UniqueConstraint(
                fields=["focus_area"],
                condition=Q(is_key_figure=True),
                name="one_key_figure_per_focus_area",
                violation_error_message=_("Fokusområdet har allerede et nøgletal."),
            ),
            models.CheckConstraint(
                condition=Q(tolerance_pct__gte=0), name="indicator_tolerance_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        if self.focus_area_id:
            self.strategy_id = self.focus_area.strategy_id
        super().save(*args, **kwargs)

    def clean(self):
        if self.parent_id and self.parent.focus_area_id != self.focus_area_id:
            raise ValidationError({"parent": _("En heraf-indikator skal høre til samme fokusområde.")})
        if self.focus_area_id:
            clash = Indicator.objects.filter(
                focus_area__strategy_id=self.focus_area.strategy_id, code__iexact=self.code
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"code": _("Koden bruges allerede i denne strategi.")})


class Target(models.Model):
    """A target for a year (quarter empty) or a quarter: a single value (min = max) or a range."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(
        _("kvartal"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Tomt for et årsmål."),
    )
    value_min = models.DecimalField(_("mål (fra)"), max_digits=14, decimal_places=4)
    value_max = models.DecimalField(_("mål (til)"), max_digits=14, decimal_places=4)
    comment = models.TextField(_("kommentar"), blank=True)
    source = models.CharField(
        _("kilde"), max_length=200, blank=True, help_text=_("Dokumentet eller systemet, tallet stammer fra.")
    )
    # Set by the demo loader only: an invented figure, shown as "Demodata" wherever it is shown.
    is_demo = models.BooleanField(_("demodata"), default=False, db_default=False, editable=False)

    # Every change of a target carries the administrator's reason (history_change_reason).
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | QUARTER_IN_RANGE,
                name="target_quarter_1_to_4",
                violation_error_message=_("Kvartal skal være 1-4."),
            ),
            year_in_range("target_year_in_range"),
            models.CheckConstraint(
                condition=Q(value_min__lte=F("value_max")),
                name="target_min_not_above_max",
                violation_error_message=_("Målets 'fra' kan ikke være større end 'til'."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(quarter__isnull=True),
                name="one_annual_target_per_year",
                violation_error_message=_("Indikatoren har allerede et årsmål for dette år."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                condition=Q(quarter__isnull=False),
                name="one_target_per_quarter",
                violation_error_message=_("Indikatoren har allerede et mål for dette kvartal."),
            ),
        ]

    def __str__(self):
        period = Quarter(self.year, self.quarter).label() if self.quarter else str(self.year)
        return f"{self.indicator.code} {period}"

    @property
    def period_label(self) -> str:
        """'3. kvt. 2024' for a quarterly target, 'Året 2024' for an annual one."""
        return period_label(self.year, self.quarter)

    @property
    def is_range(self) -> bool:
        return self.value_min != self.value_max


class MeasurementQuerySet(models.QuerySet):
    def approved(self):
        """The figures committee members and the public may see: every figure that has been approved, with
        its published value (a correction of it waits for approval while the approved value stays)."""
        return self.filter(published_value__isnull=False)

    def in_quarter(self, quarter: Quarter):
        return self.filter(year=quarter.year, quarter=quarter.quarter)

    def with_value_text(self):
        """Each figure's value as text too, as value_text, for Decimal(value_text): equal to the value, maybe
        with fewer decimals. Django reads a decimal from SQLite's stored float, rounded to 15 digits and to
        the field's decimals, one value at a time, which took longer than the query for 100 000 figures."""
        return self.annotate(value_text=Cast("value", models.TextField()))


class Measurement(InQuarter):
    """The actual figure of an indicator for one quarter, with its workflow state."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        SUBMITTED = "submitted", _("Indsendt")
        APPROVED = "approved", _("Godkendt")
        RETURNED = "returned", _("Sendt retur")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    value = models.DecimalField(_("værdi"), max_digits=14, decimal_places=4)
    commentary = models.TextField(_("kommentar"), blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.DRAFT)
    review_note = models.TextField(_("bemærkning ved retur"), blank=True)
    source = models.CharField(
        _("kilde"), max_length=200, blank=True, help_text=_("Dokumentet eller systemet, tallet stammer fra.")
    )
    # Set by the demo loader only: an invented figure, shown as "Demodata" wherever it is shown.
    is_demo = models.BooleanField(_("demodata"), default=False, db_default=False, editable=False)
    # What the figure is (indicators.basis): official, preliminary internal or the municipality's own.
    basis = models.CharField(
        _("opgørelse"),
        max_length=12,
        choices=Basis.choices,
        default=Basis.OWN,
        db_default=Basis.OWN,
        help_text=_(
            "Officielt tal (fra Jobindsats), foreløbigt internt tal (kommunens egen opgørelse, før det "
            "officielle tal er udgivet) eller kommunens eget tal."
        ),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indtastet af"),
    )
    # The value and commentary last approved: what the committee sees. A correction of an approved figure
    # changes value and state but not these, until the correction is approved in its turn.
    published_value = models.DecimalField(
        _("godkendt værdi"), max_digits=14, decimal_places=4, null=True, blank=True, editable=False
    )
    published_commentary = models.TextField(
        _("godkendt kommentar"), blank=True, editable=False, db_default=""
    )
    published_basis = models.CharField(
        _("godkendt opgørelse"),
        max_length=12,
        choices=Basis.choices,
        blank=True,
        editable=False,
        default="",
        db_default="",
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    # Raised on every save; a save carrying an older version was based on stale data.
    version = models.PositiveIntegerField(default=1)

    objects = MeasurementQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta(InQuarter.Meta):
        verbose_name = _("faktisk tal")
        verbose_name_plural = _("faktiske tal")
        ordering = ["indicator", "year", "quarter"]
        permissions = [
            ("approve_measurement", _("Kan godkende faktiske tal og sende dem retur")),
            ("enter_all_focus_areas", _("Kan indberette tal for alle fokusområder")),
        ]
        constraints = [
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                name="one_actual_per_indicator_and_quarter",
                violation_error_message=_("Der findes allerede et faktisk tal for indikatoren i kvartalet."),
            ),
        ]
        indexes = [models.Index(fields=["year", "quarter", "state"])]

    def __str__(self):
        return f"{self.indicator.code} {self.period}"

    def save(self, *args, **kwargs):
        if self.state == self.State.APPROVED:
            self.publish()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {
                    *kwargs["update_fields"],
                    "published_value",
                    "published_commentary",
                    "published_basis",
                }
        super().save(*args, **kwargs)

    def publish(self) -> None:
        """The approved value becomes the one the committee sees."""
        self.published_value, self.published_commentary = self.value, self.commentary
        self.published_basis = self.basis

    @property
    def is_pending_revision(self) -> bool:
        """A correction of an approved figure that is not approved yet: the committee sees published_value."""
        return self.published_value is not None and self.state != self.State.APPROVED


class QuarterLock(InQuarter):
    """A strategy's quarter closed for changes after the committee has seen its figures."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="quarter_locks", verbose_name=_("strategi")
    )
    is_locked = models.BooleanField(_("låst"), default=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("låst af"),
    )
    locked_at = models.DateTimeField(_("låst"), null=True, blank=True)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("låst op af"),
    )
    unlocked_at = models.DateTimeField(_("låst op"), null=True, blank=True)
    unlock_reason = models.TextField(_("begrundelse for oplåsning"), blank=True)
    # Set when an administrator locked the quarter although figures were missing, returned or unapproved.
    incomplete_reason = models.TextField(_("begrundelse for at låse et ufuldstændigt kvartal"), blank=True)

    # Each lock and unlock is a history entry; unlocks carry their reason.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta(InQuarter.Meta):
        verbose_name = _("kvartalslås")
        verbose_name_plural = _("kvartalslåse")
        ordering = ["strategy", "-year", "-quarter"]
        permissions = [("lock_quarter", _("Kan låse kvartaler og låse dem op"))]
        constraints = [
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(fields=["strategy", "year", "quarter"], name="one_lock_per_quarter"),
        ]

    def __str__(self):
        return f"{self.strategy.title}: {self.period}"


class ReportingDeadline(InQuarter):
    """When a strategy's figures for a quarter are due, where the administrator moved the default."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="reporting_deadlines", verbose_name=_("strategi")
    )
    due = models.DateField(_("frist"))

    history = HistoricalRecords()

    class Meta(InQuarter.Meta):
        verbose_name = _("indberetningsfrist")
        verbose_name_plural = _("indberetningsfrister")
        ordering = ["strategy", "-year", "-quarter"]
        constraints = [
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(
                fields=["strategy", "year", "quarter"],
                name="one_deadline_per_quarter",
                violation_error_message=_("Kvartalet har allerede en frist."),
            ),
        ]

    def __str__(self):
        return f"{self.strategy.title}: {self.period.label()}"


class ReminderSent(InQuarter):
    """One reminder of one kind to one person for one quarter: send_reminders sends it only once."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Før fristen")
        OVERDUE = "overdue", _("Efter fristen")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("slags"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta(InQuarter.Meta):
        verbose_name = _("sendt påmindelse")
        verbose_name_plural = _("sendte påmindelser")
        constraints = [
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(
                fields=["user", "strategy", "year", "quarter", "kind"], name="one_reminder_per_kind"
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.period.label()} {self.get_kind_display()}"
