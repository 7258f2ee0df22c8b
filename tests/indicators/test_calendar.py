"""The reporting calendar: deadlines, the manager's tasks on the start page, the board, reminders."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from core.periods import Quarter
from indicators.calendar import completeness, deadline_for, user_tasks
from indicators.locking import quarter_lock
from indicators.models import Measurement, ReminderSent, ReportingDeadline
from indicators.reminders import reminders_send

from .. import factories

pytestmark = pytest.mark.django_db
Q = Quarter(2024, 3)
State = Measurement.State
# 2024K3 ends 30 September; by default its figures are due 30 days later.
DUE = datetime.date(2024, 10, 30)


@pytest.fixture
def cycle(manager, settings):
    settings.REPORTING_DEADLINE_DAYS = 30
    settings.REMINDER_DAYS_BEFORE = 7
    manager.email, manager.first_name, manager.last_name = "leder@kommune.dk", "Lise", "Leder"
    manager.save()
    strategy = factories.strategy()
    two = factories.focus_area(strategy=strategy, number=2, name="Forsikrede ledige borgere")
    three = factories.focus_area(strategy=strategy, number=3, name="Sygedagpenge")
    factories.assign(manager, two)
    f20 = factories.indicator(focus_area=two, code="F2.0", name="Dagpenge", is_key_figure=True)
    f21 = factories.indicator(focus_area=two, code="F2.1", name="Dagpenge under 30 år")
    f22 = factories.indicator(focus_area=two, code="F2.2", name="Dagpenge over 60 år")
    f30 = factories.indicator(focus_area=three, code="F3.0", is_key_figure=True)
    factories.measurement(f21, 2024, 3, 40, state=State.RETURNED, review_note="Tjek kilden")
    factories.measurement(f22, 2024, 3, 12, state=State.DRAFT)
    factories.measurement(f30, 2024, 3, 880, state=State.APPROVED)
    return strategy, (f20, f21, f22, f30)


def test_the_default_deadline_is_some_days_after_the_quarter_and_the_administrator_may_move_it(cycle):
    strategy, _ = cycle
    assert deadline_for(strategy, Q) == DUE
    ReportingDeadline.objects.create(strategy=strategy, year=2024, quarter=3, due=datetime.date(2024, 11, 5))
    assert deadline_for(strategy, Q) == datetime.date(2024, 11, 5)


def test_a_managers_tasks_are_what_is_missing_returned_or_not_yet_submitted(cycle, manager):
    strategy, (f20, f21, f22, _) = cycle
    [tasks] = user_tasks(user=manager, strategy=strategy, today=datetime.date(2024, 10, 25))
    assert tasks.quarter == Q
    assert [i.code for i in tasks.missing] == ["F2.0"]
    assert [m.indicator.code for m in tasks.returned] == ["F2.1"]
    assert [m.indicator.code for m in tasks.drafts] == ["F2.2"]
    assert (tasks.deadline, tasks.days_left, tasks.is_overdue) == (DUE, 5, False)
    assert user_tasks(user=manager, strategy=strategy, today=datetime.date(2024, 11, 1))[0].is_overdue


def test_a_users_tasks_cover_every_open_quarter_since_the_strategy_started_newest_first(
    cycle, manager, administrator, django_assert_max_num_queries
):
    strategy, (f20, f21, f22, _) = cycle
    strategy.adopted = datetime.date(2024, 5, 2)  # its first whole quarter is 2024K3
    strategy.save()
    factories.measurement(
        f21, 2024, 1, 40, state=State.RETURNED
    )  # returned before the strategy: still a task
    for indicator in (f20, f21, f22):
        factories.measurement(indicator, 2025, 1, 40, state=State.SUBMITTED)
    today = datetime.date(2025, 8, 1)

    manager.get_all_permissions()  # read once per request, before the page asks
    with django_assert_max_num_queries(4):
        tasks = user_tasks(user=manager, strategy=strategy, today=today)
    assert [(t.quarter.code, len(t.missing), len(t.drafts), len(t.returned)) for t in tasks] == [
        ("2025K2", 3, 0, 0),
        ("2024K4", 3, 0, 0),
        ("2024K3", 1, 1, 1),
        ("2024K1", 0, 0, 1),
    ]
    assert tasks[0].deadline == datetime.date(2025, 7, 30) and tasks[0].is_overdue

    quarter_lock(user=administrator, strategy=strategy, quarter=Q, incomplete_reason="Udvalget har mødtes")
    assert [t.quarter.code for t in user_tasks(user=manager, strategy=strategy, today=today)] == [
        "2025K2",
        "2024K4",
        "2024K1",
    ]


def test_the_board_counts_each_focus_area_by_state_with_its_managers(
    cycle, manager, django_assert_max_num_queries
):
    strategy, _ = cycle
    with django_assert_max_num_queries(5):
        board = completeness(strategy=strategy, quarter=Q, today=datetime.date(2024, 11, 1))
        rows = [(row.area.number, row.managers, row.cells()) for row in board.rows]
    assert rows == [(2, [manager], [1, 1, 0, 0, 1]), (3, [], [0, 0, 0, 1, 0])]
    assert [row.area.number for row in board.overdue_rows] == [2]
    assert board.complete_share == 25


def test_the_start_page_lists_a_managers_tasks_of_every_open_quarter_by_name(
    client, cycle, manager, settings
):
    strategy, _ = cycle
    settings.PORTAL_MUNICIPALITY = strategy.municipality.slug
    latest = Quarter.latest_ended()
    strategy.adopted = Q.first_day  # every quarter since has its figures missing
    strategy.save()
    client.force_login(manager)

    page = client.get("/admin/").content.decode()
    assert "Kvartalsindberetning" in page
    # The quarter just ended comes first, the one with the figure returned for 3. kvt. 2024 last.
    assert page.index(latest.label()) < page.index("3. kvt. 2024") < page.index("Sendt retur, skal rettes:")
    assert "Mangler alle dine 3 tal." in page
    assert "Sendt retur, skal rettes:</strong> F2.1 Dagpenge under 30 år (Tjek kilden)" in page
    assert "Mangler tal:</strong> F2.0 Dagpenge" in page
    assert "Gemt, ikke indsendt:</strong> F2.2 Dagpenge over 60 år" in page
    assert "Fristen var den 30. oktober 2024." in page
    assert f"?strategy={strategy.pk}&amp;quarter=2024K3" in page
    # The quarter's work comes before the list of models.
    assert page.index("Indtast kvartalets tal") < page.index('class="app-indicators')


def test_the_completeness_board_highlights_overdue_areas(client, cycle, administrator):
    strategy, _ = cycle
    ReportingDeadline.objects.create(strategy=strategy, year=2024, quarter=3, due=datetime.date(2024, 10, 1))
    client.force_login(administrator)
    page = client.get(
        "/admin/indicators/measurement/overblik/", {"strategy": strategy.pk, "quarter": "2024K3"}
    )
    text = page.content.decode()
    assert "Fristen er overskredet." in text
    assert text.count('<tr class="completeness-overdue"') == 1
    assert "Lise Leder" in text


def test_a_manager_does_not_see_the_board(client, cycle, manager):
    client.force_login(manager)
    assert client.get("/admin/indicators/measurement/overblik/").status_code == 403


def reminders_on(day: datetime.date) -> list:
    mail.outbox.clear()
    reminders_send(today=day)
    return list(mail.outbox)


def test_a_reminder_goes_out_a_week_before_the_deadline_once(cycle, manager):
    assert reminders_on(datetime.date(2024, 10, 20)) == []  # ten days before: too early
    sent = reminders_on(datetime.date(2024, 10, 23))
    assert [message.to for message in sent] == [["leder@kommune.dk"]]
    assert sent[0].subject == "Frist for 3. kvt. 2024: 30. oktober 2024"
    assert "Mangler: F2.0 Dagpenge\n" in sent[0].body
    assert "Sendt retur: F2.1 Dagpenge under 30 år (Tjek kilden)" in sent[0].body
    # Run again the same day and the next: nothing more.
    assert reminders_on(datetime.date(2024, 10, 23)) == []
    assert reminders_on(datetime.date(2024, 10, 24)) == []


def test_an_overdue_reminder_goes_out_once_after_the_deadline(cycle):
    reminders_on(datetime.date(2024, 10, 25))
    sent = reminders_on(datetime.date(2024, 10, 31))
    assert [message.subject for message in sent] == ["Fristen for 3. kvt. 2024 er overskredet"]
    assert reminders_on(datetime.date(2024, 11, 2)) == []
    assert ReminderSent.objects.count() == 2


def test_no_reminder_when_everything_is_submitted_or_the_quarter_is_locked(cycle, manager, administrator):
    strategy, (f20, f21, f22, _) = cycle
    factories.measurement(f20, 2024, 3, 900, state=State.SUBMITTED)
    Measurement.objects.filter(indicator__in=[f21, f22]).update(state=State.SUBMITTED)
    assert reminders_on(datetime.date(2024, 10, 31)) == []
    Measurement.objects.filter(indicator=f21).update(state=State.RETURNED)
    quarter_lock(user=administrator, strategy=strategy, quarter=Q, incomplete_reason="Udvalget har mødtes")
    assert reminders_on(datetime.date(2024, 10, 31)) == []


def test_a_figure_returned_for_an_earlier_quarter_is_chased_with_the_newer_ones_in_one_mail(cycle, manager):
    # 2024K4 is due 30 January 2025: a week before, its reminder goes out with the overdue 2024K3.
    sent = reminders_on(datetime.date(2025, 1, 24))
    assert [message.subject for message in sent] == ["Påmindelse om tal for 2 kvartaler"]
    body = sent[0].body
    assert body.index("Frist for 4. kvt. 2024: 30. januar 2025") < body.index(
        "Fristen for 3. kvt. 2024 er overskredet"
    )
    assert "Sendt retur: F2.1 Dagpenge under 30 år (Tjek kilden)" in body
    assert "quarter=2024K3" in body and "quarter=2024K4" in body
    assert reminders_on(datetime.date(2025, 1, 25)) == []  # each quarter once of each kind
    assert ReminderSent.objects.count() == 2


def test_a_failing_mail_server_leaves_the_reminder_to_the_next_run(cycle, monkeypatch):
    monkeypatch.setattr("indicators.notices.send_mass_mail", lambda messages: (_ for _ in ()).throw(OSError))
    assert reminders_on(datetime.date(2024, 10, 23)) == []
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    assert len(reminders_on(datetime.date(2024, 10, 23))) == 1


def test_the_command_says_how_many_were_sent(cycle, capsys):
    call_command("send_reminders", "--today", "2024-10-23")
    assert "påmindelser sendt" in capsys.readouterr().out


def test_the_command_names_who_had_tasks_but_no_address(cycle, manager, capsys):
    manager.email = ""
    manager.save()
    call_command("send_reminders", "--today", "2024-10-23")
    out = capsys.readouterr().out
    assert "0 påmindelser sendt." in out
    assert "Uden e-mailadresse, ikke påmindet: Lise Leder (leder-test)." in out
    assert not ReminderSent.objects.exists()  # reminded once an address is added
