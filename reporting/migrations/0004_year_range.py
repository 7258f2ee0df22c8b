"""Quarters of the report and its briefing are checked like every other quarter."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0003_briefing_roles'),
    ]

    operations = [
        migrations.AlterField(
            model_name='areanarrative',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='areanarrative',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='decision',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='decision',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='historicalareanarrative',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='historicalareanarrative',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='historicaldecision',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='historicaldecision',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='historicalrecommendation',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='historicalrecommendation',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='recommendation',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='recommendation',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
        migrations.AlterField(
            model_name='reportsnapshot',
            name='quarter',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='kvartal'),
        ),
        migrations.AlterField(
            model_name='reportsnapshot',
            name='year',
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2099)], verbose_name='år'),
        ),
    ]
