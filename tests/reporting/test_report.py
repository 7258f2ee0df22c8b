"""The committee's report draws its key figure's recent quarters as the badge judges them: the figure each
row compares against the target it is judged by, live, frozen and in the PDF alike."""

import re

import pytest

from core.periods import Quarter
from indicators.models import Direction, Measurement, MeasureType, Unit
from reporting import pdf
from reporting.models import ReportSnapshot

from .. import factories
from ..reporting_data import lock, login

APPROVED = Measurement.State.APPROVED
Q3 = Quarter(2024, 3)
URL = "/rapport/2024/3/"


@pytest.fixture
def flow(db, settings):
    """A flow key figure, higher is better, annual target 400: the first quarter missing, then 150 and 100.
    After the third quarter 250 have come in against 200 pro rata, so it is on track."""
    municipality = factories.municipality()
    settings.PORTAL_MUNICIPALITY = municipality.slug
    strategy = factories.strategy(municipality=municipality)
    area = factories.focus_area(strategy=strategy, number=1, slug="a")
    indicator = factories.indicator(
        focus_area=area, code="F1.0", name="Job", is_key_figure=True, unit=Unit.COUNT,
        direction=Direction.HIGHER_IS_BETTER, measure_type=MeasureType.FLOW,
    )  # fmt: skip
    factories.target(indicator, 2024, 400)
    factories.measurement(indicator, 2024, 2, 150, state=APPROVED)
    factories.measurement(indicator, 2024, 3, 100, state=APPROVED)
    return strategy


def _chart(response):
    area = response.context["report"]["areas"][0]
    assert area["rows"][0]["status"] == "on_track"
    return area["chart"]


def _last_point_above_target(svg: str) -> bool:
    """In the PDF's chart (y grows downwards): is the last actual drawn above the end of the target line?"""
    last_actual = re.findall(r'<circle [^>]*cy="([\d.]+)"', svg)[-1]
    target_line = re.findall(r'<line [^>]*stroke-dasharray="6 4"/>', svg)[-1]
    target_end = re.search(r'y2="([\d.]+)"', target_line).group(1)
    return float(last_actual) < float(target_end)


def test_the_reports_chart_draws_the_year_so_far_against_the_target_pro_rata(client, flow, committee_member):
    chart = _chart(login(client, committee_member).get(URL))
    # What the on-track badge compares: 150 + 100 against two reported quarters' share of 400.
    assert chart.rows[-1] == ("3. kvt. 2024", ["250", "200"])
    assert chart.columns[0] == "Faktisk, år til dato"


def test_the_frozen_report_and_its_pdf_keep_the_figures_the_badge_judged(client, flow, committee_member):
    lock(flow, Q3)
    history = ReportSnapshot.objects.get().data["areas"][0]["history"]
    login(client, committee_member)
    assert _chart(client.get(URL)).rows[-1] == ("3. kvt. 2024", ["250", "200"])
    svg = pdf.svg_chart(history, unit=Unit.COUNT, decimals=0)
    assert _last_point_above_target(svg)  # on track, as the badge says
    assert client.get(URL + "pdf/").status_code == 200


def test_a_report_frozen_before_the_history_kept_the_year_so_far_still_renders(
    client, flow, committee_member
):
    lock(flow, Q3)
    snapshot = ReportSnapshot.objects.get()
    old = [
        {"quarter": q.code, "actual": actual, "target_min": "400", "target_max": "400"}
        for q, actual in [(Quarter(2024, 2), "150"), (Q3, "100")]
    ]
    snapshot.data["areas"][0]["history"] = old
    snapshot.save()
    login(client, committee_member)
    # The frozen report is shown as it was frozen: the quarter's own actual against the year's target.
    rows = _chart(client.get(URL)).rows
    assert rows == [("2. kvt. 2024", ["150", "400"]), ("3. kvt. 2024", ["100", "400"])]
    assert client.get(URL + "pdf/").status_code == 200
