"""The official values of the portal's own municipality as the actuals of the indicators that use their
measures, through the figure service (indicators.services.figures_save): locks, history, audit and cache.

A quarter's value is made by the one rule of measures.quarters (the quarter as published, else its three
months, else the moving year ending with it), from the files and, where they do not hold a period, as stored.
Nothing in a locked quarter changes: the difference is listed instead. A quarter before the strategy was
adopted gets no actual (its official value is still stored). A figure is approved on import only
when its measure is marked so by another administrator than the importer and it raises no plausibility
warning; any other waits on the approval page as submitted."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from core.periods import Quarter
from core.signals import figures_changed
from focusareas.models import Municipality, Strategy
from indicators.importing import preview
from indicators.locking import locked_quarters
from indicators.models import Indicator, Measurement
from indicators.services import FigureInput, FiguresRefused, check_figures, existing_figures, figures_save
from measures.importing import ImportResult, Read, official_values_import
from measures.jobindsats.rows import Problem, Value, shown
from measures.models import Area, Measure, OfficialValue
from measures.periods import Period
from measures.quarters import PREFERENCE, quarters_made

from . import plausibility, review
from .basis import Basis


@dataclass
class ActualsResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    locked: list[str] = field(default_factory=list)
    outside: int = 0  # quarters before the strategy's period: no actual made


class OwnValue(NamedTuple):
    """One of the own area's official values in a file, with the file's table and release."""

    table: str
    release: str
    value: Value


@dataclass(frozen=True)
class QuarterFigure:
    """An indicator's quarter as made from the files' periods: its value, the file's row and the source."""

    indicator: Indicator
    quarter: Quarter
    value: Decimal
    row: int
    source: str


def official_actuals_save(
    *,
    user,
    municipality: Municipality,
    own: list[OwnValue],
    own_area_id: int,
    dry_run: bool,
    today: datetime.date | None,
) -> ActualsResult:
    """The own area's values become the actuals of the indicators that use their measures, in the
    municipality's strategies in force or in draft; dry_run only checks and counts."""
    result = ActualsResult()
    if not own:
        return result
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in (
        Indicator.objects.filter(
            measure_id__in={own_value.value.measure.pk for own_value in own},
            focus_area__strategy__municipality=municipality,
        )
        .exclude(focus_area__strategy__status=Strategy.Status.REPLACED)
        .select_related("focus_area__strategy", "measure")
    ):
        indicators[indicator.measure_id].append(indicator)
    if not indicators:
        return result
    quarterly = _quarter_values(own, own_area_id, indicators)
    outside = {key for key, made in quarterly.items() if not in_period(made.indicator, made.quarter)}
    result.outside = len({quarter for _indicator, quarter in outside})
    quarterly = {key: found for key, found in quarterly.items() if key not in outside}
    figures = {
        key: FigureInput(
            made.indicator,
            made.quarter,
            made.value.quantize(Decimal(1).scaleb(-made.indicator.measure.decimals), ROUND_HALF_UP),
            row=made.row,
        )
        for key, made in quarterly.items()
    }
    stored = existing_figures(list(figures.values()))
    groups: dict[tuple[str, str], list[FigureInput]] = defaultdict(list)
    locks = {
        strategy_id: locked_quarters(strategy_id=strategy_id)
        for strategy_id in {figure.indicator.focus_area.strategy_id for figure in figures.values()}
    }
    approvable = approvable_on_import(user, list(figures.values()))
    synthetic = synthetic_quarters(list(figures.values()), own_area_id)
    for key, figure in figures.items():
        indicator, quarter = figure.indicator, figure.quarter
        current = stored.get((indicator.pk, quarter.year, quarter.quarter))
        if quarter in locks[indicator.focus_area.strategy_id]:
            if current is None or current.value != figure.value:
                result.locked.append(
                    _(
                        "%(indicator)s, %(quarter)s er låst, så det faktiske tal er ikke ændret. "
                        "Jobindsats siger nu %(new)s, portalen har %(old)s."
                    )
                    % {
                        "indicator": f"{indicator.code} {indicator.name}",
                        "quarter": quarter.label(),
                        "new": shown(figure.value),
                        "old": shown(current.value) if current else _("intet tal"),
                    }
                )
            continue
        # The manager's commentary stays: only the number comes from Jobindsats.
        kept = FigureInput(
            indicator, quarter, figure.value, current.commentary if current else "", row=figure.row
        )
        approved = key in approvable
        state = Measurement.State.APPROVED if approved else Measurement.State.SUBMITTED
        groups[state, quarterly[key].source, key in synthetic].append(kept)
    for (state, source, made_up), chosen in groups.items():
        if dry_run:
            problems = check_figures(user=user, figures=chosen, today=today)
            created, updated, unchanged = preview(chosen)
        else:
            try:
                saved = figures_save(
                    user=user,
                    figures=chosen,
                    source=source,
                    reason=_("Importeret fra %(source)s") % {"source": source},
                    today=today,
                    state=state,
                    basis=Basis.OFFICIAL,
                )
            except FiguresRefused as refused:
                problems = refused.problems
                created = updated = unchanged = 0
            else:
                problems = []
                created, updated, unchanged = saved.created, saved.updated, saved.unchanged
                demo_mark(chosen, made_up)
        result.problems += [problem.message for problem in problems]
        result.created += created
        result.updated += updated
        result.unchanged += unchanged
    return result


def synthetic_quarters(figures: list[FigureInput], own_area_id: int) -> set[tuple[int, Quarter]]:
    """The (indicator, quarter) whose quarter is made of a synthetic official value (the demo's recorded
    answers, imported again or not): their actuals are made up too (one query, once the values are
    stored)."""
    if not figures:
        return set()
    keys = {(figure.indicator.pk, figure.quarter) for figure in figures}
    by_measure: dict[int, set[int]] = defaultdict(set)
    for figure in figures:
        by_measure[figure.indicator.measure_id].add(figure.indicator.pk)
    made_up = (
        OfficialValue.objects.wholes()
        .filter(
            measure_id__in=by_measure,
            area_id=own_area_id,
            is_synthetic=True,
            year__in={quarter.year for _pk, quarter in keys},
        )
        .values_list("measure_id", "year", "kind", "number")
    )
    found: set[tuple[int, Quarter]] = set()
    for measure_id, year, kind, number in made_up:
        quarter = Period(year, kind, number).quarter
        found |= {(pk, quarter) for pk in by_measure[measure_id] if (pk, quarter) in keys}
    return found


def demo_mark(figures: list[FigureInput], made_up: bool) -> None:
    """Imported actuals made of synthetic official values are marked as invented (shown as «Demodata»
    wherever a figure's source is shown); a real import of them makes them real again."""
    cells = Q()
    for figure in figures:
        cells |= Q(indicator_id=figure.indicator.pk, year=figure.quarter.year, quarter=figure.quarter.quarter)
    if figures and Measurement.objects.filter(cells).exclude(is_demo=made_up).update(is_demo=made_up):
        figures_changed.send(sender=Measurement)


def in_period(indicator: Indicator, quarter: Quarter) -> bool:
    """Whether the quarter lies in the period of the indicator's strategy: from the quarter it was adopted in.
    A strategy has no end date: the one in force runs until it is replaced (and a replaced one gets no
    imported actuals); a draft without a date of adoption takes every quarter."""
    adopted = indicator.focus_area.strategy.adopted
    return adopted is None or quarter >= Quarter.containing(adopted)


def approvable_on_import(user, figures: list[FigureInput]) -> set[tuple[int, Quarter]]:
    """The (indicator, quarter) of the figures the user's import approves at once: their measure is marked
    "godkendt ved import" by another person than the importer (four eyes) and they raise no plausibility
    warning. Two queries."""
    ticked = ticked_by(
        {figure.indicator.measure_id for figure in figures if figure.indicator.measure.approved_on_import}
    )
    # Who ticked the flag vouches for the figures as whoever entered a figure does: the review's rule applies.
    trusted = {
        measure_id
        for measure_id, person_id in ticked.items()
        if person_id is not None and review.may_approve_figure(user, Measurement(entered_by_id=person_id))
    }
    chosen = [figure for figure in figures if figure.indicator.measure_id in trusted]
    warned = plausibility.warnings_for((figure.indicator, figure.quarter, figure.value) for figure in chosen)
    return {
        (figure.indicator.pk, figure.quarter)
        for figure in chosen
        if not warned.get((figure.indicator.pk, figure.quarter))
    }


def ticked_by(measure_ids: set[int]) -> dict[int, int | None]:
    """Who last turned "godkendt ved import" on for each measure, from its history (None: not known)."""
    if not measure_ids:
        return {}
    rows = (
        Measure.history.filter(id__in=measure_ids)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "approved_on_import", "history_user_id")
    )
    was: dict[int, bool] = {}
    person: dict[int, int | None] = dict.fromkeys(measure_ids)
    for measure_id, ticked, person_id in rows:
        if ticked and not was.get(measure_id):
            person[measure_id] = person_id
        was[measure_id] = ticked
    return person


def _quarter_values(
    own: list[OwnValue], own_area_id: int, indicators
) -> dict[tuple[int, Quarter], QuarterFigure]:
    """(indicator, quarter) → QuarterFigure: each quarter the files touch, made by
    the one rule (measures.quarters) from the periods of that quarter in the files and, where the files do not
    hold them, as stored. row is the file's row of a period the quarter is made from (else of the quarter)."""
    in_files: dict[int, dict[Period, Value]] = defaultdict(dict)
    sources: dict[int, str] = {}
    for table, release, value in own:
        if value.measure.pk in indicators:
            sources[value.measure.pk] = f"Jobindsats {table} {release}".strip()
            in_files[value.measure.pk][value.period] = value
    stored = _stored_periods(in_files, own_area_id)
    quarterly: dict[tuple[int, Quarter], QuarterFigure] = {}
    for measure_id, found in in_files.items():
        periods = stored.get(measure_id, {}) | {period: value.value for period, value in found.items()}
        rows = [(period.year, period.kind, period.number, value) for period, value in periods.items()]
        measure_type = indicators[measure_id][0].measure.measure_type
        touched = {period.quarter for period in found}
        for quarter, (value, kind) in quarters_made(rows, measure_type).items():
            if quarter not in touched:
                continue
            in_quarter = [v for period, v in found.items() if period.quarter == quarter]
            made_of = [v for v in in_quarter if v.period.kind == kind] or in_quarter
            row = max(v.row for v in made_of)
            for indicator in indicators[measure_id]:
                quarterly[indicator.pk, quarter] = QuarterFigure(
                    indicator, quarter, value, row, sources[measure_id]
                )
    return quarterly


def _stored_periods(in_files: dict[int, dict[Period, Value]], own_area_id: int) -> dict[int, dict]:
    """{measure: {period: value}}: the own area's stored periods that may make a quarter the files touch
    (one query)."""
    if not in_files:
        return {}
    touched = {(measure_id, period.quarter) for measure_id, found in in_files.items() for period in found}
    stored = (
        OfficialValue.objects.wholes()
        .published()
        .filter(
            measure_id__in=in_files,
            area_id=own_area_id,
            kind__in=PREFERENCE,
            year__in={quarter.year for _measure, quarter in touched if quarter is not None},
        )
        .values_list("measure_id", "year", "kind", "number", "value")
    )
    periods: dict[int, dict] = defaultdict(dict)
    for measure_id, year, kind, number, value in stored:
        period = Period(year, kind, number)
        if (measure_id, period.quarter) in touched:
            periods[measure_id][period] = value
    return periods


def jobindsats_import(
    *,
    user,
    files: list[tuple[str, bytes]],
    table: str | None = None,
    release: str | None = None,
    dry_run: bool = False,
    today: datetime.date | None = None,
) -> ImportResult:
    """Jobindsats answers in two steps, in one transaction: the official values of every area (the own
    municipality's not revised in a quarter its strategies have locked), then the own municipality's values
    as the actuals of the indicators that use their measures. All or nothing; dry_run only checks."""
    municipality, own_area_id, locked = _own()

    def actuals(read: Read, result: ImportResult) -> None:
        own = [
            OwnValue(table, release, value)
            for _file, table, release, values in read
            for value in values
            # the measure's whole, as published: a breakdown or a suppressed value makes no actual
            if value.area.pk == own_area_id and not value.breakdown and value.value is not None
        ]
        saved = official_actuals_save(
            user=user,
            municipality=municipality,
            own=own,
            own_area_id=own_area_id,
            dry_run=result.dry_run,
            today=today,
        )
        result.problems += [Problem(message) for message in saved.problems]
        result.locked += saved.locked
        result.actuals_created += saved.created
        result.actuals_updated += saved.updated
        result.actuals_unchanged += saved.unchanged
        result.actuals_outside += saved.outside

    return official_values_import(
        user=user,
        files=files,
        table=table,
        release=release,
        dry_run=dry_run,
        own_area_id=own_area_id,
        locked=locked,
        then=actuals if municipality is not None and own_area_id is not None else None,
    )


def _own() -> tuple[Municipality | None, int | None, set[Quarter]]:
    """The portal's municipality, its area in the statistics and the quarters locked in any of its strategies.

    A municipality not yet linked to its area is found by its kommunekode."""
    municipality = Municipality.objects.filter(slug=settings.PORTAL_MUNICIPALITY).first()
    if municipality is None:
        return None, None, set()
    area_id = municipality.area_id
    if area_id is None and municipality.code is not None:
        area_id = Area.objects.filter(code=str(municipality.code)).values_list("pk", flat=True).first()
    locked: set[Quarter] = set()
    for strategy_id in Strategy.objects.filter(municipality=municipality).values_list("pk", flat=True):
        locked |= locked_quarters(strategy_id=strategy_id)
    return municipality, area_id, locked
