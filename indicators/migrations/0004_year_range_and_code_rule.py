"""One range of years for figures, targets and locks; codes of safe characters, unique per strategy
whatever their case (each indicator keeps its focus area's strategy for that)."""

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


def fill_strategy(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for indicator in Indicator.objects.select_related("focus_area"):
        indicator.strategy_id = indicator.focus_area.strategy_id
        indicator.save(update_fields=["strategy"])


class Migration(migrations.Migration):

    dependencies = [
        ('focusareas', '0001_initial'),
        ('indicators', '0003_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='indicator',
            name='unique_indicator_code',
        ),
        migrations.AddField(
            model_name='historicalindicator',
            name='strategy',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='focusareas.strategy', verbose_name='strategi'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='strategy',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='focusareas.strategy', verbose_name='strategi'),
        ),
        migrations.RunPython(fill_strategy, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='indicator',
            name='strategy',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='focusareas.strategy', verbose_name='strategi'),
        ),
        migrations.AlterField(
            model_name='comparisonvalue',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='comparisonvalue',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='historicalindicator',
            name='code',
            field=models.CharField(help_text='Stabil kode, fx F2.0.', max_length=20, validators=[django.core.validators.RegexValidator(code='invalid_code', message='En kode må kun indeholde bogstaver, tal, punktum, bindestreg og understregning, fx F2.0.', regex='\\A[0-9A-Za-zÆØÅæøå](?:[0-9A-Za-zÆØÅæøå._-]{0,18}[0-9A-Za-zÆØÅæøå])?\\Z')], verbose_name='kode'),
        ),
        migrations.AlterField(
            model_name='historicalmeasurement',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='historicalmeasurement',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='historicalquarterlock',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='historicalquarterlock',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='historicaltarget',
            name='quarter',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Tomt for et årsmål.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='historicaltarget',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='code',
            field=models.CharField(help_text='Stabil kode, fx F2.0.', max_length=20, validators=[django.core.validators.RegexValidator(code='invalid_code', message='En kode må kun indeholde bogstaver, tal, punktum, bindestreg og understregning, fx F2.0.', regex='\\A[0-9A-Za-zÆØÅæøå](?:[0-9A-Za-zÆØÅæøå._-]{0,18}[0-9A-Za-zÆØÅæøå])?\\Z')], verbose_name='kode'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='quarterlock',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='quarterlock',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='target',
            name='quarter',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Tomt for et årsmål.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='target',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AddConstraint(
            model_name='comparisonvalue',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='comparison_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
        migrations.AddConstraint(
            model_name='indicator',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('code'), models.F('strategy'), name='unique_indicator_code_per_strategy', violation_error_message='Koden bruges allerede i denne strategi.'),
        ),
        migrations.AddConstraint(
            model_name='measurement',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='measurement_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
        migrations.AddConstraint(
            model_name='quarterlock',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='quarter_lock_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='target_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
    ]
