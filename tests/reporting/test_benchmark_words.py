"""The benchmark in the committee's words: ranks and differences as the benchmark page says them."""

from decimal import Decimal

from reporting.benchmark_words import difference_text, rank_change_text, rank_text


def test_ranks_are_said_as_the_committee_says_them():
    assert rank_text(2, 98) == "2. plads af 98"
    assert rank_change_text(22, 10) == "fra 22. til 10. plads (12 pladser frem)"
    assert rank_change_text(6, 8) == "fra 6. til 8. plads (2 pladser tilbage)"
    assert rank_change_text(11, 10) == "fra 11. til 10. plads (1 plads frem)"
    assert rank_change_text(8, 8) == "uændret på 8. plads"
    assert rank_text(None, 98) == rank_change_text(None, 3) == "–"


def test_faktisk_minus_forventet_is_said_in_words():
    assert difference_text(Decimal(-220)) == "220 færre end forventet"
    assert difference_text(Decimal(1250)) == "1.250 flere end forventet"
    assert difference_text(Decimal("0.2")) == "som forventet"
    assert difference_text(None) == "–"
