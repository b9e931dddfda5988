"""production.py refuses to start without its configuration, and passes Django's deployment
checks once it has it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DJANGO_SECRET_KEY": "k7Qm2vX9pL4tR8wZ1nB6cF3hJ5yT0aE2sD7gK9uM4qW8eR1tY6uI3oP5aS2dF",
    "ALLOWED_HOSTS": "www.clinic.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/clinic_never_connected",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp://mailer:secret@127.0.0.1:587/?tls=True",
    "DEFAULT_FROM_EMAIL": "Evergreen Clinic <care@clinic.example>",
    "WAGTAILADMIN_BASE_URL": "https://www.clinic.example",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base_env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    for name in ("SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        base_env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


# Not required to start, but without it (or the site setting) new leads reach nobody.
STAFF_ADDRESS = {"LEADS_NOTIFY_EMAILS": "intake@clinic.example"}


def test_deploy_check_is_clean_with_every_variable_set():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, **STAFF_ADDRESS}
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_fails_when_no_staff_address_would_hear_of_a_lead():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "leads.W001" in result.stderr
    assert "LEADS_NOTIFY_EMAILS" in result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"])
def test_a_missing_variable_stops_the_start_and_is_named(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Missing required environment variables" in result.stderr
    assert missing in result.stderr


def test_every_missing_variable_is_named_at_once():
    result = manage("check", env={"DJANGO_SETTINGS_MODULE": "cms.settings.production"})
    assert result.returncode != 0
    for name in PRODUCTION_ENV:
        if name != "DJANGO_SETTINGS_MODULE":
            assert name in result.stderr


def test_sqlite_is_refused_in_production():
    result = manage("check", env={**PRODUCTION_ENV, "DATABASE_URL": "sqlite:////tmp/x.sqlite3"})
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_ssl_redirect_can_be_turned_off_for_a_local_run():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECURE_SSL_REDIRECT)",
        env={**PRODUCTION_ENV, "SECURE_SSL_REDIRECT": "false"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("False")


def test_collectstatic_builds_a_manifest(tmp_path):
    static_root = tmp_path / "static"
    result = manage(
        "collectstatic",
        "--no-input",
        "-v",
        "0",
        env={**PRODUCTION_ENV, "STATIC_ROOT": str(static_root)},
    )
    assert result.returncode == 0, result.stderr
    assert (static_root / "staticfiles.json").is_file()
    assert list(static_root.glob("css/site.*.css"))


def test_broker_and_cache_use_separate_redis_databases():
    code = (
        "from django.conf import settings; "
        "print(settings.CELERY_BROKER_URL, settings.CACHES['default']['LOCATION'])"
    )
    result = manage(
        "shell", "-c", code, env={**PRODUCTION_ENV, "REDIS_URL": "redis://cache:6379/4"}
    )
    assert result.returncode == 0, result.stderr
    broker, cache = result.stdout.split()[-2:]
    assert broker == "redis://cache:6379/4"
    assert cache == "redis://cache:6379/5"


def test_the_page_cache_can_have_a_redis_of_its_own():
    # A Redis with a memory limit and allkeys-lru for the pages, apart from the broker and the
    # rate-limit counters (docs/performance.md).
    pages, default, broker = production_values(
        "s.CACHES['pages']['LOCATION']",
        "s.CACHES['default']['LOCATION']",
        "s.CELERY_BROKER_URL",
        REDIS_URL="redis://queue:6379/0",
        PAGE_CACHE_REDIS_URL="redis://pages:6380/0",
    )
    assert pages == "redis://pages:6380/0"
    assert (default, broker) == ("redis://queue:6379/1", "redis://queue:6379/0")
    [shared] = production_values("s.CACHES['pages']['LOCATION']", REDIS_URL="redis://queue:6379/0")
    assert shared == "redis://queue:6379/2"


def production_values(*expressions: str, **extra_env: str) -> list[str]:
    """Evaluate settings expressions in a production process; one printed line each."""
    code = "from django.conf import settings as s; " + "; ".join(
        f"print({expression})" for expression in expressions
    )
    result = manage("shell", "-v", "0", "-c", code, env={**PRODUCTION_ENV, **extra_env})
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_cookies_stay_secure_when_a_proxy_does_the_https_redirect():
    values = production_values(
        "s.SESSION_COOKIE_SECURE",
        "s.CSRF_COOKIE_SECURE",
        "s.WAGTAIL_2FA_REQUIRED",
        "s.SESSION_EXPIRE_AT_BROWSER_CLOSE",
        SECURE_SSL_REDIRECT="false",
    )
    assert values == ["True", "True", "True", "True"]


def test_images_from_the_media_host_are_allowed_when_media_lives_elsewhere():
    values = production_values(
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
        MEDIA_URL="https://media.clinic.example/uploads/",
        SERVE_MEDIA="false",
    )
    assert values == ["[\"'self'\", 'https://media.clinic.example']"]
