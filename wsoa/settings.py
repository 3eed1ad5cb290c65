"""Settings for the WSoA tracker, read from the environment.

DATABASE_URL  database (default: SQLite file var/wsoa.sqlite3, for the demo)
SECRET_KEY    required when DEBUG is off
DEBUG         true/false, default false
ALLOWED_HOSTS comma-separated host names
SITE_URL      the service's address, for links in e-mails (default http://127.0.0.1:8000)
IMPORT_MAX_MB largest plan spreadsheet accepted, default 10
IMPORT_MAX_UNCOMPRESSED_MB most an Excel workbook may unpack to, default 50
IMPORT_MAX_ROWS / IMPORT_MAX_COLUMNS most actions / columns in a spreadsheet, default 20000 / 50
IMPORT_UPLOAD_STORAGE where an upload waits for confirmation: empty (the database, default) or
              a Django storage class, e.g. storages.backends.s3.S3Storage
IMPORT_UPLOAD_STORAGE_OPTIONS that storage's options as JSON, e.g. {"bucket_name": "wsoa-imports"}
ACCESSIBILITY_*  the installation's own details in its accessibility statement (see README)
INVITATION_DAYS how long an invitation link works, default 7
ROUND_OPENING_DAY / ROUND_ESCALATION_WORKING_DAYS the update round's defaults: the day of
              the month it opens (1) and working days before escalation (5)
The security settings (HTTPS, sign-in, sessions, one-time codes) are listed in README.md.
"""

import datetime as dt
import json
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from wsoa.lib.env import env_bool, env_date, env_int, env_list, env_proxy_ssl_header, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-demo-key-only-for-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The admin, for superusers only (wsoa/admin.py).
    "wsoa.admin.OperatorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tables2",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "inspections",
    "actions",
    "board",
    "ui",
    "accounts",
    "progress",
    "planning",
    "people",
    "demo",
    "scaledata",
    "spreadsheets",
    "rounds",
    "measures",
    "papers",
    "voice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "wsoa.lib.middleware.ContentSecurityPolicyMiddleware",
    # Before anything reads the database: a NUL byte in a URL is refused, not queried.
    "wsoa.lib.middleware.RefuseControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.OneTimeCodeMiddleware",
    "accounts.middleware.SecurityLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses a sign-in while its username and address, or its address, is locked out.
    "accounts.backends.SignInAttemptsBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "wsoa.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ui.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "wsoa.wsgi.application"

# Connections are kept for a minute and checked before reuse in each request, so a database
# restart costs no failed request.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'wsoa.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The action history's index carries extra columns for PostgreSQL (INCLUDE); the demo's SQLite
# builds it without them, which is what this warning says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# The public pages and the Board's dashboards for past dates are kept in Django's cache under
# keys carrying the area's last change (see wsoa/lib/page_cache.py). Several servers share one
# Redis (REDIS_URL, e.g. redis://127.0.0.1:6379/0); without it each process keeps its own.
REDIS_URL = env_str("REDIS_URL")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "wsoa")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "wsoa.lib.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 24 * 3600,
        }
    }
# With a shared cache, the public pages' freshness stamps are kept too until the next write
# (wsoa/lib/page_cache.py); a process's own memory cannot hear of other processes' writes.
KEEP_FRESHNESS_STAMPS = bool(REDIS_URL)
if not REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 24 * 3600,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# WhiteNoise serves STATIC_ROOT from the application itself, gzipped, so the service (and the
# demo, which runs with DEBUG off) needs no separate web server for its static files.
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

DJANGO_TABLES2_TEMPLATE = "django_tables2/govuk.html"

# The demo prints e-mails to the console; production sets EMAIL_URL-style SMTP settings.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "wsoa-tracker@localhost")
# Where the service is reached from outside: links in e-mails are built on it.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must start with http:// or https://.")
# The monthly update round, for areas that have not set their own (Update round > settings):
# the day of the month it opens, and the working days without an update before an action
# goes to its workstream lead (twice as many: to the programme manager).
ROUND_OPENING_DAY = env_int("ROUND_OPENING_DAY", 1)
if not 1 <= ROUND_OPENING_DAY <= 28:
    raise ImproperlyConfigured(f"ROUND_OPENING_DAY={ROUND_OPENING_DAY} must be from 1 to 28.")
ROUND_ESCALATION_WORKING_DAYS = env_int("ROUND_ESCALATION_WORKING_DAYS", 5)
if not 1 <= ROUND_ESCALATION_WORKING_DAYS <= 15:
    raise ImproperlyConfigured(
        f"ROUND_ESCALATION_WORKING_DAYS={ROUND_ESCALATION_WORKING_DAYS} must be from 1 to 15."
    )
# The audit trail is evidence: the admin's history pages show it but never revert to it.
SIMPLE_HISTORY_REVERT_DISABLED = True
# How long the link of an invitation to join a local area works.
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)
if INVITATION_DAYS < 1:
    raise ImproperlyConfigured(f"INVITATION_DAYS={INVITATION_DAYS} must be at least 1.")

# history_date + id together: the "status as at date D" query filters on both.
SIMPLE_HISTORY_DATE_INDEX = "composite"
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Plan spreadsheets: the largest file accepted, and how big it may grow once unpacked.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 10) * 1024 * 1024
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("IMPORT_MAX_UNCOMPRESSED_MB", 50) * 1024 * 1024
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 50)
# An upload waits between its preview and the confirmation in the database, which every web
# server shares and the backups cover; or in a shared storage (S3, Azure) named here.
IMPORT_UPLOAD_STORAGE = env_str("IMPORT_UPLOAD_STORAGE", "")
if IMPORT_UPLOAD_STORAGE:
    try:
        _upload_storage_options = json.loads(env_str("IMPORT_UPLOAD_STORAGE_OPTIONS", "{}"))
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"IMPORT_UPLOAD_STORAGE_OPTIONS is not JSON: {error}") from None
    if not isinstance(_upload_storage_options, dict):
        raise ImproperlyConfigured("IMPORT_UPLOAD_STORAGE_OPTIONS must be a JSON object.")
    STORAGES["imports"] = {"BACKEND": IMPORT_UPLOAD_STORAGE, "OPTIONS": _upload_storage_options}

# HTTPS only once DEBUG is off. Each part can be turned off by the environment, e.g. for the
# demo on 127.0.0.1; behind a proxy that ends TLS, SECURE_PROXY_SSL_HEADER names the header
# by which it says the request came over HTTPS (e.g. HTTP_X_FORWARDED_PROTO).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The header's "preload" token only allows a domain's owner to submit it to the browsers'
# preload list; sending it submits nothing.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")

# The accessibility statement names who runs this installation and how to reach them, as the
# Public Sector Bodies Accessibility Regulations 2018 require. The dates default to when the
# product's statement was last prepared and reviewed; an installation that tests its own
# setup sets its own.
ACCESSIBILITY_ORGANISATION = env_str(
    "ACCESSIBILITY_ORGANISATION", "the council and NHS partner running this service"
)
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
ACCESSIBILITY_CONTACT_PHONE = env_str("ACCESSIBILITY_CONTACT_PHONE", "")
ACCESSIBILITY_RESPONSE_DAYS = env_int("ACCESSIBILITY_RESPONSE_DAYS", 5)
ACCESSIBILITY_PREPARED_DATE = env_date("ACCESSIBILITY_PREPARED_DATE", dt.date(2026, 11, 28))
ACCESSIBILITY_REVIEWED_DATE = env_date("ACCESSIBILITY_REVIEWED_DATE", ACCESSIBILITY_PREPARED_DATE)

SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# Scripts run only from this site, or inline with the nonce each response carries.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Sign-in: after SIGN_IN_FAILURE_LIMIT failures in a row for one username from one address,
# or from one address whatever the username, sign-in is refused for SIGN_IN_LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.backends.client_ip"
# Sign-ins and lockouts go to the security log (accounts/events.py), one line each; django-axes
# would otherwise print its own banner and notes to the console as well.
AXES_VERBOSE = False
# The request header a proxy puts the visitor's address in (e.g. HTTP_X_REAL_IP); unset, the
# address is the connection's own.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")

# A session ends after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after
# sign-in whatever happens.
SESSION_IDLE_TIMEOUT = dt.timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 30))
SESSION_ABSOLUTE_TIMEOUT = dt.timedelta(hours=env_int("SESSION_MAX_HOURS", 12))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())

# One-time codes from an authenticator app: anyone may set them up; with this on, programme
# managers and superusers must.
OTP_REQUIRED_FOR_MANAGERS = env_bool("OTP_REQUIRED_FOR_MANAGERS", False)
OTP_TOTP_ISSUER = "WSoA tracker"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "wsoa.lib.logging.RefusalsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refusals"]}},
    "loggers": {
        # No handler of Django's own: with DEBUG on it would print every record a second time.
        "django": {"handlers": [], "level": "INFO"},
        # Sign-ins, lockouts, role changes, downloads, imports and admin changes, one JSON
        # object a line, whatever LOG_LEVEL says.
        "wsoa.security": {"level": "INFO"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
