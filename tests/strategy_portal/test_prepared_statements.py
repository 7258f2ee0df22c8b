"""On PostgreSQL the queries every page repeats are parsed and planned once per connection, unless a pooler
that shares connections per transaction asks for them to be left unprepared."""

import pytest

from ..production import run_in_production

pytestmark = pytest.mark.slow  # left out of make test-fast

POSTGRES = "postgres://portal@127.0.0.1:5432/strategi"
OPTIONS = (
    "import django; django.setup(); from django.conf import settings; "
    "options = settings.DATABASES['default']['OPTIONS']; "
    "print(options.get('server_side_binding'), options.get('prepare_threshold'))"
)


def test_postgresql_prepares_a_query_after_its_fifth_run():
    result = run_in_production("-c", OPTIONS, DATABASE_URL=POSTGRES)
    assert result.stdout.split() == ["True", "5"], result.stderr


def test_prepared_statements_can_be_turned_off_for_a_transaction_pooler():
    result = run_in_production("-c", OPTIONS, DATABASE_URL=POSTGRES, DATABASE_PREPARED_STATEMENTS="false")
    assert result.stdout.split() == ["None", "None"], result.stderr
