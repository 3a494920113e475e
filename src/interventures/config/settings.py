"""Django settings. Every value that differs between machines comes from the environment.

DATABASE_URL  e.g. postgres://user@127.0.0.1:5432/test; default: an embedded SQLite file in var/ (WAL mode)
INTERVENTURES_ENV  production | development (unset: production when DJANGO_DEBUG=0, else development)
DJANGO_SECRET_KEY, INTERVENTURES_PSEUDONYM_KEY  required in production; generated once in var/ in development
DJANGO_SECRET_KEY_FALLBACKS  previous secret keys while rotating (comma-separated)
DJANGO_DEBUG, DJANGO_ALLOWED_HOSTS, DJANGO_CSRF_TRUSTED_ORIGINS
INTERVENTURES_PROXY_COUNT  reverse proxies in front of the app that set X-Forwarded-For/-Proto (default 0)
INTERVENTURES_SSL_REDIRECT, INTERVENTURES_HSTS_SECONDS, INTERVENTURES_HSTS_PRELOAD  (production, docs/security.md)
INTERVENTURES_LOGIN_FAILURE_LIMIT, INTERVENTURES_LOGIN_COOLOFF_MINUTES  login throttling
REDIS_URL  e.g. redis://10.0.0.5:6379/0: the shared cache (API rate limits, across app servers) and the
           default Celery broker and result store; unset: a per-process cache
CELERY_BROKER_URL  e.g. redis://127.0.0.1:6379/0 (default: REDIS_URL); unset: background work runs in-process
EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
INTERVENTURES_API_RATE_ANONYMOUS, INTERVENTURES_API_RATE_USER  API requests per client, e.g. 120/m, 1200/m
INTERVENTURES_IMPORT_LEASE_SECONDS  a running import silent this long lost its worker (default 300)
INTERVENTURES_PHASE_1_END  the last day of the project's phase 1, e.g. 2021-07-31 (unset: no phase split; the
           project summary does not state one, apps/learning/phases.py)
INTERVENTURES_VAR_DIR  where the SQLite file, uploads and generated files live (default ./var)
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .secrets import secret

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("INTERVENTURES_VAR_DIR", Path.cwd() / "var")).resolve()


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# The mode is explicit: production refuses to start without real secrets and sends the HTTPS-only
# headers and cookies; development generates its secrets in var/ and runs over plain HTTP.
_mode = os.environ.get("INTERVENTURES_ENV", "").strip().lower()
if not _mode:
    _mode = (
        "production"
        if os.environ.get("DJANGO_DEBUG") and not _env_bool("DJANGO_DEBUG", True)
        else "development"
    )
if _mode not in {"production", "development"}:
    raise ImproperlyConfigured(f"INTERVENTURES_ENV must be 'production' or 'development', not {_mode!r}")
PRODUCTION = _mode == "production"
if PRODUCTION and _env_bool("DJANGO_DEBUG", False):
    raise ImproperlyConfigured(
        "DJANGO_DEBUG=1 is not allowed in production mode (INTERVENTURES_ENV=production)"
    )
DEBUG = not PRODUCTION and _env_bool("DJANGO_DEBUG", True)

SECRET_KEY = secret("DJANGO_SECRET_KEY", production=PRODUCTION, var_dir=VAR_DIR, filename="secret-key.txt")
# Rotation: the previous keys, comma-separated, still verify sessions and signed links until they expire.
SECRET_KEY_FALLBACKS = [k for k in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",") if k]
# Pseudonyms of respondents in microdata exports: a key of their own, so that it can be rotated (which
# changes every pseudonym in later exports) without logging everybody out, and so that a leaked
# SECRET_KEY does not also re-identify respondents.
PSEUDONYM_KEY = secret(
    "INTERVENTURES_PSEUDONYM_KEY", production=PRODUCTION, var_dir=VAR_DIR, filename="pseudonym-key.txt"
)
if PSEUDONYM_KEY == SECRET_KEY:
    raise ImproperlyConfigured("INTERVENTURES_PSEUDONYM_KEY must differ from DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "interventures.apps.common",
    "interventures.apps.accounts",
    "interventures.apps.web",
    "interventures.apps.classifications",
    "interventures.apps.partnership",
    "interventures.apps.keyplayers",
    "interventures.apps.assessment",
    "interventures.apps.surveys",
    "interventures.apps.learning",
    "interventures.apps.analysis",
    "interventures.apps.matchmaking",
    "ninja",  # the API's documentation page: its template and vendored Swagger UI static files
    "interventures.apps.api",
    "interventures.apps.actionplans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "interventures.apps.common.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the outcome of every login view (the site's and the admin's).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "interventures.config.urls"
WSGI_APPLICATION = "interventures.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "interventures.apps.web.context_processors.platform",
            ],
        },
    },
]

_sqlite_path = VAR_DIR / "interventures.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{_sqlite_path}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE avoids "database is locked"
        # on lock upgrades when two requests write at once.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# E-mail (account confirmation, password reset): printed to the console unless a backend is configured,
# e.g. EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST, EMAIL_PORT, ...
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Inter Ventures <noreply@localhost>")
LOGIN_REDIRECT_URL = "web:start"  # each role's own start page
LOGOUT_REDIRECT_URL = "web:home"

# The partnership's languages: the interface and everything an SME reads exist in each.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("hu", _("Hungarian")),
    ("hr", _("Croatian")),
    ("it", _("Italian")),
    ("pl", _("Polish")),
    ("es", _("Spanish")),
    ("lt", _("Lithuanian")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Dates in the platform's English are British ("1 March 2026"), as its spelling is; the other
# languages keep Django's formats for them.
FORMAT_MODULE_PATH = ["interventures.config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Without `collectstatic` (make run) WhiteNoise serves the files from the apps' folders; once the
# release step has collected them (with their .gz and .br variants) it must serve STATIC_ROOT alone:
# the finders' copies, which have no compressed variants, would take precedence over it.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = not any(STATIC_ROOT.iterdir())

# One Redis serves every app server: the cache (so that rate limits count across servers) and, unless
# CELERY_BROKER_URL says otherwise, Celery's broker and results.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: Celery with Redis when CELERY_BROKER_URL (or REDIS_URL) is set, otherwise in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True

# A worker that dies mid-task leaves the task unacknowledged (acks late), so another worker runs it again;
# a task that fails is marked failed by the task itself (its model keeps the message).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker killed outright (SIGKILL, a lost machine) cannot mark its import failed: a running import
# writes a heartbeat, and one silent for longer than its lease is recovered (failed with the reason,
# nothing kept) by `celery beat` every minute, by `interventures survey recover`, and when its page
# or the campaign's next import is opened.
INTERVENTURES_IMPORT_LEASE_SECONDS = int(os.environ.get("INTERVENTURES_IMPORT_LEASE_SECONDS", "300"))
CELERY_BEAT_SCHEDULE = {
    "surveys-import-recover": {"task": "surveys.import_recover", "schedule": 60.0},
}

# The API (apps/api): pagination and rate limits per client (django-ninja).
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 500
API_RATE_ANONYMOUS = os.environ.get("INTERVENTURES_API_RATE_ANONYMOUS", "120/m")
API_RATE_USER = os.environ.get("INTERVENTURES_API_RATE_USER", "1200/m")

# Disclosure control: no published figure rests on fewer respondents than this.
INTERVENTURES_MIN_CELL = int(os.environ.get("INTERVENTURES_MIN_CELL", "5"))

# The end of the project's phase 1 (ISO date). The project summary states only the project's dates
# (1 Aug 2019 - 31 Jul 2022), not where phase 1 ends; unset, the pages show no split and spread the
# method's activities over the whole project. Set, the pages say it comes from this setting.
INTERVENTURES_PHASE_1_END = os.environ.get("INTERVENTURES_PHASE_1_END", "").strip()

# Login throttling (django-axes, database handler: the default cache is per process and would let
# each worker count on its own). Failures are counted per user name and, separately, per client
# address; either reaching the limit within the cool-off locks that name or that address, whether or
# not the account exists. Locked attempts are refused before any password is checked, and do not
# prolong the lock. docs/security.md explains the choice.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("INTERVENTURES_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("INTERVENTURES_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "interventures.apps.accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "interventures.apps.accounts.throttling.client_address"
AXES_HTTP_RESPONSE_CODE = 429
AXES_DISABLE_ACCESS_LOG = True  # failed attempts are kept (for the cool-off); successful logins are not
AXES_VERBOSE = False
PROXY_COUNT = int(os.environ.get("INTERVENTURES_PROXY_COUNT", "0"))
if PROXY_COUNT:
    # Behind a TLS-terminating proxy: the scheme is the proxy's X-Forwarded-Proto (the proxy must set
    # it and drop any the client sent); the client's address for throttling, see throttling.py.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Cookies and headers. Production is HTTPS only; docs/security.md lists each choice.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True  # scripts take the token from the form's hidden field, never the cookie
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = PRODUCTION and _env_bool("INTERVENTURES_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("INTERVENTURES_HSTS_SECONDS", "31536000")) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION and _env_bool("INTERVENTURES_HSTS_PRELOAD", True)

# Content Security Policy (django-csp 4): only the site's own scripts, no inline script, no eval
# (vega-embed draws the figures with the vendored vega-interpreter instead of compiling expressions).
# Inline style *attributes* set by scripts through the CSSOM are not governed by CSP; style elements
# and attributes in markup are, and the templates have none.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# The embedded database and generated files live here; create it so a fresh clone just works.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
