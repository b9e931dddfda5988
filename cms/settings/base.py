"""Settings shared by every environment. Values that differ per deployment come from the environment."""

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"

env = environ.Env()
# A local .env file is a convenience for development; real environment variables win over it.
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env", overwrite=False)


def redis_url_for_db(url: str, db: int) -> str:
    """Return `url` pointing at Redis database number `db` (the path of a redis:// URL)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, parts.fragment))


def redis_base_db(url: str) -> int:
    """The database number a redis:// URL names, 0 when it names none."""
    path = urlsplit(url).path.strip("/")
    return int(path) if path.isdigit() else 0


INSTALLED_APPS = [
    "core",
    "home",
    "blog",
    "leads",
    "wagtailseo",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "phonenumber_field",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "leads.middleware.RefuseOversizedPostsMiddleware",
    "leads.middleware.FirstTouchMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite is the embedded default so `make run` needs no server; production and CI use PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web process and a local worker share the file: wait for locks instead of failing, and
    # take the write lock at the start of a transaction so two writers never deadlock.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Serve uploaded media from the app itself; set false when a proxy or object store serves /media/.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = "Evergreen Ketamine Clinic"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "bmp": "webp", "gif": "gif"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Staff avatars are not fetched from Gravatar: that would send a hash of each staff email to a
# third party on every admin page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Redis: one server, two database numbers. The broker uses the number REDIS_URL names (0 when it
# names none) and the cache the next one, so flushing the cache can never drop queued tasks.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = redis_url_for_db(REDIS_URL, redis_base_db(REDIS_URL))
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url_for_db(REDIS_URL, redis_base_db(REDIS_URL) + 1),
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                # A cache outage must degrade to a slower page, never an error page.
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
else:
    CELERY_BROKER_URL = "memory://"
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery. Without REDIS_URL, tasks run inline in the web process (the embedded `make run` mode).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A killed worker's message is redelivered rather than lost: ack after the task ran, and give an
# unacknowledged message back to the queue when the worker process dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A web request that queues a task must never hang on the broker. Connection and socket timeouts
# are bounded, and a failed publish is not retried in the request: the caller keeps the work in
# the database and a periodic sweep queues it again (see docs/architecture.md).
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=1.0)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=1.0),
    "retry_on_timeout": False,
    # Without this kombu retries a refused connection for the whole connect timeout, sleeping
    # between tries: a web request publishing while Redis was down waited 2.0 s (measured by
    # tests/leads/test_delivery_real.py). One try, bounded by the socket timeouts above, is
    # enough: the delivery rows stay pending and the sweep queues them. The worker and beat
    # reconnect through their own retry settings (broker_connection_retry), not this option.
    "max_retries": 0,
    "max_connections": 20,
    # Longer than the longest task retry delay, so Redis never hands a message that is merely
    # waiting for its retry to a second worker.
    "visibility_timeout": 6 * 60 * 60,
}
CELERY_BEAT_SCHEDULE: dict = {
    # Queue again email deliveries whose message was lost (broker down when the lead was saved,
    # Redis restarted without persistence) or whose worker died mid-send.
    "leads-sweep-email-deliveries": {
        "task": "leads.tasks.sweep_email_deliveries",
        "schedule": env.float("LEADS_SWEEP_INTERVAL_SECONDS", default=60.0),
    },
    # Weekly: remind the Marketing group of articles due for a medical review (when any are).
    "blog-review-due-reminder": {
        "task": "blog.tasks.send_review_due_reminder",
        "schedule": crontab(minute=0, hour=8, day_of_week="mon"),
    },
    # Alert the staff list about requests still New after the allowed opening hours.
    "leads-escalate-unanswered": {
        "task": "leads.tasks.escalate_unanswered_leads",
        "schedule": 300.0,
    },
    # Each intake user's follow-ups, every morning in the clinic's time zone.
    "leads-follow-up-digest": {
        "task": "leads.tasks.send_follow_up_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Anonymise leads past their retention time.
    "leads-purge-expired": {
        "task": "leads.tasks.purge_expired_leads",
        "schedule": crontab(hour=3, minute=30),
    },
    # Delete expired sessions (first-touch values, a thank-you page's name) every night.
    "clear-expired-sessions": {
        "task": "leads.tasks.clear_expired_sessions",
        "schedule": crontab(hour=4, minute=0),
    },
}
# Months after which an article's last medical review counts as out of date.
MEDICAL_REVIEW_INTERVAL_MONTHS = env.int("MEDICAL_REVIEW_INTERVAL_MONTHS", default=12)

# Email. EMAIL_URL (smtp://user:pass@host:587/?tls=True) configures SMTP; without it, emails print
# to the console.
EMAIL_URL = env("EMAIL_URL", default="")
if EMAIL_URL:
    globals().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A provider's HTTP API instead of SMTP, through django-anymail (README, "Sending email"):
# EMAIL_BACKEND=anymail.backends.postmark.EmailBackend and ANYMAIL={"POSTMARK_SERVER_TOKEN": "..."}.
if env("EMAIL_BACKEND", default=""):
    EMAIL_BACKEND = env("EMAIL_BACKEND")
ANYMAIL = env.json("ANYMAIL", default={})
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Evergreen Ketamine Clinic <care@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Site admin", address) for address in env.list("ADMINS", default=[])]

# Contact requests (leads/conf.py has every LEADS_* setting and its default).
PHONENUMBER_DEFAULT_REGION = "US"
# Number of reverse proxies in front of the app that append the client address to
# X-Forwarded-For. 0 (the default) believes no proxy header: rate limits use the socket's peer.
LEADS_TRUSTED_PROXY_COUNT = env.int("LEADS_TRUSTED_PROXY_COUNT", default=0)
# Where staff notifications go when the "Staff notifications" site setting lists nobody.
LEADS_NOTIFY_EMAILS = env.list("LEADS_NOTIFY_EMAILS", default=[])
# The contact form's rate limits count in the cache (Redis). If Redis is down, let requests through:
# turning a person in distress away because a counter is unreachable is worse than a burst of spam,
# which the honeypot and timing traps still catch.
RATELIMIT_FAIL_OPEN = True

# Closed leads lose their personal data after this many days (`manage.py purge_leads`).
LEADS_RETENTION_DAYS = env.int("LEADS_RETENTION_DAYS", default=365)

SESSION_COOKIE_HTTPONLY = True
# Error emails to ADMINS leave out cookies, client addresses and admin search terms
# (cms/error_reports.py; docs/security.md).
DEFAULT_EXCEPTION_REPORTER = "cms.error_reports.PrivacyExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "cms.error_reports.PrivacyExceptionReporterFilter"
CSRF_COOKIE_HTTPONLY = False
# Page addresses never leave the site in a Referer header: contact and admin URLs can identify a
# visitor's request, and outbound links need no more than nothing.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's search and reference-index tasks log every run at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}
