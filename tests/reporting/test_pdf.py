"""The briefing as a PDF for the agenda: A4, dated, case number and "Side x af y" on every page, charts drawn
on the server; a locked quarter's PDF is the frozen one and never changes."""

import io

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.periods import Quarter
from focusareas.models import FocusArea
from indicators.models import Measurement
from reporting.models import ReportSnapshot

from ..reporting_data import lock, login

pytestmark = pytest.mark.slow  # left out of make test-fast

URL = "/rapport/2024/2/pdf/"
A4 = (595, 842)  # points


def pages(response) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages]


@pytest.fixture
def briefing(strategy):
    strategy.case_number = "15.00.00-P22-1-20"
    strategy.save()
    return strategy


def test_the_pdf_is_the_briefing_on_numbered_a4_pages(client, briefing, committee_member):
    response = login(client, committee_member).get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == list(A4)
    texts = pages(response)
    for n, text in enumerate(texts, start=1):
        assert f"Side {n} af {len(texts)}" in text
        assert "sag 15.00.00-P22-1-20" in text and "Dateret" in text
    everything = "\n".join(texts)
    headings = ["Nøgletal for 2. kvt. 2024", "Sammendrag", "Opmærksomhedspunkter", "Baggrund"]
    headings += ["Sagsfremstilling", "1. Fokusområde 1", "Beslutning"]
    for heading in headings:
        assert heading in everything
    assert "495" in everything and "på sporet" in everything  # F1.0 in 2024K2 against its target of 500


def test_the_pdf_draws_each_key_figure_chart(client, briefing, committee_member):
    response = login(client, committee_member).get(URL)
    everything = "\n".join(pages(response))
    # The chart's own axis labels and legend are text in the PDF: drawn on the server, not a picture.
    assert everything.count("3. kvt. 2023") >= 5 and "Faktisk" in everything


def test_a_locked_quarters_pdf_never_changes(client, briefing, committee_member):
    lock(briefing, Quarter(2024, 2))
    login(client, committee_member)
    first = client.get(URL).content
    assert ReportSnapshot.objects.get().pdf is not None
    Measurement.objects.filter(indicator__code="F1.0", year=2024, quarter=2).update(
        value=123, published_value=123
    )
    assert client.get(URL).content == first
    assert "Låst rapport" in "\n".join(pages(client.get(URL)))


def test_the_pdf_of_an_unknown_quarter_is_not_found(client, briefing, committee_member):
    assert login(client, committee_member).get("/rapport/2030/1/pdf/").status_code == 404


def test_the_public_is_sent_to_login(client, briefing):
    assert client.get(URL).status_code == 302


def test_an_english_reader_gets_the_pdf_in_english(client, briefing, committee_member):
    login(client, committee_member).post("/i18n/setlang/", {"language": "en", "next": "/"})
    texts = pages(client.get(URL))
    assert "Page 1 of" in texts[0] and "Points for attention" in texts[0]


def drawn(client, url=URL) -> tuple[bool, str]:
    """Was the PDF drawn for this request (the figures read), and its text."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    read = any("indicators_measurement" in query["sql"] for query in queries.captured_queries)
    return read, "\n".join(pages(response))


def test_an_open_quarters_pdf_is_drawn_once_until_something_changes(
    client, admin_client, briefing, committee_member
):
    login(client, committee_member)
    first, text = drawn(client)
    assert first and "Fokusområde 1" in text
    again, same = drawn(client)
    assert not again and same == text
    area = FocusArea.objects.get(strategy=briefing, number=1)
    renamed = admin_client.post(
        f"/admin/focusareas/focusarea/{area.pk}/change/",
        {"strategy": area.strategy_id, "number": area.number, "name": "Unge i job", "slug": area.slug,
         "indicators-TOTAL_FORMS": 0, "indicators-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert renamed.status_code == 302
    changed, text = drawn(client)
    assert changed and "Unge i job" in text


def test_the_kept_pdf_of_one_language_is_not_served_in_the_other(client, briefing, committee_member):
    login(client, committee_member)
    assert drawn(client)[0]
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english, text = drawn(client)
    assert english and "Page 1 of" in text
    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    danish, text = drawn(client)
    assert not danish and "Side 1 af" in text


def test_a_locked_quarters_pdf_is_danish_whoever_opens_it_first(client, briefing, committee_member):
    lock(briefing, Quarter(2024, 2))
    login(client, committee_member).post("/i18n/setlang/", {"language": "en", "next": "/"})
    english_reader = "\n".join(pages(client.get(URL)))
    assert "Side 1 af" in english_reader and "Nøgletal for 2. kvt. 2024" in english_reader
    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    danish_reader = "\n".join(pages(client.get(URL)))
    assert "Side 1 af" in danish_reader and "Page 1 of" not in danish_reader
    assert "Opmærksomhedspunkter" in danish_reader and "på sporet" in danish_reader
