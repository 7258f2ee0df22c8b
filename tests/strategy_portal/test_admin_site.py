"""The admin start page in the order a caseworker manager works: the quarter's pages, then the rest."""

import re

import pytest

pytestmark = pytest.mark.django_db


def block(page: str, app: str) -> str:
    start = page[page.index(f'class="app-{app} module') :]
    return start[: start.index("</table>")]


def rows(page: str, app: str) -> list[str]:
    """The names listed under an app on the start page, top to bottom."""
    return [
        re.sub(r"<[^>]+>", "", name).strip()
        for name in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', block(page, app), re.S)
    ]


def apps(page: str) -> list[str]:
    return re.findall(r'<div class="app-(\w+) module', page)


def test_the_figures_come_first_with_the_quarters_pages_before_the_models(client, administrator):
    client.force_login(administrator)
    page = client.get("/admin/").content.decode()
    assert apps(page)[:2] == ["indicators", "focusareas"]
    assert apps(page)[-1] == "axes"
    assert rows(page, "indicators")[:5] == [
        "Kvartalsindberetning",
        "Godkendelse af indsendte tal",
        "Overblik over indberetningen",
        "Faktiske tal",
        "Mål",
    ]
    assert rows(page, "focusareas") == ["Strategier", "Fokusområder", "Kommuner"]


def test_the_quarters_pages_link_to_the_grid_the_approval_page_and_the_board(client, administrator):
    client.force_login(administrator)
    figures = block(client.get("/admin/").content.decode(), "indicators")
    for url in ["kvartal/", "godkendelse/", "overblik/"]:
        assert f'href="/admin/indicators/measurement/{url}"' in figures


def test_a_manager_sees_the_grid_first_and_not_the_approvers_pages(client, manager):
    client.force_login(manager)
    page = client.get("/admin/").content.decode()
    assert apps(page)[0] == "indicators"
    assert rows(page, "indicators")[:2] == ["Kvartalsindberetning", "Faktiske tal"]
    assert "Godkendelse af indsendte tal" not in rows(page, "indicators")
    assert "Overblik over indberetningen" not in rows(page, "indicators")


def test_the_side_menu_follows_the_same_order(client, administrator):
    client.force_login(administrator)
    page = client.get("/admin/indicators/target/").content.decode()
    assert apps(page)[:2] == ["indicators", "focusareas"]
    assert rows(page, "indicators")[0] == "Kvartalsindberetning"


def test_an_empty_cell_is_a_dash_as_on_the_portals_pages(client, administrator):
    from .. import factories

    factories.target(factories.indicator(), 2024, 820)  # a yearly target: no quarter
    client.force_login(administrator)
    page = client.get("/admin/indicators/target/").content.decode()
    assert '<td class="field-quarter">–</td>' in page


def test_the_quarters_pages_are_named_in_english_when_english_is_chosen(client, administrator):
    client.force_login(administrator)
    client.cookies["django_language"] = "en"
    page = client.get("/admin/", headers={"accept-language": "en"}).content.decode()
    assert rows(page, "indicators")[:3] == [
        "Quarterly reporting",
        "Approval of submitted figures",
        "Reporting overview",
    ]
