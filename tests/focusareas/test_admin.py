"""Rows added on a strategy's and a focus area's page: the buttons read as Danish."""

import html
import json
import re

import pytest

from .. import factories

pytestmark = pytest.mark.django_db


def add_buttons(page: str) -> list[str]:
    """The text of each inline's 'add another' button, as the admin's script writes it."""
    return [
        json.loads(html.unescape(data))["options"]["addText"]
        for data in re.findall(r'data-inline-formset="([^"]+)"', page)
    ]


def test_a_strategys_page_adds_another_principle_and_focus_area_in_danish(client, administrator):
    strategy = factories.strategy()
    client.force_login(administrator)
    page = client.get(f"/admin/focusareas/strategy/{strategy.pk}/change/").content.decode()
    assert add_buttons(page) == ["Tilføj endnu et princip", "Tilføj endnu et fokusområde"]


def test_a_focus_areas_page_adds_another_indicator_in_danish(client, administrator):
    area = factories.focus_area()
    client.force_login(administrator)
    page = client.get(f"/admin/focusareas/focusarea/{area.pk}/change/").content.decode()
    assert add_buttons(page) == ["Tilføj endnu en indikator"]


def test_the_buttons_are_english_when_english_is_chosen(client, administrator):
    strategy = factories.strategy()
    client.force_login(administrator)
    client.cookies["django_language"] = "en"
    page = client.get(f"/admin/focusareas/strategy/{strategy.pk}/change/", headers={"accept-language": "en"})
    assert add_buttons(page.content.decode()) == ["Add another principle", "Add another focus area"]


def test_the_plus_beside_a_choice_creates_a_new_one_in_danish_whatever_the_nouns_gender(
    client, administrator
):
    indicator = factories.indicator()
    client.force_login(administrator)
    page = client.get(f"/admin/indicators/indicator/{indicator.pk}/change/").content.decode()
    assert 'title="Opret fokusområde"' in page
    assert "Tilføj endnu en fokusområde" not in page
