"""Honest sources: each figure's source shows, demo figures are marked on every page and in exports, the
footer says only what is true; and Danish is the language on the first visit whatever the browser says."""

import io

import pandas as pd
import pytest

from focusareas.models import Strategy
from indicators.models import Measurement

from ..reporting_data import login

PAGES = ["/", "/fokusomraader/omraade-1/", "/indikatorer/F1.0/", "/rapport/2024/2/"]


@pytest.fixture
def some_demo(strategy):
    Measurement.objects.filter(indicator__code="F1.0").update(source="demo", is_demo=True)
    Measurement.objects.filter(indicator__code="F1.1").update(source="Jobindsats, y07a02")
    return strategy


@pytest.mark.parametrize("url", PAGES)
def test_every_page_marks_demo_figures_while_they_are_loaded(client, some_demo, committee_member, url):
    html = login(client, committee_member).get(url).text
    assert "demo-banner" in html
    assert "godkendte tal her er opdigtede demotal" in html
    if url == "/":
        assert "6 af 60 godkendte tal her er opdigtede demotal" in html
    assert "Jobindsats og kommunens egne opgørelser" not in html  # the footer claims nothing it cannot back


@pytest.mark.parametrize("url", PAGES)
def test_without_demo_figures_there_is_no_demo_marking(client, strategy, committee_member, url):
    assert "demo-banner" not in login(client, committee_member).get(url).text


def test_each_figure_shows_its_source_in_the_table_and_the_exports(client, some_demo, committee_member):
    html = login(client, committee_member).get("/fokusomraader/omraade-1/").text
    assert "Demodata (opdigtet tal)" in html and "Jobindsats, y07a02" in html
    csv_text = client.get("/indikatorer/F1.0/tal.csv").content.decode("utf-8-sig")
    assert ";Kilde;" in csv_text.splitlines()[0]
    assert ";Demodata (opdigtet tal);" in csv_text.splitlines()[1]
    report = pd.read_excel(io.BytesIO(client.get("/rapport/2024/2/noegletal.xlsx").content))
    sources = dict(zip(report["Kode"], report["Kilde"], strict=True))
    assert sources["F1.0"] == "Demodata (opdigtet tal)"
    assert sources["F1.1"] == "Jobindsats, y07a02"


def test_an_english_browser_gets_danish_on_the_first_visit(client, strategy, committee_member):
    html = login(client, committee_member).get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").text
    assert '<html lang="da">' in html and "Oversigt" in html


def test_english_when_the_reader_chooses_it(client, strategy, committee_member):
    login(client, committee_member).post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="da").text
    assert '<html lang="en">' in html


def test_a_figure_says_what_it_is_and_an_unlocked_quarter_is_said_once_not_called_preliminary(
    client, strategy, committee_member
):
    """Issue 21, item 6: "foreløbigt" on every figure back to 2021 said only that no quarter was locked."""
    from indicators.basis import Basis
    from indicators.models import Measurement, QuarterLock

    QuarterLock.objects.create(strategy=strategy, year=2024, quarter=1)
    Measurement.objects.filter(indicator__code="F1.0", year=2024, quarter=2).update(
        published_basis=Basis.PRELIMINARY
    )
    Measurement.objects.filter(indicator__code="F1.0", year=2023, quarter=4).update(
        published_basis=Basis.OFFICIAL
    )
    login(client, committee_member)
    rows = {
        row.get_cell_value("quarter"): row for row in client.get("/indikatorer/F1.0/").context["table"].rows
    }
    assert "foreløbigt" not in rows["2. kvt. 2023"].get_cell("quarter")  # not locked, and not preliminary
    assert rows["2. kvt. 2024"].get_cell_value("basis") == "Foreløbigt internt tal"
    assert rows["4. kvt. 2023"].get_cell_value("basis") == "Officielt tal"
    assert rows["1. kvt. 2024"].get_cell_value("basis") == "Kommunens eget tal"
    overview = client.get("/").text
    assert overview.count("Kvartalet er ikke låst: tallene kan endnu blive rettet.") == 1
    assert "Foreløbigt tal" not in overview and "Foreløbigt internt tal" in overview  # F1.0 is the key figure
    assert "Kvartalet er ikke låst" not in client.get("/oversigt/2024/1/").text
    lines = client.get("/indikatorer/F1.0/tal.csv").content.decode("utf-8-sig").splitlines()
    assert lines[0].endswith(";Opgørelse")
    assert lines[-1].startswith("2. kvt. 2024;") and lines[-1].endswith(";Foreløbigt internt tal")
    assert lines[-2].endswith(";Kommunens eget tal")


def test_no_developer_notes_reach_the_reader_of_the_demo_data(client, db, settings, committee_member):
    from demo.loader import demo_load

    demo_load()
    settings.PORTAL_MUNICIPALITY = "ballerup"
    login(client, committee_member)
    urls = [
        "/",
        "/strategi/",
        "/fokusomraader/udfordringer-ud-over-ledighed/",
        "/indikatorer/F3.0/",
        "/rapport/2024/2/",
    ]
    urls += [f"/strategi/{pk}/" for pk in Strategy.objects.of_portal().values_list("pk", flat=True)]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        for note in ["seed 0", "jf. seed", "indgår ikke i kildematerialet"]:
            assert note not in response.text, (url, note)
