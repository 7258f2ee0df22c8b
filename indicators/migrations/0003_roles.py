"""The portal's three roles as groups with their model permissions, so every deployment has them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_STRUCTURE = [
    "focusareas.view_municipality",
    "focusareas.view_strategy",
    "focusareas.view_principle",
    "focusareas.view_focusarea",
    "indicators.view_indicator",
    "indicators.view_target",
    "indicators.view_comparisonvalue",
    "indicators.view_quarterlock",
]
ENTER_FIGURES = [
    "indicators.view_measurement",
    "indicators.add_measurement",
    "indicators.change_measurement",
]
ADMINISTER = [
    f"{app}.{action}_{model}"
    for app, models in {
        "focusareas": ["municipality", "strategy", "principle", "focusarea"],
        "indicators": ["indicator", "target", "measurement", "comparisonvalue", "quarterlock"],
    }.items()
    for model in models
    for action in ("add", "change", "delete", "view")
] + [
    "indicators.approve_measurement",
    "indicators.enter_all_focus_areas",
    "indicators.lock_quarter",
    "auth.add_user",
    "auth.change_user",
    "auth.view_user",
    "auth.view_group",
]

# Committee members read approved figures on the portal's own pages; they get no admin permissions.
ROLES = {
    "Udvalgsmedlem": [],
    "Afdelingsleder": VIEW_STRUCTURE + ENTER_FIGURES,
    "Administrator": ADMINISTER,
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("focusareas", "0001_initial"),
        ("indicators", "0002_quarter_lock_and_reasons"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
