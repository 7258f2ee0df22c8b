"""Settings for strategy_portal, configured by environment variables.

Without any variable set, the portal runs in development mode on a local SQLite database.
Production (DEBUG=False) refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    """true/false (also 1/0, yes/no, on/off); anything else is a mistake in the set-up, refused at start."""
    value = os.getenv(name, default).strip().lower()
    if value not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")
    return value in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "True")

SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-secret-key-never-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "strategy_portal.admin_site.PortalAdminConfig",  # the admin, ordered as the portal is used
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "simple_history",
    "focusareas",
    "indicators",
    "measures",
    "reporting",
    "operations",
    "demo",
    "axes",
    "django_tasks_db",
    "ninja",  # the read API's documentation page, served from the portal's own static files
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "operations.middleware.refuse_nul",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped (the focus area 362 KB -> 17 KB). Static files never get here: whitenoise answers
    # them with its own .br/.gz. Django's GZip adds random bytes to each response against BREACH, and
    # CSRF tokens are masked anew per request.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "reporting.middleware.DanishUnlessChosen",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "strategy_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "reporting.context_processors.demo_data",
            ],
        },
    },
]

WSGI_APPLICATION = "strategy_portal.wsgi.application"

# SQLite by default so that a fresh clone runs at once; PostgreSQL in production via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database that accepts the connection and never answers must not hold a worker (or /healthz) for
    # the worker's whole time-out: connecting gives up after a few seconds.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = envint(
        "DATABASE_CONNECT_TIMEOUT", "3"
    )
    # A page's queries are the same on every draw: bound on the server, each is parsed and planned once per
    # connection (after its fifth run) instead of on every draw. Measured with bench/ at the large size:
    # 1.5 to 2.8 ms, 5-14 % of a page drawn anew and 7 % of one served from the cache. Off behind a pooler
    # that shares connections per transaction and cannot keep prepared statements.
    if envbool("DATABASE_PREPARED_STATEMENTS", "true"):
        DATABASES["default"]["OPTIONS"] |= {"server_side_binding": True, "prepare_threshold": 5}
if os.getenv("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.getenv("TEST_DATABASE_NAME")}

# The page cache, shared by every worker: Django's database cache, in a table made by `migrate`, by default,
# or Redis when REDIS_URL is set, e.g. redis://127.0.0.1:6379/0.
REDIS_URL = os.getenv("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
}
# Several portals (or test runs) sharing one Redis keep apart by a prefix.
CACHES["default"]["KEY_PREFIX"] = os.getenv("CACHE_KEY_PREFIX", "")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Compressed files with content hashes in their names, so whitenoise can let browsers cache them for a year.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# The municipality whose strategy in force the portal shows.
PORTAL_MUNICIPALITY = os.getenv("PORTAL_MUNICIPALITY", "ballerup")
# Jobindsats' API (python manage.py import_jobindsats --fetch): its address, required when fetching; the key
# is read from the environment variable JOBINDSATS_API_KEY when fetching, never stored in settings.
JOBINDSATS_API_URL = os.getenv("JOBINDSATS_API_URL", "")
# The most seconds a fetch may take in all, however slowly the server answers.
JOBINDSATS_FETCH_SECONDS = envint("JOBINDSATS_FETCH_SECONDS", "120")
# Long work (a fetch from Jobindsats and its import, started in the admin) runs as a background task: queued
# in the database and run by a worker, `python manage.py db_worker` (`make run` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Let the public read approved figures without logging in.
PUBLIC_DASHBOARD = envbool("PUBLIC_DASHBOARD", "False")

# The read API (/api/v1/): requests allowed per token and per client address; "120/min", "5000/day".
API_RATE_PER_TOKEN = os.getenv("API_RATE_PER_TOKEN", "120/min")
API_RATE_PER_ADDRESS = os.getenv("API_RATE_PER_ADDRESS", "240/min")

# The quarterly cycle. Four eyes: whoever entered or last changed a figure cannot approve it (turn off only
# where one person does both). Figures are due this many days after a quarter ends unless the administrator
# sets another deadline; a reminder goes out this many days before the deadline.
FOUR_EYES_APPROVAL = envbool("FOUR_EYES_APPROVAL", "True")
REPORTING_DEADLINE_DAYS = envint("REPORTING_DEADLINE_DAYS", "30")
REMINDER_DAYS_BEFORE = envint("REMINDER_DAYS_BEFORE", "7")
PORTAL_URL = os.getenv("PORTAL_URL", "http://127.0.0.1:8000")

# E-mail: printed to the console in development, sent by SMTP in production (EMAIL_HOST and friends).
MAILERS = {
    "default": (
        {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
        if DEBUG and not os.getenv("EMAIL_HOST")
        else {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.getenv("EMAIL_HOST", "localhost"),
                "port": envint("EMAIL_PORT", "587"),
                "username": os.getenv("EMAIL_HOST_USER", ""),
                "password": os.getenv("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", "True"),
            },
        }
    )
}
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "strategiportal@localhost")

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# Security. Scripts only from the portal itself (or carrying the request's nonce): no inline script.
# Plotly writes style attributes into the charts it draws, so styles may be inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(60 * 60))  # an hour without activity logs out
SESSION_SAVE_EVERY_REQUEST = True  # so the hour counts from the last request, not from login
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(not DEBUG))
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 60 * 60))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# Behind the municipality's reverse proxy, which terminates TLS and says so in this header.
BEHIND_PROXY = envbool("BEHIND_PROXY", "False")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The health check is answered over plain HTTP to the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Login: django-axes locks an account and address out after repeated failures, and logs each.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "operations.sso.PasswordOnlyForBreakGlass",
    "django.contrib.auth.backends.ModelBackend",
    "operations.sso.PortalOIDCBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", "30") / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind the proxy the client's address is the one the proxy forwards, so a lock-out hits the attacker's
# address and not every user's; the username is cut to what an account can have.
AXES_CLIENT_IP_CALLABLE = "operations.clients.client_address"
AXES_USERNAME_CALLABLE = "operations.clients.login_username"
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Name the account and address in the log, so IT can see who is being attacked (passwords never are).
AXES_SENSITIVE_PARAMETERS = []

# Single sign-on with the municipality's identity provider (OpenID Connect: Entra ID, AD FS, ...), off by
# default. The provider is found by its discovery URL or its issuer; the portal is registered there as a
# confidential client with the redirect URI <portal>/oidc/callback/ and the post-logout URI <portal>/.
OIDC_ENABLED = envbool("OIDC_ENABLED", "False")
OIDC_DISCOVERY_URL = os.getenv("OIDC_DISCOVERY_URL", "")
OIDC_ISSUER = os.getenv("OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = os.getenv("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.getenv("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.getenv("OIDC_RP_SCOPES", "openid profile email")
# The claim that names the account (the username in the portal) and the one that lists the groups or roles;
# OIDC_ROLE_MAP maps the latter to the portal's roles: "group=Afdelingsleder,group=Udvalgsmedlem" or JSON.
OIDC_USERNAME_CLAIM = os.getenv("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_ROLES_CLAIM = os.getenv("OIDC_ROLES_CLAIM", "groups")
OIDC_ROLE_MAP = os.getenv("OIDC_ROLE_MAP", "")
# The userinfo endpoint adds the claims the ID token leaves out; off where it answers about another subject.
OIDC_USE_USERINFO = envbool("OIDC_USE_USERINFO", "True")
# With single sign-on on, only these accounts may log in with a password (when the provider is down).
BREAK_GLASS_ACCOUNTS = envlist("BREAK_GLASS_ACCOUNTS")
if OIDC_ENABLED and not (OIDC_DISCOVERY_URL or OIDC_ISSUER):
    raise ImproperlyConfigured("OIDC_ENABLED needs OIDC_DISCOVERY_URL or OIDC_ISSUER.")
if OIDC_ENABLED and not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
    raise ImproperlyConfigured("OIDC_ENABLED needs OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET.")
# mozilla-django-oidc: authorization code flow with PKCE (S256), state and nonce; the ID token kept in the
# session for the provider's logout.
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = envint("OIDC_TIMEOUT", "10")
OIDC_VERIFY_SSL = True
if OIDC_ENABLED:
    # Logging out posts a form that ends at the provider's end-session page: forms may go there too.
    _provider = urlsplit(OIDC_DISCOVERY_URL or OIDC_ISSUER)
    SECURE_CSP["form-action"].append(f"{_provider.scheme}://{_provider.netloc}")

# Logs go to stdout as one JSON object per line, for the municipality's log collector.
LOG_LEVEL = os.getenv("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "operations.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "axes": {"level": "WARNING"},
    },
}

# JSON dumps (and so backups) keep timestamps to the microsecond.
SERIALIZATION_MODULES = {"json": "operations.serializer"}
