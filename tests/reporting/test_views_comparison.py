"""/sammenligning/<kode>/: an indicator's official figures for all 98 municipalities, best first."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.signals import figures_changed
from focusareas.services import set_peer_group
from indicators.models import Direction, Indicator, Measurement
from measures.models import Area, OfficialValue
from measures.periods import Period

from .. import statistics_data
from ..reporting_data import login

URL = "/sammenligning/F2.0/"
ROLES = ["committee_member", "manager", "administrator"]


@pytest.fixture
def statistics(strategy):
    """The portal's municipality is Ballerup with Gentofte, Herlev and Høje-Taastrup as its peers; F2.0
    uses a monthly rate (a-dagpenge in per cent of the labour force), F2.1 the monthly head-count of
    a-dagpenge, F1.0 the benchmark's difference."""
    statistics_data.link_ballerup(strategy.municipality)
    statistics_data.add_monthly(months=6, code=statistics_data.RATE)
    statistics_data.add_monthly(months=6)
    statistics_data.add_benchmark(periods=2)
    statistics_data.use_measures(
        strategy,
        {"F1.0": "BM-FORSKEL-IALT", "F2.0": statistics_data.RATE, "F2.1": statistics_data.MONTHLY},
    )
    return strategy


def _table_rows(html: str) -> list[str]:
    body = html.split('id="comparison-table"', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr[^>]*>.*?</tr>", body, re.S)[1:]  # without the header row


def test_the_public_is_sent_to_login_when_the_dashboard_is_not_public(client, statistics):
    assert client.get(URL).status_code == 302
    assert client.get("/sammenligning/").status_code == 302


def test_the_public_can_read_it_when_the_dashboard_is_public(client, statistics, settings):
    settings.PUBLIC_DASHBOARD = True
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_all_98_municipalities_on_one_page(client, statistics, role, request):
    response = login(client, request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    rows = _table_rows(response.text)
    assert len(rows) == 98
    assert "1 af 98" in rows[0]
    assert len(response.context["chart"].spec["data"][0]["y"]) == 98


def test_lower_is_better_puts_the_lowest_first_and_higher_is_better_the_highest(
    client, statistics, committee_member
):
    login(client, committee_member)
    values = [row.value for row in client.get(URL).context["comparison"].rows]
    assert values == sorted(values)
    Indicator.objects.filter(code="F2.0").update(direction=Direction.HIGHER_IS_BETTER)
    cache.clear()
    values = [row.value for row in client.get(URL).context["comparison"].rows]
    assert values == sorted(values, reverse=True)


def test_the_own_municipality_and_its_peers_are_bold_and_marked_not_by_colour_alone(
    client, statistics, committee_member
):
    response = login(client, committee_member).get(URL)
    rows = _table_rows(response.text)
    own = [row for row in rows if 'class="own ' in row]
    peers = [row for row in rows if 'class="peer ' in row]
    assert len(own) == 1 and "Ballerup" in own[0] and "★ kommunen" in own[0]
    assert sorted(re.search(r"<td >(\w[^<]*) <span", row).group(1) for row in peers) == [
        "Gentofte", "Herlev", "Høje-Taastrup",
    ]  # fmt: skip
    assert all("◆ sammenligningsgruppen" in row for row in peers)
    ticks = response.context["chart"].spec["layout"]["yaxis"]["ticktext"]
    assert "<b>★ Ballerup</b>" in ticks and "<b>◆ Herlev</b>" in ticks


def test_hele_landet_and_the_region_are_the_reference(client, statistics, committee_member):
    response = login(client, committee_member).get(URL)
    html = response.text
    assert "Hele landet" in html and "Region Hovedstaden" in html
    assert "Lodrette linjer: Hele landet og regionen." in html
    lines = [t["name"] for t in response.context["chart"].spec["data"][1:]]
    assert re.fullmatch(r"Hele landet: \d,\d %", lines[0])  # a rate as published, not a mean per municipality
    assert re.fullmatch(r"Region Hovedstaden: \d,\d %", lines[1])


def test_a_monthly_measure_shows_its_latest_complete_quarter_and_says_so(
    client, statistics, committee_member
):
    html = login(client, committee_member).get(URL).text
    assert "2. kvt. 2024" in html
    assert "Gennemsnittet af månederne april–juni, det seneste hele kvartal." in html


def test_the_rank_is_said_as_x_af_98(client, statistics, committee_member):
    response = login(client, committee_member).get(URL)
    own = response.context["comparison"].own
    assert f"Ballerup: nr. <strong>{own.rank} af 98</strong>" in response.text


def test_a_benchmark_measure_follows_the_ministrys_ranking(client, statistics, committee_member):
    response = login(client, committee_member).get("/sammenligning/F1.0/")
    assert "Ballerup: nr. <strong>2 af 98</strong> (\u2212220 fuldtidspersoner)" in response.text
    assert "Rækkefølgen er ministeriets benchmarkrangliste." in response.text
    assert "Lodrette linjer" not in response.text  # the benchmark has no country or region values


def test_the_table_sorts_by_a_column(client, statistics, committee_member):
    login(client, committee_member)
    names = [
        re.search(r"<td >([^<]+)", row).group(1).strip()
        for row in _table_rows(client.get(URL + "?sort=name").text)
    ]
    assert names == sorted(names) and len(names) == 98
    ranks = client.get(URL + "?sort=-rank").context["table"].rows
    assert ranks[0].record["rank"] >= ranks[97].record["rank"]


def test_the_code_is_found_whatever_its_case(client, statistics, committee_member):
    assert login(client, committee_member).get("/sammenligning/f2.0/").status_code == 200


def test_an_unknown_indicator_is_not_found(client, statistics, committee_member):
    assert login(client, committee_member).get("/sammenligning/X9.9/").status_code == 404


def test_an_indicator_of_another_strategy_is_not_found(client, statistics, committee_member):
    from .. import factories

    factories.indicator(code="Z7.0")
    assert login(client, committee_member).get("/sammenligning/Z7.0/").status_code == 404


def test_an_indicator_without_official_figures_says_so(client, statistics, committee_member):
    response = login(client, committee_member).get("/sammenligning/F3.0/")
    assert response.status_code == 200
    assert "Der er ingen officielle tal at sammenligne med" in response.text
    assert 'id="comparison-table"' not in response.text


def test_only_the_own_municipalitys_figures_are_nothing_to_compare_with(client, statistics, committee_member):
    OfficialValue.objects.exclude(area=statistics_data.ballerup()).delete()
    html = login(client, committee_member).get(URL).text
    assert "Der er ingen officielle tal at sammenligne med" in html


def test_the_indicator_page_links_to_the_comparison_only_when_there_are_figures_to_compare(
    client, statistics, committee_member
):
    login(client, committee_member)
    assert 'href="/sammenligning/F2.0/"' in client.get("/indikatorer/F2.0/").text
    assert "/sammenligning/F3.0/" not in client.get("/indikatorer/F3.0/").text
    OfficialValue.objects.exclude(area=statistics_data.ballerup()).filter(
        measure__code=statistics_data.RATE
    ).delete()
    cache.clear()
    assert "/sammenligning/F2.0/" not in client.get("/indikatorer/F2.0/").text


def test_the_index_lists_the_comparable_indicators_and_the_navigation_leads_there(
    client, statistics, committee_member
):
    html = login(client, committee_member).get("/sammenligning/").text
    assert 'href="/sammenligning/F1.0/"' in html and 'href="/sammenligning/F2.0/"' in html
    assert "/sammenligning/F3.0/" not in html
    assert 'href="/sammenligning/" aria-current="page"' in client.get(URL).text


def test_synthetic_figures_say_so(client, statistics, committee_member):
    html = login(client, committee_member).get(URL).text
    assert "Kilde: Jobindsats, tabel y01a02, udgivelse 2024-09 (syntetisk)." in html
    assert "syntetiske (opdigtede) demotal" in html


def test_in_english(client, statistics, committee_member):
    login(client, committee_member).post("/i18n/setlang/", {"language": "en", "next": URL})
    html = client.get(URL).text
    assert "Ballerup: no. <strong>" in html and " of 98</strong>" in html
    html = client.get("/sammenligning/F2.1/").text
    assert "Head-counts cannot be compared between municipalities of different size" in html
    assert re.search(r"\d{2},\d{3} in total", html) and "on average per municipality" not in html


def test_the_page_makes_the_same_number_of_queries_whatever_the_number_of_months(
    client, strategy, committee_member, django_assert_num_queries
):
    statistics_data.link_ballerup(strategy.municipality)
    statistics_data.add_monthly(months=3, code=statistics_data.RATE)
    statistics_data.use_measures(strategy, {"F2.0": statistics_data.RATE})
    login(client, committee_member)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    OfficialValue.objects.all().delete()
    statistics_data.add_monthly(months=60, last=Period.parse("2024M09"), code=statistics_data.RATE)
    cache.clear()
    figures_changed.send(sender=None)  # both drawn as after a change of the strategy's structure
    with django_assert_num_queries(len(small)):
        response = client.get(URL)
    assert response.context["comparison"].period_label == "3. kvt. 2024"
    assert len(small) <= 13  # with the structure token


def test_a_changed_peer_group_shows_at_once(
    client, statistics, committee_member, administrator, django_capture_on_commit_callbacks
):
    login(client, committee_member)
    assert "Gentofte (nr." in client.get(URL).text
    with django_capture_on_commit_callbacks(execute=True):
        set_peer_group(administrator, statistics.municipality, Area.objects.filter(code="165"))  # Albertslund
    html = client.get(URL).text
    assert "Albertslund (nr." in html and "Gentofte (nr." not in html


@pytest.mark.parametrize("reader", ["committee_member", None])
def test_the_own_value_is_the_ministrys_published_figure_shown_with_its_source_before_it_is_approved(
    client, statistics, reader, request, settings
):
    """F2.0's actual for 2. kvt. 2024 still waits for approval; the ministry's figure is public statistics."""
    settings.PUBLIC_DASHBOARD = True
    Measurement.objects.filter(indicator__code="F2.0", year=2024, quarter=2).update(
        state="submitted", published_value=None
    )
    OfficialValue.objects.filter(
        area__code=statistics_data.BALLERUP, measure__code=statistics_data.RATE, year=2024, number__gte=4
    ).update(source="Jobindsats y01a02", release="2024-07", is_synthetic=False)
    response = login(client, request.getfixturevalue(reader) if reader else None).get(URL)
    html = response.text
    own = next(row for row in _table_rows(html) if "Ballerup" in row)
    assert "Jobindsats y01a02, udgivelse 2024-07" in own
    other = next(row for row in _table_rows(html) if "Gentofte" in row)
    assert "syntetiske testdata, udgivelse 2024-09 (syntetisk)" in other
    summary = html.split('class="comparison-summary"', 1)[1].split("</p>", 1)[0]
    assert "Ballerup: nr." in summary and "Jobindsats y01a02, udgivelse 2024-07" in summary
    assert "ministeriets offentliggjorte tal fra Jobindsats, ikke kommunens godkendte tal" in html


def test_a_head_count_is_not_ranked_and_the_page_says_why_and_leads_to_the_benchmark(
    client, statistics, committee_member
):
    """The review's "nr. 61 af 98" on a count of a-dagpenge, beside the ministry's rank 10."""
    response = login(client, committee_member).get("/sammenligning/F2.1/")
    html = response.text
    assert response.status_code == 200 and not response.context["comparison"].is_ranked
    summary = html.split('class="comparison-summary"', 1)[1].split("</section>", 1)[0]
    assert " af 98" not in html and "nr." not in summary
    assert re.search(r"Ballerup: [\d.]+ fuldtidspersoner", summary)
    assert "Antal personer kan ikke sammenlignes mellem kommuner af forskellig størrelse" in html
    assert 'href="/benchmark/"' in summary
    assert "de bedste står øverst" not in html and "gns. pr. kommune" not in html
    assert "i gennemsnit pr. kommune" not in html
    assert "chart" not in response.context  # bars in order of size would rank them after all
    rows = _table_rows(html)
    assert len(rows) == 98 and "Aabenraa" in rows[0]  # by name
    assert "Placering" not in html.split('id="comparison-table"', 1)[1].split("</thead>", 1)[0]
    peers = summary.split("Sammenligningsgruppen", 1)[1]
    assert re.search(r"Gentofte \([\d.]+\)", peers)


def test_the_index_lists_only_indicators_with_figures_for_other_municipalities_and_marks_the_unranked(
    client, statistics, committee_member
):
    """F3.0 has a value for Hele landet only: nothing to compare with, so it is not listed."""
    OfficialValue.objects.create(
        measure=Indicator.objects.get(code="F3.0").measure,
        area=Area.objects.get(code="000"), year=2024, kind="Q", number=2, value=3,
    )  # fmt: skip
    html = login(client, committee_member).get("/sammenligning/").text
    items = re.findall(r"<li>(.*?)</li>", html.split('class="comparison-list"', 1)[1], re.S)
    assert [re.search(r'href="/sammenligning/([^/]+)/"', item).group(1) for item in items] == [
        "F1.0", "F2.0", "F2.1",
    ]  # fmt: skip
    assert "uden placering" in items[2] and "uden placering" not in items[1]
