"""Small factories for official statistics: measures, official values and a strategy using a measure of its
own municipality (Ballerup, area 151, as the migration ships it)."""

import itertools
from decimal import Decimal

from measures.models import Area, Measure, OfficialValue, Unit
from measures.periods import Period

from . import factories

_numbers = itertools.count(1)


def area(code: str = "151") -> Area:
    return Area.objects.get(code=code)


def measure(**fields) -> Measure:
    n = next(_numbers)
    defaults = {"code": f"TEST-{n}", "name": f"Testmåling {n}", "unit": Unit.FULL_TIME_PERSONS}
    return Measure.objects.create(**(defaults | fields))


def official_value(measure: Measure, where: Area, period: str, value, **fields) -> OfficialValue:
    period = Period.parse(period)
    return OfficialValue.objects.create(
        measure=measure,
        area=where,
        year=period.year,
        kind=period.kind,
        number=period.number,
        value=Decimal(str(value)),
        **fields,
    )


def strategy_using(measure: Measure, *, own_area: Area | None = None, **fields):
    """An in-force strategy of Ballerup (or own_area's municipality) with an indicator using the measure."""
    own_area = own_area or area()
    municipality = factories.municipality(name=own_area.name, slug=f"k{own_area.code}", area=own_area)
    strategy = factories.strategy(municipality=municipality, **fields)
    factories.indicator(focus_area=factories.focus_area(strategy=strategy), measure=measure)
    return strategy
