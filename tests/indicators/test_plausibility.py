"""The plausibility rules, case by case: a warning names the figure it was compared with."""

from decimal import Decimal

import pytest

from core.periods import Quarter
from indicators.models import Indicator, Unit
from indicators.plausibility import explains, histories, plausibility_warnings, warnings_for
from measures.models import Measure

from .. import factories


def indicator(*, unit=Unit.FULL_TIME_PERSONS, decimals=0, **fields) -> Indicator:
    defaults = {"code": "F3.0", "name": "Sygedagpenge", "measure": Measure(unit=unit, decimals=decimals)}
    return Indicator(**(defaults | fields))


def d(*values) -> list[Decimal]:
    return [Decimal(str(value)) for value in values]


def test_a_tenfold_value_names_last_quarters_figure():
    warnings = plausibility_warnings(indicator(), Decimal(8580), d(870, 860, 880))
    assert warnings == ["F3.0: 8.580 er 9,8 gange sidste kvartals 880."]


def test_a_tenth_of_last_quarter_is_unusual_too():
    warnings = plausibility_warnings(indicator(), Decimal(88), d(880))
    assert warnings == ["F3.0: 88 er kun 10 % af sidste kvartals 880."]


def test_an_ordinary_change_gets_no_warning():
    assert plausibility_warnings(indicator(), Decimal(905), d(860, 870, 880, 890, 880)) == []


def test_without_history_and_bounds_nothing_is_compared():
    assert plausibility_warnings(indicator(), Decimal(8580), []) == []


def test_a_short_history_compares_only_with_the_last_quarter():
    # 1.300 is 48 % above 880 (below the ratio) and there are too few quarters for a band.
    assert plausibility_warnings(indicator(), Decimal(1300), d(880, 880)) == []


def test_a_long_history_flags_a_value_outside_its_robust_band():
    history = d(880, 890, 870, 885, 875, 880, 890, 880)
    warnings = plausibility_warnings(indicator(), Decimal(1300), history)
    assert len(warnings) == 1
    assert "1.300 ligger uden for det sædvanlige niveau" in warnings[0]
    assert "i de seneste 8 kvartaler (sidste kvartal 880)" in warnings[0]


def test_one_wild_quarter_in_the_history_does_not_widen_the_band():
    history = d(880, 890, 8800, 885, 875, 880, 890, 880)
    assert plausibility_warnings(indicator(), Decimal(1300), history) != []


def test_a_flat_history_allows_ordinary_wobble():
    assert plausibility_warnings(indicator(), Decimal(950), d(880, 880, 880, 880, 880)) == []


def test_a_share_is_compared_in_procentpoint():
    share = indicator(code="F2.1", unit=Unit.PERCENT, decimals=1)
    assert plausibility_warnings(share, Decimal("4.5"), d("3.9")) == []
    assert plausibility_warnings(share, Decimal("39"), d("3.9")) == [
        "F2.1: 39,0 % er 35,1 procentpoint fra sidste kvartals 3,9 %."
    ]


def test_bounds_set_by_the_administrator_are_named():
    bounded = indicator(plausible_min=Decimal(500), plausible_max=Decimal(1200))
    assert plausibility_warnings(bounded, Decimal(1250), []) == [
        "F3.0: 1.250 er over den højeste forventede værdi 1.200."
    ]
    assert plausibility_warnings(bounded, Decimal(400), []) == [
        "F3.0: 400 er under den laveste forventede værdi 500."
    ]
    assert plausibility_warnings(bounded, Decimal(900), []) == []


@pytest.mark.django_db
def test_history_is_the_eight_earlier_quarters_in_one_query(django_assert_num_queries):
    first = factories.indicator()
    second = factories.indicator()
    for n, quarter in enumerate(Quarter(2022, 1) + k for k in range(12)):
        factories.measurement(first, quarter.year, quarter.quarter, 100 + n)
    factories.measurement(second, 2024, 3, 50)
    with django_assert_num_queries(1):
        found = histories([first.pk, second.pk], [Quarter(2024, 4)])
    assert found[(first.pk, Quarter(2024, 4))] == d(*range(103, 111))
    assert found[(second.pk, Quarter(2024, 4))] == d(50)


@pytest.mark.django_db
def test_warnings_for_many_figures_at_once():
    f30 = factories.indicator(code="F3.0")
    factories.measurement(f30, 2024, 2, 880)
    found = warnings_for([(f30, Quarter(2024, 3), Decimal(8580))])
    assert found[(f30.pk, Quarter(2024, 3))] == ["F3.0: 8.580 er 9,8 gange sidste kvartals 880."]


@pytest.mark.parametrize(
    "text",
    [
        "Ny opgørelse fra Jobindsats: jobafklaring tælles nu med.",
        "Tallet er korrekt: 40 nye forløb efter lukningen af Lautrupvang.",
        "  Flere sygemeldte efter  influenzaen i december.  ",
    ],
)
def test_a_sentence_saying_why_explains_a_figure(text):
    assert explains(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ok",
        "OK.",
        "fint",
        "korrekt",
        "se note",
        "test",
        "Tallet er tjekket",  # three words, but under 20 characters
        "Jobafklaringsforløbstal",  # one long word
        "ok ok ok ok ok ok ok ok",  # only stock words, however many
        "Korrekt, se note. Test!!",
    ],
)
def test_a_stock_word_or_a_few_characters_do_not_explain_a_figure(text):
    assert not explains(text)
