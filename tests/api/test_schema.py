"""The API's OpenAPI schema is valid, and the API keeps to it: a property-based run of every endpoint from
the schema (schemathesis, through the WSGI application) finds no server error and no answer that breaks it."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from api import tokens

from ..reporting_data import FIRST, unapproved_figures

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi(client, settings):
    settings.PUBLIC_DASHBOARD = False  # the schema is public: a tool reads it before it has a token
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert set(schema["paths"]) == {
        f"/api/v1/{name}"
        for name in (
            "strategies",
            "focus-areas",
            "indicators",
            "figures",
            "targets",
            "official-values",
            "areas",
        )
    }
    assert all(list(path) == ["get"] for path in schema["paths"].values()), "read-only"


def test_the_documentation_page_is_served_by_the_portal_itself(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page and "https://" not in page


# The schema as the portal serves it, read through the WSGI application (no database is read for it).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def planted(strategy, settings):
    """The portal's strategy with a draft and a submitted figure, open to the public, not rate-limited."""
    settings.PUBLIC_DASHBOARD = True
    settings.API_RATE_PER_ADDRESS = settings.API_RATE_PER_TOKEN = "100000/min"
    unapproved_figures(strategy, FIRST + 6)
    # As Django's test client does: the end of a request must not close the test's database connection.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield strategy
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(params=["public", "token"])
def reader(request, planted, settings, administrator, committee_member):
    """The public where the figures are public, else a committee member's API token."""
    if request.param == "public":
        return {}
    settings.PUBLIC_DASHBOARD = False
    _, token = tokens.issue(user=committee_member, name="Power BI", by=administrator)
    return {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_every_endpoint_keeps_to_its_schema(case, reader):
    # The WSGI client does not unzip what the portal's GZip middleware zips.
    case.call_and_validate(headers={"Accept-Encoding": "identity", **reader})
