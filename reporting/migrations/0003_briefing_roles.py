"""Administrators write the briefing's narratives and recommendation and record the committee's decisions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["areanarrative", "recommendation", "decision"]
CODES = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("reporting")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Administrator")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="reporting", codename__in=CODES))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Administrator"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="reporting", codename__in=CODES))


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_briefing"),
        ("indicators", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
