"""Who is trying to log in, as django-axes counts failures: the client's address and the typed username."""

import ipaddress

from django.conf import settings

# The longest username an account can have (auth.User); axes stores what is typed in 255 characters.
USERNAME_LENGTH = 150


def client_address(request) -> str:
    """The client's address. Behind the reverse proxy every request comes from the proxy, so the address
    is the one the proxy appended last to X-Forwarded-For; without a proxy that header is not trusted."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")


def login_username(request, credentials) -> str:
    """The username typed, cut to the longest an account can have (no account is told apart by more)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    username = (credentials or {}).get(field) or request.POST.get(field, "")
    return str(username)[:USERNAME_LENGTH]
