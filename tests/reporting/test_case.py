"""The committee's case (issue 22, items 2-4): a case is for a meeting, with the committee's structure, and
its texts are signed off before it is frozen; a section not written shows its placeholder to the author
only."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.periods import Quarter
from reporting.case_check import case_gaps
from reporting.models import AreaNarrative, Meeting, Recommendation, ReportSnapshot
from reporting.report import case_check

from ..case_data import decision, meeting
from ..reporting_data import lock, login

Q = Quarter(2024, 2)
URL = "/rapport/2024/2/"
PLACEHOLDER = "Administrationen har ikke skrevet en vurdering"


def written_case(strategy, *, approver=None, author=None) -> Meeting:
    """The 2. kvt. 2024 case for the meeting of 8 October 2024, every section written."""
    held = meeting(
        strategy, Q, date(2024, 10, 8), place="Mødecenter C, Lokale 29 på Ballerup Rådhus", agenda_item=4,
        case_number="15.00.00-P20-1-24", background="Udvalget følger strategien kvartalsvist.",
        economy="Ingen økonomiske konsekvenser",
    )  # fmt: skip
    for area in strategy.focus_areas.all():
        AreaNarrative.objects.create(
            focus_area=area, year=2024, quarter=2, text=f"Vurdering af {area.name}.", written_by=author
        )
    Recommendation.objects.create(
        strategy=strategy,
        year=2024,
        quarter=2,
        text="Orienteringen tages til efterretning.",
        written_by=author,
    )
    if approver is not None:
        for text in [*AreaNarrative.objects.all(), *Recommendation.objects.all()]:
            text.approve(approver)
    return held


# Item 2: a meeting, not a print date


def test_the_case_is_dated_for_its_meeting_with_its_own_case_number(client, strategy, committee_member):
    written_case(strategy)
    html = login(client, committee_member).get(URL).text
    assert "Til mødet 8. oktober 2024" in html
    assert "sag 15.00.00-P20-1-24" in html and "punkt 4" in html
    assert "Mødecenter C, Lokale 29 på Ballerup Rådhus" in html


def test_a_decision_appears_in_later_meetings_cases_never_in_its_own(client, strategy, committee_member):
    first = meeting(strategy, Quarter(2024, 1), date(2024, 6, 11))
    second = meeting(strategy, Q, date(2024, 10, 8))
    decision(first, "Udvalget ønsker at følge sygedagpengene tæt.", follow_up=True)
    decision(second, "Taget til efterretning med en bemærkning om ungegarantien.", follow_up=True)
    login(client, committee_member)
    own = client.get("/rapport/2024/1/").text
    followups = own[own.index('id="background-title"') : own.index('id="decisions-title"')]
    assert "følge sygedagpengene tæt" not in followups  # not a follow-up in its own case …
    assert "følge sygedagpengene tæt" in own[own.index('id="decisions-title"') :]  # … but its Beslutning
    later = client.get(URL).text
    carried = later[later.index('id="background-title"') : later.index('id="decisions-title"')]
    assert "følge sygedagpengene tæt" in carried and "Åben opfølgning" in carried
    assert "ungegarantien" not in carried  # the later meeting's own decision is its Beslutning
    assert "Tidligere behandling" in later and "11. juni 2024" in later


def test_before_its_meeting_a_case_says_when_it_will_be_decided(client, strategy, committee_member):
    meeting(strategy, Q, date(2024, 10, 8))
    html = login(client, committee_member).get(URL).text
    assert "Sagen behandles på mødet 8. oktober 2024." in html


def test_the_briefing_opens_on_the_next_meetings_case(client, strategy, committee_member):
    today = timezone.localdate()
    meeting(strategy, Quarter(2023, 3), today - timedelta(days=90))
    meeting(strategy, Quarter(2023, 4), today + timedelta(days=20))
    meeting(strategy, Quarter(2024, 1), today + timedelta(days=110))
    response = login(client, committee_member).get("/rapport/")
    assert response.status_code == 302 and response["Location"] == "/rapport/2023/4/"


def test_without_a_coming_meeting_the_briefing_opens_on_the_latest_held(client, strategy, committee_member):
    meeting(strategy, Quarter(2023, 3), date(2023, 12, 5))
    meeting(strategy, Quarter(2024, 1), date(2024, 6, 11))
    assert login(client, committee_member).get("/rapport/")["Location"] == "/rapport/2024/1/"


def test_the_old_quarter_addresses_still_show_the_quarters_case(client, strategy, committee_member):
    login(client, committee_member)
    assert client.get(URL).status_code == 200  # no meeting planned: the quarter's case, dated as drawn
    assert client.get("/rapport/")["Location"] == URL


def test_an_administrator_plans_a_meeting_in_the_admin(client, strategy, administrator, manager):
    data = {
        "strategy": strategy.pk, "committee": "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget",
        "date": "03.12.2024", "place": "Ballerup Rådhus", "agenda_item": 3,
        "case_number": "15.00.00-P20-2-24",
        "year": 2024, "quarter": 3, "background": "", "economy": "", "source": "",
    }  # fmt: skip
    client.force_login(manager)
    assert client.post("/admin/reporting/meeting/add/", data).status_code == 403
    client.force_login(administrator)
    response = client.post("/admin/reporting/meeting/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Meeting.objects.get().period == Quarter(2024, 3)
    again = client.post("/admin/reporting/meeting/add/", data | {"date": "10.12.2024"})
    assert "Kvartalets sag er allerede sat på et møde." in again.text


# Item 3: the committee's case structure


def test_the_case_has_the_committees_sections_in_order(client, strategy, committee_member):
    written_case(strategy)
    html = login(client, committee_member).get(URL).text
    sections = ["Sammendrag", "Opmærksomhedspunkter", "Baggrund", "Sagsfremstilling", "1. Fokusområde 1"]
    sections += ["Administrationens vurdering", "Økonomiske konsekvenser", "Indstilling", "Beslutning"]
    at = [html.index(f">{section}") for section in sections]
    assert at == sorted(at)
    assert "Udvalget følger strategien kvartalsvist." in html and "Ingen økonomiske konsekvenser" in html
    assert "indikatorer er på sporet" in html  # the summary's own sentence


# Item 4: ready before it is sent


def _report(**fields) -> dict:
    area = {"number": 1, "name": "Ledige", "narrative": "Tekst.", "narrative_approved": True}
    report = {"meeting": {"date": "2024-10-08"}, "background": "B", "economy": "Ingen", "areas": [area]}
    return report | {"recommendation": "Tages til efterretning.", "recommendation_approved": True} | fields


def test_a_written_and_signed_off_case_has_no_gaps():
    assert case_gaps(_report()) == []


def test_the_check_lists_empty_and_unapproved_sections_in_the_cases_order():
    areas = [
        {"number": 1, "name": "Ledige", "narrative": "", "narrative_approved": False},
        {"number": 2, "name": "Unge", "narrative": "Udkast.", "narrative_approved": False},
    ]
    report = _report(meeting=None, background=" ", areas=areas, economy="", recommendation_approved=False)
    assert [gap.text for gap in case_gaps(report)] == [
        "Møde: sagen er ikke sat på et møde i mødekalenderen.",
        "Baggrund: ikke skrevet.",
        "Sagsfremstilling, 1. Ledige: ikke skrevet.",
        "Sagsfremstilling, 2. Unge: ikke godkendt.",
        "Økonomiske konsekvenser: ikke skrevet.",
        "Indstilling: ikke godkendt.",
    ]


def test_the_live_case_is_checked_from_the_database(strategy, manager):
    written_case(strategy)
    assert {gap.kind for gap in case_check(strategy, Q)} == {"unapproved"}
    for text in [*AreaNarrative.objects.all(), *Recommendation.objects.all()]:
        text.approve(manager)
    assert case_check(strategy, Q) == []


def test_changing_an_approved_text_withdraws_its_approval(strategy, manager):
    written_case(strategy, approver=manager)
    narrative = AreaNarrative.objects.first()
    assert narrative.is_approved and narrative.approved_by == manager
    narrative.text = "En anden vurdering."
    narrative.save()
    narrative.refresh_from_db()
    assert not narrative.is_approved and narrative.approved_by is None


def test_the_admin_records_the_author_and_the_manager_signs_off(client, strategy, administrator, manager):
    area = strategy.focus_areas.get(number=1)
    client.force_login(administrator)
    response = client.post(
        "/admin/reporting/areanarrative/add/",
        {"focus_area": area.pk, "year": 2024, "quarter": 2, "text": "Ledigheden falder."},
    )
    assert response.status_code == 302
    narrative = AreaNarrative.objects.get()
    assert narrative.written_by == administrator and not narrative.is_approved
    client.force_login(manager)
    assert client.get("/admin/reporting/areanarrative/add/").status_code == 403  # the manager does not write
    response = client.post(
        "/admin/reporting/areanarrative/", {"action": "approve", "_selected_action": [narrative.pk]}
    )
    assert response.status_code == 302
    narrative.refresh_from_db()
    assert narrative.approved_by == manager and narrative.approved_at is not None


def test_a_sign_off_in_the_admin_shows_on_the_case_at_once(client, strategy, administrator):
    written_case(strategy)
    client.force_login(administrator)
    assert "Sagen er klar" not in client.get(URL).text  # drawn and kept until something changes
    for kind, model in [("areanarrative", AreaNarrative), ("recommendation", Recommendation)]:
        selected = list(model.objects.values_list("pk", flat=True))
        client.post(f"/admin/reporting/{kind}/", {"action": "approve", "_selected_action": selected})
    assert "Sagen er klar" in client.get(URL).text


def test_the_placeholder_and_the_check_are_shown_to_the_author_only(
    client, strategy, administrator, committee_member
):
    meeting(strategy, Q, date(2024, 10, 8))
    client.force_login(administrator)
    html = client.get(URL).text
    assert PLACEHOLDER in html and "Klar til at blive sendt?" in html and "Baggrund: ikke skrevet." in html
    html = login(client, committee_member).get(URL).text
    assert PLACEHOLDER not in html and "har ikke skrevet" not in html and "ikke skrevet." not in html


def test_the_meeting_in_the_admin_shows_what_the_case_still_lacks(client, strategy, administrator, manager):
    held = written_case(strategy)
    client.force_login(administrator)
    page = client.get(f"/admin/reporting/meeting/{held.pk}/change/").text
    assert "Indstilling: ikke godkendt." in page and "/rapport/2024/2/" in page
    for text in [*AreaNarrative.objects.all(), *Recommendation.objects.all()]:
        text.approve(manager)
    assert "Sagen er klar." in client.get(f"/admin/reporting/meeting/{held.pk}/change/").text


def test_what_was_missing_at_the_freeze_is_told_the_author_not_the_committee(
    client, strategy, administrator, committee_member
):
    meeting(strategy, Q, date(2024, 10, 8))
    lock(strategy, Q)
    client.force_login(administrator)
    assert "Da sagen blev frosset, manglede:" in client.get(URL).text
    assert "Da sagen blev frosset" not in login(client, committee_member).get(URL).text


def test_the_author_is_told_when_the_case_is_ready(client, strategy, administrator, manager):
    written_case(strategy, approver=manager)
    client.force_login(administrator)
    assert "Sagen er klar" in client.get(URL).text


def test_a_frozen_case_keeps_what_was_missing_when_it_was_frozen(strategy, manager):
    written_case(strategy)
    lock(strategy, Q)
    gaps = ReportSnapshot.objects.for_quarter(strategy, Q).get().data["gaps"]
    assert "Indstilling: ikke godkendt." in gaps and len(gaps) == 6  # five assessments and the recommendation


@pytest.mark.parametrize("kind", ["areanarrative", "recommendation"])
def test_the_committee_member_cannot_sign_off(client, strategy, committee_member, kind):
    client.force_login(committee_member)
    assert client.get(f"/admin/reporting/{kind}/").status_code in (302, 403)
