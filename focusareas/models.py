"""The strategy and its structure: municipality, strategy, principles and focus areas."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnavn"), unique=True)
    code = models.PositiveSmallIntegerField(_("kommunekode"), unique=True, null=True, blank=True)
    # The municipality in the national statistics, and the municipalities it compares itself with.
    area = models.OneToOneField(
        "measures.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område i statistikken"),
    )
    peers = models.ManyToManyField(
        "measures.Area",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
        verbose_name=_("sammenligningsgruppe"),
        help_text=_("Kommuner, som tallene sammenlignes med, fx nabokommuner eller lignende kommuner."),
    )

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """A municipality with a kommunekode is, unless chosen otherwise, that area in the statistics."""
        if self.area_id is None and self.code is not None:
            from measures.models import Area

            self.area = Area.objects.filter(code=str(self.code)).first()
        super().save(*args, **kwargs)


class StrategyQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=Strategy.Status.IN_FORCE)

    def of_portal(self):
        """The strategies of the municipality the portal serves: another municipality's plan (a policy kept
        for reference) is neither listed nor offered."""
        return self.filter(municipality__slug=settings.PORTAL_MUNICIPALITY)

    def in_force_for(self, municipality_slug: str):
        """The strategy in force for a municipality, or None."""
        return self.in_force().filter(municipality__slug=municipality_slug).first()


class Strategy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Udkast")
        IN_FORCE = "in_force", _("Gældende")
        REPLACED = "replaced", _("Erstattet")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="strategies", verbose_name=_("kommune")
    )
    title = models.CharField(_("titel"), max_length=200)
    case_number = models.CharField(_("sagsnummer"), max_length=50, blank=True)

    class Precision(models.TextChoices):
        DAY = "day", _("dag")
        MONTH = "month", _("måned")

    adopted = models.DateField(_("vedtaget"), null=True, blank=True)
    adopted_precision = models.CharField(
        _("vedtagelsesdatoens nøjagtighed"), max_length=5, choices=Precision.choices,
        default=Precision.DAY, db_default=Precision.DAY,
        help_text=_("Måned: kilden nævner kun måneden (fx \"Vedtaget november 2020\"); datoen er den 1."),
    )  # fmt: skip
    revised = models.DateField(_("revideret"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    text = models.TextField(_("tekst"), blank=True)
    source = models.CharField(
        _("kilde"), max_length=200, blank=True, help_text=_("Hvor teksten kommer fra, fx et bilag.")
    )

    objects = StrategyQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")
        ordering = ["municipality", "-adopted"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(status="in_force"),
                name="one_strategy_in_force_per_municipality",
                violation_error_message=_("Kommunen har allerede en gældende strategi."),
            ),
            models.CheckConstraint(
                condition=Q(revised__isnull=True)
                | Q(adopted__isnull=True)
                | Q(revised__gte=models.F("adopted")),
                name="strategy_revised_after_adopted",
                violation_error_message=_("En strategi kan ikke være revideret før den blev vedtaget."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.municipality})"

    @property
    def adopted_label(self) -> str:
        """The adoption date as precisely as the source gives it: "november 2020" or "15. november 2022"."""
        if self.adopted is None:
            return ""
        return date_format(
            self.adopted, "F Y" if self.adopted_precision == self.Precision.MONTH else "j. F Y"
        )


class Principle(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="principles")
    order = models.PositiveSmallIntegerField(_("rækkefølge"))
    text = models.TextField(_("tekst"))

    class Meta:
        verbose_name = _("princip")
        verbose_name_plural = _("principper")
        ordering = ["strategy", "order"]
        constraints = [models.UniqueConstraint(fields=["strategy", "order"], name="unique_principle_order")]

    def __str__(self):
        return self.text[:80]


class FocusArea(models.Model):
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="focus_areas", verbose_name=_("strategi")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("kortnavn"), max_length=100)
    goals = models.TextField(_("mål og retning"), blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_focus_areas",
        verbose_name=_("afdelingsledere"),
        help_text=_("Afdelingsledere, der indberetter tal for fokusområdets indikatorer."),
    )

    class Meta:
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområder")
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="unique_focus_area_number"),
            models.UniqueConstraint(fields=["strategy", "slug"], name="unique_focus_area_slug"),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Indicators keep their strategy beside their focus area: the database keeps codes unique by it.
        self.indicators.exclude(strategy=self.strategy_id).update(strategy=self.strategy_id)
