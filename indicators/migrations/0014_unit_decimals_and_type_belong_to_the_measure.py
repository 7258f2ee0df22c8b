"""Unit, decimals and measure type live on the measure: the indicator's copies go. A change of them recorded in
an indicator's history (with its reason) is carried into its measure's history first, so it is not lost."""

import django.db.models.deletion
from django.db import migrations, models


DEFINITION = ("unit", "decimals", "measure_type")
MEASURE_FIELDS = ("code", "name", "definition", "origin", "table", "label", "filters", "expected_id", "rank_id",
                  "approved_on_import")  # fmt: skip


def carry_definition_history(apps, schema_editor):
    HistoricalIndicator = apps.get_model("indicators", "HistoricalIndicator")
    HistoricalMeasure = apps.get_model("measures", "HistoricalMeasure")
    Indicator = apps.get_model("indicators", "Indicator")
    measures = {i.pk: i.measure for i in Indicator.objects.select_related("measure")}
    previous = {}
    for record in HistoricalIndicator.objects.order_by("id", "history_date", "history_id"):
        state = tuple(getattr(record, name) for name in DEFINITION)
        before, previous[record.id] = previous.get(record.id), state
        measure = measures.get(record.id)
        if before is None or before == state or measure is None:
            continue
        HistoricalMeasure.objects.create(
            id=measure.pk,
            **{name: getattr(measure, name) for name in MEASURE_FIELDS},
            **dict(zip(DEFINITION, state, strict=True)),
            history_date=record.history_date,
            history_type="~",
            history_user_id=record.history_user_id,
            history_change_reason=record.history_change_reason,
        )


def copy_definition_back(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for indicator in Indicator.objects.select_related("measure"):
        for name in DEFINITION:
            setattr(indicator, name, getattr(indicator.measure, name))
        indicator.save(update_fields=list(DEFINITION))


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0013_comparison_values_become_official_values"),
        ("measures", "0002_areas"),
        ("measures", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(carry_definition_history, copy_definition_back),
        migrations.RemoveConstraint(
            model_name="indicator",
            name="indicator_at_most_four_decimals",
        ),
        migrations.RemoveField(
            model_name="historicalindicator",
            name="decimals",
        ),
        migrations.RemoveField(
            model_name="historicalindicator",
            name="measure_type",
        ),
        migrations.RemoveField(
            model_name="historicalindicator",
            name="unit",
        ),
        migrations.AlterField(
            model_name="historicalindicator",
            name="measure",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Hvad indikatoren måler; enhed, decimaler og måletype hører til målingen. Tomt: en ny, kommunens egen måling med indikatorens kode.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="measures.measure",
                verbose_name="måling",
            ),
        ),
        migrations.AlterField(
            model_name="indicator",
            name="measure",
            field=models.ForeignKey(
                blank=True,
                help_text="Hvad indikatoren måler; enhed, decimaler og måletype hører til målingen. Tomt: en ny, kommunens egen måling med indikatorens kode.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="indicators",
                to="measures.measure",
                verbose_name="måling",
            ),
        ),
        migrations.RemoveField(
            model_name="indicator",
            name="decimals",
        ),
        migrations.RemoveField(
            model_name="indicator",
            name="measure_type",
        ),
        migrations.RemoveField(
            model_name="indicator",
            name="unit",
        ),
    ]
