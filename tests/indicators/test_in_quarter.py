"""The quarter and year every quarter-bound row keeps (declared once on InQuarter), and the period a target
names."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from indicators.models import QuarterLock, ReportingDeadline
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("year", "quarter"), [(2024, 5), (2024, 0), (1999, 2), (2100, 2)])
def test_a_deadline_or_a_lock_outside_the_portals_quarters_is_refused(year, quarter):
    strategy = factories.strategy()
    for make in (
        lambda: ReportingDeadline.objects.create(
            strategy=strategy, year=year, quarter=quarter, due=datetime.date(2025, 1, 1)
        ),
        lambda: QuarterLock.objects.create(strategy=strategy, year=year, quarter=quarter),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            make()


def test_a_target_names_its_quarter_or_its_year():
    indicator = factories.indicator()
    assert factories.target(indicator, 2024, 10, quarter=3).period_label == "3. kvt. 2024"
    assert factories.target(indicator, 2024, 40).period_label == "Året 2024"
