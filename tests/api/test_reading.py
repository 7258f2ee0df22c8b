"""What a BI tool reads: CSV that pandas (and Power Query) read with numbers as numbers, the filters, and
pages in a stable order."""

import io
import json
from decimal import Decimal

import pandas
import pytest

from api import tokens
from measures.models import Area, Breakdown, Measure, OfficialValue

pytestmark = pytest.mark.django_db
# The figures drawn anew (test below), on PostgreSQL: the token; the two rate limits' histories in one
# transaction (14); the generation and the kept answer missed; the structure token, the locks and the
# figures; the answer kept (6).
QUERIES = 29


@pytest.fixture
def token(strategy, committee_member, settings):
    settings.PUBLIC_DASHBOARD = False
    return tokens.issue(user=committee_member, name="Power BI")[1]


def _get(client, path, token, **headers):
    response = client.get(path, headers={"Authorization": f"Bearer {token}", **headers})
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_pandas_reads_the_figures_csv_with_numbers_as_numbers(client, token):
    """As the README shows: pandas.read_csv of /api/v1/figures?format=csv with the token in a header."""
    frame = pandas.read_csv(io.BytesIO(_get(client, "/api/v1/figures?format=csv", token)))
    assert len(frame) == 60
    assert str(frame["value"].dtype) in ("int64", "float64") and str(frame["year"].dtype) == "int64"
    first = frame[(frame.indicator == "F1.0") & (frame.period == "2023K1")].iloc[0]
    assert first.value == 520 and first.unit == "fuldtidspersoner" and not first.is_demo


def test_csv_by_accept_header_and_with_danish_headings(client, token, strategy):
    body = _get(client, "/api/v1/targets?headers=da", token, Accept="text/csv").decode()
    assert body.splitlines()[0] == (
        "strategi,indikator,måling,år,kvartal,mål (fra),mål (til),enhed,kommentar,kilde,demodata"
    )
    assert body.splitlines()[1].startswith(f"{strategy.pk},F1.0,") and ",500,500," in body.splitlines()[1]


def test_json_numbers_are_numbers_and_decimals_keep_a_point(client, token, strategy):
    indicator = strategy.focus_areas.get(number=1).indicators.get(code="F1.0")
    indicator.measurements.filter(year=2023, quarter=1).update(published_value=Decimal("3.9"))
    row = _json(client, "/api/v1/figures?indicator=f1.0&to_quarter=2023K1", token)["results"]
    assert [r["value"] for r in row] == [3.9]
    csv = _get(client, "/api/v1/figures?indicator=F1.0&to_quarter=2023K1&format=csv", token).decode()
    assert ",3.9," in csv and "3,9" not in csv


def _json(client, path, token):
    return json.loads(_get(client, path, token))


def test_figures_filter_by_indicator_measure_focus_area_and_quarters(client, token):
    rows = _json(client, "/api/v1/figures?from_quarter=2023K3&to_quarter=2024K1&focus_area=omraade-2", token)
    assert {(r["indicator"], r["period"]) for r in rows["results"]} == {
        (code, period) for code in ("F2.0", "F2.1") for period in ("2023K3", "2023K4", "2024K1")
    }
    measure = _json(client, "/api/v1/indicators?indicator=F3.1", token)["results"][0]["measure"]
    by_measure = _json(client, f"/api/v1/figures?measure={measure}", token)["results"]
    assert {r["indicator"] for r in by_measure} == {"F3.1"} and len(by_measure) == 6


def test_pages_follow_each_other_in_a_stable_order(client, token):
    whole = _json(client, "/api/v1/figures", token)["results"]
    pages = [_json(client, f"/api/v1/figures?limit=7&offset={n}", token) for n in range(0, 60, 7)]
    assert [row for page in pages for row in page["results"]] == whole
    assert pages[0]["count"] == 60 and pages[-1]["results"] == whole[56:]
    csv = _get(client, "/api/v1/figures?format=csv&limit=7&offset=7", token).decode().splitlines()
    assert len(csv) == 8 and csv[1].split(",")[6] == whole[7]["period"]


def test_official_values_filter_by_area_breakdown_and_period(client, token):
    measure = Measure.objects.create(code="Y07A02-SYGEDAGPENGE", name="Sygedagpenge", unit="antal")
    women = Breakdown.objects.create(key="Køn=Kvinder", dimensions="Køn")
    area, other = Area.objects.get(code="151"), Area.objects.get(code="101")
    for month in range(1, 13):
        OfficialValue.objects.create(
            measure=measure, area=area, year=2024, kind="M", number=month, value=month
        )
        OfficialValue.objects.create(
            measure=measure, area=area, year=2024, kind="M", number=month, breakdown=women, value=month / 2
        )
    OfficialValue.objects.create(measure=measure, area=other, year=2024, kind="M", number=1, value=None)
    path = "/api/v1/official-values?measure=Y07A02-SYGEDAGPENGE"
    rows = _json(client, f"{path}&area=151&breakdown=hele&from_period=2024M03&to_period=2024M05", token)
    assert [(r["period"], r["value"], r["breakdown"]) for r in rows["results"]] == [
        ("2024M03", 3, ""), ("2024M04", 4, ""), ("2024M05", 5, "")
    ]  # fmt: skip
    women_rows = _json(client, f"{path}&breakdown=Køn=Kvinder&to_period=2024M02", token)["results"]
    assert [(r["period"], r["value"]) for r in women_rows] == [("2024M01", 0.5), ("2024M02", 1.0)]
    assert _json(client, f"{path}&dimensions=Køn", token)["count"] == 12
    suppressed = _json(client, f"{path}&area=101", token)["results"]
    assert [(r["area"], r["value"]) for r in suppressed] == [("101", None)], "not published: empty, never 0"
    assert _json(client, f"{path}&kind=Q", token)["count"] == 0
    frame = pandas.read_csv(io.BytesIO(_get(client, f"{path}&format=csv&area=101", token)))
    assert frame["value"].isna().all()


def test_a_quarter_the_portal_cannot_read_is_refused(client, token):
    response = client.get("/api/v1/figures?from_quarter=2024-3", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422


def test_a_kept_answer_gives_way_to_a_newly_approved_figure(client, token, strategy):
    from core.signals import figures_changed
    from indicators.models import Measurement

    path = "/api/v1/figures?indicator=F1.0&from_quarter=2023K1&to_quarter=2023K1"
    assert [r["value"] for r in _json(client, path, token)["results"]] == [520]
    figure = Measurement.objects.get(indicator__code="F1.0", year=2023, quarter=1)
    figure.value = Decimal(512)
    figure.save()  # approved again: the correction is published
    figures_changed.send(sender=Measurement)  # as the approval service announces it
    assert [r["value"] for r in _json(client, path, token)["results"]] == [512]


def test_the_whole_strategys_figures_are_drawn_in_a_fixed_number_of_queries(
    client, token, strategy, database_cache, django_assert_max_num_queries
):
    """Drawn anew after a change: the token and its rate limits, the kept answer missed, the strategy's
    figures as reporting reads them and the answer kept, whatever the number of indicators and quarters."""
    from indicators.models import Measurement
    from operations.cache import generation_raise

    _json(client, "/api/v1/figures?limit=10000", token)  # the token's use of the minute is written
    figure = Measurement.objects.filter(indicator__strategy=strategy).first()
    for year in range(2010, 2020):
        for quarter in (1, 2, 3, 4):
            figure.pk, figure.year, figure.quarter = None, year, quarter
            figure.save()
    generation_raise()
    with django_assert_max_num_queries(QUERIES):
        rows = _json(client, "/api/v1/figures?limit=10000", token)["results"]
    assert len(rows) == 60 + 40
