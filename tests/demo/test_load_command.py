"""The load_demo command and its loader on an empty database: safe to run twice, refused without DEBUG."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from demo.loader import demo_load
from focusareas.models import Strategy
from indicators.models import Measurement

from .test_loader import table_sizes

pytestmark = pytest.mark.slow  # left out of make test-fast


def test_loading_twice_changes_nothing(db):
    first = demo_load()
    sizes = table_sizes()
    history = Measurement.history.count()

    assert demo_load() == first
    assert table_sizes() == sizes
    assert Measurement.history.count() == history
    assert get_user_model().objects.filter(username__in=["udvalg", "leder", "administrator"]).count() == 3


def test_the_command_can_run_twice(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    sizes = table_sizes()

    call_command("load_demo")

    assert table_sizes() == sizes


def test_the_command_refuses_without_debug(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not Strategy.objects.exists()


def test_the_command_loads_without_debug_when_forced(db, settings):
    settings.DEBUG = False

    call_command("load_demo", "--force")

    assert Strategy.objects.count() == 3
