"""The quarter (1-4) and year checks are declared once, on the shared base of everything that belongs to a
quarter, and named after app and model. The same conditions under new names; deadlines and reminders get the
year check they lacked. Every stored row already keeps them (the forms and services always asked)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0015_room_on_each_page_for_changed_figures'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='measurement',
            name='measurement_quarter_1_to_4',
        ),
        migrations.RemoveConstraint(
            model_name='measurement',
            name='measurement_year_in_range',
        ),
        migrations.RemoveConstraint(
            model_name='quarterlock',
            name='quarter_lock_quarter_1_to_4',
        ),
        migrations.RemoveConstraint(
            model_name='quarterlock',
            name='quarter_lock_year_in_range',
        ),
        migrations.RemoveConstraint(
            model_name='reportingdeadline',
            name='deadline_quarter_1_to_4',
        ),
        migrations.AddConstraint(
            model_name='measurement',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='indicators_measurement_quarter_1_to_4', violation_error_message='Kvartal skal være 1-4.'),
        ),
        migrations.AddConstraint(
            model_name='measurement',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='indicators_measurement_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
        migrations.AddConstraint(
            model_name='quarterlock',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='indicators_quarterlock_quarter_1_to_4', violation_error_message='Kvartal skal være 1-4.'),
        ),
        migrations.AddConstraint(
            model_name='quarterlock',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='indicators_quarterlock_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
        migrations.AddConstraint(
            model_name='remindersent',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='indicators_remindersent_quarter_1_to_4', violation_error_message='Kvartal skal være 1-4.'),
        ),
        migrations.AddConstraint(
            model_name='remindersent',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='indicators_remindersent_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
        migrations.AddConstraint(
            model_name='reportingdeadline',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='indicators_reportingdeadline_quarter_1_to_4', violation_error_message='Kvartal skal være 1-4.'),
        ),
        migrations.AddConstraint(
            model_name='reportingdeadline',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2099)), name='indicators_reportingdeadline_year_in_range', violation_error_message='Året skal være mellem 2000 og 2099.'),
        ),
    ]
