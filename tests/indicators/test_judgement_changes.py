"""Changing how an indicator's status is judged (direction, measure, tolerance; a measure's unit, decimals
or type) needs a reason."""

import pytest
from django.core.exceptions import ValidationError

from indicators.models import Direction, Indicator, MeasureType, Unit
from indicators.official_statistics import save_measure
from measures.models import Measure

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    return factories.indicator(code="F2.0", name="Forsikrede ledige", direction=Direction.LOWER_IS_BETTER)


def post(client, indicator, **changes):
    data = {
        "focus_area": indicator.focus_area_id,
        "code": indicator.code,
        "name": indicator.name,
        "measure": indicator.measure_id,
        "direction": indicator.direction,
        "tolerance_pct": "5",
        "order": 0,
        "targets-TOTAL_FORMS": 0,
        "targets-INITIAL_FORMS": 0,
        "targets-MIN_NUM_FORMS": 0,
        "targets-MAX_NUM_FORMS": 1000,
    } | changes
    return client.post(f"/admin/indicators/indicator/{indicator.pk}/change/", data)


def test_turning_the_direction_without_a_reason_is_refused(client, administrator, indicator):
    client.force_login(administrator)
    response = post(client, indicator, direction=Direction.HIGHER_IS_BETTER)
    assert response.status_code == 200
    assert "ændringen af retning ændrer status for tidligere kvartaler" in response.content.decode()
    assert Indicator.objects.get(pk=indicator.pk).direction == Direction.LOWER_IS_BETTER


def test_with_a_reason_the_change_is_saved_and_the_reason_kept(client, administrator, indicator):
    client.force_login(administrator)
    reason = "Udvalget besluttede den 8. oktober, at flere i job er målet."
    response = post(client, indicator, direction=Direction.HIGHER_IS_BETTER, change_reason=reason)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.direction == Direction.HIGHER_IS_BETTER
    assert indicator.history.first().history_change_reason == reason
    history = client.get(f"/admin/indicators/indicator/{indicator.pk}/history/").content.decode()
    assert reason in history


def test_renaming_needs_no_reason(client, administrator, indicator):
    client.force_login(administrator)
    assert post(client, indicator, name="Forsikrede ledige i alt").status_code == 302


def test_changing_the_measure_an_indicator_uses_needs_a_reason(client, administrator, indicator):
    client.force_login(administrator)
    other = Measure.objects.get(code="Y01A02-FULDTID")
    response = post(client, indicator, measure=other.pk)
    assert "ændringen af måling ændrer status for tidligere kvartaler" in response.text
    assert Indicator.objects.get(pk=indicator.pk).measure_id != other.pk
    assert post(client, indicator, measure=other.pk, change_reason="Jobindsats' tal").status_code == 302
    assert Indicator.objects.get(pk=indicator.pk).measure.unit == Unit.FULL_TIME_PERSONS


def test_a_new_indicator_without_a_measure_gets_the_municipalitys_own(client, administrator, indicator):
    client.force_login(administrator)
    data = {
        "focus_area": indicator.focus_area_id, "code": "F2.9", "name": "Andel i job",
        "new_unit": Unit.PERCENT,
        "new_decimals": 1, "new_measure_type": MeasureType.LEVEL, "direction": Direction.HIGHER_IS_BETTER,
        "tolerance_pct": "5", "order": 0, "targets-TOTAL_FORMS": 0, "targets-INITIAL_FORMS": 0,
        "targets-MIN_NUM_FORMS": 0, "targets-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    without_unit = client.post("/admin/indicators/indicator/add/", data | {"new_unit": ""})
    assert "Vælg en måling, eller angiv enheden for en ny måling." in without_unit.text
    assert client.post("/admin/indicators/indicator/add/", data).status_code == 302
    created = Indicator.objects.get(code="F2.9")
    slug = indicator.strategy.municipality.slug
    assert (created.measure.code, created.measure.origin) == (f"{slug}-F2.9", Measure.Origin.OWN)
    measure = created.measure
    assert (measure.unit, measure.decimals, measure.name) == (Unit.PERCENT, 1, "Andel i job")


def test_a_change_of_a_measures_decimals_needs_a_reason_and_reaches_every_indicator_using_it(
    indicator, administrator
):
    copy = factories.indicator(
        focus_area=factories.focus_area(
            strategy=factories.strategy(municipality=indicator.strategy.municipality, status="draft")
        ),
        code=indicator.code,
    )
    measure = indicator.measure
    assert copy.measure == measure  # the same own measure in the municipality's other strategy
    measure.decimals = 1
    with pytest.raises(ValidationError, match="begrundelse"):
        save_measure(administrator, measure, "")
    assert Indicator.objects.get(pk=indicator.pk).measure.decimals == 0
    save_measure(administrator, measure, "Andelen opgøres nu med én decimal.")
    assert [Indicator.objects.get(pk=i.pk).measure.decimals for i in (indicator, copy)] == [1, 1]
    assert measure.history.first().history_change_reason == "Andelen opgøres nu med én decimal."


def test_a_parent_under_which_a_stored_part_exceeds_its_total_is_refused(client, administrator):
    area = factories.focus_area()
    total = factories.indicator(focus_area=area, code="F3.3", unit=Unit.COUNT)
    part = factories.indicator(focus_area=area, code="F3.1", unit=Unit.COUNT)
    factories.measurement(total, 2024, 3, 55)
    factories.measurement(part, 2024, 3, 285)
    client.force_login(administrator)

    response = post(client, part, parent=total.pk, change_reason="heraf test")

    assert response.status_code == 200
    assert "F3.1: 285 er større end totalen 55 (F3.3) i 3. kvt. 2024." in response.content.decode()
    assert Indicator.objects.get(pk=part.pk).parent is None


def test_the_focus_areas_indicator_rows_do_not_change_an_indicators_measure_or_direction(
    client, administrator
):
    # The focus area's page would otherwise change what judges an indicator without a reason and without
    # the "heraf" check its own page makes.
    area = factories.focus_area()
    indicator = factories.indicator(focus_area=area, code="F3.1", unit=Unit.COUNT)
    other = factories.indicator(focus_area=factories.focus_area(), unit=Unit.PERCENT)
    client.force_login(administrator)
    row = {"id": indicator.pk, "focus_area": area.pk, "code": "F3.1", "name": indicator.name}
    form = {"strategy": area.strategy_id, "number": area.number, "name": area.name, "slug": area.slug}
    form |= {"indicators-TOTAL_FORMS": 1, "indicators-INITIAL_FORMS": 1}
    for changed in ({"measure": other.measure_id}, {"direction": Direction.HIGHER_IS_BETTER}):
        fields = row | {"measure": indicator.measure_id, "direction": indicator.direction} | changed
        data = form | {f"indicators-0-{name}": value for name, value in fields.items()}
        response = client.post(f"/admin/focusareas/focusarea/{area.pk}/change/", data)
        assert response.status_code == 200
        assert "ændres på indikatorens egen side" in response.content.decode()
    indicator.refresh_from_db()
    assert (indicator.measure_id, indicator.measure.unit) != (other.measure_id, Unit.PERCENT)
    assert indicator.direction == Direction.LOWER_IS_BETTER
