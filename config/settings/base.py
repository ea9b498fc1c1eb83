"""Settings shared by every environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp import constants as csp_constants

from config import services
from config.release import release

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "meetings",
    "drafting",
    "consultations",
    "letters",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Public pages for visitors who are not signed in, before any session or user is read.
    "meetings.public_pages.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# SQLite is the embedded default so that `make run` works on a bare machine;
# DATABASE_URL (postgres://…) switches to PostgreSQL through psycopg 3.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The unique positions of sibling elements are a deferred constraint that PostgreSQL holds;
# SQLite, the embedded default, has none such and says so at every check.
SILENCED_SYSTEM_CHECKS = ["models.W038", "models.W047"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "meeting-list"
LOGOUT_REDIRECT_URL = "meeting-list"

# --- Request size (security hardening) ------------------------------------------------
# The largest text a form takes is a letter's body or an annex of MAX_LETTER_TEXT
# (100,000) characters: as a URL-encoded field that is at most 900 KB even in a script
# of three-byte characters (each sent as three %XX escapes), so 1 MiB fits every form
# while a request body that could never be a real form is refused before it is parsed.
# Uploaded files are not counted here; working papers have their own limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# --- Content-Security-Policy (django-csp) -----------------------------------------------
# Every page takes its scripts, styles, fonts and images from the app alone, as files:
# no inline script, no style attribute, no eval (htmx's own <style> and eval are switched
# off by the htmx-config meta tag in base.html). Should an inline script ever be needed,
# give it the request's nonce (csp.constants.NONCE in script-src). Placed before axes,
# whose sign-in lockout page replaces the response and must carry the policy too.
MIDDLEWARE += ["csp.middleware.CSPMiddleware"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "base-uri": [csp_constants.NONE],
        "form-action": [csp_constants.SELF],
        "frame-ancestors": [csp_constants.NONE],
    },
}

# --- Sign-in throttling (django-axes) --------------------------------------------------
# Five wrong passwords in a row for one account from one address pause signing in to that
# account from that address for 15 minutes, counted from the fifth failure (attempts during
# the pause do not extend it). Keyed on both, so that nobody can lock a colleague out from
# elsewhere. Failures are kept in the database, which every server process shares.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # axes asks to be last
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "config.signin.locked_out"

# --- Background tasks, cache, sessions and files (config/services.py) ---------------------
# Nothing to set up by default: tasks queue in the database (`manage.py db_worker` runs
# them), files go to var/media. REDIS_URL moves the task queue (RQ), the cache and the
# sessions to Redis; AWS_STORAGE_BUCKET_NAME moves files to an S3-compatible bucket.
REDIS_URL = os.environ.get("REDIS_URL", "")
INSTALLED_APPS += services.task_apps(REDIS_URL)
TASKS = services.tasks(REDIS_URL)
RQ_QUEUES = services.rq_queues(REDIS_URL)
CACHES = services.caches(REDIS_URL)
SESSION_ENGINE = services.session_engine(REDIS_URL)
STORAGES = services.storages(
    os.environ, static_backend="django.contrib.staticfiles.storage.StaticFilesStorage"
)

# The code's release (config/release.py): part of the key of every cached page body, so a
# new release never serves markup an older one rendered. Bodies go to the default cache
# (Django's local-memory cache unless CACHES says otherwise); an issued version's body never
# goes stale within a release, and a month lets an old release's entries drain away.
RELEASE = release(BASE_DIR)
BODY_CACHE_SECONDS = 30 * 24 * 60 * 60
