"""Every indicator uses a measure: Ballerup's benchmark and a-dagpenge indicators the Jobindsats measures of the
catalogue, every other one an own measure per municipality and code, shared by the strategy versions."""

from django.db import migrations

from measures.catalogue import load_catalogue
from measures.own import own_measure

# (kommunekode, indicator code) -> the catalogue's measure; used only where unit, decimals and type agree.
JOBINDSATS = {
    ("151", "F1.0"): "BM-FORSKEL-IALT",
    ("151", "F1.1"): "BM-PLACERING-IALT",
    ("151", "F2.0"): "Y01A02-FULDTID",
}


def _agrees(indicator, measure) -> bool:
    return (indicator.unit, indicator.decimals, indicator.measure_type) == (
        measure.unit,
        measure.decimals,
        measure.measure_type,
    )


def link_measures(apps, schema_editor):
    Measure = apps.get_model("measures", "Measure")
    Indicator = apps.get_model("indicators", "Indicator")
    load_catalogue(Measure)
    catalogue = {measure.code: measure for measure in Measure.objects.filter(origin="jobindsats")}
    # Older strategies first: an own measure takes the name of the indicator that first measured it.
    indicators = Indicator.objects.filter(measure__isnull=True).select_related("strategy__municipality")
    for indicator in indicators.order_by("strategy__adopted", "strategy_id", "pk"):
        municipality = indicator.strategy.municipality
        chosen = catalogue.get(JOBINDSATS.get((str(municipality.code), indicator.code), ""))
        if chosen is None or not _agrees(indicator, chosen):
            chosen = own_measure(
                Measure,
                municipality_slug=municipality.slug,
                code=indicator.code,
                name=indicator.name,
                unit=indicator.unit,
                decimals=indicator.decimals,
                measure_type=indicator.measure_type,
                definition=indicator.description,
            )
        indicator.measure = chosen
        indicator.save(update_fields=["measure"])


def unlink_measures(apps, schema_editor):
    apps.get_model("indicators", "Indicator").objects.update(measure=None)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0011_indicator_measure"),
        ("focusareas", "0002_municipality_area_and_peers"),
    ]
    operations = [migrations.RunPython(link_measures, unlink_measures)]
