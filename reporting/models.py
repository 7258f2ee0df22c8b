"""The frozen committee report: what the committee was shown for a quarter once the quarter was locked."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from focusareas.models import Strategy
from indicators.models import InQuarter
from indicators.periods import Quarter


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

    objects = ReportSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("låst rapport")
        verbose_name_plural = _("låste rapporter")
        ordering = ["strategy", "-year", "-quarter", "-locked_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="report_snapshot_quarter_1_to_4"
            ),
            models.UniqueConstraint(
                fields=["strategy", "year", "quarter"],
                condition=Q(unlocked_at__isnull=True),
                name="one_locked_report_per_quarter",
            ),
        ]

    def __str__(self):
        return f"{self.strategy} {self.period}"
