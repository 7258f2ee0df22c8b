"""The official statistics pages: the ministry's benchmark and one indicator across the 98 municipalities."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from core import formats
from indicators.models import Direction, Indicator
from measures import benchmark as bm
from measures.comparison import comparable, comparison_for, is_ranked

from . import benchmark_words as words
from .statistics_charts import OWN_MARK, PEER_MARK, benchmark_chart, comparison_chart
from .statistics_tables import comparison_table
from .views import portal_page


def _source(table: str, releases: list[str]) -> str:
    """'Kilde: Jobindsats, tabel y30r21, udgivelse 2024-09.'"""
    text = _("Kilde: Jobindsats, tabel %(table)s") % {"table": table}
    if releases:
        text += ", " + _("udgivelse %(release)s") % {"release": ", ".join(releases)}
    return text + "."


def _benchmark_rows(data: bm.Benchmark) -> list[dict]:
    of = data.municipalities
    return [
        {
            "label": group.label,
            "rank_then": words.rank_text(group.rank_then, of),
            "rank_now": words.rank_text(group.rank_now, of),
            "rank_change": words.rank_change_text(group.rank_then, group.rank_now),
            "actual": formats.number(group.actual),
            "expected": formats.number(group.expected),
            "difference": formats.number(group.difference, sign=True),
            "difference_words": words.difference_text(group.difference),
            "source": formats.published_source(group.sources),
            # Which cells a loader made up (marked *), and where the others come from.
            "synthetic": group.synthetic,
            "real_source": formats.published_source(group.real_sources),
            "synthetic_words": _synthetic_words(group.synthetic),
        }
        for group in data.groups
    ]


def _synthetic_words(names: set[str]) -> str:
    """'Syntetiske demotal: faktisk antal, forventet antal.' for the cells of a row a loader made up."""
    labels = {
        "rank_then": _("placering før"),
        "rank_now": _("placering nu"),
        "actual": _("faktisk antal"),
        "expected": _("forventet antal"),
        "difference": _("faktisk minus forventet"),
    }
    chosen = [str(label) for name, label in labels.items() if name in names]
    if not chosen:
        return ""
    return _("Syntetiske demotal: %(cells)s.") % {"cells": ", ".join(chosen)}


def _synthetic_ranks_note(data: bm.Benchmark) -> str:
    """Under the rank chart: the periods whose ranks a loader made up, by name."""
    periods = sorted({period for group in data.groups for period in group.synthetic_ranks})
    if not periods:
        return ""
    if len(periods) == len(data.periods):
        return _("Alle placeringer i grafen er syntetiske (opdigtede) demotal.")
    return _("Syntetiske (opdigtede) placeringer: %(periods)s. De øvrige er ministeriets.") % {
        "periods": "; ".join(period.label() for period in periods)
    }


@portal_page
def benchmark(request, strategy):
    data = bm.benchmark_for(strategy.municipality.area_id)
    context = {
        "strategy": strategy,
        "demo_figures": {},  # the banner counts the strategy's own figures, none of which are shown here
        "benchmark": data,
        "rows": _benchmark_rows(data) if data.has_values else [],
        "total_rank": words.rank_text(data.total.rank_now, data.municipalities),
        "total_difference": words.difference_text(data.total.difference),
        "chart": benchmark_chart(data) if data.has_values else None,
        "source": _source(data.table, data.releases),
        "real_sources": formats.published_source(
            sorted({source for group in data.groups for source in group.real_sources})
        ),
        "summary_synthetic": bool(data.total.synthetic & {"rank_now", "difference"}),
    }
    if context["chart"] is not None:
        context["chart"].note = _synthetic_ranks_note(data)
    return render(request, "reporting/benchmark.html", context)


@portal_page
def comparison_index(request, strategy):
    """The indicators of the strategy that can be compared with the other municipalities."""
    indicators = comparable(
        Indicator.objects.of_strategy(strategy).select_related("measure", "focus_area"),
        strategy.municipality.area_id,
    ).order_by("focus_area__number", "order", "code")
    listed = [(indicator, is_ranked(indicator.measure)) for indicator in indicators]
    context = {"strategy": strategy, "demo_figures": {}, "indicators": listed}
    return render(request, "reporting/comparison_index.html", context)


@portal_page
def comparison(request, strategy, code: str):
    indicator = (
        Indicator.objects.of_strategy(strategy)
        .filter(code__iexact=code)
        .select_related("measure", "focus_area")
        .first()
    )
    if indicator is None:
        raise Http404(_("Indikatoren findes ikke i den gældende strategi."))
    municipality = strategy.municipality
    context = {
        "strategy": strategy,
        "demo_figures": {},
        "indicator": indicator,
        "own_mark": OWN_MARK,
        "peer_mark": PEER_MARK,
        "comparison": None,
    }
    if indicator.measure is not None:
        data = comparison_for(
            indicator.measure,
            own_area_id=municipality.area_id,
            peer_ids=set(municipality.peers.values_list("pk", flat=True)),
            higher_is_better=indicator.direction == Direction.HIGHER_IS_BETTER,
        )
        if data.has_values:
            measure = indicator.measure
            caption = _("%(name)s, %(period)s: alle kommuner") % {
                "name": measure.name,
                "period": data.period_label,
            }
            context |= {
                "comparison": data,
                "table": comparison_table(
                    data, request=request, caption=caption, value_name=measure.get_unit_display().capitalize()
                ),
                "own_rank": data.own.rank if data.own else None,
                "own_source": formats.published_source(data.own.sources) if data.own else "",
                "source": _source(measure.table, data.releases) if measure.table else "",
            }
            if data.is_ranked:  # bars in order of size would rank a head-count after all
                context["chart"] = comparison_chart(data, title=caption)
    return render(request, "reporting/comparison.html", context)
