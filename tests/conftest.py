"""Shared fixtures: the three roles and a small strategy."""

import pytest
from django.core.cache import cache
from django.utils import translation

from core import roles

from . import factories
from .reporting_data import portal_strategy


@pytest.fixture(autouse=True)
def _danish():
    # A request in English leaves English active in the thread; each test starts in Danish.
    translation.activate("da")
    yield
    translation.activate("da")


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    # Page tests count a page's own reads, so their cache lives in memory; test_shared_cache.py runs the
    # configured cache (the database's or Redis) across processes. The database is rolled back after each
    # test; a cached page of an earlier test must not outlive it.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()


@pytest.fixture
def database_cache(settings):
    """The portal's own cache: its database table, whose key is a varchar(255) on PostgreSQL."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
    }
    cache.clear()
    return cache


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs a third of a second per user; the tests are about rules, not hash strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def committee_member(db):
    return factories.user("udvalg-test", role=roles.COMMITTEE_MEMBER)


@pytest.fixture
def manager(db):
    return factories.user("leder-test", role=roles.MANAGER, is_staff=True)


@pytest.fixture
def administrator(db):
    return factories.user("admin-test", role=roles.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def superuser(db):
    return factories.user("superbruger", is_staff=True, is_superuser=True)


@pytest.fixture
def strategy(db, settings):
    """The portal's strategy with approved figures, the dashboards closed to the public."""
    settings.PUBLIC_DASHBOARD = False
    return portal_strategy(settings)


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider on 127.0.0.1 for the single sign-on tests (tests/oidc.py)."""
    from .oidc import start_provider, stop_provider

    provider = start_provider()
    yield provider
    stop_provider(provider)
