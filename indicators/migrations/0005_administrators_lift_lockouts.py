"""Administrators see login lock-outs (django-axes) and lift them, as the README promises."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LIFT_LOCKOUTS = [
    ("axes", "view_accessattempt"),
    ("axes", "delete_accessattempt"),
    ("axes", "view_accessfailurelog"),
    ("axes", "view_accesslog"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Administrator")
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in LIFT_LOCKOUTS
        ]
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Administrator"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="axes", codename__in=[codename for _, codename in LIFT_LOCKOUTS]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_year_range_and_code_rule"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
