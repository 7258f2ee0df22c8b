"""The ministry's benchmark in the committee's case as the minutes of 8 October 2024 say it: the total rank,
each ydelsesgruppe from rank to rank with its difference, a falling rank as an attention point, and the key
figures against the rest of the country drawn from the official values."""

from decimal import Decimal

import pytest

from core.periods import Quarter
from measures.models import OfficialValue
from reporting import briefing
from reporting.case_benchmark import benchmark_text, case_benchmark, falling_ranks
from reporting.selectors import strategy_figures

from .. import statistics_data
from ..reporting_data import login

# The minutes: 3. kv. 2023 – 2. kv. 2024, total 2 (as before), 220 fewer; 22 → 10 (60), 6 → 8 (130),
# 12 → 20 (30).
MINUTES = {
    "period": "2024QMAT02",
    "previous": "2024QMAT01",
    "municipalities": 98,
    "municipality": "Ballerup Kommune",
    "groups": [
        {"key": "IALT", "rank_then": 2, "rank_now": 2, "difference": "-220", "synthetic": [], "sources": []},
        {"key": "ADAGPENGE", "rank_then": 22, "rank_now": 10, "difference": "-60", "synthetic": [],
         "sources": []},
        {"key": "SYGEDAGPENGE", "rank_then": 12, "rank_now": 20, "difference": "-30", "synthetic": [],
         "sources": []},
        {"key": "KONTANTHJAELP", "rank_then": 6, "rank_now": 8, "difference": "-130", "synthetic": [],
         "sources": []},
    ],
    "country": [],
}  # fmt: skip


def test_the_case_says_the_benchmark_as_the_minutes_do():
    text = benchmark_text(MINUTES)
    assert text["period"] == "3. kvt. 2023 – 2. kvt. 2024"
    assert text["total"] == (
        "Ballerup Kommune ligger i alt på 2. plads af 98, som i den forrige opgørelse: "
        "220 færre end forventet."
    )
    # In the minutes' order: dagpenge, kontanthjælp mv., sygedagpenge.
    assert text["groups"] == [
        "A-dagpenge mv.: fra 22. til 10. plads; 60 færre end forventet",
        "Kontanthjælp mv.: fra 6. til 8. plads; 130 færre end forventet",
        "Sygedagpenge mv.: fra 12. til 20. plads; 30 færre end forventet",
    ]


def test_a_rank_that_falls_is_an_attention_point_and_one_that_rises_is_not():
    points = falling_ranks(MINUTES)
    names = [name for name, _where, _text in points]
    assert names == ["Kontanthjælp mv.: 2 pladser tilbage", "Sygedagpenge mv.: 8 pladser tilbage"]
    assert points[1][1] == "ministeriets benchmark, 3. kvt. 2023 – 2. kvt. 2024"
    assert points[1][2] == "fra 12. til 20. plads."
    report = {"areas": [], "benchmark": MINUTES}
    attention = briefing.attention_points(report)
    assert [(p.kind, p.name) for p in attention] == [("benchmark", name) for name in names]


def test_a_made_up_rank_says_so_but_made_up_counts_behind_a_real_difference_do_not():
    data = {**MINUTES, "groups": [dict(group) for group in MINUTES["groups"]]}
    data["groups"][1]["synthetic"] = ["actual", "expected"]
    data["groups"][2]["synthetic"] = ["rank_now"]
    lines = benchmark_text(data)["groups"]
    assert lines[0] == "A-dagpenge mv.: fra 22. til 10. plads; 60 færre end forventet"
    assert lines[2].endswith("(syntetiske demotal)")


def test_no_benchmark_says_nothing():
    assert benchmark_text(None) is None
    assert falling_ranks(None) == []


@pytest.fixture
def linked(strategy):
    statistics_data.link_ballerup(strategy.municipality)
    statistics_data.add_benchmark(periods=3)
    return strategy


@pytest.mark.django_db
def test_the_case_takes_the_moving_year_that_ends_with_its_quarter(linked):
    figures = strategy_figures(linked)
    now = case_benchmark(figures, Quarter(2024, 2))
    assert (now["period"], now["previous"]) == ("2024QMAT02", "2024QMAT01")
    dagpenge = next(group for group in now["groups"] if group["key"] == "ADAGPENGE")
    assert (dagpenge["rank_then"], dagpenge["rank_now"], Decimal(dagpenge["difference"])) == (22, 10, -60)
    assert "rank_now" not in dagpenge["synthetic"] and "actual" in dagpenge["synthetic"]
    before = case_benchmark(figures, Quarter(2024, 1))
    assert before["period"] == "2024QMAT01"


@pytest.mark.django_db
def test_the_rest_of_the_country_is_drawn_from_the_official_values(strategy):
    area = statistics_data.link_ballerup(strategy.municipality)
    statistics_data.use_measures(strategy, {"F1.0": statistics_data.MONTHLY})
    from measures.models import Area, Measure

    measure = Measure.objects.get(code=statistics_data.MONTHLY)
    country = Area.objects.get(kind=Area.Kind.COUNTRY)
    OfficialValue.objects.filter(measure=measure).delete()
    values = []
    for year, own, whole in ((2023, 100, 1000), (2024, 108, 970)):
        for month in (4, 5, 6):
            values += [
                OfficialValue(measure=measure, area=area, year=year, kind="M", number=month, value=own),
                OfficialValue(measure=measure, area=country, year=year, kind="M", number=month, value=whole,
                              is_synthetic=True),
            ]  # fmt: skip
    OfficialValue.objects.bulk_create(values)
    data = case_benchmark(strategy_figures(strategy), Quarter(2024, 2))
    sentence = benchmark_text(data)["country"][0]
    assert "+8,0 % fra 2. kvt. 2023 til 2. kvt. 2024, i hele landet −3,0 %." in sentence
    assert sentence.startswith("F1.0 ") and sentence.endswith("(Syntetiske demotal.)")


@pytest.mark.django_db
def test_the_briefing_carries_the_benchmark_and_its_falling_ranks(client, linked, committee_member):
    html = login(client, committee_member).get("/rapport/2024/2/").text
    assert "Ministeriets benchmark" in html
    assert "A-dagpenge mv.: fra 22. til 10. plads; 60 færre end forventet" in html
    assert "Sygedagpenge mv.: fra 12. til 20. plads; 30 færre end forventet" in html
    assert "Kontanthjælp mv.: fra 6. til 8. plads; 130 færre end forventet" in html
    assert "3. kvt. 2023 – 2. kvt. 2024" in html
    attention = html[html.index('id="attention-title"') :]
    assert "Sygedagpenge mv.: 8 pladser tilbage" in attention


@pytest.mark.django_db
def test_a_made_up_comparison_column_is_marked_in_the_case(client, strategy, committee_member):
    # portal_strategy stores each indicator's expected value (600) as the municipality's official value.
    OfficialValue.objects.filter(measure__code__endswith="-BENCHMARK", number=2, year=2024).update(
        is_synthetic=True
    )
    data = case_benchmark(strategy_figures(strategy), Quarter(2024, 2))
    assert set(data["synthetic_series"]) >= {"F1.0", "F1.1"}
    assert all(names == ["Forventet (benchmark)"] for names in data["synthetic_series"].values())
    html = login(client, committee_member).get("/rapport/2024/2/").text
    table = html[html.index('class="data-table report-table"') :]
    assert '600<span class="synthetic-mark" aria-hidden="true">*</span>' in table
    assert "Tal mærket * i tabellernes sammenligningskolonner er syntetiske" in html


@pytest.mark.django_db
def test_a_real_comparison_column_is_not_marked(client, strategy, committee_member):
    assert (
        case_benchmark(strategy_figures(strategy), Quarter(2024, 2)) is None
        or not case_benchmark(strategy_figures(strategy), Quarter(2024, 2))["synthetic_series"]
    )
    html = login(client, committee_member).get("/rapport/2024/2/").text
    assert "synthetic-mark" not in html


@pytest.mark.django_db
def test_a_locked_case_keeps_the_benchmark_the_committee_was_given(client, linked, committee_member):
    from ..reporting_data import lock

    lock(linked, Quarter(2024, 2))
    # The ministry republishes: sygedagpenge now on 15th place. The frozen case still says 20th.
    OfficialValue.objects.filter(
        area__code=statistics_data.BALLERUP, measure__code="BM-PLACERING-SYGEDAGPENGE", year=2024, number=2
    ).update(value=15)
    html = login(client, committee_member).get("/rapport/2024/2/").text
    assert "Sygedagpenge mv.: fra 12. til 20. plads; 30 færre end forventet" in html
    assert "Sygedagpenge mv.: 8 pladser tilbage" in html


@pytest.mark.slow  # draws the Word file's charts
@pytest.mark.django_db
def test_the_word_file_carries_the_same_benchmark_sentences(client, linked, committee_member):
    from .test_word import word_text

    _document, text = word_text(login(client, committee_member).get("/rapport/2024/2/docx/").content)
    assert "Ministeriets benchmark" in text
    assert "A-dagpenge mv.: fra 22. til 10. plads; 60 færre end forventet." in text
    assert "Sygedagpenge mv.: fra 12. til 20. plads; 30 færre end forventet." in text
    assert text.index("Sagsfremstilling") < text.index("Ministeriets benchmark")
