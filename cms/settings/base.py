"""Settings shared by every environment. Values that differ per deployment come from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from home.resilient_cache import connection_pool_kwargs
from ops.sentry import init_sentry
from ops.storage import s3_media_origins, s3_media_storage

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
    "outbox",
    "person_data",
    "selfcheck",
    "calls",
    "insights",
    "accounts",
    "ops",
    "wagtailseo",
    "wagtail_localize",
    # wagtail-localize's locale admin, in place of wagtail.locales.
    "wagtail_localize.locales",
    "wagtailcache",
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
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

# Order matters for the full-page cache (docs/performance.md, "Full-page cache"):
# - FirstTouchMiddleware is outermost: it sees every page view, cache hits included, reads the
#   tracking parameters before wagtail-cache strips them from the cache key, and sets its cookie
#   after the response was stored, so no cached page ever carries a visitor's cookie.
# - wagtail-cache's UpdateCacheMiddleware stores what the layers below produced, compressed
#   (one entry per Accept-Encoding); its FetchFromCacheMiddleware comes right after
#   CommonMiddleware and serves only requests without a session cookie, so signed-in users are
#   never served from or stored in the cache.
# - The browser-lifetime middleware shortens what wagtail-cache tells browsers (purges reach
#   Redis, not a browser's own cache).
MIDDLEWARE = [
    # First, so every log line of the request (redirects and errors too) carries its id, and every
    # response is counted.
    "ops.request_id.RequestIdMiddleware",
    "ops.request_metrics.RequestMetricsMiddleware",
    "leads.middleware.FirstTouchMiddleware",
    "core.page_cache.PageBrowserLifetimeMiddleware",
    "wagtailcache.cache.UpdateCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Browser policies go on every response, static files included (whitenoise answers those).
    "cms.browser_policies.ContentSecurityPolicyMiddleware",
    "cms.browser_policies.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address (/es/...; none is English), before the page cache looks
    # a page up, so that its key names the language (core/locale.py).
    "core.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A page from the page cache is served here, before the middleware that only the views, the
    # admin and signed-in staff need. wagtail-cache asks to be last so that it can see the signed-in
    # user; here no request with a session cookie is served from the cache at all
    # (home/wagtail_hooks.py), and Django knows a user only through that cookie, so every request it
    # serves is anonymous. After CommonMiddleware, so an unknown Host is refused first. A cache hit
    # took 0.80 ms in-process with this last, 0.63 ms here (docs/performance.md).
    "wagtailcache.cache.FetchFromCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "leads.middleware.RefuseOversizedPostsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An idle staff session is ended (with a message saying why) before any view sees the user.
    "accounts.middleware.StaffIdleTimeoutMiddleware",
    # Second factor: required for users with the "Enable 2FA" permission (Intake staff, superusers).
    "accounts.two_factor.AdminTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.i18n",
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
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The site's languages (docs/translation.md). English is the default and has no URL prefix; every
# other language lives under its code (/es/). Wagtail's content languages are the same list, so a
# page can be translated into each; adding a language is one line here plus its catalogue.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# An absolute MEDIA_URL (an object store's address) is also allowed as an image source.
MEDIA_URL = env("MEDIA_URL", default="/media/")
# Serve uploaded media from the app itself; set false when a proxy or object store serves /media/.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# With AWS_STORAGE_BUCKET_NAME set, uploads and renditions go to S3-compatible object storage and
# pages link to its public or CDN address (README, "Media in object storage").
S3_MEDIA_STORAGE = s3_media_storage(os.environ)
if S3_MEDIA_STORAGE:
    STORAGES["default"] = S3_MEDIA_STORAGE
    SERVE_MEDIA = False

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


def redis_caches(broker_url: str, page_cache_url: str = "") -> dict:
    """The Django caches on the Redis server of `broker_url`: "default" (rate limits, settings,
    navigation, image renditions) on the broker's database number + 1, and "pages" (the full-page
    cache) on + 2, so purging every page (a FLUSHDB of its own database) never drops a rate-limit
    counter or a queued task. With `page_cache_url`, "pages" lives on that Redis instead: one with
    a memory limit and an eviction policy of its own (docs/performance.md)."""
    base = redis_base_db(broker_url)
    page_cache_url = page_cache_url or redis_url_for_db(broker_url, base + 2)

    def options(url: str) -> dict:
        return {
            "CONNECTION_POOL_KWARGS": connection_pool_kwargs(url),
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
            # A cache outage must degrade to a slower page, never an error page.
            "IGNORE_EXCEPTIONS": True,
        }

    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url_for_db(broker_url, base + 1),
            "OPTIONS": options(broker_url),
        },
        "pages": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": page_cache_url,
            "OPTIONS": options(page_cache_url),
            "TIMEOUT": PAGE_CACHE_SECONDS,
        },
    }


# How long the full-page cache keeps a page. Every change that affects a page purges it at once
# (core/page_cache.py), so this only bounds what a missed signal could leave behind.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=24 * 60 * 60)

# Redis: one server, three database numbers. The broker uses the number REDIS_URL names (0 when it
# names none), the cache the next one and the page cache the one after, so flushing a cache can
# never drop queued tasks.
REDIS_URL = env("REDIS_URL", default="")
# Optional: a Redis of its own for the full-page cache, run with a memory limit and allkeys-lru, so
# pages can never fill the Redis that holds queued emails and rate-limit counters (which must not
# be evicted). Unset: the pages share REDIS_URL's server, on its database number + 2.
PAGE_CACHE_REDIS_URL = env("PAGE_CACHE_REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = redis_url_for_db(REDIS_URL, redis_base_db(REDIS_URL))
    CACHES = redis_caches(CELERY_BROKER_URL, PAGE_CACHE_REDIS_URL)
else:
    CELERY_BROKER_URL = "memory://"
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
        },
    }

# Full-page cache (wagtail-cache) for anonymous visitors; what is never cached is decided in
# home/wagtail_hooks.py. The header says hit, miss or skip.
WAGTAIL_CACHE = env.bool("PAGE_CACHE", default=True)
WAGTAIL_CACHE_BACKEND = "pages"
WAGTAIL_CACHE_HEADER = "X-Page-Cache"
# Patches into Wagtail and wagtail-seo to leave out (names in core/wagtail_patches.py), so a
# benchmark can measure what each gains; empty in production.
WAGTAIL_PATCHES_OFF = env.list("WAGTAIL_PATCHES_OFF", default=[])
# Browsers keep a page this long before asking again (purges cannot reach their own cache).
PAGE_BROWSER_MAX_AGE = env.int("PAGE_BROWSER_MAX_AGE", default=60)
# A web process that finds Redis unreachable stops asking for this many seconds, so an outage
# costs one timeout, not one per cache call (home/resilient_cache.py).
CACHE_RETRY_AFTER_SECONDS = env.float("CACHE_RETRY_AFTER_SECONDS", default=5.0)

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
    # The visitor's reminders 24 hours and 2 hours before a booked call (calls/reminders.py).
    "calls-send-reminders": {
        "task": "calls.tasks.send_call_reminders",
        "schedule": 300.0,
    },
    # Each intake user's follow-ups, every morning in the clinic's time zone.
    "leads-follow-up-digest": {
        "task": "leads.tasks.send_follow_up_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Anonymise leads past their retention time (person_data/tasks.py; the task keeps the name it
    # had in leads).
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
# Days staff have to answer a person's request to see or erase their data (its due date).
LEADS_PERSON_REQUEST_DAYS = env.int("LEADS_PERSON_REQUEST_DAYS", default=30)

# Staff accounts (docs/security.md, "Staff accounts and browser policies").
# django-axes: AxesStandaloneBackend refuses a locked-out user name + client address before the
# password is checked; ModelBackend then signs in as before.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Lock the pair, never the address alone (a clinic shares one address) nor the name alone (anyone
# could lock a colleague out from anywhere).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client address as the contact form's rate limits read it (LEADS_TRUSTED_PROXY_COUNT), so a
# proxy's own address never stands for every user behind it.
AXES_CLIENT_IP_CALLABLE = "leads.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out_response"
# Wagtail's sign-in form without "Remember me", which would keep a session for two weeks.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.StaffLoginForm"
# Wagtail's password-reset form, sending through the outbox after the request (accounts/forms.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.OutboxPasswordResetForm"  # noqa: S105 - a class path
# The password-reset form takes at most this many requests from one client address, whatever
# addresses it types ("count/period", the period in s, m, h or d), beside the limit per address +
# client (AXES_FAILURE_LIMIT per cool-off). Generous, because a clinic's staff share one address.
ACCOUNTS_PASSWORD_RESETS_PER_CLIENT = env("ACCOUNTS_PASSWORD_RESETS_PER_CLIENT", default="20/h")
# Attempts are stored under a keyed hash of the user name, never the text typed.
AXES_USERNAME_CALLABLE = "accounts.throttling.lockout_username_key"
# Never store what was typed in the sign-in, second-factor or device forms with an attempt.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "otp_token"]
AXES_RESET_ON_SUCCESS = True
# A request during the lockout does not restart the 15 minutes: the page promises a fixed wait.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Lockouts are seen and cleared in the Wagtail admin (Settings → Locked-out sign-ins), not in
# Django's admin, which this site does not serve.
AXES_ENABLE_ADMIN = False
# Axes would keep every successful sign-in with its user agent; the sign-in activity report
# (accounts.SignInEvent) is the one record of sign-ins.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# wagtail-2fa (django-otp TOTP): on by default; dev.py and test.py turn it off for local runs.
WAGTAIL_2FA_REQUIRED = env.bool("WAGTAIL_2FA_REQUIRED", default=True)
WAGTAIL_2FA_OTP_TOTP_NAME = WAGTAIL_SITE_NAME
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# A staff session ends after this many minutes without a request, and when the browser closes.
STAFF_IDLE_TIMEOUT_MINUTES = env.int("STAFF_IDLE_TIMEOUT_MINUTES", default=30)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# Error emails to ADMINS leave out cookies, client addresses and admin search terms
# (cms/error_reports.py; docs/security.md).
DEFAULT_EXCEPTION_REPORTER = "cms.error_reports.PrivacyExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "cms.error_reports.PrivacyExceptionReporterFilter"
# A contact form sent without a CSRF token (no JavaScript on a cached page) is shown again with
# fresh tokens instead of a bare 403 (leads/public_views.py).
CSRF_FAILURE_VIEW = "leads.cached_form.csrf_failure"
CSRF_COOKIE_HTTPONLY = False
# Page addresses never leave the site in a Referer header: contact and admin URLs can identify a
# visitor's request, and outbound links need no more than nothing.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Browser policies (cms/browser_policies.py; each directive is explained in docs/security.md).
# Public pages: no inline script and no nonce at all, so a full-page cache can serve one copy to
# everyone. JSON-LD blocks are data, never executed, and need no allowance.
MEDIA_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "//" in MEDIA_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": [
            "'self'",
            *([MEDIA_ORIGIN] if MEDIA_ORIGIN else []),
            *s3_media_origins(os.environ),
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# The Wagtail admin (paths under /admin/): the strictest policy under which every admin screen the
# tests open still works (measured: docs/security.md). Its allowances, each needed by Wagtail 7.4:
# - script-src 'unsafe-inline': Wagtail renders inline <script> tags without a nonce (date
#   choosers, the page editor's panels);
# - style-src 'unsafe-inline': style attributes in admin templates and a <style> in the editor;
# - frame-src and frame-ancestors 'self': the page editor's live preview is an admin page in an
#   iframe.
# Never 'unsafe-eval'.
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "interest-cohort": [],
}


# Logs: one line per record on standard output. LOG_FORMAT=json writes each as a JSON object (for
# a log collector); every line carries the request id of the request or task that wrote it.
LOG_FORMAT = env("LOG_FORMAT", default="plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "ops.request_id.RequestIdLogFilter"},
        "secret_paths": {"()": "ops.request_id.SecretPathLogFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "secret_paths"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's search and reference-index tasks log every run at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}

# Operations (ops/conf.py has every OPS_* setting and its default): /health/ready and /metrics.
OPS_HEALTH_TOKEN = env("OPS_HEALTH_TOKEN", default="")
OPS_METRICS_TOKEN = env("OPS_METRICS_TOKEN", default="")
OPS_METRICS_ALLOWED_NETWORKS = env.list("OPS_METRICS_ALLOWED_NETWORKS", default=[])
OPS_HEARTBEAT_MAX_AGE_SECONDS = env.int("OPS_HEARTBEAT_MAX_AGE_SECONDS", default=180)

# Error tracking (optional): Sentry, scrubbed of every visitor value (ops/sentry.py).
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    init_sentry(
        SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default="") or None,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
