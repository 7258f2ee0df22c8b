"""Reactions to the data-entry side: freeze the committee report when a quarter is locked."""

from django.dispatch import receiver

from core.signals import quarter_locked, quarter_unlocked

from .report import report_freeze, report_thaw


@receiver(quarter_locked, dispatch_uid="reporting_freeze_report")
def freeze_report(sender, *, strategy, quarter, user=None, incomplete_reason="", **kwargs):
    report_freeze(strategy=strategy, quarter=quarter, user=user, incomplete_reason=incomplete_reason)


@receiver(quarter_unlocked, dispatch_uid="reporting_thaw_report")
def thaw_report(sender, *, strategy, quarter, **kwargs):
    report_thaw(strategy=strategy, quarter=quarter)
