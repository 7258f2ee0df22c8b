"""The demo loads the recorded Jobindsats answers as official values, release 'syntetisk', and leaves the
demo's own actuals as they are; the sygedagpenge case of the minutes of 8 Oct 2024 stands on F3.0's page."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count

from core.periods import Quarter
from focusareas.models import Strategy
from indicators.models import Measurement
from measures.models import OfficialValue
from measures.quarters import quarter_values
from reporting import pages
from reporting.selectors import indicator_figures

pytestmark = pytest.mark.django_db
SEED = "seed 003: udvalgsmøde 8. okt. 2024"
# The official values of each recorded answer: wholes and breakdowns of the catalogue's measures in it.
PER_TABLE = {
    "ptva02": 21_320,
    "y01a02": 12_480,
    "y07a02": 19_760,
    "y12a02": 6_760,
    "y30r21": 9_480,
    "y36a02": 8_008,
    "y38a02": 6_968,
}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo")


def test_the_demo_holds_the_recorded_answers_for_every_area(demo):
    actuals = sorted(Measurement.objects.values_list("indicator_id", "year", "quarter", "value", "state"))
    from_jobindsats = OfficialValue.objects.exclude(measure__table="")
    per_table = dict(from_jobindsats.values_list("measure__table").annotate(n=Count("pk")))
    assert per_table == PER_TABLE
    assert from_jobindsats.count() == sum(PER_TABLE.values()) == 84_776
    assert (
        from_jobindsats.filter(breakdown__isnull=False).count() == 37_440
    )  # 104 areas x 5 months x their members
    assert from_jobindsats.filter(value=None).count() == 71  # suppressed: not published
    # Synthetic, and saying so, except the seed's real figures, which name their source.
    assert set(from_jobindsats.exclude(source__startswith="seed 003").values_list("release", flat=True)) == {
        "syntetisk"
    }
    assert not from_jobindsats.exclude(source__startswith="seed 003").filter(is_synthetic=False).exists()
    assert from_jobindsats.filter(source=SEED, is_synthetic=False).count() == 14
    rank = OfficialValue.objects.get(
        measure__code="BM-PLACERING-ADAGPENGE", area__name="Ballerup", year=2024, kind="QMAT", number=2
    )
    assert rank.value == 10
    # The minutes' counts of the sick-listed from employment are the seed's, in their breakdown.
    employed = from_jobindsats.filter(
        measure__code="Y07A02-PERSONER",
        area__name="Ballerup",
        breakdown__key="Status før sygedagpenge=Beskæftiget",
    )
    assert sorted(employed.filter(source=SEED).values_list("year", "number", "value")) == [
        (2023, 6, 525),
        (2024, 6, 590),
    ]
    assert not Measurement.objects.filter(source__startswith="Jobindsats").exists()
    history = OfficialValue.history.count()
    call_command("load_demo")
    assert OfficialValue.history.count() == history  # loading again changes nothing
    assert (
        sorted(Measurement.objects.values_list("indicator_id", "year", "quarter", "value", "state"))
        == actuals
    )


def test_f3_0s_page_says_the_minutes_june_sentence_and_shows_its_breakdowns(demo, client):
    strategy = Strategy.objects.in_force_for("ballerup")
    item = indicator_figures(strategy, "F3.0").indicator("F3.0")
    assert item.indicator.measure.code == "PTVA02-SYGEDAGPENGE-MV"
    sentence = "Juni 2024: 8 % flere end juni 2023 (ca. 65 fuldtidspersoner); hele landet: 3 % færre."
    assert pages.month_section(item).sentence == sentence
    sections = {section.dimension: section for section in pages.breakdown_sections(item)}
    assert list(sections) == ["Alder", "Køn", "Målgruppe"]
    shares = {m.label: round(m.share) for m in sections["Målgruppe"].shares.members}
    assert shares == {"Sygedagpenge": 80, "Jobafklaringsforløb": 20}
    ages = {m.label: round(m.share) for m in sections["Alder"].shares.members}
    assert (ages["16-29 år"], ages["60 år og derover"]) == (10, 15)
    # Ballerup's months make F3.0's quarters as the demo's actuals have them.
    months = OfficialValue.objects.wholes().filter(measure=item.indicator.measure, area__name="Ballerup")
    quarters = quarter_values(months.values_list("year", "kind", "number", "value"), "level")
    actuals = {
        Quarter(year, quarter): value
        for year, quarter, value in Measurement.objects.filter(indicator=item.indicator).values_list(
            "year", "quarter", "value"
        )
    }
    assert len(quarters) == 10  # 1. kvt. 2022 - 2. kvt. 2024
    assert quarters == {quarter: actuals[quarter] for quarter in quarters}

    client.force_login(get_user_model().objects.get(username="udvalg"))
    html = client.get("/indikatorer/F3.0/").text
    assert sentence in html
    assert 'id="opdeling-3-title"' in html and "Fordelt på Målgruppe, juni 2024" in html
    assert "Jobafklaringsforløb" in html


def test_f2_0_and_f3_0_draw_the_benchmarks_expected_count_beside_their_actuals(demo, client):
    """Issue 21: the ministry's "Forventet" of a-dagpenge mv. and of sygedagpenge mv. (sygedagpenge and
    jobafklaring, as F3.0) on the indicator pages, in the chart and in its data table, for each moving year
    (2. kvt. 2024 = 3. kvt. 2023 – 2. kvt. 2024)."""
    client.force_login(get_user_model().objects.get(username="udvalg"))
    for code, expected in (("F2.0", "535"), ("F3.0", "840")):
        response = client.get(f"/indikatorer/{code}/?kvartal=2024K2")
        assert response.status_code == 200
        chart = response.context["chart"]
        assert "Forventet (benchmark)" in chart.columns, code
        column = chart.columns.index("Forventet (benchmark)")
        cells = dict((label, row[column]) for label, row in chart.rows)
        assert cells["2. kvt. 2024"] == expected, code
        assert "Forventet (benchmark)" in [trace["name"] for trace in chart.spec["data"]]
        header = response.text.split('class="data-table', 1)[1].split("</thead>", 1)[0]
        assert "Forventet (benchmark)" in header


def test_the_benchmark_key_figure_is_said_in_the_committees_words_on_its_card(demo, client):
    """F1.0 is faktisk minus forventet: the card says "220 færre end forventet", not "−220
    fuldtidspersoner"."""
    client.force_login(get_user_model().objects.get(username="udvalg"))
    html = client.get("/?kvartal=2024K2", follow=True).text
    card = html.split('id="card-', 2)[1]
    assert "220 færre end forventet" in card
    assert "−220" not in card.split('class="figures"')[0]
