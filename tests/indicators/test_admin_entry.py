"""The admin's quarterly entry page, the figure and target change forms, locking and returning."""

import re
from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.locking import quarter_lock
from indicators.models import Measurement, QuarterLock, Target, Unit
from indicators.services import measurement_return, measurement_save, measurement_submit

from .. import factories

pytestmark = pytest.mark.django_db
GRID = "/admin/indicators/measurement/kvartal/"
MISSING = "Udvalget mødes i dag; nøgletallet kommer først i næste kvartal."
Q3 = Quarter(2024, 3)
EXPLAINED = "Ny opgørelse fra Jobindsats, hvor alle forløb tælles med."


@pytest.fixture
def setup(manager):
    strategy = factories.strategy()
    two, three = (
        factories.focus_area(strategy=strategy, number=2),
        factories.focus_area(strategy=strategy, number=3),
    )
    factories.assign(manager, two)
    key = factories.indicator(focus_area=two, code="F2.0", name="Forsikrede ledige", is_key_figure=True)
    share = factories.indicator(
        focus_area=two, code="F2.1", name="Andel i job", unit=Unit.PERCENT, decimals=1
    )
    other = factories.indicator(focus_area=three, code="F3.0", name="Kontanthjælp")
    factories.target(key, 2024, (850, 880))
    factories.measurement(key, 2024, 2, 870, state="approved")
    factories.measurement(key, 2023, 3, 1020, state="approved")
    return strategy, key, share, other


def post_grid(client, strategy, rows, quarter="2024K3", **extra):
    """POST the grid; rows: (indicator, (value, commentary, version seen, value shown on the page))."""
    data = {"strategy": strategy.pk, "quarter": quarter} | extra
    for indicator, (value, commentary, version, shown) in rows:
        pk = indicator.pk
        data |= {
            f"value-{pk}": value,
            f"initial-value-{pk}": shown,
            f"commentary-{pk}": commentary,
            f"initial-commentary-{pk}": "",
            f"version-{pk}": version,
        }
    return client.post(GRID, data)


def test_the_grid_shows_a_managers_indicators_with_target_and_earlier_quarters(client, manager, setup):
    strategy, key, share, other = setup
    client.force_login(manager)
    page = client.get(GRID, {"strategy": strategy.pk, "quarter": "2024K3"}).content.decode()
    assert "Forsikrede ledige" in page and "Andel i job" in page
    assert "Kontanthjælp" not in page
    assert "850–880" in page
    assert "870" in page and "1.020" in page
    assert "2 indikatorer mangler tal" in page
    assert page.index("F2.0") < page.index("F2.1")


def test_one_save_stores_the_whole_grid_with_danish_numbers(client, manager, setup):
    strategy, key, share, _ = setup
    client.force_login(manager)
    response = post_grid(
        client, strategy, [(key, ("1.234", "Flere ledige", 0, "")), (share, ("6,5 %", "", 0, ""))]
    )
    assert response.status_code == 302
    stored = dict(Measurement.objects.filter(year=2024, quarter=3).values_list("indicator__code", "value"))
    assert stored == {"F2.0": Decimal("1234"), "F2.1": Decimal("6.5")}


def test_one_bad_figure_keeps_the_whole_grid_unsaved_and_names_the_indicator(client, manager, setup):
    strategy, key, share, _ = setup
    client.force_login(manager)
    response = post_grid(client, strategy, [(key, ("900", "", 0, "")), (share, ("120", "", 0, ""))])
    assert response.status_code == 200
    assert "F2.1 Andel i job: en andel skal være mellem 0 og 100 %" in response.content.decode()
    assert not Measurement.objects.filter(year=2024, quarter=3).exists()


def test_save_and_submit_sends_the_figures_for_approval(client, manager, setup):
    strategy, key, _, _ = setup
    client.force_login(manager)
    post_grid(client, strategy, [(key, ("900", "", 0, ""))], _submit="1")
    assert Measurement.objects.get(year=2024, quarter=3).state == Measurement.State.SUBMITTED


def test_a_stale_grid_is_refused_with_who_changed_the_figure(client, manager, administrator, setup):
    strategy, key, _, _ = setup
    figure = factories.measurement(key, 2024, 3, 900)
    figure.version = 2
    figure._history_user = administrator
    figure.save()
    client.force_login(manager)
    response = post_grid(client, strategy, [(key, ("910", "", 1, "900"))])
    assert "ændret af admin-test" in response.content.decode()
    assert Measurement.objects.get(pk=figure.pk).value == 900


def test_a_crafted_post_for_a_focus_area_not_assigned_is_forbidden(client, manager, setup):
    strategy, _, _, other = setup
    client.force_login(manager)
    response = post_grid(client, strategy, [(other, ("5", "", 0, ""))])
    assert response.status_code == 403
    assert not Measurement.objects.filter(indicator=other).exists()


def test_a_locked_quarter_shows_read_only_and_refuses_a_post(client, manager, administrator, setup):
    strategy, key, _, _ = setup
    quarter_lock(user=administrator, strategy=strategy, quarter=Quarter(2024, 3), incomplete_reason=MISSING)
    client.force_login(manager)
    page = client.get(GRID, {"strategy": strategy.pk, "quarter": "2024K3"}).content.decode()
    assert "Kvartalet er låst" in page
    assert post_grid(client, strategy, [(key, ("900", "", 0, ""))]).status_code == 403
    assert not Measurement.objects.filter(year=2024, quarter=3).exists()


def test_an_administrator_locks_and_unlocks_from_the_grid_with_a_reason(client, administrator, setup):
    strategy = setup[0]
    client.force_login(administrator)
    lock_url = "/admin/indicators/measurement/kvartal/laas/"
    refused = client.post(lock_url, {"strategy": strategy.pk, "quarter": "2024K3"}, follow=True)
    assert "F2.0 Forsikrede ledige (nøgletal): mangler." in refused.content.decode()
    assert not QuarterLock.objects.exists()
    client.post(lock_url, {"strategy": strategy.pk, "quarter": "2024K3", "incomplete_reason": MISSING})
    assert QuarterLock.objects.get().is_locked
    client.post(
        "/admin/indicators/measurement/kvartal/laas-op/", {"strategy": strategy.pk, "quarter": "2024K3"}
    )
    assert QuarterLock.objects.get().is_locked
    client.post(
        "/admin/indicators/measurement/kvartal/laas-op/",
        {"strategy": strategy.pk, "quarter": "2024K3", "reason": "Jobindsats rettede tallet"},
    )
    lock = QuarterLock.objects.get()
    assert (lock.is_locked, lock.unlock_reason) == (False, "Jobindsats rettede tallet")
    history = client.get(f"/admin/indicators/quarterlock/{lock.pk}/history/").content.decode()
    assert "Jobindsats rettede tallet" in history


def test_the_change_form_refuses_a_locked_figure(client, administrator, setup):
    strategy, key, _, _ = setup
    figure = factories.measurement(key, 2024, 3, 900)
    quarter_lock(user=administrator, strategy=strategy, quarter=Quarter(2024, 3), incomplete_reason=MISSING)
    client.force_login(administrator)
    url = f"/admin/indicators/measurement/{figure.pk}/change/"
    response = client.post(url, {"value": "950", "commentary": "", "version": figure.version})
    assert response.status_code == 403
    assert Measurement.objects.get(pk=figure.pk).value == 900


def test_the_change_form_saves_through_the_rules(client, manager, setup):
    _, key, share, _ = setup
    figure = factories.measurement(share, 2024, 3, 6)
    client.force_login(manager)
    url = f"/admin/indicators/measurement/{figure.pk}/change/"
    refused = client.post(url, {"value": "6,55", "commentary": "", "version": figure.version})
    assert "højst 1 decimal" in refused.content.decode()
    client.post(url, {"value": "6,5", "commentary": "Rettet", "version": figure.version})
    figure.refresh_from_db()
    assert (figure.value, figure.commentary, figure.version) == (Decimal("6.5"), "Rettet", 2)
    stale = client.post(url, {"value": "7", "commentary": "", "version": 1})
    assert "ændret af leder-test" in stale.content.decode()


def test_the_add_form_refuses_a_second_figure_for_the_same_quarter_made_meanwhile(client, manager, setup):
    _, key, _, _ = setup
    client.force_login(manager)
    data = {"indicator": key.pk, "year": 2024, "quarter": 2, "value": "1", "commentary": "", "version": 0}
    response = client.post("/admin/indicators/measurement/add/", data)
    assert "ændret af" in response.content.decode()
    assert Measurement.objects.get(indicator=key, year=2024, quarter=2).value == 870


def test_an_administrator_returns_a_figure_with_a_note(client, administrator, setup):
    _, key, _, _ = setup
    figure = factories.measurement(key, 2024, 3, 900, state="submitted")
    client.force_login(administrator)
    changelist = "/admin/indicators/measurement/"
    chosen = {"action": "return_selected", "_selected_action": [figure.pk]} | _shown(client, figure)
    ask = client.post(changelist, chosen)
    assert "bemærkning" in ask.content.decode()
    # The note page carries on the version the list showed.
    assert f'name="version-{figure.pk}" value="{figure.version}"' in ask.content.decode()
    client.post(changelist, chosen | {"note": "Forkert kilde"})
    figure.refresh_from_db()
    assert (figure.state, figure.review_note) == ("returned", "Forkert kilde")


def _shown(client, *figures) -> dict[str, str]:
    """The version of each figure as the administrator's list shows it (posted with an action)."""
    page = client.get("/admin/indicators/measurement/").content.decode()
    fields = {}
    for figure in figures:
        match = re.search(rf'name="(version-{figure.pk})" value="(\d+)"', page)
        fields[match.group(1)] = match.group(2)
    return fields


@pytest.mark.parametrize("action", ["approve_selected", "return_selected"])
def test_a_figure_changed_after_the_list_was_shown_is_neither_approved_nor_returned(
    client, administrator, manager, setup, action
):
    _, key, _, _ = setup

    def enter(value, version):
        figure = measurement_save(
            user=manager, indicator=key, quarter=Q3, value=Decimal(value), version=version
        )
        measurement_submit(user=manager, measurements=[figure])
        return figure

    figure = enter("620", 0)
    client.force_login(administrator)
    shown = _shown(client, figure)
    # The manager changes and submits again between the administrator's list and the action.
    figure = enter("990", figure.version + 1)
    response = client.post(
        "/admin/indicators/measurement/",
        {"action": action, "_selected_action": [figure.pk], "note": "Ret"} | shown,
        follow=True,
    )
    assert "er ændret, efter du åbnede siden" in response.content.decode()
    figure.refresh_from_db()
    assert (figure.value, figure.state) == (990, "submitted")


def test_an_administrator_approves_submitted_figures_from_the_list(client, administrator, setup):
    _, key, _, _ = setup
    figure = factories.measurement(key, 2024, 3, 900, state="submitted")
    client.force_login(administrator)
    client.post(
        "/admin/indicators/measurement/",
        {"action": "approve_selected", "_selected_action": [figure.pk]} | _shown(client, figure),
    )
    figure.refresh_from_db()
    assert figure.state == "approved"


def test_a_target_change_needs_a_reason_and_the_reason_is_in_the_history(client, administrator, setup):
    _, key, _, _ = setup
    target = Target.objects.get()
    client.force_login(administrator)
    url = f"/admin/indicators/target/{target.pk}/change/"
    data = {"indicator": key.pk, "year": 2024, "quarter": "", "value_min": "840", "value_max": "870"}
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert Target.objects.get().value_min == 850
    client.post(url, data | {"reason": "Nyt budget vedtaget i udvalget"})
    assert Target.objects.get().value_min == 840
    history = client.get(f"{url.removesuffix('change/')}history/").content.decode()
    assert "Nyt budget vedtaget i udvalget" in history
    assert "850" in history and "840" in history


def test_history_cannot_be_reverted_past_the_rules(client, administrator, setup):
    _, key, _, _ = setup
    figure = factories.measurement(key, 2024, 3, 900)
    record = figure.history.first()
    client.force_login(administrator)
    url = f"/admin/indicators/measurement/{figure.pk}/history/{record.history_id}/"
    assert client.post(url, {"value": "1", "version": 1}).status_code == 403


def test_a_submit_from_the_grid_sends_only_the_submitters_own_figures(client, manager, administrator, setup):
    strategy, key, share, other = setup
    typo = measurement_save(
        user=manager, indicator=key, quarter=Q3, value=Decimal(8580), version=0, commentary=EXPLAINED
    )
    measurement_submit(user=manager, measurements=[typo])
    measurement_return(
        user=administrator, measurements=[typo], versions=factories.shown(typo), note="Tastefejl?"
    )
    factories.assign(manager, other.focus_area)
    other_draft = measurement_save(user=manager, indicator=other, quarter=Q3, value=Decimal(40), version=0)
    client.force_login(administrator)
    response = post_grid(client, strategy, [(share, ("4,5", "", 0, ""))], _submit="1")
    assert response.status_code == 302
    assert "1 tal er sendt til godkendelse." in client.get(response["Location"]).content.decode()
    states = dict(Measurement.objects.filter(year=2024, quarter=3).values_list("indicator_id", "state"))
    assert states == {key.pk: "returned", share.pk: "submitted", other.pk: "draft"}
    typo.refresh_from_db()
    assert (typo.value, typo.entered_by, typo.review_note) == (8580, manager, "Tastefejl?")
    other_draft.refresh_from_db()
    assert other_draft.entered_by == manager


def test_a_returned_figure_is_resent_once_corrected_in_the_grid(client, manager, administrator, setup):
    strategy, key, share, other = setup
    typo = measurement_save(
        user=manager, indicator=key, quarter=Q3, value=Decimal(8580), version=0, commentary=EXPLAINED
    )
    measurement_submit(user=manager, measurements=[typo])
    measurement_return(
        user=administrator, measurements=[typo], versions=factories.shown(typo), note="Tastefejl?"
    )
    typo.refresh_from_db()
    client.force_login(manager)
    unchanged = post_grid(client, strategy, [(share, ("4,5", "", 0, ""))], _submit="1")
    assert unchanged.status_code == 302
    typo.refresh_from_db()
    assert typo.state == "returned"
    response = post_grid(client, strategy, [(key, ("858", "", typo.version, "8.580"))], _submit="1")
    assert response.status_code == 302
    typo.refresh_from_db()
    assert (typo.state, typo.value) == ("submitted", 858)


def test_a_manager_says_in_the_grid_that_a_figure_is_a_preliminary_internal_count(client, manager, setup):
    strategy, key, share, _ = setup
    client.force_login(manager)
    page = client.get(GRID, {"strategy": strategy.pk, "quarter": "2024K3"}).content.decode()
    assert f'name="basis-{key.pk}"' in page
    assert "Foreløbigt internt tal" in page and "Kommunens eget tal" in page
    # A typed number can be the municipality's own or a preliminary count, never "official".
    assert '<option value="official"' not in page
    post_grid(
        client, strategy, [(key, ("880", "Augusts interne tal", 0, ""))], **{f"basis-{key.pk}": "preliminary"}
    )
    assert Measurement.objects.get(indicator=key, year=2024, quarter=3).basis == "preliminary"


def test_changing_only_the_basis_in_the_grid_saves_it(client, manager, setup):
    strategy, key, *_ = setup
    measurement = factories.measurement(key, 2024, 3, 880)
    client.force_login(manager)
    data = {
        "strategy": strategy.pk,
        "quarter": "2024K3",
        f"value-{key.pk}": "880",
        f"initial-value-{key.pk}": "880",
        f"basis-{key.pk}": "preliminary",
        f"initial-basis-{key.pk}": "own",
        f"version-{key.pk}": measurement.version,
    }
    assert client.post(GRID, data).status_code == 302
    measurement.refresh_from_db()
    assert (measurement.basis, measurement.value) == ("preliminary", Decimal("880"))


def test_an_official_figure_typed_over_in_the_grid_becomes_the_municipalitys_own(client, manager, setup):
    strategy, key, *_ = setup
    measurement = factories.measurement(key, 2024, 3, 880, basis="official")
    client.force_login(manager)
    page = client.get(GRID, {"strategy": strategy.pk, "quarter": "2024K3"}).content.decode()
    assert '<option value="official" selected>Officielt tal</option>' in page
    data = {
        "strategy": strategy.pk,
        "quarter": "2024K3",
        f"value-{key.pk}": "885",
        f"initial-value-{key.pk}": "880",
        f"basis-{key.pk}": "official",
        f"initial-basis-{key.pk}": "official",
        f"version-{key.pk}": measurement.version,
    }
    assert client.post(GRID, data).status_code == 302
    measurement.refresh_from_db()
    assert (measurement.basis, measurement.value) == ("own", Decimal("885"))
