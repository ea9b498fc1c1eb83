"""Local development: debug on, a fixed key, loopback only."""

from .base import *  # noqa: F401,F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
