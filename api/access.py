"""Who may read the API: everybody when PUBLIC_DASHBOARD is on, a logged-in user (as on the portal's pages),
or the holder of a personal API token; and how often (per token and per address)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from core import permissions
from operations.clients import client_address

from . import kept, tokens
from .models import ApiToken


@dataclass(frozen=True)
class Reader:
    """Who is reading: a token's holder (token set), a logged-in user, or the public."""

    token: ApiToken | None = None
    user: object = None


class TokenOrPublic(HttpBearer):
    """A bearer token when one is sent (refused with the reason when it cannot be used, even where the public
    may read); else the public or a logged-in user where the pages would let them read."""

    def __call__(self, request):
        if value := request.headers.get(self.header):
            scheme, _, token = value.partition(" ")
            if scheme.lower() != self.openapi_scheme:
                raise HttpError(401, "Send API-nøglen som Authorization: Bearer <nøgle>.")
            return self.authenticate(request, token)
        if permissions.may_read_dashboards(request.user):
            return Reader(user=request.user)
        raise HttpError(401, "Log ind, eller send en API-nøgle: Authorization: Bearer <nøgle>.")

    def authenticate(self, request, token):
        try:
            record = tokens.check(token)
        except tokens.TokenRefused as refused:
            raise HttpError(401, str(refused)) from refused
        tokens.used(record, request.get_full_path()[:500], client_address(request))
        return Reader(token=record, user=record.user)


class _Rate(SimpleRateThrottle):
    """The rate is read from the settings at each request, so a changed setting counts at once."""

    setting = ""

    def __init__(self):
        self.rate = None

    def allow_request(self, request) -> bool:
        self.num_requests, self.duration = self.parse_rate(getattr(settings, self.setting))
        return super().allow_request(request)


class Rates(BaseThrottle):
    """The rate limits, checked together: their histories are written in one transaction (kept.unflushed)."""

    def __init__(self, *limits: _Rate):
        self.limits = limits
        self.refused: list[_Rate] = []

    def allow_request(self, request) -> bool:
        with kept.unflushed():
            self.refused = [limit for limit in self.limits if not limit.allow_request(request)]
        return not self.refused

    def wait(self) -> float | None:
        return max((w for limit in self.refused if (w := limit.wait()) is not None), default=None)


class PerToken(_Rate):
    scope, setting = "api_token", "API_RATE_PER_TOKEN"

    def get_cache_key(self, request):
        reader = getattr(request, "auth", None)
        if not isinstance(reader, Reader) or reader.token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": reader.token.pk}


class PerAddress(_Rate):
    scope, setting = "api_address", "API_RATE_PER_ADDRESS"

    def get_cache_key(self, request):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
