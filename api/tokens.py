"""Issuing, checking and revoking API tokens: plain functions, tested without HTTP."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit

from .models import ApiToken

# A token reads "sp_" and 43 characters of 32 random bytes; the prefix tells tokens apart.
TOKEN_START = "sp_"
PREFIX_LENGTH = 10
DEFAULT_DAYS = 365


class TokenRefused(Exception):
    """The token cannot be used; the message says why, in Danish."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(*, user, name: str, expires_at: datetime.datetime | None = None, by=None) -> tuple[ApiToken, str]:
    """A new token for the user: the stored record and the token itself, which is never stored or shown
    again."""
    token = TOKEN_START + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=token[:PREFIX_LENGTH],
        hashed=digest(token),
        created_by=by,
        expires_at=expires_at or timezone.now() + datetime.timedelta(days=DEFAULT_DAYS),
    )
    audit("api_token_issued", user=by, token=record.prefix, owner=user.username, expires=record.expires_at)
    return record, token


def revoke(record: ApiToken, *, by) -> None:
    if record.revoked_at is None:
        record.revoked_at = timezone.now()
        record.save(update_fields=["revoked_at"])
        audit("api_token_revoked", user=by, token=record.prefix, owner=record.user.username)


def check(token: str) -> ApiToken:
    """The token's record if it may read now, else TokenRefused with the reason."""
    record = (
        ApiToken.objects.select_related("user").filter(hashed=digest(token.strip())).first()
        if token
        else None
    )
    if record is None:
        raise TokenRefused(_("API-nøglen kendes ikke."))
    if record.is_revoked:
        raise TokenRefused(_("API-nøglen er trukket tilbage."))
    if record.is_expired:
        raise TokenRefused(_("API-nøglen er udløbet."))
    if not record.user.is_active:
        raise TokenRefused(_("API-nøglens ejer er deaktiveret."))
    return record


def used(record: ApiToken, path: str, address: str) -> None:
    """Each use is audited; the record keeps when it was last used (written at most once a minute)."""
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    audit("api_read", user=record.user, token=record.prefix, path=path, address=address)
