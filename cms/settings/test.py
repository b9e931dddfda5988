"""The test suite: fast and hermetic. Real-service tests opt in through DATABASE_URL and REDIS_URL."""

import hashlib
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-not-secret-5b0c2d7e9f1a3c4e6b8d0f2a4c6e8b1d3f5a7c9e"
ALLOWED_HOSTS = ["*"]

# The fast layer runs Celery inline and keeps mail in memory; real-layer tests start their own
# worker and SMTP server with settings of their own.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# The full-page cache is off in the fast layer, so a test sees what it just changed without a
# publish; the page-cache tests turn it on (tests/home/test_page_cache.py).
WAGTAIL_CACHE = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env("MEDIA_ROOT", default="/tmp/cms-test-media")
WAGTAILADMIN_BASE_URL = "http://testserver"
LEADS_NOTIFY_EMAILS = ["intake@clinic.example"]
# Serve static files from the apps (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests open and close connections freely (live-server threads, worker subprocesses): a kept-alive
# connection would stop the test database from being dropped at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The test database is a file, not memory. For an in-memory database Django shares one
    # connection between the browser tests' live server threads, which answer Chromium's parallel
    # requests at once, and their savepoints interleave: "no such savepoint", then "You can't execute
    # queries until the end of the 'atomic' block" (a SQLite `make test-repeat` run). With a file
    # each thread has its own connection, as on PostgreSQL. pytest-django adds each xdist worker's
    # suffix to the name; nothing is synced to disk, since a test database is thrown away.
    checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:10]  # one per checkout
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"clinic-test-{checkout}.sqlite3")
    }
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF;"
# Most admin tests sign in with force_login or Django's test client, which passes no request to
# authenticate(): the throttling and two-factor tests (tests/accounts/) turn these back on.
AXES_ENABLED = False
WAGTAIL_2FA_REQUIRED = False
# Tests travel in time with a signed-in client (time-machine); the idle timeout would sign them
# out. tests/accounts/test_sessions.py sets the production value where it is what is tested.
STAFF_IDLE_TIMEOUT_MINUTES = 60 * 24 * 365
