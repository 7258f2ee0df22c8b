"""The health check the load balancer and the benchmarks call, the login page, logout and single sign-on."""

import logging

import requests
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import sso

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class LoginView(auth_views.LoginView):
    """The login page; a logged-in user is sent on, and a 'next' back to the login page itself is ignored
    (it would send the user in a circle). With single sign-on on, it offers the municipality's login; the
    password form is then the break-glass page's (password_form), for the accounts BREAK_GLASS_ACCOUNTS
    names."""

    redirect_authenticated_user = True
    password_form = False

    def get_context_data(self, **kwargs):
        sso_on = settings.OIDC_ENABLED
        # A password sent to the login page itself is answered as on the break-glass page.
        password = self.password_form or self.request.method == "POST"
        return super().get_context_data(**kwargs) | {
            "sso": sso_on and not password,
            "break_glass": sso_on and password,
        }

    def get_redirect_url(self):
        url = super().get_redirect_url()
        if url and url_has_allowed_host_and_scheme(url, None) and url.split("?")[0] == self.request.path:
            return ""
        return url


def _sso_refused(request, template: str, status: int, username: str = ""):
    return render(request, template, {"sso_username": username}, status=status)


class SSOLoginView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider's login (authorization code flow with PKCE, state and nonce)."""

    def __init__(self, **kwargs):
        # The library reads the provider's endpoint from settings here; it comes from the discovery document.
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = sso.provider_metadata()["authorization_endpoint"]
        except (requests.RequestException, ValueError, SuspiciousOperation) as error:
            logger.error("The identity provider's discovery document cannot be read: %s", error)
            return _sso_refused(request, "registration/sso_failed.html", 503)
        return super().get(request)


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the browser back here. A refused login (a token that does not hold, a state that
    is not this browser's, a person whose groups give no role) gets a page that says so in Danish."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            return super().get(request)
        except sso.SSORefused as refusal:
            logger.warning("Single sign-on refused: %s", refusal)
            if refusal.reason == "no_role":
                request.session.pop("oidc_id_token", None)
                return _sso_refused(request, "registration/sso_no_role.html", 403, refusal.username)
            return self.login_failure()
        except (requests.RequestException, ValueError, SuspiciousOperation) as error:
            logger.warning("Single sign-on refused: %s", error)
            return self.login_failure()

    def login_failure(self):
        self.request.session.pop("oidc_id_token", None)  # kept by the library before the person was refused
        return _sso_refused(self.request, "registration/sso_failed.html", 403)


class LogoutView(auth_views.LogoutView):
    """Logs out of the portal and, after single sign-on, of the provider too (its end-session endpoint,
    which sends the browser back to the portal)."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        if settings.OIDC_ENABLED and id_token:
            after = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
            try:
                provider_logout = sso.end_session_url(id_token, after)
            except (requests.RequestException, ValueError, SuspiciousOperation) as error:
                logger.warning("The identity provider's session is not ended: %s", error)
                provider_logout = None
            if provider_logout:
                return HttpResponseRedirect(provider_logout)
        return response
