"""An administrator manages users and their roles, but cannot make anyone a superuser."""

import pytest
from django.contrib.auth.models import Group, User

from core import roles

from .. import factories

pytestmark = pytest.mark.django_db


def _form(user: User, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [g.pk for g in user.groups.all()],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    return data | changes


def test_an_administrator_can_give_a_user_a_role(client, administrator):
    person = factories.user("ny-leder", is_staff=True)
    managers = Group.objects.get(name=roles.MANAGER)
    client.force_login(administrator)
    response = client.post(f"/admin/auth/user/{person.pk}/change/", _form(person, groups=[managers.pk]))
    assert response.status_code == 302
    assert list(person.groups.values_list("name", flat=True)) == [roles.MANAGER]


def test_an_administrator_cannot_make_themselves_a_superuser(client, administrator):
    client.force_login(administrator)
    page = client.get(f"/admin/auth/user/{administrator.pk}/change/")
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    client.post(f"/admin/auth/user/{administrator.pk}/change/", _form(administrator, is_superuser="on"))
    administrator.refresh_from_db()
    assert not administrator.is_superuser


def test_an_administrator_cannot_change_or_delete_a_superuser(client, administrator, superuser):
    client.force_login(administrator)
    client.post(f"/admin/auth/user/{superuser.pk}/change/", _form(superuser, is_active=""))
    client.post(f"/admin/auth/user/{superuser.pk}/delete/", {"post": "yes"})
    superuser.refresh_from_db()
    assert superuser.is_active


def test_a_superuser_still_sees_the_superuser_field(client, superuser):
    client.force_login(superuser)
    page = client.get(f"/admin/auth/user/{superuser.pk}/change/")
    assert 'name="is_superuser"' in page.content.decode()


def test_a_manager_cannot_manage_users(client, manager):
    client.force_login(manager)
    assert client.get("/admin/auth/user/").status_code == 403
