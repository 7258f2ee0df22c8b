"""Small factories for tests: each makes one valid object and accepts overrides."""

import itertools
from decimal import Decimal

from django.contrib.auth.models import Group, User

from focusareas.models import FocusArea, Municipality, Strategy
from indicators.definition import indicator_create
from indicators.models import Direction, Indicator, Measurement, Target, Unit

_numbers = itertools.count(1)


def municipality(**fields) -> Municipality:
    n = next(_numbers)
    defaults = {"name": f"Testkommune {n}", "slug": f"testkommune-{n}"}
    return Municipality.objects.create(**(defaults | fields))


def strategy(**fields) -> Strategy:
    defaults = {"title": "Beskæftigelsesstrategi", "status": Strategy.Status.IN_FORCE}
    if "municipality" not in fields:
        defaults["municipality"] = municipality()
    return Strategy.objects.create(**(defaults | fields))


def focus_area(**fields) -> FocusArea:
    n = next(_numbers)
    defaults = {"number": n, "name": f"Fokusområde {n}", "slug": f"fokusomraade-{n}"}
    if "strategy" not in fields:
        defaults["strategy"] = strategy()
    return FocusArea.objects.create(**(defaults | fields))


def indicator(**fields) -> Indicator:
    """Through the service, as the admin makes one: without a measure it gets its own, in the given unit."""
    n = next(_numbers)
    defaults = {
        "code": f"T{n}.0",
        "name": f"Testindikator {n}",
        "unit": Unit.FULL_TIME_PERSONS,
        "direction": Direction.LOWER_IS_BETTER,
    }
    if "focus_area" not in fields:
        defaults["focus_area"] = focus_area()
    return indicator_create(**(defaults | fields))


def target(indicator, year, value, quarter=None, **fields) -> Target:
    low, high = value if isinstance(value, tuple) else (value, value)
    return Target.objects.create(
        indicator=indicator,
        year=year,
        quarter=quarter,
        value_min=Decimal(str(low)),
        value_max=Decimal(str(high)),
        **fields,
    )


def measurement(indicator, year, quarter, value, **fields) -> Measurement:
    return Measurement.objects.create(
        indicator=indicator, year=year, quarter=quarter, value=Decimal(str(value)), **fields
    )


def user(username: str, *, role: str | None = None, **fields) -> User:
    person = User.objects.create_user(username=username, password="test-password-123", **fields)
    if role:
        person.groups.add(Group.objects.get_or_create(name=role)[0])
    return person


def assign(manager: User, *areas: FocusArea) -> User:
    """Make a caseworker manager responsible for focus areas."""
    for area in areas:
        area.managers.add(manager)
    return manager


def shown(*figures: Measurement) -> dict[int, int]:
    """The versions a list of the figures shows now: what an approve or return carries."""
    return dict(Measurement.objects.filter(pk__in=[f.pk for f in figures]).values_list("pk", "version"))
