"""The demo's case for 2. kvt. 2024 as a PDF a secretary attaches as is: no page left with a line or two (a
page holds at least a fifth of a page of text unless it ends the case), the case number and date at the foot
of every page, and the ministry's benchmark in the minutes' words."""

import io

import pypdf
import pytest
from django.core.management import call_command

from ..reporting_data import login

pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # loads the demo and draws its PDF

URL = "/rapport/2024/2/pdf/"
MARGIN = 20 / 25.4 * 72  # the page's top and bottom margins (20 mm) in points
HEAD_AND_FOOT = {"Nøgletal for 2. kvt. 2024"}


def text_extent(page) -> float:
    """How far down the page its text reaches, in points from the top of the text area: the lowest line of
    flowing text (and chart legend) between the running head and foot. A chart's own axis labels are drawn in
    coordinates pypdf does not place on the page and are left out."""
    height = float(page.mediabox.height)
    lows = []

    def visit(text, cm, tm, _font, _size):
        if not text.strip() or cm[0] <= 0 or cm[3] >= 0:  # only text placed by the page's own transform
            return
        y = cm[5] + cm[3] * tm[5]
        if MARGIN < y < height - MARGIN:
            lows.append(y)

    page.extract_text(visitor_text=visit)
    return (height - MARGIN) - min(lows) if lows else 0.0


@pytest.fixture
def demo_pdf(client, settings):
    settings.DEBUG = True
    call_command("load_demo")
    from django.contrib.auth import get_user_model

    response = login(client, get_user_model().objects.get(username="udvalg")).get(URL)
    assert response.status_code == 200
    return pypdf.PdfReader(io.BytesIO(response.content))


def test_no_page_holds_only_a_line_or_two_and_each_says_whose_it_is(demo_pdf):
    pages = demo_pdf.pages
    body = float(pages[0].mediabox.height) - 2 * MARGIN
    extents = [text_extent(page) for page in pages]
    for number, extent in enumerate(extents[:-1], start=1):  # the last page ends the case
        assert extent >= body / 5, f"page {number} of {len(pages)} holds {extent:.0f} of {body:.0f} points"
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"Side {number} af {len(pages)}" in text
        assert "sag 15.00.00-P22-1-20" in text and "Til mødet 8. oktober 2024" in text


def test_a_focus_area_is_kept_together_where_it_fits(demo_pdf):
    starts = {}
    for number, page in enumerate(demo_pdf.pages, start=1):
        text = page.extract_text()
        for area in (
            "1. Samarbejde",
            "2. Forsikrede",
            "3. Borgere med udfordringer",
            "4. Unge",
            "5. Borgere",
        ):
            if area in text:
                starts.setdefault(area, number)
    # Each focus area that fits on a page is on one: its commentary is on the page its heading is on. Area 3
    # carries the minutes' long account of sygedagpenge and runs over; it starts on a page of its own.
    for area in ("1. Samarbejde", "2. Forsikrede", "4. Unge", "5. Borgere"):
        assert "Kommentarer til tallene" in demo_pdf.pages[starts[area] - 1].extract_text(), area
    page = demo_pdf.pages[starts["3. Borgere med udfordringer"] - 1].extract_text()
    assert page.index("3. Borgere med udfordringer") < page.index("3 af 5 indikatorer på sporet")
    assert "4. Unge" not in page and "2. Forsikrede" not in page


def test_the_pdf_carries_the_benchmark_as_the_minutes_do(demo_pdf):
    text = " ".join(" ".join(page.extract_text().split()) for page in demo_pdf.pages)
    assert "Ballerup Kommune ligger i alt på 2. plads af 98" in text
    assert "3. kvt. 2023 – 2. kvt. 2024" in text
    assert "A-dagpenge mv.: fra 22. til 10. plads; 60 færre end forventet" in text
    assert "Kontanthjælp mv.: fra 6. til 8. plads; 130 færre end forventet" in text
    assert "Sygedagpenge mv.: fra 12. til 20. plads; 30 færre end forventet" in text
    assert "Sygedagpenge mv.: 8 pladser tilbage" in text
