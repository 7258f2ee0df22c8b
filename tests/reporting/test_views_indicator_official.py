"""The indicator page's official months and breakdowns: where the source is monthly, the months beside the
same month a year before with Hele landet's change and the minutes' sentence; each breakdown of the measure
in the latest period with shares, and over time; values not published shown as such. Small own data."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.signals import figures_changed
from indicators.models import Indicator
from measures.importing import breakdowns_made
from measures.models import Area, Dimension, OfficialValue
from measures.periods import Kind, Period
from reporting.months import month_before

from ..reporting_data import login

URL = "/indikatorer/F1.0/"
JUNE_2024 = Period(2024, Kind.MONTH, 6)
SEX = {"Mænd": 1, "Kvinder": 2}
AGE = {"16-29 år": 1, "30-59 år": 2, "60 år og derover": 3}


def measure_of(strategy, code="F1.0"):
    return Indicator.objects.get(focus_area__strategy=strategy, code=code).measure


def add_months(measure, area, values: dict[Period, object], breakdown=None) -> None:
    OfficialValue.objects.bulk_create(
        OfficialValue(
            measure=measure, area=area, year=p.year, kind=p.kind, number=p.number, breakdown_id=breakdown,
            value=None if v is None else Decimal(str(v)), release="2024-07", source="test",
        )
        for p, v in values.items()
    )  # fmt: skip
    figures_changed.send(sender=OfficialValue)


def show_by(measure, dimension: str, members: dict[str, int], total: str) -> dict[str, int]:
    """The measure shown by the dimension; the breakdowns of its members, each member in its position."""
    found, _ = Dimension.objects.get_or_create(name=dimension, defaults={"total": total})
    measure.shown_by.add(found)
    keys = breakdowns_made([f"{dimension}={label}" for label in members])
    for label, position in members.items():
        found.members.filter(label=label).update(position=position)
    return {label: keys[f"{dimension}={label}"] for label in members}


def ballerup_and_country():
    return Area.objects.get(code="151"), Area.objects.get(code="000")


def a_year_and_a_month(last=JUNE_2024, *, start=812, step=5):
    """Thirteen months up to `last` and the twelve before them: June 2023 812, rising by `step` a month."""
    return {month_before(last, n): start + step * (12 - n) for n in range(25)}


def test_a_monthly_measure_shows_its_months_beside_a_year_before_and_hele_landet(
    client, strategy, committee_member
):
    measure = measure_of(strategy)
    own, country = ballerup_and_country()
    add_months(measure, own, a_year_and_a_month())  # June 2023 812, June 2024 872
    add_months(measure, country, a_year_and_a_month(start=60000, step=-150))  # June 2024 58200
    response = login(client, committee_member).get(URL)
    html = response.text
    assert "Måned for måned" in html
    assert "Juni 2024: 7 % flere end juni 2023 (ca. 60 fuldtidspersoner); hele landet: 3 % færre." in html
    chart = response.context["months"].chart
    assert chart.columns == [
        "Fuldtidspersoner", "Samme måned året før", "Ændring i pct.", "Hele landet: ændring i pct."
    ]  # fmt: skip
    assert chart.rows[0][0] == "juni 2023"
    assert chart.rows[-1] == ("juni 2024", ["872", "812", "+7,4 %", "−3,0 %"])
    assert len(chart.rows) == 13
    assert "Tal pr. kvartal" in html  # the quarter view stays


def test_a_month_not_published_is_a_dash_with_its_footnote_and_never_a_number(
    client, strategy, committee_member
):
    measure = measure_of(strategy)
    own, _country = ballerup_and_country()
    months = a_year_and_a_month()
    months[JUNE_2024] = None
    add_months(measure, own, months)
    response = login(client, committee_member).get(URL)
    assert "Juni 2024: ikke offentliggjort (diskretioneret af Jobindsats)." in response.text
    chart = response.context["months"].chart
    assert chart.rows[-1] == ("juni 2024", ["–*", "812", "–"])
    assert "–* ikke offentliggjort (diskretioneret af Jobindsats)" in response.text


def test_a_measure_without_months_has_no_monthly_section(client, strategy, committee_member):
    response = login(client, committee_member).get(URL)
    assert response.context["months"] is None and response.context["breakdowns"] == []
    assert "Måned for måned" not in response.text


def test_each_breakdown_shows_its_members_in_order_with_shares_and_their_trend(
    client, strategy, committee_member
):
    measure = measure_of(strategy)
    own, _country = ballerup_and_country()
    add_months(measure, own, {JUNE_2024: 900, month_before(JUNE_2024): 880})
    parts = show_by(measure, "Køn", {"Mænd": 2, "Kvinder": 1, "Køn i alt": 0}, total="Køn i alt")
    add_months(measure, own, {JUNE_2024: 360, month_before(JUNE_2024): 350}, breakdown=parts["Mænd"])
    add_months(measure, own, {JUNE_2024: 540, month_before(JUNE_2024): 530}, breakdown=parts["Kvinder"])
    add_months(measure, own, {JUNE_2024: 900}, breakdown=parts["Køn i alt"])
    response = login(client, committee_member).get(URL)
    (section,) = response.context["breakdowns"]
    assert section.dimension == "Køn" and section.period_label == "juni 2024"
    assert section.chart.spec["data"][0]["y"] == ["Kvinder", "Mænd"]  # by position, never the total member
    assert section.chart.columns == ["Fuldtidspersoner", "Andel"]
    assert section.chart.rows == [
        ("Kvinder", ["540", "60,0 %"]), ("Mænd", ["360", "40,0 %"]), ("I alt", ["900", "100,0 %"])
    ]  # fmt: skip
    assert section.trend.columns == ["Kvinder", "Mænd"]
    assert section.trend.rows == [("maj 2024", ["530", "350"]), ("juni 2024", ["540", "360"])]
    assert "Fordelt på Køn, juni 2024" in response.text


def test_a_member_not_published_is_left_out_of_shares_and_sums_which_say_so(
    client, strategy, committee_member
):
    measure = measure_of(strategy)
    own, _country = ballerup_and_country()
    add_months(measure, own, {JUNE_2024: 900})
    parts = show_by(measure, "Alder", AGE, total="Alder i alt")
    for label, value in {"16-29 år": None, "30-59 år": 600, "60 år og derover": 200}.items():
        add_months(measure, own, {JUNE_2024: value}, breakdown=parts[label])
    response = login(client, committee_member).get(URL)
    (section,) = response.context["breakdowns"]
    assert section.chart.columns == ["Fuldtidspersoner", "Andel af de offentliggjorte"]
    assert section.chart.rows == [
        ("16-29 år", ["–*", "–"]),
        ("30-59 år", ["600", "75,0 %"]),
        ("60 år og derover", ["200", "25,0 %"]),
        ("Offentliggjorte i alt", ["800", "100,0 %"]),
        ("I alt", ["900", "–"]),
    ]
    assert section.chart.spec["data"][0]["x"] == [None, 600.0, 200.0]  # no bar where nothing was published
    html = response.text
    assert "ikke offentliggjort (diskretioneret af Jobindsats)" in html
    assert "Andelene er af de offentliggjorte tal" in html


def test_a_dimension_the_measure_is_not_shown_by_is_not_shown(client, strategy, committee_member):
    measure = measure_of(strategy)
    own, _country = ballerup_and_country()
    add_months(measure, own, {JUNE_2024: 900})
    parts = show_by(measure, "Køn", SEX, total="Køn i alt")
    measure.shown_by.clear()
    add_months(measure, own, {JUNE_2024: 400}, breakdown=parts["Mænd"])
    assert login(client, committee_member).get(URL).context["breakdowns"] == []


def test_the_page_makes_the_same_number_of_queries_however_many_values_breakdowns_and_areas(
    client, strategy, committee_member, django_assert_num_queries
):
    measure = measure_of(strategy)
    own, country = ballerup_and_country()
    add_months(measure, own, a_year_and_a_month())
    add_months(measure, country, a_year_and_a_month(start=60000))
    parts = show_by(measure, "Køn", SEX, total="Køn i alt")
    add_months(measure, own, {JUNE_2024: 400}, breakdown=parts["Mænd"])
    login(client, committee_member).get("/")  # the strategy in force is read once and kept
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200

    # Ten years of months, a second dimension, every member over time, and other areas' values too.
    years = {month_before(JUNE_2024, n): 700 + n for n in range(25, 120)}
    add_months(measure, own, years)
    add_months(measure, country, years)
    recent = {month_before(JUNE_2024, n): 300 + n for n in range(1, 25)}
    for breakdown in parts.values():
        add_months(measure, own, recent, breakdown=breakdown)
    ages = show_by(measure, "Alder", AGE, total="Alder i alt")
    for breakdown in ages.values():
        add_months(measure, own, recent | {JUNE_2024: None}, breakdown=breakdown)
    for area in Area.objects.filter(kind=Area.Kind.MUNICIPALITY).exclude(pk=own.pk)[:20]:
        add_months(measure, area, a_year_and_a_month())
        add_months(measure, area, {JUNE_2024: 5}, breakdown=parts["Kvinder"])
    with django_assert_num_queries(len(small)):
        response = client.get(URL)
    assert len(response.context["breakdowns"]) == 2
    assert len(response.context["breakdowns"][0].trend.rows) == 13
    # the plain page's 15, and the official months and breakdowns: two, whatever their number
    assert len(small) <= 17


def test_the_months_read_count_from_the_latest_whole_not_from_a_breakdowns_later_value(
    client, strategy, committee_member
):
    measure = measure_of(strategy)
    own, country = ballerup_and_country()
    add_months(measure, own, a_year_and_a_month())
    add_months(measure, country, a_year_and_a_month(start=60000, step=-150))
    women = show_by(measure, "Køn", SEX, "Køn i alt")["Kvinder"]
    add_months(measure, own, {Period(2029, Kind.MONTH, 6): 400}, breakdown=women)  # a stray later value
    response = login(client, committee_member).get(URL)
    assert response.context["months"].chart.rows[-1][0] == "juni 2024"
