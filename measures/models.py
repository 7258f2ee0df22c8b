"""What is measured, apart from how a strategy uses it: measures, areas (the 98 municipalities, the regions
and Hele landet), the Jobindsats tables the portal reads and their dimensions, and the official values of a
measure per area, period and breakdown, as Jobindsats publishes them."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.periods import FIRST_YEAR, LAST_YEAR

from .periods import Kind, Period


class Unit(models.TextChoices):
    FULL_TIME_PERSONS = "fuldtidspersoner", _("fuldtidspersoner")
    COUNT = "antal", _("antal")
    PERCENT = "pct", _("pct.")
    WEEKS = "uger", _("uger")
    RANK = "placering", _("placering")
    KRONER = "kr", _("kr.")


# The ministry's benchmark ranks the 98 municipalities.
RANK_FIRST, RANK_LAST = 1, 98
# A value (an actual, a target, an official value) has 14 digits of which 4 are decimals.
LARGEST = Decimal("9999999999.9999")
NOT_NEGATIVE = {Unit.FULL_TIME_PERSONS, Unit.COUNT, Unit.WEEKS, Unit.KRONER}


class MeasureType(models.TextChoices):
    LEVEL = "level", _("Niveau (sammenlignes kvartal for kvartal)")
    FLOW = "flow", _("Forløb (summeres år til dato)")


class AreaManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Area(models.Model):
    """A municipality (its kommunekode), a region or the whole country, named as Jobindsats names it."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("kommune")
        REGION = "region", _("region")
        COUNTRY = "country", _("hele landet")

    code = models.CharField(_("kode"), max_length=10, unique=True, help_text=_("Kommunekoden, fx 151."))
    name = models.CharField(_("navn"), max_length=100, unique=True)
    kind = models.CharField(_("slags"), max_length=12, choices=Kind.choices)
    region = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities",
        limit_choices_to={"kind": "region"},
        verbose_name=_("region"),
    )

    # Made by migration in every database; a backup refers to an area by its code.
    objects = AreaManager()

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områder")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class Dimension(models.Model):
    """A way a table breaks its figures down (Køn, Alder, Herkomst, Status før sygedagpenge), with its total
    member ("Køn i alt"): the row holding the whole."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    total = models.CharField(
        _("samlet medlem"), max_length=200, blank=True, help_text=_("Medlemmet med det hele, fx 'Køn i alt'.")
    )

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensioner")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Member(models.Model):
    """One value of a dimension as Jobindsats writes it (Kvinder, 16-29 år); added when an answer holds one
    the portal has not seen."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="members", verbose_name=_("dimension")
    )
    label = models.CharField(_("navn"), max_length=200)
    position = models.PositiveIntegerField(_("rækkefølge"), default=0, help_text=_("Som i Jobindsats' svar."))

    class Meta:
        verbose_name = _("medlem")
        verbose_name_plural = _("medlemmer")
        ordering = ["dimension", "position", "label"]
        constraints = [models.UniqueConstraint(fields=["dimension", "label"], name="one_member_per_label")]

    def __str__(self):
        return f"{self.dimension.name}: {self.label}"


class Breakdown(models.Model):
    """A part of a measure's figure: one member of each of one or more dimensions (Køn: Kvinder; Køn: Kvinder
    and Alder: 16-29 år). The whole (every dimension at its total) is no breakdown: its values have none."""

    # The members as `Dimension=member`, sorted by dimension and joined by '|': found without a join.
    key = models.CharField(_("nøgle"), max_length=500, unique=True)
    # The dimensions' names sorted and joined by '|' (Alder|Køn): the breakdowns a page shows together.
    dimensions = models.CharField(_("dimensioner"), max_length=300, db_index=True)
    members = models.ManyToManyField(Member, related_name="breakdowns", verbose_name=_("medlemmer"))

    class Meta:
        verbose_name = _("opdeling")
        verbose_name_plural = _("opdelinger")
        ordering = ["dimensions", "key"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """Køn: Kvinder, Alder: 16-29 år."""
        return ", ".join(part.replace("=", ": ", 1) for part in self.key.split(KEY_SEPARATOR))


KEY_SEPARATOR = "|"


def breakdown_key(members: dict[str, str]) -> str:
    """The key of the breakdown by these members ({dimension: member}, totals left out); "" for the whole."""
    return KEY_SEPARATOR.join(f"{dimension}={member}" for dimension, member in sorted(members.items()))


class Table(models.Model):
    """A Jobindsats table the portal reads, as the catalogue (fixtures/tables.csv) describes it: adding a
    table is a catalogue row. The measures it feeds name it in their `table`."""

    class Frequency(models.TextChoices):
        MONTH = Kind.MONTH, _("måned")
        QUARTER = Kind.QUARTER, _("kvartal")
        YEAR = Kind.YEAR, _("år")
        MOVING_YEAR = Kind.MOVING_YEAR, _("løbende år")

    code = models.CharField(_("tabel"), max_length=20, unique=True, help_text=_("Fx y07a02."))
    name = models.CharField(_("navn"), max_length=250)
    frequency = models.CharField(_("hyppighed"), max_length=4, choices=Frequency.choices)
    value_columns = models.JSONField(_("værdikolonner"), default=list, blank=True)
    dimensions = models.ManyToManyField(
        Dimension, blank=True, related_name="tables", verbose_name=_("dimensioner")
    )
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("Jobindsats-tabel")
        verbose_name_plural = _("Jobindsats-tabeller")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Measure(models.Model):
    """What is measured: independent of any strategy; strategies use it through their indicators."""

    class Origin(models.TextChoices):
        JOBINDSATS = "jobindsats", _("Jobindsats")
        OWN = "own", _("Kommunens egne opgørelser")

    code = models.CharField(
        _("kode"), max_length=40, unique=True, help_text=_("Stabil kode, fx Y30R21-FAKTISK-I-ALT.")
    )
    name = models.CharField(_("navn"), max_length=250)
    unit = models.CharField(_("enhed"), max_length=20, choices=Unit.choices)
    decimals = models.PositiveSmallIntegerField(_("decimaler"), default=0)
    measure_type = models.CharField(
        _("måletype"), max_length=10, choices=MeasureType.choices, default=MeasureType.LEVEL
    )
    definition = models.TextField(_("definition"), blank=True)
    origin = models.CharField(_("kilde"), max_length=12, choices=Origin.choices, default=Origin.OWN)
    table = models.CharField(_("Jobindsats-tabel"), max_length=20, blank=True, help_text=_("Fx y30r21."))
    label = models.CharField(
        _("kolonne i Jobindsats"),
        max_length=250,
        blank=True,
        help_text=_(
            "Målingens kolonne, fx 'Forventet og faktisk antal fuldtidspersoner på offentlig "
            "forsørgelse: Faktisk antal'."
        ),
    )
    filters = models.JSONField(
        _("gruppefiltre"),
        default=dict,
        blank=True,
        help_text=_('Fx {"Ydelsesgrupper": "A-dagpenge mv."}.'),
    )
    # The ministry's benchmark of this measure (its expected value) and its rank among the 98, if any.
    expected = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forventet (benchmark)"),
    )
    rank = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placering blandt de 98"),
    )
    is_estimate = models.BooleanField(
        _("skøn"),
        default=False,
        help_text=_(
            "Målingen er et skøn over det forventede tal, ikke ministeriets benchmark: som forventet tal "
            "for en anden måling hedder den 'Forventet (skøn)'."
        ),
    )
    approved_on_import = models.BooleanField(
        _("godkendt ved import"),
        default=False,
        help_text=_(
            "Kommunens egne tal fra Jobindsats godkendes ved importen i stedet for at vente på godkendelse, "
            "når en anden administrator end den, der importerer, har sat markeringen, og tallet ikke giver "
            "en advarsel om et usædvanligt tal."
        ),
    )

    shown_by = models.ManyToManyField(
        Dimension,
        blank=True,
        related_name="measures",
        verbose_name=_("vises fordelt på"),
        help_text=_("De opdelinger, målingens side viser, fx Køn og Alder."),
    )

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(decimals__lte=4), name="measure_at_most_four_decimals"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.origin == self.Origin.JOBINDSATS and not (self.table and self.label):
            raise ValidationError(_("En måling fra Jobindsats skal have tabel og kolonne."))


class OfficialValueQuerySet(models.QuerySet):
    def wholes(self):
        """The values of the measures' wholes, not of their breakdowns."""
        return self.filter(breakdown__isnull=True)

    def published(self):
        """The values the source published; a suppressed cell ('..', 'x') is held as not published."""
        return self.filter(value__isnull=False)


class OfficialValue(models.Model):
    """The value of a measure for one area and period, and for a breakdown of it or (none) the whole, as the
    source published it (release). A value the source suppressed to protect individuals is held without a
    number: not published, never 0."""

    # No index of its own on measure or breakdown: the constraints and indexes below begin with them, and each
    # index more is written for every value of a million-row import. No foreign key constraint in the
    # database either: PostgreSQL checks each one for each value at the commit (22 s of a two-million-value
    # import); the values are written by the ORM or by the import from ids it has just read, and CASCADE and
    # PROTECT are the ORM's (a measure deleted takes its values, a used area or breakdown is kept).
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        related_name="values",
        verbose_name=_("måling"),
        db_index=False,
        db_constraint=False,
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="values", verbose_name=_("område"), db_constraint=False
    )
    year = models.PositiveSmallIntegerField(_("år"))
    kind = models.CharField(_("periodetype"), max_length=4, choices=Kind.CHOICES)
    number = models.PositiveSmallIntegerField(
        _("nummer"), help_text=_("Måned 1-12, kvartal 1-4, 0 for et år.")
    )
    breakdown = models.ForeignKey(
        Breakdown,
        on_delete=models.PROTECT,
        db_index=False,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("opdeling"),
        help_text=_("Tom for målingens hele tal."),
    )
    # None: the source did not publish it ('..', 'x'); never 0.
    value = models.DecimalField(_("værdi"), max_digits=14, decimal_places=4, null=True)
    release = models.CharField(_("udgivelse"), max_length=60, blank=True)
    source = models.CharField(
        _("kilde"), max_length=200, blank=True, help_text=_("Dokumentet eller systemet, tallet stammer fra.")
    )
    # Set by the loaders of made-up values (the demo, the recorded Jobindsats answers): not the source's own.
    is_synthetic = models.BooleanField(_("syntetisk"), default=False, db_default=False, editable=False)

    # A value's history is looked up by its id; indexes on what it was a value of are not kept up.
    history = HistoricalRecords(
        history_change_reason_field=models.TextField(null=True),
        no_db_index=["measure", "area", "breakdown"],
        user_db_constraint=False,
    )
    objects = OfficialValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("officielt tal")
        verbose_name_plural = _("officielle tal")
        ordering = ["measure", "area", "year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "area", "year", "kind", "number"],
                condition=Q(breakdown__isnull=True),
                name="one_official_value_per_period",
            ),
            models.UniqueConstraint(
                fields=["measure", "area", "year", "kind", "number", "breakdown"],
                condition=Q(breakdown__isnull=False),
                name="one_official_value_per_period_and_breakdown",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="official_value_year_in_range",
                violation_error_message=_("Året skal være mellem %(first)s og %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
            ),
        ]
        indexes = [
            models.Index(fields=["measure", "kind", "year", "number"]),
            models.Index(fields=["breakdown", "measure", "area", "kind", "year"]),
        ]

    def __str__(self):
        part = f" {self.breakdown}" if self.breakdown_id else ""
        return f"{self.measure.code} {self.area} {self.period}{part}"

    @property
    def is_published(self) -> bool:
        return self.value is not None

    @property
    def period(self) -> Period:
        return Period(self.year, self.kind, self.number)


class JobindsatsFetch(models.Model):
    """A fetch of a Jobindsats table (or an uploaded answer) started by an administrator, and what came of it:
    checked in the background (a dry run, per measure), imported on the administrator's confirmation. Kept,
    so the catalogue can say when a table was last fetched and by whom."""

    class State(models.TextChoices):
        QUEUED = "queued", _("i kø")
        RUNNING = "running", _("i gang")
        CHECKED = "checked", _("kontrolleret, venter på godkendelse")
        IMPORTING = "importing", _("importeres")
        DONE = "done", _("importeret")
        FAILED = "failed", _("mislykkedes")

    table = models.CharField(_("tabel"), max_length=20)
    periods = models.JSONField(_("perioder"), default=list, blank=True)
    filename = models.CharField(_("fil"), max_length=200, blank=True, help_text=_("Et uploadet svar."))
    answer = models.BinaryField(_("svar"), null=True, editable=False)
    release = models.CharField(_("udgivelse"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("hentet af")
    )
    created_at = models.DateTimeField(_("startet"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importeret af"),
    )
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    state = models.CharField(_("tilstand"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    step = models.CharField(_("trin"), max_length=200, blank=True)
    # Per measure: {code: {"new", "revised", "unchanged", "locked", "not_published"}}, of the dry run and
    # then of the import.
    counts = models.JSONField(_("optælling"), default=dict, blank=True)
    # The totals, the problems, the revisions and the locked differences, as the import reported them.
    result = models.JSONField(_("resultat"), default=dict, blank=True)

    class Meta:
        verbose_name = _("hentning fra Jobindsats")
        verbose_name_plural = _("hentninger fra Jobindsats")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["table", "-created_at"], name="jobindsats_fetch_latest")]

    def __str__(self):
        return f"{self.table} {self.created_at:%Y-%m-%d %H:%M}" if self.created_at else self.table

    @property
    def working(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING, self.State.IMPORTING)
