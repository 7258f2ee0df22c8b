"""The generation of the figures: raised on every change, so every cached page of an older one is stale."""

from django.db import models


class FiguresGeneration(models.Model):
    # One row. Kept in the database, not the cache, so that every server process sees a change at once.
    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "generation of the figures"

    def __str__(self):
        return str(self.number)
