"""The generation of the figures: raised on every change, so every cached page of an older one is stale."""

from django.db import models


class FiguresGeneration(models.Model):
    # One row. Kept in the database, not the cache, so that every server process sees a change at once.
    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "generation of the figures"

    def __str__(self):
        return str(self.number)


class StructureToken(models.Model):
    """One row: a new random token whenever a strategy's structure may have changed (any change announced by
    core.signals.figures_changed but a change of the figures alone). Each server process keeps the structure
    it read until the token changes (reporting.structure). Random, not counted: a change that is rolled back
    cannot bring back a token under which a process kept what that change wrote."""

    token = models.CharField(max_length=32, default="")

    class Meta:
        verbose_name = "token of the strategies' structure"

    def __str__(self):
        return self.token
