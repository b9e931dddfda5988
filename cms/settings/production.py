"""Production: every deployment-specific value comes from the environment, and a missing one stops
the process at start with a message naming it."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, env

REQUIRED_VARIABLES = {
    "DJANGO_SECRET_KEY": "a long random string (50+ characters)",
    "ALLOWED_HOSTS": "comma-separated host names, e.g. www.example.org",
    "DATABASE_URL": "postgres://user:password@host:5432/name",
    "REDIS_URL": "redis://host:6379/0 (Celery broker on that number, cache on the next)",
    "EMAIL_URL": "smtp://user:password@host:587/?tls=True",
    "DEFAULT_FROM_EMAIL": 'e.g. "Clinic <care@example.org>"',
    "WAGTAILADMIN_BASE_URL": "the public address of the site, e.g. https://www.example.org",
}
_missing = [name for name in REQUIRED_VARIABLES if not env.str(name, default="").strip()]
if _missing:
    raise ImproperlyConfigured(
        "Missing required environment variables for production: "
        + "; ".join(f"{name} ({REQUIRED_VARIABLES[name]})" for name in _missing)
        + ". See README.md, Configuration."
    )

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured(
        "DATABASE_URL must point at PostgreSQL in production (postgres://...)."
    )
if not REDIS_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured("REDIS_URL must be a redis:// or rediss:// URL.")
CELERY_TASK_ALWAYS_EAGER = False

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers and Prometheus probe the processes directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]
# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto only when told to.
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Session and CSRF cookies travel over https only, whatever SECURE_SSL_REDIRECT says: when a proxy
# does the redirect and the app is told SECURE_SSL_REDIRECT=false, the cookies must stay Secure.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
