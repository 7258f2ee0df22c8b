from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo: Ballerup's strategy, its figures and the demo users, loaded by `manage.py load_demo`.
    It stands on top of every other app, as it fills them all."""

    name = "demo"
    verbose_name = "Demo"
