"""Moving a quarter's reporting deadline from the completeness board: administrators only, checked dates."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from core.periods import Quarter
from indicators.calendar import deadline_for, deadline_move
from indicators.models import ReportingDeadline

from .. import factories

pytestmark = pytest.mark.django_db
Q = Quarter(2024, 3)
BOARD = "/admin/indicators/measurement/overblik/"
MOVE = "/admin/indicators/measurement/overblik/frist/"


@pytest.fixture
def strategy(settings):
    settings.REPORTING_DEADLINE_DAYS = 30
    strategy = factories.strategy()
    factories.indicator(focus_area=factories.focus_area(strategy=strategy, number=2), code="F2.0")
    return strategy


def move(client, strategy, due, reason="Udvalgsmødet er flyttet", quarter=Q):
    return client.post(
        MOVE, {"strategy": strategy.pk, "quarter": quarter.code, "due": due, "reason": reason}, follow=True
    )


def test_the_administrator_moves_the_deadline_on_the_board_and_it_is_kept_in_the_history(
    client, strategy, administrator
):
    client.force_login(administrator)
    board = client.get(BOARD, {"strategy": strategy.pk, "quarter": Q.code}).content.decode()
    assert "Flyt fristen for 3. kvt. 2024" in board
    assert 'value="2024-10-30"' in board  # today's deadline, the default

    page = move(client, strategy, "2024-11-12", reason="Udvalgsmødet er flyttet")

    assert "Fristen for 3. kvt. 2024 er flyttet til 12. november 2024." in page.content.decode()
    assert "Frist: 12. november 2024." in page.content.decode()
    assert deadline_for(strategy, Q) == datetime.date(2024, 11, 12)
    record = ReportingDeadline.history.get()
    assert (record.history_user, record.history_change_reason) == (administrator, "Udvalgsmødet er flyttet")


def test_a_danish_typed_date_is_read(client, strategy, administrator):
    client.force_login(administrator)
    move(client, strategy, "5.11.2024")
    assert deadline_for(strategy, Q) == datetime.date(2024, 11, 5)


def test_moving_a_deadline_again_changes_it_and_adds_to_its_history(client, strategy, administrator):
    client.force_login(administrator)
    move(client, strategy, "2024-11-12")
    move(client, strategy, "2024-11-20")
    assert ReportingDeadline.objects.get().due == datetime.date(2024, 11, 20)
    assert ReportingDeadline.history.count() == 2


@pytest.mark.parametrize(
    ("due", "message"),
    [
        ("2024-09-15", "Fristen skal ligge efter kvartalets sidste dag (30. september 2024)."),
        ("2026-01-01", "Fristen kan højst ligge et år efter kvartalets udløb (30. september 2025)."),
        ("31.02.2024", "Skriv en gyldig dato, fx 5.11.2024."),
        ("i morgen", "Skriv en gyldig dato, fx 5.11.2024."),
        ("", "Vælg en dato for den nye frist."),
    ],
)
def test_an_invalid_date_is_refused_with_a_danish_message_and_nothing_changes(
    client, strategy, administrator, due, message
):
    client.force_login(administrator)
    page = move(client, strategy, due).content.decode()
    assert "Fristen er ikke ændret. " + message in page
    assert not ReportingDeadline.objects.exists()
    assert deadline_for(strategy, Q) == datetime.date(2024, 10, 30)


def test_a_manager_cannot_move_the_deadline(client, strategy, manager):
    client.force_login(manager)
    response = client.post(MOVE, {"strategy": strategy.pk, "quarter": Q.code, "due": "2024-12-01"})
    assert response.status_code == 403
    assert not ReportingDeadline.objects.exists()


def test_an_approver_who_may_not_lock_sees_the_deadline_but_no_form_to_move_it(client, strategy, manager):
    manager.user_permissions.add(Permission.objects.get(codename="approve_measurement"))
    client.force_login(manager)
    board = client.get(BOARD, {"strategy": strategy.pk, "quarter": Q.code}).content.decode()
    assert "Frist: 30. oktober 2024." in board
    assert "Flyt fristen" not in board


def test_a_move_without_a_reason_is_refused_on_the_board_and_in_the_service(client, strategy, administrator):
    client.force_login(administrator)
    page = move(client, strategy, "2024-11-12", reason="  ").content.decode()
    assert "Fristen er ikke ændret. Skriv en begrundelse for den nye frist." in page
    with pytest.raises(ValidationError):
        deadline_move(user=administrator, strategy=strategy, quarter=Q, due=datetime.date(2024, 11, 12))
    assert not ReportingDeadline.objects.exists()


@pytest.mark.parametrize(
    ("quarter", "due", "message"),
    [
        (Quarter(2099, 4), "2100-01-30", "Der kan ikke sættes frist for 4. kvt. 2099, som ikke er begyndt."),
        (Quarter(2020, 3), "2020-10-30", "Strategien gælder først fra 4. kvt. 2020."),
    ],
)
def test_a_deadline_for_a_quarter_outside_the_strategys_period_is_refused(
    client, strategy, administrator, quarter, due, message
):
    strategy.adopted = datetime.date(2020, 10, 1)
    strategy.save()
    client.force_login(administrator)
    page = move(client, strategy, due, quarter=quarter).content.decode()
    assert "Fristen er ikke ændret. " + message in page
    assert not ReportingDeadline.objects.exists()


def test_the_deadlines_model_page_only_shows_them_and_points_to_the_board(client, strategy, administrator):
    client.force_login(administrator)
    add = client.post(
        "/admin/indicators/reportingdeadline/add/",
        {"strategy": strategy.pk, "year": 2024, "quarter": 3, "due": "1999-01-01"},
    )
    assert add.status_code == 403
    assert not ReportingDeadline.objects.exists()
    listing = client.get("/admin/indicators/reportingdeadline/").content.decode()
    assert "Fristen flyttes på overblikket over indberetningen" in listing
    assert BOARD in listing
