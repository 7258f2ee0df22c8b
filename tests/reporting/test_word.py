"""The case as Word for the agenda system (issue 22, item 5) and the PDF read as text: the same case with
its headings, tables and charts, dated for its meeting and numbered, no placeholder; frozen with the case."""

import io
from datetime import date

import docx
import pypdf
import pytest

from core.periods import Quarter
from reporting.models import AreaNarrative, ReportSnapshot

from ..case_data import meeting
from ..reporting_data import lock, login
from .test_case import PLACEHOLDER, written_case

pytestmark = pytest.mark.slow  # draws PDFs and charts

Q = Quarter(2024, 2)
DOCX = "/rapport/2024/2/docx/"
PDF = "/rapport/2024/2/pdf/"
HEADINGS = ["Sammendrag", "Opmærksomhedspunkter", "Baggrund", "Sagsfremstilling", "1. Fokusområde 1"]
HEADINGS += ["Økonomiske konsekvenser", "Indstilling", "Beslutning"]


def word_text(content: bytes) -> tuple[docx.document.Document, str]:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return document, "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_the_word_file_is_the_case_with_headings_tables_and_charts(client, strategy, committee_member):
    written_case(strategy)
    response = login(client, committee_member).get(DOCX)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert 'filename="sag-noegletal-2024K2.docx"' in response["Content-Disposition"]
    document, text = word_text(response.content)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for heading in HEADINGS:
        assert heading in headings
    assert [headings.index(h) for h in HEADINGS] == sorted(headings.index(h) for h in HEADINGS)
    assert "Til mødet 8. oktober 2024" in text and "sag 15.00.00-P20-1-24" in text
    assert "Vurdering af Fokusområde 3." in text and "Orienteringen tages til efterretning." in text
    assert "Sagen behandles på mødet 8. oktober 2024." in text
    assert len(document.tables) == 5 and document.tables[0].rows[0].cells[0].text == "Indikator"
    assert "F1.0" in document.tables[0].rows[1].cells[0].text
    # A chart per focus area, as a PNG picture.
    assert len(document.inline_shapes) == 5
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert images and images[0].blob.startswith(b"\x89PNG")
    # Dated and numbered like the PDF: the case and meeting at the top, "Side x af y" at the foot.
    header = document.sections[0].header.paragraphs[0].text
    assert "sag 15.00.00-P20-1-24" in header and "Til mødet 8. oktober 2024" in header
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Side" in footer


def test_neither_word_nor_pdf_prints_a_placeholder(client, strategy, administrator):
    meeting(strategy, Q, date(2024, 10, 8), case_number="15.00.00-P20-1-24")  # nothing written yet
    client.force_login(administrator)  # even the author's download is the case as the committee gets it
    assert PLACEHOLDER in client.get("/rapport/2024/2/").text
    _document, text = word_text(client.get(DOCX).content)
    printed = pdf_text(client.get(PDF).content)
    for content in (text, printed):
        assert "har ikke skrevet" not in content and "Klar til at blive sendt" not in content
        assert "Til mødet 8. oktober 2024" in content and "15.00.00-P20-1-24" in content


def test_the_pdf_reads_as_the_case_for_its_meeting(client, strategy, committee_member):
    written_case(strategy)
    content = login(client, committee_member).get(PDF).content
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]
    for page in pages:
        assert "Til mødet 8. oktober 2024" in page and "sag 15.00.00-P20-1-24" in page
    text = "\n".join(pages)
    for heading in HEADINGS:
        assert heading in text
    assert "Vurdering af Fokusområde 5." in text and "Dateret" not in text


def test_the_word_file_is_frozen_with_the_case(client, strategy, committee_member):
    written_case(strategy)
    lock(strategy, Q)
    login(client, committee_member)
    first = client.get(DOCX).content
    assert bytes(ReportSnapshot.objects.for_quarter(strategy, Q).get().docx) == first
    AreaNarrative.objects.filter(focus_area__number=1).update(text="Skrevet om efter låsningen.")
    again = client.get(DOCX).content
    assert again == first and "Skrevet om efter låsningen." not in word_text(again)[1]
