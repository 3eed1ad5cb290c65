"""Settings for the WSoA tracker, read from the environment.

DATABASE_URL  database (default: SQLite file var/wsoa.sqlite3, for the demo)
SECRET_KEY    required when DEBUG is off
DEBUG         true/false, default false
ALLOWED_HOSTS comma-separated host names
SITE_URL      the service's address, for links in e-mails (default http://127.0.0.1:8000)
IMPORT_MAX_MB largest plan spreadsheet accepted, default 10
INVITATION_DAYS how long an invitation link works, default 7
IMPORT_UPLOAD_DIR where an uploaded spreadsheet waits for confirmation, default var/imports
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from wsoa.lib.env import env_bool, env_int, env_list, env_str

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
    "inspections",
    "actions",
    "board",
    "ui",
    "progress",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'wsoa.sqlite3'}"),
        conn_max_age=60,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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
STORAGES = {
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
# The audit trail is evidence: the admin's history pages show it but never revert to it.
SIMPLE_HISTORY_REVERT_DISABLED = True
# How long the link of an invitation to join a local area works.
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)
if INVITATION_DAYS < 1:
    raise ImproperlyConfigured(f"INVITATION_DAYS={INVITATION_DAYS} must be at least 1.")

# history_date + id together: the "status as at date D" query filters on both.
SIMPLE_HISTORY_DATE_INDEX = "composite"
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Plan spreadsheets: the largest file accepted, and where an uploaded file waits between its
# preview and the programme manager's confirmation.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 10) * 1024 * 1024
IMPORT_UPLOAD_DIR = Path(env_str("IMPORT_UPLOAD_DIR", str(BASE_DIR / "var" / "imports")))

SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "wsoa.lib.logging.RefusalsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refusals"]}},
    # No handler of Django's own: with DEBUG on it would print every record a second time.
    "loggers": {"django": {"handlers": [], "level": "INFO"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
