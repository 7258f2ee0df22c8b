"""An indicator's measure: a new indicator without one gets the municipality's own measure for its code."""

from measures.models import Measure, MeasureType
from measures.own import own_measure


def own_measure_for(indicator, *, unit: str = "", decimals: int = 0, measure_type: str = MeasureType.LEVEL):
    """The own measure of the indicator's municipality and code, shared with its other strategy versions;
    created with the given unit, decimals and type (another unit under the same code is another measure)."""
    strategy = indicator.focus_area.strategy
    return own_measure(
        Measure,
        municipality_slug=strategy.municipality.slug,
        code=indicator.code,
        name=indicator.name,
        unit=unit,
        decimals=decimals,
        measure_type=measure_type,
        definition=indicator.description,
    )
