"""Writes of actuals: the quarterly grid, import, and the workflow draft → submitted → approved."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core import permissions
from core.audit import audit
from core.bulk_history import Conflict, write_with_history
from core.periods import Quarter
from core.signals import figures_changed

from . import notices, review
from .basis import kept_basis
from .locking import hold_quarters, locked_quarters, quarter_is_locked
from .models import Indicator, Measurement
from .permissions import editable_indicators
from .validation import breakdown_problems, quarter_problems, value_problems

State = Measurement.State
# The columns that name a figure's cell.
KEY = ["indicator_id", "year", "quarter"]
# Rows per statement when the workflow moves many figures at once.
BATCH = 2000


@dataclass(frozen=True, slots=True)  # slots: an import holds 100 000 of them
class FigureInput:
    """One actual as a user typed it. version is the one the user saw: 0 when there was no figure yet,
    None when the caller does not track versions (import)."""

    indicator: Indicator
    quarter: Quarter
    value: Decimal
    commentary: str = ""
    version: int | None = None
    row: int | None = None
    basis: str | None = None  # what the figure is (indicators.basis); None: kept_basis decides


@dataclass(frozen=True)
class Problem:
    """Why a figure was refused; row and column are set for imported files."""

    message: str
    row: int | None = None
    column: str | None = None
    indicator_id: int | None = None


class FiguresRefused(ValidationError):
    """Nothing was written; problems lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([problem.message for problem in problems])


@dataclass
class SaveResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _key(indicator_id: int, quarter: Quarter) -> tuple[int, int, int]:
    return (indicator_id, quarter.year, quarter.quarter)


class Stored(NamedTuple):
    """What a save compares a figure with: read as plain values, as an import reads 100 000 of them (the
    value as text, see with_value_text)."""

    pk: int
    value: Decimal
    commentary: str
    version: int


def _stored_of(figures: list[FigureInput]):
    """The stored actuals of the figures' indicators and years. Not in the model's order, which joins the
    indicators and their focus areas to sort 100 000 rows (and would lock those rows too). Other quarters of
    the same indicators and years come along; no figure asks for them."""
    return Measurement.objects.filter(
        indicator_id__in={figure.indicator.pk for figure in figures},
        year__in={figure.quarter.year for figure in figures},
    ).order_by()


def existing_figures(figures: list[FigureInput]) -> dict[tuple, Stored]:
    """The stored actuals the figures would replace, in one query."""
    return {
        (indicator_id, year, quarter): Stored(pk, Decimal(text), commentary, version)
        for indicator_id, year, quarter, pk, text, commentary, version in _stored_of(figures)
        .with_value_text()
        .values_list("indicator_id", "year", "quarter", "pk", "value_text", "commentary", "version")
    }


def lock_stored(figures: list[FigureInput]) -> None:
    """PostgreSQL: hold the stored actuals the figures may replace until the transaction ends, taken in
    the order of their ids, as every save takes them, and without reading them. SQLite has one writer."""
    if connection.vendor != "postgresql" or not figures:
        return
    sql, params = _stored_of(figures).order_by("pk").select_for_update().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) locked", params)


def changed_by_message(indicator: Indicator, measurement: Stored) -> str:
    """'F2.0 … was changed by X at …': the refusal of a save based on an older version."""
    latest = Measurement.history.filter(id=measurement.pk).select_related("history_user").first()
    who = latest.history_user if latest and latest.history_user else None
    if latest:
        when = latest.history_date
    else:
        when = Measurement.objects.filter(pk=measurement.pk).values_list("updated_at", flat=True).first()
    when = timezone.localtime(when or timezone.now())
    return _(
        "%(indicator)s: tallet er ændret af %(who)s den %(when)s, efter du åbnede siden. "
        "Dit tal er ikke gemt; se det nye tal og ret igen."
    ) % {
        "indicator": f"{indicator.code} {indicator.name}",
        "who": (who.get_full_name() or who.get_username()) if who else _("en anden"),
        "when": formats.date_format(when, "j. F Y \\k\\l. H.i"),
    }


def check_figures(*, user, figures: list[FigureInput], today: datetime.date | None = None) -> list[Problem]:
    """Every reason the figures may not be stored, with the grid's and the import's rules alike."""
    problems: list[Problem] = []
    # Only a figure that carries the version its user saw is compared with the stored one (not an import's).
    existing = existing_figures([figure for figure in figures if figure.version is not None])
    # A file has many rows per indicator and per quarter: what depends on only one of them is read once.
    strategy_of = {figure.indicator.pk: figure.indicator.focus_area.strategy_id for figure in figures}
    strategies = set(strategy_of.values())
    locked = {strategy_id: locked_quarters(strategy_id=strategy_id) for strategy_id in strategies}
    editable: dict[int, set[int]] = {
        strategy_id: set(editable_indicators(user, strategy_id).values_list("pk", flat=True))
        for strategy_id in strategies
    }
    seen: dict[tuple, int | None] = {}
    today = today or timezone.localdate()
    ended: dict[Quarter, bool] = {}

    def refuse(figure: FigureInput, message: str, column: str) -> None:
        problems.append(Problem(message, figure.row, column, figure.indicator.pk))

    def named(indicator: Indicator, **more) -> dict[str, object]:  # only for a message: most rows pass
        return {"indicator": str(indicator)} | more

    for figure in figures:
        indicator, quarter, pk = figure.indicator, figure.quarter, figure.indicator.pk
        strategy_id = strategy_of[pk]
        if pk not in editable[strategy_id]:
            message = _("%(indicator)s: du må ikke indberette tal for denne indikator.") % named(indicator)
            refuse(figure, message, "indikator")
            continue
        key = _key(pk, quarter)
        if key in seen:
            refuse(
                figure,
                _("%(indicator)s, %(quarter)s står to gange (også i række %(other)s).")
                % named(indicator, quarter=quarter.label(), other=seen[key]),
                "indikator",
            )
            continue
        seen[key] = figure.row
        if quarter in locked[strategy_id]:
            refuse(
                figure,
                _("%(indicator)s: %(quarter)s er låst og kan ikke ændres.")
                % named(indicator, quarter=quarter.label()),
                "kvartal",
            )
            continue
        if (has_ended := ended.get(quarter)) is None:
            has_ended = ended[quarter] = quarter.has_ended(today)
        for message in [] if has_ended else quarter_problems(indicator, quarter, today):
            refuse(figure, message, "kvartal")
        for message in value_problems(indicator, figure.value):
            refuse(figure, message, "værdi")
        if figure.version is None:  # an import does not track versions: 100 000 stored figures not looked up
            continue
        stored = existing.get(key)
        if (stored.version if stored else 0) != figure.version:
            refuse(
                figure,
                changed_by_message(indicator, stored)
                if stored
                else _("%(indicator)s: tallet er slettet, efter du åbnede siden.") % named(indicator),
                "værdi",
            )
    refused_rows = {(problem.indicator_id, problem.row) for problem in problems}
    for figure, message in breakdown_problems(figures):
        if (figure.indicator.pk, figure.row) not in refused_rows:
            problems.append(Problem(message, figure.row, "værdi", figure.indicator.pk))
    return problems


@transaction.atomic
def figures_save(
    *,
    user,
    figures: list[FigureInput],
    source: str = "",
    reason: str = "",
    today: datetime.date | None = None,
    state: str = State.DRAFT,
    basis: str | None = None,
) -> SaveResult:
    """Store actuals as drafts of the user, all or nothing. A changed approved figure needs approval again.

    Figures from an official source (the import from Jobindsats) are stored as submitted, or as approved and
    published when the administrator has marked their measure as approved on import; they keep their source
    when they are changed. basis says what they all are (the import: official); without it each figure's
    own, else the stored one while the value stays, else the municipality's own (indicators.basis)."""
    # A lock of one of the quarters waits for this save, or this save for the lock; then locks are re-read.
    hold_quarters((figure.indicator.focus_area.strategy_id, figure.quarter) for figure in figures)
    lock_stored(figures)
    problems = check_figures(user=user, figures=figures, today=today)
    if problems:
        raise FiguresRefused(problems)
    reason = reason or _("Indberettet")
    created, updated = _write(figures, user=user, source=source, reason=reason, state=state, basis=basis)
    if created or updated:
        figures_changed.send(sender=Measurement)
        audit("figures_saved", user=user, new=created, changed=updated, reason=reason)
    return SaveResult(created=created, updated=updated, unchanged=len(figures) - created - updated)


def _bases(figures: list[FigureInput], basis: str | None) -> list[str]:
    """Each figure's basis (kept_basis): the stored figures are read only when no basis is given for all."""
    if basis:
        return [basis] * len(figures)
    stored = {}
    if any(figure.basis is None for figure in figures):
        stored = {
            (indicator_id, year, quarter): (stored_basis, Decimal(text))
            for indicator_id, year, quarter, stored_basis, text in _stored_of(figures)
            .with_value_text()
            .values_list("indicator_id", "year", "quarter", "basis", "value_text")
        }
    return [
        kept_basis(stored.get(_key(figure.indicator.pk, figure.quarter)), figure.value, figure.basis)
        for figure in figures
    ]


def _write(
    figures: list[FigureInput], *, user, source: str, reason: str, state: str, basis: str | None = None
) -> tuple[int, int]:
    """Write the figures that are new or changed and say how many of each. The database compares them with
    the stored ones, so a re-import of 100 000 figures reads none of them into Python. A changed figure
    becomes the user's draft again, at the next version. If another save stored one of the new cells first,
    refuse as for a stale edit."""
    now = timezone.now()
    columns = [*KEY, "value", "commentary", "version", "basis"]
    rows = [
        (figure.indicator.pk, figure.quarter.year, figure.quarter.quarter, figure.value,
         figure.commentary.strip(), figure.version, figure_basis)
        for figure, figure_basis in zip(figures, _bases(figures, basis), strict=True)
    ]  # fmt: skip
    same = {"state": state, "entered_by_id": user.pk, "updated_at": now}
    new_only = {"review_note": ""}
    # A figure from an official source says so when it changes; a typed one keeps the source it had.
    (same if source else new_only)["source"] = source
    if state == State.APPROVED:  # approved on import: what the committee sees is the new value
        columns += ["published_value", "published_commentary", "published_basis"]
        rows = [(*row, row[3], row[4], row[6]) for row in rows]
    try:
        return write_with_history(
            model=Measurement,
            columns=columns,
            rows=rows,
            update_columns=[column for column in columns if column not in KEY],
            # A basis the user chose changes the figure too (a preliminary count found official); an import's
            # basis alone does not make an unchanged figure wait for approval again.
            compare=["value", "commentary"] + (["basis"] if any(figure.basis for figure in figures) else []),
            same=same,
            new_only=new_only,
            key=KEY,
            user_id=user.pk,
            date=now,
            reason=reason,
            counter="version",
            indexed=["state", "entered_by_id"],
        )
    except Conflict as conflict:  # a cell was stored by another save after this one was checked
        cells = set(conflict.keys)
        refused = [figure for figure in figures if _key(figure.indicator.pk, figure.quarter) in cells]
        stored = existing_figures(refused)
        raise FiguresRefused(
            [
                Problem(changed_by_message(figure.indicator, stored[key]), indicator_id=figure.indicator.pk)
                for figure in refused
                if (key := _key(figure.indicator.pk, figure.quarter)) in stored
            ]
        ) from None


def measurement_save(
    *,
    user,
    indicator: Indicator,
    quarter: Quarter,
    value: Decimal,
    commentary: str = "",
    version: int | None,
    basis: str | None = None,
) -> Measurement:
    """One actual, e.g. from the admin's change form: the same rules as the grid. basis: what the figure is
    (e.g. a preliminary internal count); None keeps it as kept_basis says."""
    figures_save(
        user=user,
        figures=[FigureInput(indicator, quarter, value, commentary, version, basis=basis)],
    )
    return Measurement.objects.get(indicator=indicator, year=quarter.year, quarter=quarter.quarter)


def _move(
    *,
    user,
    measurements: Iterable[Measurement],
    allowed_from: set[str],
    to: str,
    reason: str,
    note: str | None = None,
    check=None,
    versions: Mapping[int, int] | None = None,
) -> list[Measurement]:
    """Change the state of figures, refusing locked quarters and states the step does not start from.
    With versions (figure id → the version the user was shown), a figure changed since is refused.

    A fixed number of queries however many figures: one to read them, one per strategy for its locks,
    one update and one insert of history rows.
    """
    chosen = list(
        Measurement.objects.select_for_update(of=("self",))
        .filter(pk__in=[m.pk for m in measurements])
        .select_related("indicator__focus_area", "indicator__measure", "entered_by")
        .order_by("pk")
    )
    hold_quarters((m.indicator.focus_area.strategy_id, m.period) for m in chosen)
    locked = {
        strategy_id: locked_quarters(strategy_id=strategy_id)
        for strategy_id in {m.indicator.focus_area.strategy_id for m in chosen}
    }
    problems = []
    for measurement in chosen:
        indicator = measurement.indicator
        name = f"{indicator.code} {measurement.period.label()}"
        if versions is not None and versions.get(measurement.pk) != measurement.version:
            problems.append(
                _(
                    "%(figure)s er ændret, efter du åbnede siden (nu %(value)s, %(state)s). "
                    "Intet er gemt; se tallet igen."
                )
                % {
                    "figure": name,
                    "value": formats.number_format(measurement.value.normalize(), use_l10n=True),
                    "state": measurement.get_state_display().lower(),
                }
            )
        elif measurement.period in locked[indicator.focus_area.strategy_id]:
            problems.append(_("%(figure)s: kvartalet er låst.") % {"figure": name})
        elif measurement.state not in allowed_from:
            problems.append(
                _("%(figure)s har status '%(state)s' og kan ikke flyttes til '%(to)s'.")
                % {"figure": name, "state": measurement.get_state_display(), "to": State(to).label}
            )
    problems = [Problem(message) for message in problems]
    if not problems and check is not None:
        problems = check(chosen)
    if problems:
        raise FiguresRefused(problems)
    now = timezone.now()
    for measurement in chosen:
        measurement.state = to
        if note is not None:
            measurement.review_note = note
        measurement.version += 1
        measurement.updated_at = now
        if to == State.APPROVED:
            measurement.publish()
    bulk_update_with_history(
        chosen,
        Measurement,
        [
            "state",
            "review_note",
            "version",
            "updated_at",
            "published_value",
            "published_commentary",
            "published_basis",
        ],
        batch_size=BATCH,
        default_user=user,
        default_change_reason=reason,
        default_date=now,
    )
    figures_changed.send(sender=Measurement)
    audit(
        f"figures_{to}",
        user=user,
        figures=", ".join(f"{m.indicator.code} {m.period.code}" for m in chosen),
        reason=reason,
    )
    return chosen


@transaction.atomic
def measurement_submit(*, user, measurements: Iterable[Measurement]) -> int:
    """A manager sends drafts for approval. A returned figure is refused until it is corrected and saved,
    which makes it a draft again."""

    def check(chosen: list[Measurement]) -> list[Problem]:
        if refused := review.not_enterable(user, chosen):
            raise PermissionDenied(_("Du må ikke indsende tal for %(code)s.") % {"code": refused.code})
        problems = review.still_returned(chosen) + review.unexplained_warnings(chosen)
        return [Problem(message, indicator_id=pk) for pk, message in problems]

    chosen = _move(
        user=user,
        measurements=measurements,
        allowed_from={State.DRAFT, State.RETURNED},
        to=State.SUBMITTED,
        reason=_("Indsendt til godkendelse"),
        check=check,
    )
    notices.figures_submitted(user=user, measurements=chosen)
    return len(chosen)


@transaction.atomic
def measurement_approve(
    *,
    user,
    measurements: Iterable[Measurement],
    versions: Mapping[int, int],
    confirmed_warnings: Collection[int] = frozenset(),
) -> int:
    """An administrator approves figures as shown: versions maps each figure's id to the version on the page;
    a figure changed since (or missing from versions) is refused, so no unseen value is published.
    A figure with a plausibility warning is refused unless its id is among confirmed_warnings: the figures
    the approver ticked one by one."""

    def check(chosen: list[Measurement]) -> list[Problem]:
        problems = review.own_figures(user, chosen) + review.unconfirmed_warnings(chosen, confirmed_warnings)
        return [Problem(message, indicator_id=pk) for pk, message in problems]

    if not permissions.may_approve(user):
        raise PermissionDenied(_("Kun en administrator kan godkende tal."))
    chosen = _move(
        user=user,
        measurements=measurements,
        allowed_from={State.SUBMITTED},
        to=State.APPROVED,
        reason=_("Godkendt"),
        note="",
        check=check,
        versions=versions,
    )
    return len(chosen)


@transaction.atomic
def measurement_return(
    *, user, measurements: Iterable[Measurement], note: str, versions: Mapping[int, int]
) -> int:
    """An administrator sends figures back with a note; the manager corrects and submits again.
    versions as for measurement_approve."""
    if not permissions.may_approve(user):
        raise PermissionDenied(_("Kun en administrator kan sende tal retur."))
    note = note.strip()
    if not note:
        raise FiguresRefused(
            [Problem(_("Skriv en bemærkning, så afdelingslederen ved, hvad der skal rettes."))]
        )
    chosen = _move(
        user=user,
        measurements=measurements,
        allowed_from={State.SUBMITTED, State.APPROVED},
        to=State.RETURNED,
        reason=_("Sendt retur: %(note)s") % {"note": note},
        note=note,
        versions=versions,
    )
    notices.figures_returned(user=user, measurements=chosen, note=note)
    return len(chosen)


@transaction.atomic
def measurement_delete(*, user, measurement: Measurement) -> None:
    if not permissions.may_delete_figures(user):
        raise PermissionDenied(_("Du må ikke slette faktiske tal."))
    strategy_id = measurement.indicator.focus_area.strategy_id
    hold_quarters([(strategy_id, measurement.period)])
    if quarter_is_locked(strategy_id=strategy_id, quarter=measurement.period):
        raise FiguresRefused(
            [Problem(_("%(quarter)s er låst og kan ikke ændres.") % {"quarter": measurement.period})]
        )
    measurement._history_user = user
    audit("figure_deleted", user=user, figure=f"{measurement.indicator.code} {measurement.period.code}")
    measurement.delete()
    figures_changed.send(sender=Measurement)
