"""Demo and synthetic data are marked by a flag the loaders set, no longer by matching words in their source.

Existing rows are marked as the loaders marked them in text: a figure, a target or an official value with the
source 'demo' (fixtures/), a definition from 'demo', official values of the release 'syntetisk' (the recorded
Jobindsats answers), and an expected measure whose code ends in '-SKOEN' (an estimate). Here rather than in
measures, because migration 0013 made official values and estimates from the comparison values."""

from django.db import migrations, models

DEMO, SYNTHETIC_RELEASE, ESTIMATE_SUFFIX = "demo", "syntetisk", "-SKOEN"


def mark(apps, schema_editor):
    for app, model in (("indicators", "Measurement"), ("indicators", "Target")):
        for name in (model, f"Historical{model}"):
            apps.get_model(app, name).objects.filter(source=DEMO).update(is_demo=True)
    for name in ("Indicator", "HistoricalIndicator"):
        apps.get_model("indicators", name).objects.filter(definition_source=DEMO).update(definition_is_demo=True)
    for name in ("OfficialValue", "HistoricalOfficialValue"):
        made_up = models.Q(source=DEMO) | models.Q(release=SYNTHETIC_RELEASE)
        apps.get_model("measures", name).objects.filter(made_up).update(is_synthetic=True)
    for name in ("Measure", "HistoricalMeasure"):
        apps.get_model("measures", name).objects.filter(code__endswith=ESTIMATE_SUFFIX).update(is_estimate=True)


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0016_quarter_and_year_checks_declared_once'),
        ('measures', '0006_demo_and_estimates_are_flags'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalindicator',
            name='definition_is_demo',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='demodefinition'),
        ),
        migrations.AddField(
            model_name='historicalmeasurement',
            name='is_demo',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='demodata'),
        ),
        migrations.AddField(
            model_name='historicaltarget',
            name='is_demo',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='demodata'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='definition_is_demo',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='demodefinition'),
        ),
        migrations.AddField(
            model_name='measurement',
            name='is_demo',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='demodata'),
        ),
        migrations.AddField(
            model_name='target',
            name='is_demo',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='demodata'),
        ),
        migrations.AlterField(
            model_name='historicalindicator',
            name='definition_source',
            field=models.CharField(blank=True, help_text='Hvor definitionen stammer fra, fx strategiens bilag 1.', max_length=100, verbose_name='definitionens oprindelse'),
        ),
        migrations.AlterField(
            model_name='historicalmeasurement',
            name='source',
            field=models.CharField(blank=True, help_text='Dokumentet eller systemet, tallet stammer fra.', max_length=200, verbose_name='kilde'),
        ),
        migrations.AlterField(
            model_name='historicaltarget',
            name='source',
            field=models.CharField(blank=True, help_text='Dokumentet eller systemet, tallet stammer fra.', max_length=200, verbose_name='kilde'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='definition_source',
            field=models.CharField(blank=True, help_text='Hvor definitionen stammer fra, fx strategiens bilag 1.', max_length=100, verbose_name='definitionens oprindelse'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='source',
            field=models.CharField(blank=True, help_text='Dokumentet eller systemet, tallet stammer fra.', max_length=200, verbose_name='kilde'),
        ),
        migrations.AlterField(
            model_name='target',
            name='source',
            field=models.CharField(blank=True, help_text='Dokumentet eller systemet, tallet stammer fra.', max_length=200, verbose_name='kilde'),
        ),
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
