"""The demo's case for the meeting of 8 October 2024: the minutes' own meeting, place, background, economy and
decision, each sourced as the minutes; its texts written by the administrator and signed off by the
manager."""

from datetime import date

import pytest
from django.db import transaction
from django.test import override_settings

from core.periods import Quarter
from demo.loader import demo_load
from focusareas.models import Strategy
from reporting.case_check import case_gaps
from reporting.models import AreaNarrative, Decision, Meeting, Recommendation
from reporting.report import build_report
from reporting.selectors import briefing_texts, strategy_figures


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with fast, django_db_blocker.unblock(), transaction.atomic():
        yield demo_load()
        transaction.set_rollback(True)


@pytest.fixture
def ballerup(_loaded_once, db):
    return Strategy.objects.in_force_for("ballerup")


def test_the_meeting_is_the_minutes_own_and_says_so(ballerup):
    meeting = Meeting.objects.get(strategy=ballerup)
    assert (meeting.date, meeting.period) == (date(2024, 10, 8), Quarter(2024, 2))
    assert meeting.committee == "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget"
    assert meeting.place == "Mødecenter C, Lokale 29 på Ballerup Rådhus"
    assert meeting.economy == "Ingen økonomiske konsekvenser"
    assert (
        "kvartalsvist fulgt op på fremdriften i mål og indikatorer i sagen om nøgletal" in meeting.background
    )
    assert "Referat" in meeting.source and "8. oktober 2024" in meeting.source
    # The minutes give the key-figures case no agenda item or number of its own: none is invented.
    assert meeting.agenda_item is None and meeting.case_number == ""


def test_the_decision_is_recorded_on_the_meeting_that_made_it(ballerup):
    decision = Decision.objects.get(strategy=ballerup)
    assert decision.meeting.date == date(2024, 10, 8) and decision.follow_up
    assert "ønsker at følge udviklingen tæt" in decision.text


def test_the_demo_case_is_written_and_signed_off_except_where_the_minutes_say_nothing(ballerup):
    texts = [*AreaNarrative.objects.filter(focus_area__strategy=ballerup), *Recommendation.objects.all()]
    assert texts and all(t.written_by.username == "administrator" for t in texts)
    assert all(t.approved_by.username == "leder" for t in texts)
    assert Recommendation.objects.get(strategy=ballerup).text.endswith("tages til efterretning.")
    q = Quarter(2024, 2)
    gaps = case_gaps(build_report(strategy_figures(ballerup), q, briefing_texts(ballerup, q)))
    # Only the focus areas the minutes do not speak of lack an assessment.
    assert {gap.kind for gap in gaps} == {"empty"}
    assert all(gap.section.startswith("Sagsfremstilling") for gap in gaps)


def test_the_assessments_quote_the_minutes_benchmark_news_and_sygedagpenge_case(ballerup):
    texts = dict(
        AreaNarrative.objects.filter(focus_area__strategy=ballerup).values_list("focus_area__number", "text")
    )
    assert texts[2] == (
        "På dagpengeområdet går kommunen fra en 22. plads til en 10. plads. 60 færre borgere end forventet."
    )
    assert "fra en 12. plads til en 20. plads. 30 færre borgere end forventet." in texts[3]
    assert "79 pct. (525 borgere)" in texts[3] and "83 pct. (590 borgere)" in texts[3]
    assert "2. plads ud af de 98 kommuner" in texts[1]
