"""The approval page: submitted figures with context, approve selected or all, return with a note."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Measurement, Unit
from indicators.services import FiguresRefused, measurement_approve

from .. import factories

pytestmark = pytest.mark.django_db
URL = "/admin/indicators/measurement/godkendelse/"
State = Measurement.State


@pytest.fixture
def quarter_to_approve(manager):
    manager.email = "leder@kommune.dk"
    manager.save()
    area = factories.focus_area(number=3, name="Borgere med udfordringer")
    factories.assign(manager, area)
    f30 = factories.indicator(focus_area=area, code="F3.0", name="Sygedagpenge", is_key_figure=True)
    f31 = factories.indicator(focus_area=area, code="F3.1", name="Andel i job", unit=Unit.PERCENT, decimals=1)
    factories.target(f30, 2024, (800, 850))
    factories.measurement(f30, 2024, 2, 880, state=State.APPROVED)
    factories.measurement(f30, 2023, 3, 1020, state=State.APPROVED)
    factories.measurement(f31, 2024, 2, "3.9", state=State.APPROVED)
    big = factories.measurement(
        f30, 2024, 3, 8580, state=State.SUBMITTED, entered_by=manager, commentary="Ny opgørelse"
    )
    share = factories.measurement(f31, 2024, 3, "4.5", state=State.SUBMITTED, entered_by=manager)
    return area.strategy, big, share


def decide(client, strategy, **data):
    """POST the approval page as it shows now: every figure with the version on the page."""
    shown = Measurement.objects.filter(indicator__focus_area__strategy=strategy, year=2024, quarter=3)
    versions = {f"version-{pk}": version for pk, version in shown.values_list("pk", "version")}
    return client.post(URL, {"strategy": strategy.pk, "quarter": "2024K3"} | versions | data, follow=True)


def page(client, strategy, **query):
    return client.get(URL, {"strategy": strategy.pk, "quarter": "2024K3"} | query).content.decode()


def test_the_page_shows_each_figure_with_its_context_in_danish_formats(
    client, administrator, quarter_to_approve
):
    strategy, big, share = quarter_to_approve
    client.force_login(administrator)
    text = page(client, strategy)
    assert "8.580" in text and "8580,0000" not in text
    assert "800–850" in text  # target
    assert "880" in text and "1.020" in text  # previous quarter, same quarter last year
    assert "+7.700 (+875,0 %)" in text  # change
    assert "+0,6 procentpoint" in text  # a share changes in procentpoint
    assert "F3.0: 8.580 er 9,8 gange sidste kvartals 880." in text
    assert "Ny opgørelse" in text and "Indsendt" in text


def test_approving_selected_figures(client, administrator, quarter_to_approve):
    strategy, big, share = quarter_to_approve
    client.force_login(administrator)
    decide(client, strategy, figure=[share.pk], _approve="1")
    states = dict(Measurement.objects.filter(year=2024, quarter=3).values_list("pk", "state"))
    assert states == {big.pk: State.SUBMITTED, share.pk: State.APPROVED}


def test_approving_all_leaves_a_warned_figure_to_be_ticked(client, administrator, quarter_to_approve):
    strategy, big, share = quarter_to_approve
    client.force_login(administrator)
    response = decide(client, strategy, _approve_all="1")
    states = dict(Measurement.objects.filter(year=2024, quarter=3).values_list("pk", "state"))
    assert states == {big.pk: State.SUBMITTED, share.pk: State.APPROVED}
    text = response.content.decode()
    assert "1 tal er godkendt." in text
    assert "F3.0 3. kvt. 2024 er ikke godkendt, fordi det har en advarsel" in text

    decide(client, strategy, figure=[big.pk], _approve="1")  # ticked one by one: seen and approved
    big.refresh_from_db()
    assert (big.state, big.published_value) == (State.APPROVED, 8580)
    assert "Ingen indsendte tal venter" in page(client, strategy)


def test_approving_all_of_only_warned_figures_approves_nothing(client, administrator, quarter_to_approve):
    strategy, big, share = quarter_to_approve
    Measurement.objects.filter(pk=share.pk).delete()
    client.force_login(administrator)
    text = decide(client, strategy, _approve_all="1").content.decode()
    assert "er ikke godkendt, fordi det har en advarsel" in text and "tal er godkendt." not in text
    big.refresh_from_db()
    assert big.state == State.SUBMITTED


def test_the_approve_service_publishes_a_warned_figure_only_when_confirmed(administrator, quarter_to_approve):
    strategy, big, share = quarter_to_approve
    with pytest.raises(FiguresRefused, match="F3.0 3. kvt. 2024 har en advarsel"):
        versions = factories.shown(big, share)
        measurement_approve(user=administrator, measurements=[big, share], versions=versions)
    assert set(Measurement.objects.filter(pk__in=[big.pk, share.pk]).values_list("state", flat=True)) == {
        State.SUBMITTED
    }
    count = measurement_approve(
        user=administrator,
        measurements=[big, share],
        versions=factories.shown(big, share),
        confirmed_warnings={big.pk},
    )
    assert count == 2


def test_returning_with_a_note_tells_whoever_entered_the_figure(
    client, administrator, quarter_to_approve, django_capture_on_commit_callbacks
):
    strategy, big, share = quarter_to_approve
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, strategy, figure=[big.pk], _return="1", note="Tjek F3.0")
    big.refresh_from_db()
    assert (big.state, big.review_note) == (State.RETURNED, "Tjek F3.0")
    assert [message.to for message in mail.outbox] == [["leder@kommune.dk"]]
    assert "Tjek F3.0" in mail.outbox[0].body and "F3.0 Sygedagpenge, 3. kvt. 2024" in mail.outbox[0].body


def test_returning_without_a_note_changes_nothing(client, administrator, quarter_to_approve):
    strategy, big, share = quarter_to_approve
    client.force_login(administrator)
    response = decide(client, strategy, figure=[big.pk], _return="1")
    assert "Skriv en bemærkning" in response.content.decode()
    big.refresh_from_db()
    assert big.state == State.SUBMITTED


def test_a_figure_changed_since_the_page_was_shown_is_not_approved(client, administrator, quarter_to_approve):
    strategy, big, share = quarter_to_approve
    client.force_login(administrator)
    data = {"strategy": strategy.pk, "quarter": "2024K3", "figure": [share.pk], "_approve": "1"}
    response = client.post(URL, data | {f"version-{share.pk}": share.version - 1}, follow=True)
    assert "er ændret, efter du åbnede siden" in response.content.decode()
    share.refresh_from_db()
    assert share.state == State.SUBMITTED


def test_the_page_offers_no_approval_of_your_own_figures(client, administrator, quarter_to_approve):
    strategy, big, share = quarter_to_approve
    Measurement.objects.filter(pk=big.pk).update(entered_by=administrator)
    client.force_login(administrator)
    text = page(client, strategy)
    assert f'value="{big.pk}"' not in text and f'value="{share.pk}"' in text
    assert "Indtastet af dig: en anden skal godkende" in text
    decide(client, strategy, _approve_all="1")
    big.refresh_from_db()
    assert big.state == State.SUBMITTED
    # Posting the own figure's id anyway is refused by the service.
    decide(client, strategy, figure=[big.pk], _approve="1")
    big.refresh_from_db()
    assert big.state == State.SUBMITTED


def test_a_manager_cannot_open_the_approval_page(client, manager, quarter_to_approve):
    strategy, big, _ = quarter_to_approve
    client.force_login(manager)
    assert client.get(URL, {"strategy": strategy.pk}).status_code == 403
    assert client.post(URL, {"strategy": strategy.pk, "figure": [big.pk], "_approve": "1"}).status_code == 403


def test_the_page_and_a_batch_approval_cost_the_same_queries_at_any_size(client, administrator, manager):
    area = factories.focus_area(number=4)
    strategy = area.strategy
    client.force_login(administrator)

    def grow(count):
        for _ in range(count):
            indicator = factories.indicator(focus_area=area)
            factories.measurement(indicator, 2024, 2, 100, state=State.APPROVED)
            factories.measurement(indicator, 2024, 3, 101, state=State.SUBMITTED, entered_by=manager)

    def measure():
        with CaptureQueriesContext(connection) as shown:
            page(client, strategy)
        with CaptureQueriesContext(connection) as approved:
            decide(client, strategy, _approve_all="1")
        return len(shown), len(approved)

    grow(2)
    small = measure()
    grow(20)
    assert measure() == small


def test_submitting_tells_the_approvers(manager, administrator, django_capture_on_commit_callbacks):
    from indicators.services import measurement_submit

    administrator.email = "fagkonsulent@kommune.dk"
    administrator.save()
    area = factories.focus_area(number=2)
    factories.assign(manager, area)
    figure = factories.measurement(factories.indicator(focus_area=area, code="F2.0"), 2024, 3, Decimal(900))
    with django_capture_on_commit_callbacks(execute=True):
        measurement_submit(user=manager, measurements=[figure])
    assert [message.to for message in mail.outbox] == [["fagkonsulent@kommune.dk"]]
    assert "godkendelse/?strategy=" in mail.outbox[0].body and "quarter=2024K3" in mail.outbox[0].body
    assert mail.outbox[0].subject == "1 tal til godkendelse for 3. kvt. 2024"


def test_a_figure_without_a_recorded_author_is_listed_too(client, administrator, quarter_to_approve):
    # Figures loaded from a file or the demo have no author; the page lists them all the same.
    strategy, big, _ = quarter_to_approve
    Measurement.objects.filter(pk=big.pk).update(entered_by=None)
    client.force_login(administrator)
    response = client.get(URL, {"strategy": strategy.pk, "quarter": "2024K3"})
    assert response.status_code == 200
    assert "8.580" in response.content.decode()


def test_the_page_opens_on_the_newest_quarter_with_waiting_figures_and_lists_them_all(
    client, administrator, manager, quarter_to_approve
):
    strategy, big, share = quarter_to_approve
    old = factories.indicator(focus_area=big.indicator.focus_area, code="F3.2")
    factories.measurement(old, 2015, 1, 40, state=State.SUBMITTED, entered_by=manager)
    client.force_login(administrator)
    text = client.get(URL, {"strategy": strategy.pk}).content.decode()
    assert "3. kvt. 2024" in text and "8.580" in text  # not the calendar quarter, which is empty
    assert "Kvartaler med tal, der venter på godkendelse" in text
    assert f'href="{URL}?strategy={strategy.pk}&amp;quarter=2024K3">3. kvt. 2024</a>: 2 tal' in text
    assert f'href="{URL}?strategy={strategy.pk}&amp;quarter=2015K1">1. kvt. 2015</a>: 1 tal' in text
