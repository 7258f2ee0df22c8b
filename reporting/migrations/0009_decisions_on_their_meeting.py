"""Each decision is recorded on the meeting that made it: a meeting per strategy and meeting date, for the
quarter of figures its decisions were about. Administrators plan meetings; administrators and managers sign
off the case's texts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COMMITTEE = "Udvalget"  # the committee's name is not known from a date: the administrator corrects it


def meetings_from_dates(apps, schema_editor):
    Meeting = apps.get_model("reporting", "Meeting")
    Decision = apps.get_model("reporting", "Decision")
    for decision in Decision.objects.order_by("meeting_date", "pk"):
        meeting = Meeting.objects.filter(strategy_id=decision.strategy_id, date=decision.meeting_date).first()
        if meeting is None:
            # A quarter's case goes to one meeting: a second date for the same quarter joins the first.
            meeting = Meeting.objects.filter(
                strategy_id=decision.strategy_id, year=decision.year, quarter=decision.quarter
            ).first() or Meeting.objects.create(
                strategy_id=decision.strategy_id,
                date=decision.meeting_date,
                year=decision.year,
                quarter=decision.quarter,
                committee=COMMITTEE,
            )
        Decision.objects.filter(pk=decision.pk).update(
            meeting=meeting, year=meeting.year, quarter=meeting.quarter
        )


def dates_from_meetings(apps, schema_editor):
    Decision = apps.get_model("reporting", "Decision")
    for decision in Decision.objects.select_related("meeting"):
        Decision.objects.filter(pk=decision.pk).update(meeting_date=decision.meeting.date)


MEETING = [f"{action}_meeting" for action in ("add", "change", "delete", "view")]
SIGN_OFF = ["approve_areanarrative", "approve_recommendation"]
# The centre manager reads and signs off the administration's texts; writing them stays the administrators'.
MANAGER = SIGN_OFF + ["view_areanarrative", "view_recommendation", "view_meeting"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("reporting")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in [("Administrator", MEETING + SIGN_OFF), ("Afdelingsleder", MANAGER)]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="reporting", codename__in=codes))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for name, codes in [("Administrator", MEETING + SIGN_OFF), ("Afdelingsleder", MANAGER)]:
        for group in apps.get_model("auth", "Group").objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="reporting", codename__in=codes)
            )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0008_meetings_and_sign_off")]

    operations = [
        migrations.RunPython(meetings_from_dates, dates_from_meetings),
        migrations.RunPython(grant, revoke),
    ]
