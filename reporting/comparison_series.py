"""Comparison series read from the official values: Hele landet, the region, the peer group and the expected
value (the ministry's benchmark or an estimate), per indicator and quarter, in one query."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_noop

from core.periods import FIRST_YEAR, LAST_YEAR, Quarter
from focusareas.models import Municipality
from measures.comparison import is_comparable
from measures.models import Area, OfficialValue
from measures.own import expected_label
from measures.periods import Kind
from measures.quarters import quarter_values

# Series labels the portal names itself (translated where shown); areas carry their own names.
PEER_GROUP = gettext_noop("Sammenligningsgruppe")
NATIONAL, REGION, PEER, OWN = "national", "region", "peer", "own"


def _official_rows(
    measures, areas, municipality_id: int, first_year: int, last_year: int
) -> list[tuple[int, int, str, str, int, int, str, int, Decimal]]:
    """(measure, area, area name, area kind, number of peers, year, kind, number, value): the official values
    of the measures for Hele landet, the given areas and the municipality's peers, from the first to the last
    year, in the unique constraint's order; the kinds a quarter is read from."""
    peers = Municipality.peers.through.objects.filter(municipality_id=municipality_id)
    peer_count = peers.order_by().values("municipality_id").annotate(count=Count("pk")).values("count")
    # The areas as one list of ids, so that PostgreSQL reads each area's wholes from the index of wholes by
    # measure and area, not every value of the measure (its breakdowns are most of them).
    shown = Area.objects.filter(
        Q(kind=Area.Kind.COUNTRY) | Q(pk__in=areas) | Q(pk__in=peers.values("area_id"))
    ).values("pk")
    return list(
        OfficialValue.objects.wholes()
        .published()
        .filter(
            area_id__in=shown,
            measure_id__in=measures,
            kind__in=[Kind.MONTH, Kind.QUARTER, Kind.MOVING_YEAR],
            year__range=(first_year, last_year),
        )
        .annotate(peers=Coalesce(Subquery(peer_count), 0))
        .order_by("measure_id", "area_id", "year", "kind", "number")
        .values_list(
            "measure_id", "area_id", "area__name", "area__kind", "peers", "year", "kind", "number", "value"
        )
    )


def comparisons(
    indicators,
    municipality: Municipality,
    first_quarter: Quarter | None = None,
    last_quarter: Quarter | None = None,
) -> dict[int, dict[str, dict[Quarter, Decimal]]]:
    """{indicator pk: {series label: {quarter: value}}} for indicators loaded with their measure and their
    expected measure's type and kind (Indicator.objects.with_expected()), and the municipality with its
    area: one query, whatever their number.

    Hele landet, the region and "Sammenligningsgruppe" (the mean of the peer group, only in a quarter where
    every peer has a value) only for units comparable across municipalities of different size; the
    expected measure for the municipality's own area."""
    measures = {i.measure_id for i in indicators} | {i.measure.expected_id for i in indicators} - {None}
    if not measures:
        return {}
    roles = {}  # area -> role, for the municipality's own area and its region; Hele landet and peers by kind
    if (own := municipality.area) is not None:
        roles = {area: role for area, role in ((own.region_id, REGION), (own.pk, OWN)) if area is not None}
    grouped = defaultdict(lambda: defaultdict(list))  # measure -> (role, area) -> rows
    names, peer_total = {}, 0
    for measure_id, area_id, area_name, area_kind, peers, year, kind, number, value in _official_rows(
        measures,
        list(roles),
        municipality.pk,
        FIRST_YEAR if first_quarter is None else first_quarter.year,
        LAST_YEAR if last_quarter is None else last_quarter.year,
    ):
        role = NATIONAL if area_kind == Area.Kind.COUNTRY else roles.get(area_id, PEER)
        grouped[measure_id][role, area_id].append((year, kind, number, value))
        names[role], peer_total = area_name, peers

    # The window as (year, quarter) pairs: plain tuples compare faster than Quarters, in the same order.
    first = (0, 0) if first_quarter is None else (first_quarter.year, first_quarter.quarter)
    last = (9999, 9) if last_quarter is None else (last_quarter.year, last_quarter.quarter)

    def shown(values: dict[Quarter, Decimal]) -> dict[Quarter, Decimal]:
        keyed = sorted(((q.year, q.quarter), q, v) for q, v in values.items())
        return {q: v for key, q, v in keyed if first <= key <= last}

    def of_role(measure_id: int, measure_type: str, role: str) -> list[dict[Quarter, Decimal]]:
        return [
            quarter_values(rows_of, measure_type)
            for (kind, _area), rows_of in grouped.get(measure_id, {}).items()
            if kind == role
        ]

    result = {}
    for indicator in indicators:
        measure, series = indicator.measure, {}
        if is_comparable(measure.unit):  # counts and ranks get no country, region or peer series
            for role in (NATIONAL, REGION):
                for values in of_role(measure.pk, measure.measure_type, role):
                    series[names[role]] = shown(values)
            peer_values = of_role(measure.pk, measure.measure_type, PEER)
            if peer_values and len(peer_values) == peer_total:
                common = set.intersection(*(set(values) for values in peer_values))
                series[PEER_GROUP] = shown(
                    {q: sum((values[q] for values in peer_values), Decimal(0)) / peer_total for q in common}
                )
        if measure.expected_id is not None:
            for values in of_role(measure.expected_id, indicator.expected_type, OWN):
                series[expected_label(indicator.expected_is_estimate)] = shown(values)
        result[indicator.pk] = {name: values for name, values in series.items() if values}
    return result
