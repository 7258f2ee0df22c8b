"""The admin start page's quarter box offers a page only to a user the page lets in."""

import pytest
from django.contrib.auth.models import Group, Permission

from .. import factories

pytestmark = pytest.mark.django_db

IMPORT = "/admin/indicators/measurement/import/"


def test_the_quarter_box_offers_the_import_only_to_a_user_who_may_import(client, strategy, manager):
    # A group of the municipality's own that corrects figures but does not add them.
    correctors = Group.objects.create(name="Rettere")
    codenames = ["view_measurement", "change_measurement"]
    correctors.permissions.add(*Permission.objects.filter(codename__in=codenames))
    corrector = factories.user("retter", is_staff=True)
    corrector.groups.add(correctors)

    client.force_login(corrector)
    page = client.get("/admin/").content.decode()
    assert "Indtast kvartalets tal" in page  # the quarter box is there
    assert f'href="{IMPORT}"' not in page
    assert client.get(IMPORT).status_code == 403

    client.force_login(manager)
    assert f'href="{IMPORT}"' in client.get("/admin/").content.decode()
    assert client.get(IMPORT).status_code == 200
