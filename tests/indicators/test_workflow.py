"""The life of a figure: draft → submitted → approved → locked, returns, history and concurrent edits."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.periods import Quarter
from core.signals import quarter_locked, quarter_unlocked
from indicators.locking import quarter_lock, quarter_unlock
from indicators.models import Measurement
from indicators.services import (
    FiguresRefused,
    measurement_approve,
    measurement_return,
    measurement_save,
    measurement_submit,
)

from .. import factories

pytestmark = pytest.mark.django_db
Q = Quarter(2024, 3)


@pytest.fixture
def indicator(manager):
    area = factories.focus_area(number=2)
    factories.assign(manager, area)
    return factories.indicator(focus_area=area, code="F2.0", name="Forsikrede ledige")


def enter(user, indicator, value, version):
    return measurement_save(user=user, indicator=indicator, quarter=Q, value=Decimal(value), version=version)


def test_a_figure_goes_from_draft_to_locked(manager, administrator, indicator):
    figure = enter(manager, indicator, "900", 0)
    assert figure.state == Measurement.State.DRAFT
    assert not Measurement.objects.approved().exists()

    measurement_submit(user=manager, measurements=[figure])
    figure.refresh_from_db()
    assert figure.state == Measurement.State.SUBMITTED

    measurement_approve(user=administrator, measurements=[figure], versions=factories.shown(figure))
    assert list(Measurement.objects.approved()) == [figure]

    quarter_lock(user=administrator, strategy=indicator.focus_area.strategy, quarter=Q)
    with pytest.raises(FiguresRefused, match="låst"):
        enter(administrator, indicator, "901", figure.version + 2)
    with pytest.raises(FiguresRefused, match="låst"):
        measurement_return(
            user=administrator, measurements=[figure], versions=factories.shown(figure), note="Forkert"
        )
    figure.refresh_from_db()
    assert (figure.value, figure.state) == (900, Measurement.State.APPROVED)


def test_a_returned_figure_is_corrected_and_submitted_again(manager, administrator, indicator):
    figure = enter(manager, indicator, "900", 0)
    measurement_submit(user=manager, measurements=[figure])
    measurement_return(
        user=administrator,
        measurements=[figure],
        versions=factories.shown(figure),
        note="Tjek tallet mod Jobindsats",
    )
    figure.refresh_from_db()
    assert (figure.state, figure.review_note) == (Measurement.State.RETURNED, "Tjek tallet mod Jobindsats")

    figure = enter(manager, indicator, "910", figure.version)
    assert figure.state == Measurement.State.DRAFT
    measurement_submit(user=manager, measurements=[figure])
    measurement_approve(user=administrator, measurements=[figure], versions=factories.shown(figure))
    figure.refresh_from_db()
    assert (figure.state, figure.review_note, figure.value) == (Measurement.State.APPROVED, "", 910)


def test_a_returned_figure_is_not_resent_until_it_is_saved_again(manager, administrator, indicator):
    figure = enter(manager, indicator, "8580", 0)
    measurement_submit(user=manager, measurements=[figure])
    measurement_return(
        user=administrator, measurements=[figure], versions=factories.shown(figure), note="Tastefejl?"
    )
    for someone in (administrator, manager):
        with pytest.raises(FiguresRefused, match="Ret tallet eller kommentaren og gem"):
            measurement_submit(user=someone, measurements=[figure])
        figure.refresh_from_db()
        assert (figure.state, figure.value, figure.entered_by) == (Measurement.State.RETURNED, 8580, manager)

    figure = enter(manager, indicator, "858", figure.version)
    assert measurement_submit(user=manager, measurements=[figure]) == 1


def test_a_return_needs_a_note(manager, administrator, indicator):
    figure = enter(manager, indicator, "900", 0)
    measurement_submit(user=manager, measurements=[figure])
    with pytest.raises(FiguresRefused, match="bemærkning"):
        measurement_return(
            user=administrator, measurements=[figure], versions=factories.shown(figure), note="  "
        )


def test_only_submitted_figures_can_be_approved(administrator, manager, indicator):
    figure = enter(manager, indicator, "900", 0)
    with pytest.raises(FiguresRefused, match="Kladde"):
        measurement_approve(user=administrator, measurements=[figure], versions=factories.shown(figure))


def test_a_manager_cannot_approve_or_return(manager, indicator):
    figure = enter(manager, indicator, "900", 0)
    measurement_submit(user=manager, measurements=[figure])
    with pytest.raises(PermissionDenied):
        measurement_approve(user=manager, measurements=[figure], versions=factories.shown(figure))
    with pytest.raises(PermissionDenied):
        measurement_return(user=manager, measurements=[figure], versions=factories.shown(figure), note="Nej")
    figure.refresh_from_db()
    assert figure.state == Measurement.State.SUBMITTED


def test_every_step_is_in_the_history_with_who_and_why(manager, administrator, indicator):
    figure = enter(manager, indicator, "900", 0)
    figure = enter(manager, indicator, "905", figure.version)
    measurement_submit(user=manager, measurements=[figure])
    measurement_approve(user=administrator, measurements=[figure], versions=factories.shown(figure))
    history = list(figure.history.order_by("history_date", "history_id"))
    assert [(h.value, h.state, h.history_user) for h in history] == [
        (900, "draft", manager),
        (905, "draft", manager),
        (905, "submitted", manager),
        (905, "approved", administrator),
    ]
    assert history[-1].history_change_reason == "Godkendt"
    delta = history[1].diff_against(history[0])
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "value"] == [
        ("value", Decimal("900.0000"), Decimal("905.0000"))
    ]


def test_the_second_of_two_concurrent_edits_is_refused_with_who_and_when(manager, administrator, indicator):
    figure = enter(manager, indicator, "900", 0)
    seen_by_both = figure.version
    enter(administrator, indicator, "905", seen_by_both)
    with pytest.raises(FiguresRefused) as refused:
        enter(manager, indicator, "910", seen_by_both)
    (message,) = refused.value.messages
    assert "ændret af admin-test" in message
    assert " kl. " in message
    assert Measurement.objects.get().value == 905


def test_two_people_entering_a_new_figure_at_once_do_not_overwrite_each_other(
    manager, administrator, indicator
):
    enter(administrator, indicator, "905", 0)
    with pytest.raises(FiguresRefused, match="ændret af"):
        enter(manager, indicator, "910", 0)
    assert Measurement.objects.get().value == 905


def test_locking_and_unlocking_send_their_signals_and_keep_the_reason(administrator, indicator):
    strategy = indicator.focus_area.strategy
    heard = []
    quarter_locked.connect(lambda **kw: heard.append(("låst", kw["quarter"])), weak=False, dispatch_uid="t-l")
    quarter_unlocked.connect(lambda **kw: heard.append(("op", kw["reason"])), weak=False, dispatch_uid="t-u")
    try:
        lock = quarter_lock(user=administrator, strategy=strategy, quarter=Q)
        quarter_unlock(user=administrator, strategy=strategy, quarter=Q, reason="Rettelse fra Jobindsats")
    finally:
        quarter_locked.disconnect(dispatch_uid="t-l")
        quarter_unlocked.disconnect(dispatch_uid="t-u")
    assert heard == [("låst", Q), ("op", "Rettelse fra Jobindsats")]
    reasons = list(lock.history.order_by("history_date").values_list("history_change_reason", "is_locked"))
    assert reasons == [("Låst", True), ("Rettelse fra Jobindsats", False)]


def test_an_unlock_needs_a_reason_and_an_administrator(manager, administrator, indicator):
    strategy = indicator.focus_area.strategy
    quarter_lock(user=administrator, strategy=strategy, quarter=Q)
    with pytest.raises(ValidationError, match="begrundelse"):
        quarter_unlock(user=administrator, strategy=strategy, quarter=Q, reason="")
    with pytest.raises(PermissionDenied):
        quarter_unlock(user=manager, strategy=strategy, quarter=Q, reason="Vil rette")
    with pytest.raises(PermissionDenied):
        quarter_lock(user=manager, strategy=strategy, quarter=Q.previous())


def test_a_quarter_is_locked_once_and_only_after_it_has_ended(administrator, indicator):
    strategy = indicator.focus_area.strategy
    quarter_lock(user=administrator, strategy=strategy, quarter=Q)
    with pytest.raises(ValidationError, match="allerede låst"):
        quarter_lock(user=administrator, strategy=strategy, quarter=Q)
    with pytest.raises(ValidationError, match="ikke slut"):
        quarter_lock(user=administrator, strategy=strategy, quarter=Quarter.current())


def test_a_lock_holds_for_its_own_strategy_only(manager, administrator, indicator):
    quarter_lock(user=administrator, strategy=factories.strategy(), quarter=Q)
    assert enter(manager, indicator, "900", 0).value == 900
