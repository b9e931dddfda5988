"""Local development: `make run`. Safe defaults, nothing here is fit for a public server."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Development only: a fixed key so sessions survive restarts. production.py requires a real one.
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="dev-only-not-secret-3c1b9f0e7d2a4b6c8e5f1a0d9c7b3e2f"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# Serve static files straight from the apps, without collectstatic, and pick up edits at once.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# `make run` signs in with a password alone (Makefile says so in its first lines); production
# requires the second factor for Intake staff and superusers.
WAGTAIL_2FA_REQUIRED = env.bool("WAGTAIL_2FA_REQUIRED", default=False)
