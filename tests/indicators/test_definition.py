"""An indicator's definition: creating one chooses or makes its measure, and a change of how its status is
judged carries a reason. The model itself makes no measure."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from indicators.definition import indicator_create, indicator_update
from indicators.models import Direction, Indicator, MeasureType, Unit
from measures.models import Measure
from tests import factories

pytestmark = pytest.mark.django_db


def _create(focus_area, **fields):
    defaults = {"code": "F2.9", "name": "Andel i job", "direction": Direction.HIGHER_IS_BETTER}
    return indicator_create(focus_area=focus_area, **(defaults | fields))


def test_saving_an_indicator_without_a_measure_makes_no_measure():
    area = factories.focus_area()
    plain = Indicator(focus_area=area, code="F2.9", name="Andel i job", direction=Direction.HIGHER_IS_BETTER)
    with pytest.raises(IntegrityError), transaction.atomic():
        plain.save()
    assert not Measure.objects.filter(code__endswith="-F2.9").exists()


def test_a_new_unit_makes_the_municipalitys_own_measure_for_the_code(administrator):
    area = factories.focus_area()
    created = _create(area, user=administrator, unit=Unit.PERCENT, decimals=1, measure_type=MeasureType.FLOW)
    slug = area.strategy.municipality.slug
    measure = Measure.objects.get(pk=created.measure_id)
    assert (measure.code, measure.origin, measure.name) == (f"{slug}-F2.9", Measure.Origin.OWN, "Andel i job")
    assert (measure.unit, measure.decimals, measure.measure_type) == (Unit.PERCENT, 1, MeasureType.FLOW)
    assert created.history.get().history_user == administrator


def test_the_strategys_next_version_shares_the_own_measure_and_another_unit_is_another_measure():
    first = _create(factories.focus_area(), unit=Unit.PERCENT)
    municipality = first.strategy.municipality
    draft = factories.strategy(municipality=municipality, status="draft")
    again = _create(factories.focus_area(strategy=draft), unit=Unit.PERCENT)
    assert again.measure_id == first.measure_id
    replaced = factories.strategy(municipality=municipality, status="replaced")
    counted = _create(factories.focus_area(strategy=replaced), unit=Unit.COUNT)
    assert counted.measure.code == f"{municipality.slug}-F2.9-2"


def test_a_chosen_measure_is_used_as_it_is():
    jobindsats = Measure.objects.get(code="Y01A02-FULDTID")
    created = _create(factories.focus_area(), measure=jobindsats, unit=Unit.PERCENT)
    assert created.measure == jobindsats
    assert Measure.objects.get(pk=jobindsats.pk).unit == Unit.FULL_TIME_PERSONS


def test_neither_a_measure_nor_a_unit_is_refused_in_danish():
    with pytest.raises(ValidationError, match="angiv enheden for en ny måling"):
        _create(factories.focus_area())
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"direction": Direction.HIGHER_IS_BETTER}, "retning"),
        ({"tolerance_pct": 10}, "tolerance (pct.)"),
        ({"measure": "Y01A02-FULDTID"}, "måling"),
    ],
)
def test_a_change_of_how_the_status_is_judged_without_a_reason_is_refused(administrator, change, named):
    indicator = factories.indicator(code="F2.0")
    if "measure" in change:
        change = {"measure": Measure.objects.get(code=change["measure"])}
    with pytest.raises(ValidationError, match=re.escape(f"ændringen af {named} ændrer status")):
        indicator_update(user=administrator, indicator=indicator, **change)
    stored = Indicator.objects.get(pk=indicator.pk)
    assert (stored.direction, stored.tolerance_pct, stored.measure_id) == (
        Direction.LOWER_IS_BETTER,
        5,
        indicator.measure_id,
    )


def test_with_a_reason_the_change_is_saved_and_its_reason_kept(administrator):
    indicator = factories.indicator(code="F2.0")
    reason = "Udvalget besluttede, at flere i job er målet."
    indicator_update(
        user=administrator, indicator=indicator, direction=Direction.HIGHER_IS_BETTER, reason=reason
    )
    stored = Indicator.objects.get(pk=indicator.pk)
    assert stored.direction == Direction.HIGHER_IS_BETTER
    latest = stored.history.first()
    assert (latest.history_change_reason, latest.history_user) == (reason, administrator)


def test_a_new_name_or_the_same_tolerance_needs_no_reason(administrator):
    indicator = factories.indicator(code="F2.0")
    indicator_update(user=administrator, indicator=indicator, name="Forsikrede ledige i alt", tolerance_pct=5)
    assert Indicator.objects.get(pk=indicator.pk).name == "Forsikrede ledige i alt"


def test_an_emptied_measure_with_a_unit_gets_the_own_measure_of_that_unit(administrator):
    indicator = factories.indicator(code="F2.0", measure=Measure.objects.get(code="Y01A02-FULDTID"))
    indicator_update(
        user=administrator, indicator=indicator, measure=None, unit=Unit.COUNT, reason="Egen opgørelse"
    )
    measure = Indicator.objects.get(pk=indicator.pk).measure
    assert (measure.code, measure.unit) == (f"{indicator.strategy.municipality.slug}-F2.0", Unit.COUNT)


def test_the_admin_creates_an_indicator_with_a_new_unit_through_the_service(client, administrator):
    # The indicator's own page: no measure chosen, the unit of a new one given.
    existing = factories.indicator(code="F2.9", unit=Unit.PERCENT, decimals=1)
    draft = factories.strategy(municipality=existing.strategy.municipality, status="draft")
    area = factories.focus_area(strategy=draft)
    client.force_login(administrator)
    data = {
        "focus_area": area.pk, "code": "F2.9", "name": "Andel i job", "new_unit": Unit.PERCENT,
        "new_decimals": 1, "new_measure_type": MeasureType.LEVEL, "direction": Direction.HIGHER_IS_BETTER,
        "tolerance_pct": "5", "order": 0, "targets-TOTAL_FORMS": 0, "targets-INITIAL_FORMS": 0,
    }  # fmt: skip
    assert client.post("/admin/indicators/indicator/add/", data).status_code == 302
    created = Indicator.objects.get(focus_area=area)
    assert created.measure_id == existing.measure_id  # the same own measure, shared by the versions
    assert created.history.get().history_user == administrator
