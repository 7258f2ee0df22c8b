"""Single sign-on with the municipality's identity provider (OpenID Connect, by mozilla-django-oidc).

The provider's endpoints come from its discovery document, read once per process and kept. The portal's roles
come from a groups (or roles) claim through OIDC_ROLE_MAP and are read anew at every login; a manager's focus
areas are assigned in the portal and never touched here. With single sign-on on, a password logs in only the
break-glass accounts that BREAK_GLASS_ACCOUNTS names.
"""

import json
import logging
import threading
from collections.abc import Iterable
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import checks
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from core import roles as portal_roles
from core.audit import audit

logger = logging.getLogger(__name__)

# The roles that work in the admin (entering, approving, administering): the demo's and the factories' rule.
STAFF_ROLES = frozenset({portal_roles.MANAGER, portal_roles.ADMINISTRATOR})
# The longest username an account can have (auth.User).
USERNAME_LENGTH = 150
# Seconds of clock difference between the provider and the portal tolerated on exp, iat and nbf.
CLOCK_LEEWAY = 60
# The ID token's signing algorithm: the provider's RSA key from its JWKS, never a shared secret.
SIGNING_ALGORITHM = "RS256"


# --- Configuration ------------------------------------------------------------------------------------


def parse_role_map(value: str | dict) -> dict[str, frozenset[str]]:
    """OIDC_ROLE_MAP: the provider's group (or role) → the portal's roles. Either JSON,
    {"group": "Afdelingsleder"} or {"group": ["Afdelingsleder", ...]}, or "group=role,group=role"; a group
    may be named twice. A role not among the portal's roles is a mistake in the set-up (ValueError)."""
    if isinstance(value, dict):
        pairs = [(group, role) for group, named in value.items() for role in _as_list(named)]
    elif value.strip().startswith("{"):
        pairs = [(group, role) for group, named in json.loads(value).items() for role in _as_list(named)]
    else:
        pairs = []
        for item in value.split(","):
            if not item.strip():
                continue
            group, sep, role = item.rpartition("=")
            if not sep or not group.strip():
                raise ValueError(f"OIDC_ROLE_MAP: {item.strip()!r} is not group=role.")
            pairs.append((group, role))
    canonical = {role.casefold(): role for role in portal_roles.ALL_ROLES}
    mapping: dict[str, set[str]] = {}
    for group, role in pairs:
        if role.strip().casefold() not in canonical:
            raise ValueError(
                f"OIDC_ROLE_MAP: {role.strip()!r} is not one of the portal's roles "
                f"({', '.join(portal_roles.ALL_ROLES)})."
            )
        mapping.setdefault(group.strip(), set()).add(canonical[role.strip().casefold()])
    return {group: frozenset(named) for group, named in mapping.items()}


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def roles_for(claim, role_map: dict[str, frozenset[str]]) -> set[str]:
    """The portal's roles of the groups a person's claim names (a list, or one group as a string)."""
    if claim is None:
        return set()
    groups = [claim] if isinstance(claim, str) else [str(group) for group in claim]
    return {role for group in groups for role in role_map.get(group, ())}


def is_break_glass(username: str) -> bool:
    return username.casefold() in {name.casefold() for name in settings.BREAK_GLASS_ACCOUNTS}


@checks.register(checks.Tags.security)
def check_sso_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """With single sign-on on, the portal refuses to start on a set-up that cannot log anyone in."""
    if not settings.OIDC_ENABLED:
        return []
    errors = []
    try:
        if not parse_role_map(settings.OIDC_ROLE_MAP):
            errors.append(checks.Error("OIDC_ROLE_MAP maps no group to a role.", id="operations.E101"))
    except ValueError as error:
        errors.append(checks.Error(str(error), id="operations.E102"))
    return errors


# --- The provider's discovery document -----------------------------------------------------------------

_metadata: dict[str, dict] = {}
_metadata_lock = threading.Lock()


def discovery_url() -> str:
    issuer = settings.OIDC_ISSUER.rstrip("/")
    return settings.OIDC_DISCOVERY_URL or f"{issuer}/.well-known/openid-configuration"


def provider_metadata() -> dict:
    """The provider's discovery document, fetched at the first need and kept for the process's life. Its
    issuer must be the one configured (OIDC_ISSUER), when one is."""
    url = discovery_url()
    document = _metadata.get(url)
    if document is not None:
        return document
    with _metadata_lock:
        if url not in _metadata:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT, verify=settings.OIDC_VERIFY_SSL)
            response.raise_for_status()
            document = response.json()
            for key in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
                if not document.get(key):
                    raise SuspiciousOperation(f"The provider's discovery document has no {key}.")
            if settings.OIDC_ISSUER and document["issuer"].rstrip("/") != settings.OIDC_ISSUER.rstrip("/"):
                raise SuspiciousOperation(
                    f"The provider's discovery document names the issuer {document['issuer']!r}, "
                    f"not the configured {settings.OIDC_ISSUER!r}."
                )
            _metadata[url] = document
        return _metadata[url]


def forget_provider() -> None:
    """Read the discovery document anew at the next need (the tests start a provider of their own)."""
    with _metadata_lock:
        _metadata.clear()


def end_session_url(id_token: str, after_logout: str) -> str | None:
    """Where the browser goes to end the provider's session too, coming back to after_logout; None when the
    provider offers no end-session endpoint."""
    endpoint = provider_metadata().get("end_session_endpoint")
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": after_logout,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


# --- Roles ----------------------------------------------------------------------------------------------


def sync_roles(user, roles: Iterable[str]) -> None:
    """Give the user exactly these of the portal's roles (other groups stay), and admin access (is_staff)
    when a role works in the admin. A manager's focus areas are not roles and are left as they are."""
    wanted = set(roles)
    current = set(user.groups.filter(name__in=portal_roles.ALL_ROLES).values_list("name", flat=True))
    if current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=current - wanted))
    for name in sorted(wanted - current):
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    staff = bool(wanted & STAFF_ROLES) or user.is_superuser
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])


# --- Authentication backends ------------------------------------------------------------------------------


class SSORefused(Exception):
    """A person the provider vouched for whom the portal does not let in: "no_role" (the groups give no role)
    or "refused". Raised past Django's authenticate(), so that django-axes, which counts failed passwords by
    username and address, does not count it: people sharing an address would lock each other out."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.username = ""


class PasswordOnlyForBreakGlass:
    """Before Django's password backend: with single sign-on on, a password logs in only the break-glass
    accounts; anyone else is refused (and django-axes counts the failure as for a wrong password)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        password_login = username is not None and password is not None
        if settings.OIDC_ENABLED and password_login and not is_break_glass(str(username)):
            raise PermissionDenied("Password login is for the break-glass accounts only.")
        return None


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """The authorization code flow's backend. mozilla-django-oidc checks the state, the nonce, PKCE's
    verifier (at the provider) and the ID token's signature and algorithm; it leaves out the issuer and the
    audience, requires no expiry and lets an expired token raise past its handling. This backend checks them
    all, takes the endpoints from the discovery document, and maps the groups to the portal's roles."""

    def __init__(self, *args, **kwargs):
        # The library reads every endpoint from settings here. Django makes a backend for every request of a
        # logged-in user, so the endpoints are read from the discovery document only when a login needs them.
        self.UserModel = get_user_model()
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = SIGNING_ALGORITHM
        self.OIDC_RP_IDP_SIGN_KEY = None

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):  # noqa: N802 (the library's name)
        return provider_metadata()["token_endpoint"]

    @property
    def OIDC_OP_USER_ENDPOINT(self):  # noqa: N802
        return provider_metadata().get("userinfo_endpoint")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):  # noqa: N802
        return provider_metadata()["jwks_uri"]

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED or "username" in kwargs or "password" in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        """The signature (RS256, the provider's key), the issuer, the audience (this portal; with several
        audiences, the authorized party too) and the times (exp and iat required)."""
        try:
            header = jwt.get_unverified_header(payload)
            if header.get("alg") != SIGNING_ALGORITHM:
                raise SuspiciousOperation(f"The ID token is signed with {header.get('alg')!r}, not RS256.")
            claims = jwt.decode(
                payload,
                key,
                algorithms=[SIGNING_ALGORITHM],
                audience=settings.OIDC_RP_CLIENT_ID,
                issuer=provider_metadata()["issuer"],
                leeway=CLOCK_LEEWAY,
                options={"require": ["iss", "aud", "sub", "exp", "iat"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"The ID token is refused: {error}") from error
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != settings.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("The ID token has several audiences and another authorized party.")
        return claims

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, with the userinfo endpoint's (when the provider has one) for what the token
        leaves out (OIDC_USE_USERINFO); the token's own claims win. The userinfo must be about the token's
        subject."""
        claims = dict(payload)
        if settings.OIDC_USE_USERINFO and self.OIDC_OP_USER_ENDPOINT and access_token:
            info = super().get_userinfo(access_token, id_token, payload)
            if info.get("sub") != payload.get("sub"):
                raise SSORefused("refused", "The userinfo is about another subject than the ID token.")
            claims = {**info, **payload}
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        username = str(claims.get(settings.OIDC_USERNAME_CLAIM) or "")
        if not username or len(username) > USERNAME_LENGTH:
            raise SSORefused("refused", f"The ID token has no usable {settings.OIDC_USERNAME_CLAIM} claim.")
        if is_break_glass(username):
            # A break-glass account logs in with its password only: a person in the directory with the
            # same name must not take it over.
            raise SSORefused("refused", f"{username!r} is a break-glass account and logs in with a password.")
        roles = roles_for(claims.get(settings.OIDC_ROLES_CLAIM), parse_role_map(settings.OIDC_ROLE_MAP))
        users = list(self.UserModel.objects.filter(username__iexact=username)[:2])
        if len(users) > 1:
            raise SSORefused("refused", f"Several accounts are named {username!r}.")
        user = users[0] if users else None
        if not roles:
            if user is not None:
                with transaction.atomic():
                    sync_roles(user, ())  # removed from the groups: loses the roles now
            audit("sso_refused_no_role", user=user, username=username)
            refusal = SSORefused("no_role", f"The groups of {username!r} give no role in the portal.")
            refusal.username = username
            raise refusal
        with transaction.atomic():
            if user is None:
                user = self.UserModel.objects.create_user(username)  # no password: only the provider logs in
            self.update_user(user, claims)
            sync_roles(user, roles)
            audit("sso_login", user=user, roles=", ".join(sorted(roles)))
        return user

    def update_user(self, user, claims):
        """Name and address as the directory has them now."""
        fields = {"first_name": "given_name", "last_name": "family_name", "email": "email"}
        changed = []
        for field, claim in fields.items():
            value = claims.get(claim)
            if isinstance(value, str) and value and getattr(user, field) != value:
                setattr(user, field, value[: user._meta.get_field(field).max_length])
                changed.append(field)
        if changed:
            user.save(update_fields=changed)
        return user

    # Permissions come from Django's password backend, which reads them from the same groups.
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False

    def with_perm(self, perm, is_active=True, include_superusers=True, obj=None):
        return self.UserModel._default_manager.none()
