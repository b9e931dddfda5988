"""The real-service test layer and the benchmarks: test.py with a real Redis broker, real SMTP and
Celery running in worker processes. The fixtures (tests/conftest.py) and bench scripts start those
services and pass their addresses in the environment."""

from .base import env, redis_caches
from .test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
# The caches on the next database numbers of the same Redis, as in production, so a Redis outage
# reaches the rate limits and the page cache too.
CACHES = redis_caches(CELERY_BROKER_URL)
# The full-page cache is on, as in production.
WAGTAIL_CACHE = env.bool("PAGE_CACHE", default=True)

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("SMTP_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("SMTP_PORT")
EMAIL_HOST_USER = ""
EMAIL_HOST_PASSWORD = ""
EMAIL_USE_TLS = False
EMAIL_USE_SSL = False
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=5)

# Retries and leases shortened so fault tests finish in seconds; the logic is the production one.
LEADS_EMAIL_RETRY_BASE_SECONDS = env.float("LEADS_EMAIL_RETRY_BASE_SECONDS", default=0.5)
LEADS_EMAIL_RETRY_MAX_SECONDS = env.float("LEADS_EMAIL_RETRY_MAX_SECONDS", default=4.0)
LEADS_SENDING_LEASE_SECONDS = env.float("LEADS_SENDING_LEASE_SECONDS", default=8.0)
LEADS_SWEEP_GRACE_SECONDS = env.float("LEADS_SWEEP_GRACE_SECONDS", default=0.0)
# The benchmark posts far more than a visitor could; the tests keep the limits on.
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# The per-address limit's rate (leads/conf.py's default when unset); the proxy test widens its window.
LEADS_RATE_PER_CLIENT = env("LEADS_RATE_PER_CLIENT", default="5/10m")

# Behind the reference nginx (tests/ops/test_nginx_real.py), as production.py reads them.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
