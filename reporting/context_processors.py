"""What every portal page says about its figures: whether (and how many of) the approved figures are demo."""

from django.db.models import Count, Q
from django.utils.functional import SimpleLazyObject

from indicators.models import Measurement


def _demo_share() -> dict:
    counts = Measurement.objects.approved().aggregate(
        demo=Count("pk", filter=Q(is_demo=True)), total=Count("pk")
    )
    return counts if counts["demo"] else {}


def demo_data(request):
    """`demo_figures` is {} without demo figures, else {'demo': 371, 'total': 394}: one query, only on
    pages that read it and do not bring their own count from the figures they show (the dashboards do)."""
    return {"demo_figures": SimpleLazyObject(_demo_share)}
