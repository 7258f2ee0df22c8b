"""The monthly series and the committee minutes' sentence, drawn from the data without HTTP."""

from decimal import Decimal

from django.utils import translation

from measures.models import Unit
from measures.periods import Kind, Period
from reporting.months import MONTHS_SHOWN, about, month_before, month_rows, month_sentence

JUNE_2024, JUNE_2023 = Period(2024, Kind.MONTH, 6), Period(2023, Kind.MONTH, 6)


def june(own: dict, national: dict | None = None, unit=Unit.FULL_TIME_PERSONS, decimals=0):
    """The row of June 2024, from {period: value} of the municipality and Hele landet."""
    rows = month_rows(
        {p: None if v is None else Decimal(str(v)) for p, v in own.items()},
        {p: None if v is None else Decimal(str(v)) for p, v in (national or {}).items()},
        unit=unit,
        decimals=decimals,
    )
    return rows[-1]


def test_a_rise_is_written_as_the_minutes_write_it():
    row = june({JUNE_2023: 812, JUNE_2024: 877}, {JUNE_2023: 60000, JUNE_2024: 58200})
    assert month_sentence(row) == (
        "Juni 2024: 8 % flere end juni 2023 (ca. 65 fuldtidspersoner); hele landet: 3 % færre."
    )


def test_a_fall_rounds_the_difference_to_a_sensible_step():
    row = june({JUNE_2023: 2500, JUNE_2024: 2263}, {JUNE_2023: 100, JUNE_2024: 104})
    assert month_sentence(row) == (
        "Juni 2024: 9 % færre end juni 2023 (ca. 240 fuldtidspersoner); hele landet: 4 % flere."
    )


def test_an_unchanged_month_says_unchanged_and_no_amount():
    row = june({JUNE_2023: 400, JUNE_2024: 400}, {JUNE_2023: 9000, JUNE_2024: 9000})
    assert month_sentence(row) == "Juni 2024: uændret i forhold til juni 2023; hele landet: uændret."


def test_a_change_under_one_per_cent_keeps_a_decimal():
    row = june({JUNE_2023: 1000, JUNE_2024: 1004})
    assert month_sentence(row) == "Juni 2024: 0,4 % flere end juni 2023 (ca. 4 fuldtidspersoner)."


def test_a_missing_year_before_month_says_there_is_nothing_to_compare_with():
    row = june({JUNE_2024: 1250}, {JUNE_2023: 60000, JUNE_2024: 58200})
    assert month_sentence(row) == (
        "Juni 2024: 1.250 fuldtidspersoner; der er intet tal for juni 2023 at sammenligne med."
    )


def test_a_month_not_published_says_so_instead_of_a_number():
    row = june({JUNE_2023: 812, JUNE_2024: None}, {JUNE_2023: 60000, JUNE_2024: 58200})
    assert row.value is None and not row.is_published
    assert month_sentence(row) == "Juni 2024: ikke offentliggjort (diskretioneret af Jobindsats)."


def test_a_year_before_month_not_published_says_so():
    row = june({JUNE_2023: None, JUNE_2024: 40})
    assert month_sentence(row) == (
        "Juni 2024: 40 fuldtidspersoner; juni 2023 er ikke offentliggjort, så ændringen kendes ikke."
    )


def test_hele_landet_not_published_is_said_and_not_computed():
    row = june({JUNE_2023: 100, JUNE_2024: 110}, {JUNE_2023: None, JUNE_2024: 58200})
    assert month_sentence(row).endswith("; hele landet: ikke offentliggjort.")


def test_a_share_changes_in_procentpoint_higher_or_lower():
    row = june({JUNE_2023: "4.1", JUNE_2024: "4.4"}, {JUNE_2023: "3.0", JUNE_2024: "2.9"}, Unit.PERCENT, 1)
    assert month_sentence(row) == (
        "Juni 2024: 0,3 procentpoint højere end juni 2023; hele landet: 0,1 procentpoint lavere."
    )


def test_a_head_count_speaks_of_citizens():
    row = june({JUNE_2023: 525, JUNE_2024: 590}, unit=Unit.COUNT)
    assert month_sentence(row) == "Juni 2024: 12 % flere end juni 2023 (ca. 65 borgere)."


def test_the_sentence_is_in_english_on_an_english_page():
    row = june({JUNE_2023: 812, JUNE_2024: 877}, {JUNE_2023: 60000, JUNE_2024: 58200})
    with translation.override("en"):
        text = month_sentence(row)
    assert "more than" in text and "the whole country: 3 % fewer" in text


def test_the_rows_are_the_latest_months_oldest_first_with_gaps_kept():
    months = {month_before(JUNE_2024, n): Decimal(500 - n) for n in range(30) if n != 3}
    rows = month_rows(months, {}, unit=Unit.FULL_TIME_PERSONS, decimals=0)
    assert len(rows) == MONTHS_SHOWN
    assert rows[0].month == JUNE_2023 and rows[-1].month == JUNE_2024
    assert rows[-4].value is None and rows[-4].is_published  # missing, not suppressed
    assert rows[-1].year_before == Decimal(488)


def test_about_rounds_to_a_step_by_size():
    assert [about(Decimal(n)) for n in (7, 63, 237, 1234, -12345)] == [7, 65, 240, 1250, -12300]
