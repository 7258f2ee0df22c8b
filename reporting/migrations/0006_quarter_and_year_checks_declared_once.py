"""The quarter check, declared once on the shared base of everything that belongs to a quarter, named after
app and model; the year check comes with it (the forms always asked it)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0005_year_range_on_briefing'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='areanarrative',
            name='narrative_quarter_1_to_4',
        ),
        migrations.RemoveConstraint(
            model_name='decision',
            name='decision_quarter_1_to_4',
        ),
        migrations.RemoveConstraint(
            model_name='recommendation',
            name='recommendation_quarter_1_to_4',
        ),
        migrations.RemoveConstraint(
            model_name='reportsnapshot',
            name='report_snapshot_quarter_1_to_4',
        ),
        migrations.AddConstraint(
            model_name='areanarrative',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='reporting_areanarrative_quarter_1_to_4', violation_error_message='Kvartal skal være 1-4.'),
        ),
        migrations.AddConstraint(
            model_name='areanarrative',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='reporting_areanarrative_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='reporting_decision_quarter_1_to_4', violation_error_message='Kvartal skal være 1-4.'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='reporting_decision_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
        migrations.AddConstraint(
            model_name='recommendation',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='reporting_recommendation_quarter_1_to_4', violation_error_message='Kvartal skal være 1-4.'),
        ),
        migrations.AddConstraint(
            model_name='recommendation',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='reporting_recommendation_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
        migrations.AddConstraint(
            model_name='reportsnapshot',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='reporting_reportsnapshot_quarter_1_to_4', violation_error_message='Kvartal skal være 1-4.'),
        ),
        migrations.AddConstraint(
            model_name='reportsnapshot',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='reporting_reportsnapshot_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
    ]
