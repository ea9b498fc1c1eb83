"""Production: refuses to start without its secrets."""

import os

from django.core.exceptions import ImproperlyConfigured

from config import services

from .base import *  # noqa: F401,F403


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = _required("ALLOWED_HOSTS").split(",")
_required("DATABASE_URL")

# --- HTTPS and security headers (`make check-deploy` runs check --deploy on these) -------
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
# A year of HSTS for the app's host and any host under it. "preload" only allows the host
# to be listed in browsers' preload lists; nothing is listed unless its owner asks.
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True


def _flag(name: str) -> bool:
    value = os.environ.get(name, "")
    if value not in ("", "0", "1"):
        raise ImproperlyConfigured(f"Set {name} to 1 or 0 (or leave it unset), not {value!r}.")
    return value == "1"


# X-Forwarded-Proto and X-Forwarded-For are whatever a client sends unless a proxy in
# front replaces them; trust them only when BEHIND_TLS_PROXY=1 says such a proxy is there
# (it must set X-Forwarded-Proto itself and append the client's address to
# X-Forwarded-For). Without it, a TLS proxy's plain-HTTP requests would be redirected to
# HTTPS for ever.
if _flag("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_CLIENT_IP_CALLABLE = "config.signin.client_ip_behind_proxy"

# --- The production stack (`make serve`, README "Deployment") ------------------------------
# Each app server serves its own static files through WhiteNoise: collected under hashed
# names (cached by browsers for ever), compressed with gzip and Brotli ahead of time.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = services.storages(
    os.environ, static_backend="whitenoise.storage.CompressedManifestStaticFilesStorage"
)
# Errors and warnings go to the server's standard error, where gunicorn's log is.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# `make serve` runs this production stack on this machine over plain HTTP on 127.0.0.1;
# there, and only there, it sets SERVE_OVER_PLAIN_HTTP=1. A real deployment never does.
if _flag("SERVE_OVER_PLAIN_HTTP"):
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
