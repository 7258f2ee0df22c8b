"""Every way the pages' content is changed (a service, an admin page) makes the cached pages be drawn anew:
the writer announces the change, and a reader sees it on the next request."""

from datetime import date

import pytest

from core.periods import Quarter
from indicators.locking import quarter_lock

from ..case_data import meeting
from ..reporting_data import portal_strategy

pytestmark = pytest.mark.django_db

LAST = Quarter(2024, 2)  # portal_strategy's sixth quarter from 2023K1
REPORT = "/rapport/2024/2/"


@pytest.fixture
def strategy(settings):
    return portal_strategy(settings, areas=2, indicators=2, quarters=6)


@pytest.fixture
def reader(client, committee_member, strategy):
    client.force_login(committee_member)
    return client


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_narrative_written_in_the_admin_shows_in_the_report_at_once(reader, admin_client, strategy):
    assert "Flere kommer i job." not in _page(reader, REPORT)
    area = strategy.focus_areas.get(number=1)
    response = admin_client.post(
        "/admin/reporting/areanarrative/add/",
        {"focus_area": area.pk, "year": 2024, "quarter": 2, "text": "Flere kommer i job."},
    )
    assert response.status_code == 302
    assert "Flere kommer i job." in _page(reader, REPORT)


def test_a_recommendation_written_in_the_admin_shows_in_the_report_at_once(reader, admin_client, strategy):
    assert "Udvalget tager orienteringen til efterretning." not in _page(reader, REPORT)
    response = admin_client.post(
        "/admin/reporting/recommendation/add/",
        {"strategy": strategy.pk, "year": 2024, "quarter": 2,
         "text": "Udvalget tager orienteringen til efterretning."},
    )  # fmt: skip
    assert response.status_code == 302
    assert "Udvalget tager orienteringen til efterretning." in _page(reader, REPORT)


def test_a_decision_deleted_in_the_admin_leaves_the_report_at_once(reader, admin_client, strategy):
    from reporting.models import Decision

    decision = Decision.objects.create(
        meeting=meeting(strategy, Quarter(2024, 2), date(2024, 8, 20)), text="Taget til efterretning."
    )
    assert "Taget til efterretning." in _page(reader, REPORT)
    response = admin_client.post(f"/admin/reporting/decision/{decision.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert "Taget til efterretning." not in _page(reader, REPORT)


def test_a_principle_added_in_the_admin_shows_on_the_strategy_page_at_once(reader, admin_client, strategy):
    assert "Borgeren i centrum." not in _page(reader, "/strategi/")
    areas = list(strategy.focus_areas.order_by("number"))
    data = {
        "municipality": strategy.municipality_id, "title": strategy.title, "status": strategy.status,
        "adopted_precision": strategy.adopted_precision,
        "principles-TOTAL_FORMS": 1, "principles-INITIAL_FORMS": 0,
        "principles-0-order": 1, "principles-0-text": "Borgeren i centrum.",
        "focus_areas-TOTAL_FORMS": len(areas), "focus_areas-INITIAL_FORMS": len(areas),
    }  # fmt: skip
    for n, area in enumerate(areas):
        data |= {f"focus_areas-{n}-{name}": value for name, value in
                 {"id": area.pk, "strategy": strategy.pk, "number": area.number, "name": area.name,
                  "slug": area.slug}.items()}  # fmt: skip
    response = admin_client.post(f"/admin/focusareas/strategy/{strategy.pk}/change/", data)
    assert response.status_code == 302
    assert "Borgeren i centrum." in _page(reader, "/strategi/")


def test_a_locked_quarter_no_longer_says_it_may_be_corrected(reader, administrator, strategy):
    assert "Kvartalet er ikke låst" in _page(reader, "/oversigt/2024/2/")
    for quarter in (Quarter(2023, 1) + n for n in range(6)):
        quarter_lock(user=administrator, strategy=strategy, quarter=quarter)
    assert "Kvartalet er ikke låst" not in _page(reader, "/oversigt/2024/2/")
