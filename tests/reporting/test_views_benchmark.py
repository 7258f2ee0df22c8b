"""/benchmark/: the ministry's benchmark for the portal's municipality, in the committee's words."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.signals import figures_changed
from indicators.models import Measurement
from indicators.official_statistics import save_official_value
from measures.importing import recorded_answers_load
from measures.models import OfficialValue

from .. import statistics_data
from ..reporting_data import login

URL = "/benchmark/"
ROLES = ["committee_member", "manager", "administrator"]


@pytest.fixture
def benchmark(strategy):
    statistics_data.link_ballerup(strategy.municipality)
    statistics_data.add_benchmark(periods=2)
    return strategy


def test_the_public_is_sent_to_login_when_the_dashboard_is_not_public(client, benchmark):
    assert client.get(URL).status_code == 302


def test_the_public_can_read_it_when_the_dashboard_is_public(client, benchmark, settings):
    settings.PUBLIC_DASHBOARD = True
    assert "2. plads af 98" in client.get(URL).text


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_benchmark_in_the_committees_words(client, benchmark, role, request):
    response = login(client, request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    html = response.text
    assert "3. kvt. 2023 – 2. kvt. 2024" in html
    assert "<strong>2. plads af 98</strong>: 220 færre end forventet" in html
    assert "fra 22. til 10. plads" in html  # a-dagpenge
    assert "fra 12. til 20. plads" in html  # sygedagpenge
    assert "fra 6. til 8. plads" in html  # kontanthjælp
    for words in ["60 færre end forventet", "30 færre end forventet", "130 færre end forventet"]:
        assert words in html
    assert "\u2212220" in html  # faktisk minus forventet with the real minus sign


def test_the_table_has_rank_then_and_now_actual_expected_and_difference(client, benchmark, committee_member):
    response = login(client, committee_member).get(URL)
    rows = {row["label"]: row for row in response.context["rows"]}
    assert list(rows) == ["I alt", "A-dagpenge mv.", "Sygedagpenge mv.", "Kontanthjælp mv."]
    dagpenge = rows["A-dagpenge mv."]
    assert (dagpenge["rank_then"], dagpenge["rank_now"]) == ("22. plads af 98", "10. plads af 98")
    assert dagpenge["difference"] == "\u221260"
    assert "Placering 2. kvt. 2023 – 1. kvt. 2024" in response.text  # the period before, by name


def test_the_chart_draws_the_rank_over_time_with_1_at_the_top_and_its_table(
    client, benchmark, committee_member
):
    chart = login(client, committee_member).get(URL).context["chart"]
    assert [trace["name"] for trace in chart.spec["data"]] == [
        "I alt", "A-dagpenge mv.", "Sygedagpenge mv.", "Kontanthjælp mv.",
    ]  # fmt: skip
    assert chart.spec["data"][1]["y"] == [22, 10]
    low, high = chart.spec["layout"]["yaxis"]["range"]
    assert low > high  # reversed: rank 1 at the top
    assert chart.rows[-1] == ("3. kvt. 2023 – 2. kvt. 2024", ["2.", "10.", "20.", "8."])
    assert 'id="chart-benchmark-data" type="application/json"' in client.get(URL).text


def test_the_source_and_release_are_shown_and_synthetic_figures_say_so(client, benchmark, committee_member):
    html = login(client, committee_member).get(URL).text
    assert "Kilde: Jobindsats, tabel y30r21, udgivelse 2024-09 (syntetisk)." in html
    assert "syntetiske (opdigtede) demotal" in html


def test_real_figures_are_not_called_synthetic(client, benchmark, committee_member):
    OfficialValue.objects.update(release="2024-09", source="Jobindsats", is_synthetic=False)
    html = login(client, committee_member).get(URL).text
    assert "Kilde: Jobindsats, tabel y30r21, udgivelse 2024-09." in html
    assert "opdigtede" not in html


def test_without_benchmark_values_the_page_says_so_honestly(client, strategy, committee_member):
    statistics_data.link_ballerup(strategy.municipality)
    response = login(client, committee_member).get(URL)
    assert response.status_code == 200
    assert "Der er endnu ingen benchmarktal" in response.text
    assert response.context["chart"] is None
    assert "plads af" not in response.text


def test_a_municipality_not_linked_to_the_statistics_has_an_empty_benchmark(
    client, strategy, committee_member
):
    statistics_data.add_benchmark(periods=1)  # Ballerup's, but the portal's municipality is not linked
    type(strategy.municipality).objects.filter(pk=strategy.municipality_id).update(area=None)
    html = login(client, committee_member).get(URL).text
    assert "Der er endnu ingen benchmarktal" in html
    assert "er ikke knyttet til en kommune i statistikken" in html


def test_in_english_the_words_and_numbers_follow(client, benchmark, committee_member):
    login(client, committee_member).post("/i18n/setlang/", {"language": "en", "next": URL})
    html = client.get(URL).text
    assert '<html lang="en">' in html
    assert "<strong>rank 2 of 98</strong>: 220 fewer than expected" in html
    assert "from rank 22 to 10 (12 places up)" in html
    assert "1,062" in html  # kontanthjælp's expected number, with the English thousands separator
    assert "Unemployment benefit etc." in html


def test_the_navigation_leads_to_it(client, benchmark, committee_member):
    html = login(client, committee_member).get("/").text
    assert 'href="/benchmark/"' in html
    assert 'href="/benchmark/" aria-current="page"' in client.get(URL).text


def test_the_page_makes_the_same_number_of_queries_as_the_periods_grow(
    client, strategy, committee_member, django_assert_num_queries
):
    statistics_data.link_ballerup(strategy.municipality)
    statistics_data.add_benchmark(periods=2)
    login(client, committee_member)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    OfficialValue.objects.all().delete()
    statistics_data.add_benchmark(periods=12)
    cache.clear()
    figures_changed.send(sender=None)  # both drawn as after a change of the strategy's structure
    with django_assert_num_queries(len(small)):
        response = client.get(URL)
    assert len(response.context["chart"].rows) == 12
    # session and user (3 with its save), generation, structure token, strategy, values, the 98
    assert len(small) <= 10


def test_a_revised_official_value_shows_at_once(
    client, benchmark, committee_member, administrator, django_capture_on_commit_callbacks
):
    login(client, committee_member)
    assert "2. plads af 98" in client.get(URL).text
    rank = OfficialValue.objects.get(
        measure__code="BM-PLACERING-IALT", area__code="151", year=2024, kind="QMAT", number=2
    )
    rank.value = 4
    with django_capture_on_commit_callbacks(execute=True):
        save_official_value(administrator, rank, "Revideret af Jobindsats")
    assert "<strong>4. plads af 98</strong>" in client.get(URL).text


def test_an_import_from_jobindsats_shows_at_once(
    client, strategy, committee_member, administrator, django_capture_on_commit_callbacks
):
    statistics_data.link_ballerup(strategy.municipality)
    login(client, committee_member)
    assert "Der er endnu ingen benchmarktal" in client.get(URL).text  # drawn and cached
    with django_capture_on_commit_callbacks(execute=True):
        recorded_answers_load(user=administrator)
    assert "<strong>2. plads af 98</strong>: 220 færre end forventet" in client.get(URL).text


@pytest.mark.parametrize("reader", ["committee_member", None])
def test_the_own_value_is_the_ministrys_published_figure_shown_with_its_source_before_it_is_approved(
    client, benchmark, reader, request, settings
):
    """F1.0's actual for 2. kvt. 2024 still waits for approval; the ministry's figure is public statistics."""
    settings.PUBLIC_DASHBOARD = True
    statistics_data.use_measures(benchmark, {"F1.0": "BM-FORSKEL-IALT"})
    Measurement.objects.filter(indicator__code="F1.0", year=2024, quarter=2).update(
        value=-220, state="submitted", published_value=None
    )
    OfficialValue.objects.filter(
        area__code=statistics_data.BALLERUP, measure__code__endswith="-IALT", year=2024, number=2
    ).update(source="Jobindsats y30r21", release="2024QMAT02")
    response = login(client, request.getfixturevalue(reader) if reader else None).get(URL)
    rows = {row["label"]: row for row in response.context["rows"]}
    assert rows["I alt"]["source"] == "Jobindsats y30r21, udgivelse 2024QMAT02"
    html = response.text
    assert "<strong>2. plads af 98</strong>: 220 færre end forventet" in html
    assert "Kilde: Jobindsats y30r21, udgivelse 2024QMAT02</small>" in html
    assert "ministeriets offentliggjorte tal fra Jobindsats, ikke kommunens godkendte tal" in html


def test_the_page_marks_each_made_up_cell_and_names_where_the_real_ones_come_from(
    client, benchmark, committee_member
):
    response = login(client, committee_member).get(URL)
    rows = {row["label"]: row for row in response.context["rows"]}
    assert rows["A-dagpenge mv."]["synthetic"] == {"actual", "expected"}
    html = response.text
    table = html[html.index('class="data-table benchmark-table"') : html.index("</table>")]
    # Actual and expected of the four groups are marked; the ranks and differences (the minutes') are not.
    assert table.count('class="synthetic-mark"') == 8
    assert "Syntetiske demotal: faktisk antal, forventet antal." in table
    assert "Kilde: udvalgsmøde 8. okt. 2024" in table or "Kilde: seed 003" not in table
    assert "Tal mærket * er syntetiske (opdigtede) demotal" in html
    assert "De umærkede tal er ministeriets" in html
    # The summary sentence is the minutes' and carries no mark.
    summary = html[html.index('class="benchmark-summary"') : html.index("</ul>")]
    assert "synthetic-mark" not in summary
