"""Demo and synthetic values and estimates are flags; indicators 0017 marks the existing rows."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0005_approved_on_import_four_eyes'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalmeasure',
            name='is_estimate',
            field=models.BooleanField(default=False, help_text="Målingen er et skøn over det forventede tal, ikke ministeriets benchmark: som forventet tal for en anden måling hedder den 'Forventet (skøn)'.", verbose_name='skøn'),
        ),
        migrations.AddField(
            model_name='historicalofficialvalue',
            name='is_synthetic',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='syntetisk'),
        ),
        migrations.AddField(
            model_name='measure',
            name='is_estimate',
            field=models.BooleanField(default=False, help_text="Målingen er et skøn over det forventede tal, ikke ministeriets benchmark: som forventet tal for en anden måling hedder den 'Forventet (skøn)'.", verbose_name='skøn'),
        ),
        migrations.AddField(
            model_name='officialvalue',
            name='is_synthetic',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='syntetisk'),
        ),
        migrations.AlterField(
            model_name='historicalofficialvalue',
            name='source',
            field=models.CharField(blank=True, help_text='Dokumentet eller systemet, tallet stammer fra.', max_length=200, verbose_name='kilde'),
        ),
        migrations.AlterField(
            model_name='officialvalue',
            name='source',
            field=models.CharField(blank=True, help_text='Dokumentet eller systemet, tallet stammer fra.', max_length=200, verbose_name='kilde'),
        ),
    ]
