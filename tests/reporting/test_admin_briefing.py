"""Administrators record the committee's decisions and write the briefing's texts; others cannot."""

from datetime import date

from core.periods import Quarter
from reporting.models import AreaNarrative, Decision

from ..case_data import meeting

ADD = "/admin/reporting/decision/add/"


def _decision(strategy, **fields):
    area = strategy.focus_areas.get(number=3)
    held = meeting(strategy, Quarter(2024, 2), date(2024, 10, 8))
    data = {
        "meeting": held.pk,
        "text": "Udvalget ønsker at følge udviklingen tæt.", "focus_areas": [area.pk], "follow_up": "on",
        "closed_year": "", "closed_quarter": "", "closing_note": "",
    }  # fmt: skip
    return data | fields


def test_an_administrator_records_a_decision_with_a_follow_up(client, strategy, administrator):
    client.force_login(administrator)
    response = client.post(ADD, _decision(strategy))
    assert response.status_code == 302, response.context["adminform"].form.errors
    decision = Decision.objects.get()
    assert decision.follow_up and [a.number for a in decision.focus_areas.all()] == [3]
    assert (decision.strategy, decision.period) == (strategy, Quarter(2024, 2))  # the meeting's
    assert "Udvalget ønsker at følge udviklingen tæt." in client.get("/rapport/2024/2/").text


def test_a_follow_up_cannot_be_closed_before_its_quarter(client, strategy, administrator):
    client.force_login(administrator)
    response = client.post(ADD, _decision(strategy, closed_year=2024, closed_quarter=1))
    assert response.status_code == 200
    assert "kan ikke lukkes før det kvartal" in response.text
    assert not Decision.objects.exists()


def test_a_manager_cannot_record_decisions_or_write_narratives(client, strategy, manager):
    client.force_login(manager)
    assert client.post(ADD, _decision(strategy)).status_code == 403
    assert client.get("/admin/reporting/areanarrative/add/").status_code == 403
    assert not Decision.objects.exists() and not AreaNarrative.objects.exists()
