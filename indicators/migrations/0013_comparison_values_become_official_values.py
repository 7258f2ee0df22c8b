"""Comparison series are data: each comparison value becomes an official value of the indicator's measure.

national  -> the measure's value for Hele landet (000)
region    -> the measure's value for the municipality's region
benchmark -> the value of the measure's expected measure (an own companion '<code>-BENCHMARK' where the
             measure has none) for the municipality's own area
estimate  -> the value of the own companion '<code>-SKOEN' ("… (forventet, skøn)"), linked as expected,
             for the municipality's own area
Quarterly values become quarters (kind Q). Then the ComparisonValue model goes."""

from django.db import migrations

from measures.own import BENCHMARK, ESTIMATE, companion

COUNTRY = "000"


def _target(Measure, Area, comparison, areas):
    """(measure, area) where the comparison value is kept, or None where the municipality has no area."""
    indicator = comparison.indicator
    measure = indicator.measure
    own = areas.get(indicator.strategy.municipality_id)
    if comparison.series == "national":
        return measure, Area.objects.get(code=COUNTRY)
    if own is None:
        return None
    if comparison.series == "region":
        return (measure, own.region) if own.region_id else None
    if comparison.series == "benchmark":
        expected = measure.expected if measure.expected_id else companion(Measure, measure, BENCHMARK)
        return expected, own
    if comparison.series == "estimate":
        return companion(Measure, measure, ESTIMATE), own
    return None


def comparisons_to_official_values(apps, schema_editor):
    Measure = apps.get_model("measures", "Measure")
    Area = apps.get_model("measures", "Area")
    OfficialValue = apps.get_model("measures", "OfficialValue")
    ComparisonValue = apps.get_model("indicators", "ComparisonValue")
    Municipality = apps.get_model("focusareas", "Municipality")
    areas = {m.pk: m.area for m in Municipality.objects.select_related("area")}
    comparisons = ComparisonValue.objects.select_related("indicator__measure", "indicator__strategy")
    # Older strategies first: where two versions hold a value for the same measure, the newer one stays.
    for comparison in comparisons.order_by("indicator__strategy__adopted", "indicator__strategy_id", "pk"):
        found = _target(Measure, Area, comparison, areas)
        if found is None:
            print(f"\n  Sammenligningstal uden område i statistikken springes over: {comparison.pk}")
            continue
        measure, area = found
        OfficialValue.objects.update_or_create(
            measure=measure,
            area=area,
            year=comparison.year,
            kind="Q",
            number=comparison.quarter,
            defaults={"value": comparison.value, "source": comparison.source},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0012_every_indicator_has_a_measure"),
        ("measures", "0002_areas"),
    ]
    operations = [
        migrations.RunPython(comparisons_to_official_values, migrations.RunPython.noop),
        migrations.DeleteModel(name="ComparisonValue"),
    ]
