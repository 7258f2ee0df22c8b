"""The briefing ("sag om nøgletal"): attention points drawn from the figures, the administration's narrative
per focus area, the recommendation, and the committee's decisions with follow-ups carried until closed."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.periods import Quarter
from core.signals import figures_changed
from indicators.models import Measurement
from reporting.models import AreaNarrative, Recommendation

from ..case_data import decision, meeting
from ..reporting_data import add_quarters, lock, login

URL = "/rapport/2024/2/"
Q = Quarter(2024, 2)


def set_value(code: str, quarter: Quarter, value) -> None:
    """An approved figure: its value and its published value."""
    Measurement.objects.filter(indicator__code=code, year=quarter.year, quarter=quarter.quarter).update(
        value=value, published_value=value
    )


def points(client, url=URL):
    return [(p.kind, p.code) for p in client.get(url).context["report"]["attention"]]


def test_the_briefing_opens_with_what_needs_attention(client, strategy, committee_member):
    # F1.0 (lower is better, target 500): 505 → 507 → 530, worse two quarters running and off track.
    set_value("F1.0", Quarter(2024, 1), 507)
    set_value("F1.0", Q, 530)
    Measurement.objects.filter(indicator__code="F2.1", year=2024, quarter=2).delete()
    login(client, committee_member)
    assert points(client) == [("off_track", "F1.0"), ("worse", "F1.0"), ("missing", "F2.1")]
    html = client.get(URL).text
    assert html.index("Opmærksomhedspunkter") < html.index("1. Fokusområde 1")
    assert "har bevæget sig den forkerte vej 2 kvartaler i træk" in html


def test_a_figure_corrected_after_the_lock_is_an_attention_point(client, strategy, committee_member):
    lock(strategy, Q)
    set_value("F3.0", Q, 499)
    assert points(login(client, committee_member)) == [("corrected", "F3.0")]


def test_nothing_to_report_is_said_in_words(client, strategy, committee_member):
    html = login(client, committee_member).get(URL).text
    assert "Ingen indikatorer er uden for sporet" in html


def test_the_administrations_narrative_and_recommendation_appear(client, strategy, committee_member):
    area = strategy.focus_areas.get(number=3)
    AreaNarrative.objects.create(focus_area=area, year=2024, quarter=2, text="Flere sygemeldes fra job.")
    Recommendation.objects.create(
        strategy=strategy, year=2024, quarter=2, text="At orienteringen tages til efterretning."
    )
    html = login(client, committee_member).get(URL).text
    assert "Flere sygemeldes fra job." in html
    assert html.index("Flere sygemeldes fra job.") > html.index("3. Fokusområde 3")
    assert html.index("Indstilling") > html.index("5. Fokusområde 5")
    assert "At orienteringen tages til efterretning." in html
    # Another quarter's narrative stays in its own quarter.
    assert "Flere sygemeldes" not in client.get("/rapport/2024/1/").text


def test_the_narrative_keeps_its_history(strategy):
    narrative = AreaNarrative.objects.create(
        focus_area=strategy.focus_areas.first(), year=2024, quarter=2, text="A"
    )
    narrative.text = "B"
    narrative.save()
    assert [h.text for h in narrative.history.order_by("history_date")] == ["A", "B"]


@pytest.fixture
def follow_up(strategy):
    """The committee, meeting on 2024K1's figures, wants to follow focus area 3 closely."""
    add_quarters(strategy, 2, after=Q)
    held = meeting(strategy, Quarter(2024, 1), date(2024, 5, 14))
    followed = decision(held, "Udvalget ønsker at følge udviklingen tæt.", follow_up=True)
    followed.focus_areas.add(strategy.focus_areas.get(number=3))
    decision(held, "Taget til efterretning.")
    return followed


def test_a_decision_is_the_beslutning_of_its_own_meetings_case_not_a_follow_up_in_it(
    client, follow_up, committee_member
):
    html = login(client, committee_member).get("/rapport/2024/1/").text
    beslutning = html[html.index('id="decisions-title"') :]
    assert (
        "Udvalget ønsker at følge udviklingen tæt." in beslutning and "Taget til efterretning." in beslutning
    )
    assert "3. Fokusområde 3" in beslutning
    # Never carried into the case for the meeting that made it.
    assert "Åben opfølgning" not in html and "Opfølgning på udvalgets tidligere beslutninger" not in html


def test_an_open_follow_up_is_carried_into_every_later_briefing_until_closed(
    client, admin_client, follow_up, committee_member
):
    login(client, committee_member)
    for url in [URL, "/rapport/2024/3/", "/rapport/2024/4/"]:
        html = client.get(url).text
        assert "Åben opfølgning" in html and "Udvalget ønsker at følge udviklingen tæt." in html
        assert "Taget til efterretning." not in html  # a decision without a follow-up is not carried
    closed = admin_client.post(
        f"/admin/reporting/decision/{follow_up.pk}/change/",
        {"meeting": follow_up.meeting_id, "text": follow_up.text,
         "focus_areas": [area.pk for area in follow_up.focus_areas.all()],
         "follow_up": "on", "closed_year": 2024, "closed_quarter": 3,
         "closing_note": "Udviklingen er vendt."},
    )  # fmt: skip
    assert closed.status_code == 302
    assert "Åben opfølgning" in client.get(URL).text
    closed = client.get("/rapport/2024/3/").text
    assert "Opfølgning lukket" in closed and "Udviklingen er vendt." in closed
    assert "Udvalget ønsker at følge" not in client.get("/rapport/2024/4/").text


def test_the_briefing_makes_the_same_number_of_queries_with_more_decisions(
    client, follow_up, committee_member
):
    login(client, committee_member)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n in range(5):
        more = decision(follow_up.meeting, f"Opfølgning {n}", follow_up=True)
        more.indicators.add(*follow_up.strategy.focus_areas.first().indicators.all())
    figures_changed.send(sender=None)  # as the admin announces them: drawn as after a change of the structure
    with CaptureQueriesContext(connection) as many:
        assert "Opfølgning 4" in client.get(URL).text
    assert len(many) == len(few)
