"""The ministry's benchmark in the committee's case, as the minutes of 8 October 2024 carry it: the total rank
among the 98 municipalities, each ydelsesgruppe's rank then and now with its difference from the expected
("A-dagpenge mv.: fra 22. til 10. plads; 60 færre end forventet"), and the key figures against the rest of the
country, drawn from the official values.

case_benchmark() makes the JSON-ready data the report stores (and freezes with a locked quarter);
benchmark_text() says it in the reader's language and falling_ranks() gives the attention points
("Sygedagpenge mv.: 8 pladser tilbage"). Plain functions: the views and the PDF only render what they return.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import formats
from core.periods import Quarter
from measures.benchmark import GROUPS, benchmark_for, is_difference
from measures.models import Area, OfficialValue, Unit
from measures.periods import Kind, Period
from measures.quarters import quarter_values

from . import benchmark_words as words

# The minutes' order: the total, then dagpenge, kontanthjælp mv., sygedagpenge.
CASE_ORDER = ("ADAGPENGE", "KONTANTHJAELP", "SYGEDAGPENGE")


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def case_benchmark(figures, quarter: Quarter) -> dict | None:
    """The benchmark of the moving year that ends with the quarter (or the latest before it) and the key
    figures against Hele landet, for the report; None when the municipality has neither. Four queries."""
    strategy = figures.strategy
    area_id = strategy.municipality.area_id
    if area_id is None:
        return None
    data = benchmark_for(area_id, until=Period(quarter.year, Kind.MOVING_YEAR, quarter.quarter))
    groups = []
    if data.has_values:
        for group in data.groups:
            groups.append(
                {
                    "key": group.key,
                    "rank_then": group.rank_then,
                    "rank_now": group.rank_now,
                    "difference": _text(group.difference),
                    "synthetic": sorted(group.synthetic),
                    "sources": [list(pair) for pair in group.real_sources],
                }
            )
    country = _country_lines(figures, quarter, area_id)
    synthetic_series = _synthetic_series(figures, quarter, area_id)
    if not groups and not country and not synthetic_series:
        return None
    return {
        "period": str(data.period) if data.period else None,
        "previous": str(data.previous) if data.previous else None,
        "municipalities": data.municipalities,
        "municipality": strategy.municipality.name,
        "groups": groups,
        "country": country,
        # {indicator code: [series]}: the comparison columns of the quarter whose value a loader made up.
        "synthetic_series": synthetic_series,
    }


def _quarter_periods(quarter: Quarter) -> Q:
    """The periods a quarter's value is made of: its months, the quarter, the moving year ending with it."""
    months = [(quarter.quarter - 1) * 3 + m for m in (1, 2, 3)]
    return Q(year=quarter.year, kind=Kind.MONTH, number__in=months) | Q(
        year=quarter.year, kind__in=[Kind.QUARTER, Kind.MOVING_YEAR], number=quarter.quarter
    )


def _synthetic_series(figures, quarter: Quarter, area_id: int) -> dict[str, list[str]]:
    """The comparison columns of the quarter ("Hele landet", "Forventet (benchmark)", …) whose official values
    a loader made up, by indicator code (one query): the case marks them as it marks a made-up actual."""
    shown = {
        item.indicator: [name for name, values in item.comparisons.items() if values.get(quarter) is not None]
        for item in figures.indicators
    }
    shown = {indicator: names for indicator, names in shown.items() if names}
    if not shown:
        return {}
    measures = {i.measure_id for i in shown} | {i.measure.expected_id for i in shown} - {None}
    made_up: set[tuple[int, str]] = set()  # (measure, "own" | "country" | "other")
    for measure_id, row_area, kind in (
        OfficialValue.objects.wholes()
        .published()
        .filter(_quarter_periods(quarter), measure_id__in=measures, is_synthetic=True)
        .values_list("measure_id", "area_id", "area__kind")
    ):
        where = "own" if row_area == area_id else "country" if kind == Area.Kind.COUNTRY else "other"
        made_up.add((measure_id, where))
    result = {}
    for indicator, names in shown.items():
        marked = []
        for name in names:
            if name.startswith("Forventet"):
                key = (indicator.measure.expected_id, "own")
            elif name == "Hele landet":
                key = (indicator.measure_id, "country")
            else:  # the region, the peer group
                key = (indicator.measure_id, "other")
            if key in made_up:
                marked.append(name)
        if marked:
            result[indicator.code] = marked
    return result


def _country_lines(figures, quarter: Quarter, area_id: int) -> list[dict]:
    """Each key figure whose measure has official values for the municipality and Hele landet: both, for the
    quarter and the same quarter a year before (one query)."""
    keys = [area.key_figure for area in figures.areas if area.key_figure is not None]
    # A rank or the benchmark's difference has no change to set beside the country's: the lines above say it.
    measures = {
        key.indicator.measure_id: key.indicator
        for key in keys
        if key.indicator.measure.unit != Unit.RANK and not is_difference(key.indicator.measure)
    }
    if not measures:
        return []
    before = quarter + -4
    months = {q: [(q.quarter - 1) * 3 + m for m in (1, 2, 3)] for q in (before, quarter)}
    periods = Q()
    for q, numbers in months.items():
        periods |= Q(year=q.year, kind=Kind.MONTH, number__in=numbers)
        periods |= Q(year=q.year, kind__in=[Kind.QUARTER, Kind.MOVING_YEAR], number=q.quarter)
    rows = (
        OfficialValue.objects.wholes()
        .published()
        .filter(periods, measure_id__in=measures)
        .filter(Q(area_id=area_id) | Q(area__kind=Area.Kind.COUNTRY))
        .exclude(value=None)
        .values_list("measure_id", "area_id", "year", "kind", "number", "value", "is_synthetic")
    )
    grouped: dict[tuple[int, bool], list] = defaultdict(list)
    made_up: set[int] = set()
    for measure_id, row_area, year, kind, number, value, synthetic in rows:
        grouped[measure_id, row_area == area_id].append((year, kind, number, value))
        if synthetic:
            made_up.add(measure_id)
    lines = []
    for measure_id, indicator in measures.items():
        own = quarter_values(grouped.get((measure_id, True), []), indicator.measure.measure_type)
        country = quarter_values(grouped.get((measure_id, False), []), indicator.measure.measure_type)
        if not all(q in values for q in (before, quarter) for values in (own, country)):
            continue
        lines.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "unit": indicator.measure.unit,
                "decimals": indicator.measure.decimals,
                "quarter": quarter.code,
                "own_then": _text(own[before]),
                "own_now": _text(own[quarter]),
                "country_then": _text(country[before]),
                "country_now": _text(country[quarter]),
                "synthetic": measure_id in made_up,
            }
        )
    return sorted(lines, key=lambda line: line["code"])


def _label(key: str) -> str:
    return str(dict(GROUPS)[key])


def _change(then: Decimal, now: Decimal) -> Decimal | None:
    return None if not then else (now - then) / then * 100


def benchmark_text(data: dict | None) -> dict | None:
    """The benchmark in the reader's language: the period, the total sentence, a line per ydelsesgruppe as
    the minutes say it (a made-up one says so) and the sentences about the rest of the country."""
    if not data:
        return None
    of = data["municipalities"]
    groups = {group["key"]: group for group in data["groups"]}
    text: dict = {"period": "", "total": "", "groups": [], "country": []}
    if data["period"]:
        text["period"] = Period.parse(data["period"]).label()
    total = groups.get("IALT")
    if total and total["rank_now"] is not None:
        same = total["rank_then"] == total["rank_now"]
        sentence = _("%(municipality)s ligger i alt på %(rank)s%(same)s: %(difference)s.") % {
            "municipality": data["municipality"],
            "rank": words.rank_text(total["rank_now"], of),
            "same": _(", som i den forrige opgørelse") if same else "",
            "difference": words.difference_text(_decimal(total["difference"])),
        }
        text["total"] = sentence + _made_up(total)
    for key in CASE_ORDER:
        group = groups.get(key)
        if group is None or group["rank_now"] is None:
            continue
        if group["rank_then"] is None:
            moved = words.rank_text(group["rank_now"], of)
        elif group["rank_then"] == group["rank_now"]:
            moved = _("uændret på %(rank)s. plads") % {"rank": group["rank_now"]}
        else:
            moved = _("fra %(then)s. til %(now)s. plads") % {
                "then": group["rank_then"],
                "now": group["rank_now"],
            }
        difference = words.difference_text(_decimal(group["difference"]))
        text["groups"].append(f"{_label(key)}: {moved}; {difference}{_made_up(group)}")
    for line in data["country"]:
        text["country"].append(_country_sentence(line, data["municipality"]))
    return text


def _made_up(group: dict) -> str:
    """' (syntetiske demotal)' after a line whose rank or difference a loader made up; the case shows no
    counts, so made-up actual and expected counts behind a real difference do not count."""
    if set(group["synthetic"]) & {"rank_then", "rank_now", "difference"}:
        return " " + _("(syntetiske demotal)")
    return ""


def _country_sentence(line: dict, municipality: str) -> str:
    """'F3.0 Fuldtidspersoner på sygedagpenge: i Ballerup Kommune +8,0 % fra 2. kvt. 2023 til 2. kvt. 2024, i
    hele landet −2,9 %.' A share moves in procentpoint."""
    quarter = Quarter.parse(line["quarter"])
    unit, decimals = line["unit"], line["decimals"]
    own_then, own_now = _decimal(line["own_then"]), _decimal(line["own_now"])
    country_then, country_now = _decimal(line["country_then"]), _decimal(line["country_now"])
    if unit in formats.PERCENT_UNITS:
        own = formats.change(own_now - own_then, unit, decimals)
        country = formats.change(country_now - country_then, unit, decimals)
    else:
        own = _percent(_change(own_then, own_now))
        country = _percent(_change(country_then, country_now))
    sentence = _(
        "%(code)s %(name)s: i %(municipality)s %(own)s fra %(then)s til %(now)s, i hele landet %(country)s."
    ) % {
        "code": line["code"],
        "name": line["name"],
        "municipality": municipality,
        "own": own,
        "then": (quarter + -4).label(),
        "now": quarter.label(),
        "country": country,
    }
    if line["synthetic"]:
        sentence += " " + _("(Syntetiske demotal.)")
    return sentence


def _percent(value: Decimal | None) -> str:
    if value is None:
        return formats.DASH
    return f"{formats.number(value, 1, sign=True)} %"


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def falling_ranks(data: dict | None) -> list[tuple[str, str, str]]:
    """(name, where, text) of each ydelsesgruppe whose rank fell: 'Sygedagpenge mv.: 8 pladser tilbage'
    (ministeriets benchmark, the period) 'fra 12. til 20. plads.'; the total first."""
    if not data or not data["period"]:
        return []
    where = _("ministeriets benchmark, %(period)s") % {"period": Period.parse(data["period"]).label()}
    points = []
    groups = {group["key"]: group for group in data["groups"]}
    for key in ("IALT", *CASE_ORDER):
        group = groups.get(key)
        if group is None or None in (group["rank_then"], group["rank_now"]):
            continue
        fell = group["rank_now"] - group["rank_then"]
        if fell <= 0:
            continue
        moved = ngettext("%(n)s plads tilbage", "%(n)s pladser tilbage", fell) % {"n": fell}
        text = _("fra %(then)s. til %(now)s. plads.") % {"then": group["rank_then"], "now": group["rank_now"]}
        points.append((f"{_label(key)}: {moved}", where, text))
    return points
