"""Quarters: display, ordering, arithmetic and parsing."""

import datetime

import pytest
from django.utils import translation

from core.periods import Quarter, quarter_range


def test_it_shows_a_quarter_the_danish_way():
    with translation.override("da"):
        assert str(Quarter(2024, 3)) == "3. kvt. 2024"


def test_it_shows_a_quarter_the_english_way():
    with translation.override("en"):
        assert Quarter(2024, 3).label() == "Q3 2024"


@pytest.mark.parametrize("text", ["2024K3", "2024Q3", "2024q3", "2024-K3", " 2024 Q3 ", "2024/k3"])
def test_it_parses_the_written_forms(text):
    assert Quarter.parse(text) == Quarter(2024, 3)


@pytest.mark.parametrize("text", ["2024K5", "2024K0", "2024", "K3", "3. kvt. 2024", "24K3", ""])
def test_it_refuses_what_is_not_a_quarter(text):
    with pytest.raises(ValueError):
        Quarter.parse(text)


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_it_cannot_be_made_outside_one_to_four(quarter):
    with pytest.raises(ValueError):
        Quarter(2024, quarter)


def test_quarters_order_by_year_then_quarter():
    assert sorted([Quarter(2024, 1), Quarter(2023, 4), Quarter(2023, 2)]) == [
        Quarter(2023, 2),
        Quarter(2023, 4),
        Quarter(2024, 1),
    ]
    assert Quarter(2023, 4) < Quarter(2024, 1)


def test_next_and_previous_cross_the_new_year():
    assert Quarter(2023, 4).next() == Quarter(2024, 1)
    assert Quarter(2024, 1).previous() == Quarter(2023, 4)
    assert Quarter(2024, 2).same_quarter_last_year() == Quarter(2023, 2)


def test_adding_and_subtracting_quarters():
    assert Quarter(2023, 3) + 6 == Quarter(2025, 1)
    assert Quarter(2025, 1) + (-6) == Quarter(2023, 3)
    assert Quarter(2025, 1) - Quarter(2023, 3) == 6


def test_a_range_holds_both_ends():
    assert quarter_range(Quarter(2023, 3), Quarter(2024, 2)) == [
        Quarter(2023, 3),
        Quarter(2023, 4),
        Quarter(2024, 1),
        Quarter(2024, 2),
    ]


def test_first_and_last_day():
    assert Quarter(2024, 3).first_day == datetime.date(2024, 7, 1)
    assert Quarter(2024, 4).last_day == datetime.date(2024, 12, 31)


def test_a_quarter_has_ended_only_after_its_last_day():
    assert not Quarter(2024, 3).has_ended(today=datetime.date(2024, 9, 30))
    assert Quarter(2024, 3).has_ended(today=datetime.date(2024, 10, 1))
    assert Quarter.latest_ended(today=datetime.date(2024, 11, 23)) == Quarter(2024, 3)


def test_the_code_round_trips():
    assert Quarter.parse(Quarter(2024, 3).code) == Quarter(2024, 3)


def test_the_quarter_turns_at_midnight_in_copenhagen_by_the_portals_clock(monkeypatch):
    # 31 March 2025, 23:30 UTC is already 1 April, 01:30 in Copenhagen: the first quarter has ended there.
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2025, 3, 31, 23, 30, tzinfo=datetime.UTC))

    assert Quarter.current() == Quarter(2025, 2)
    assert Quarter.latest_ended() == Quarter(2025, 1)
    assert Quarter(2025, 1).has_ended()
