"""Which periods of a Jobindsats table an administrator may fetch, and when a table is due."""

import datetime

import pytest

from measures.models import JobindsatsFetch, Table
from measures.periods import Period
from measures.schedule import due_periods, holdings, is_due, latest_published, period_choices
from tests import official_statistics as stats

P = Period.parse
MARCH_5 = datetime.date(2025, 3, 5)


def test_a_month_is_offered_two_months_after_it_ends():
    assert latest_published("M", datetime.date(2025, 2, 28)) == P("2024M11")
    assert latest_published("M", datetime.date(2025, 3, 1)) == P("2024M12")


def test_monthly_tables_offer_the_latest_24_months_newest_first():
    choices = period_choices("M", MARCH_5)
    assert len(choices) == 24
    assert (choices[0], choices[-1]) == (P("2024M12"), P("2023M01"))
    assert choices == sorted(choices, reverse=True)


def test_moving_years_and_quarters_offer_eight_a_quarter_after_they_end():
    assert period_choices("QMAT", MARCH_5)[:2] == [P("2024QMAT03"), P("2024QMAT02")]
    assert period_choices("QMAT", datetime.date(2025, 3, 31))[0] == P("2024QMAT04")
    assert len(period_choices("QMAT", MARCH_5)) == 8
    assert period_choices("Q", MARCH_5)[-1] == P("2022Q4")


def test_years_offer_five():
    assert period_choices("Y", MARCH_5) == [P("2023"), P("2022"), P("2021"), P("2020"), P("2019")]
    assert period_choices("Y", datetime.date(2025, 5, 1))[0] == P("2024")


def test_a_table_is_due_when_a_newer_period_should_be_published():
    assert is_due("M", None, MARCH_5)
    assert is_due("M", P("2024M11"), MARCH_5)
    assert not is_due("M", P("2024M12"), MARCH_5)
    assert not is_due("QMAT", P("2024QMAT03"), MARCH_5)
    assert is_due("QMAT", P("2024QMAT03"), datetime.date(2025, 4, 1))


def test_the_due_periods_are_those_after_the_latest_held_oldest_first():
    assert due_periods("M", P("2024M10"), MARCH_5) == [P("2024M11"), P("2024M12")]
    assert due_periods("M", P("2024M12"), MARCH_5) == []
    assert len(due_periods("M", None, MARCH_5)) == 24


@pytest.mark.django_db
def test_holdings_say_per_table_the_latest_period_held_its_release_the_last_fetch_and_what_is_due(
    administrator,
):
    measure = stats.measure(code="Y07A02-FULDTID")
    stats.official_value(measure, stats.area(), "2024M10", 1200, release="2024-12")
    stats.official_value(measure, stats.area(), "2024M09", 1100, release="2024-11")
    JobindsatsFetch.objects.create(table="y07a02", periods=["2024M10"], created_by=administrator)
    rows = {row.table.code: row for row in holdings(MARCH_5)}
    assert set(rows) == set(Table.objects.values_list("code", flat=True))
    sick = rows["y07a02"]
    assert (sick.latest, sick.release, sick.due, sick.next_due) == (
        P("2024M10"),
        "2024-12",
        True,
        P("2024M12"),
    )
    assert sick.last_fetch.created_by == administrator
    assert rows["y12a02"].latest is None and rows["y12a02"].last_fetch is None and rows["y12a02"].due
