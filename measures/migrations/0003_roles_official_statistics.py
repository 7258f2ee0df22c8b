"""The roles' permissions for official statistics: administrators keep the measures and official values, managers
read them in the admin; committee members read them on the portal's pages and get no admin permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = ["measures.view_area", "measures.view_measure", "measures.view_officialvalue"]
ROLES = {
    "Afdelingsleder": READ,
    # Measures are not deleted in the admin: their official values and the indicators using them hang on them.
    "Administrator": READ
    + [
        "measures.add_measure",
        "measures.change_measure",
        "measures.add_officialvalue",
        "measures.change_officialvalue",
        "measures.delete_officialvalue",
    ],
}


def _permissions(apps, codes):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=code.split(".")[0], codename=code.split(".")[1])
        for code in codes
    ]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codes))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*_permissions(apps, ROLES[group.name]))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("indicators", "0003_roles"),
        ("measures", "0002_areas"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
