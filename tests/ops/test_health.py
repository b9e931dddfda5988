"""/health/live and /health/ready: what a load balancer and the person on call see."""

import datetime

import pytest
import time_machine
from celery import current_app
from django.utils import timezone

from ops.heartbeat import DELIVERY_SWEEP, record_heartbeat
from ops.models import WorkerHeartbeat
from outbox.tasks import sweep_email_deliveries
from tests.cms.test_production_settings import PRODUCTION_ENV, manage
from tests.real_stack import free_port

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 15, 0, tzinfo=datetime.UTC)
TOKEN = "health-token-for-tests-7f3a9c"


@pytest.fixture
def with_worker(settings):
    """As in production: tasks go to a worker, so readiness waits on its heartbeat."""
    settings.CELERY_TASK_ALWAYS_EAGER = False


def assert_never_cached_and_sessionless(response):
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert not response.cookies, f"set cookies: {list(response.cookies)}"


def test_live_answers_200_without_a_cookie_or_cache_headers_allowing_reuse(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert_never_cached_and_sessionless(response)


def test_ready_answers_200_when_every_check_passes(client, with_worker):
    record_heartbeat(DELIVERY_SWEEP)
    response = client.get("/health/ready")
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok", "failing": []}
    assert_never_cached_and_sessionless(response)


def test_a_stale_worker_heartbeat_makes_ready_503_naming_only_that_check(client, with_worker):
    with time_machine.travel(NOW, tick=False):
        record_heartbeat(DELIVERY_SWEEP)
    with time_machine.travel(NOW + datetime.timedelta(minutes=3, seconds=1), tick=False):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failing": ["worker_heartbeat"]}
    assert_never_cached_and_sessionless(response)


def test_a_heartbeat_within_three_minutes_is_enough(client, with_worker):
    with time_machine.travel(NOW, tick=False):
        record_heartbeat(DELIVERY_SWEEP)
    with time_machine.travel(NOW + datetime.timedelta(minutes=2, seconds=59), tick=False):
        assert client.get("/health/ready").status_code == 200


def test_no_heartbeat_ever_is_a_failure_when_a_worker_is_expected(client, with_worker):
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker_heartbeat"]


def test_a_cache_and_a_broker_that_do_not_answer_are_named(client, settings, with_worker):
    record_heartbeat(DELIVERY_SWEEP)
    closed = free_port()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed}/1",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "IGNORE_EXCEPTIONS": True},
        },
    }
    broker_url = current_app.conf.broker_url
    current_app.conf.broker_url = f"redis://127.0.0.1:{closed}/0"
    try:
        response = client.get("/health/ready")
    finally:
        current_app.conf.broker_url = broker_url
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache", "celery_broker"]


def test_details_show_only_with_the_token(client, settings, with_worker):
    settings.OPS_HEALTH_TOKEN = TOKEN
    with time_machine.travel(NOW, tick=False):
        record_heartbeat(DELIVERY_SWEEP)
    with time_machine.travel(NOW + datetime.timedelta(minutes=10), tick=False):
        public = client.get("/health/ready")
        wrong = client.get("/health/ready", headers={"Authorization": "Bearer not-the-token"})
        detailed = client.get("/health/ready", headers={"Authorization": f"Bearer {TOKEN}"})
    for response in (public, wrong):
        assert set(response.json()) == {"status", "failing"}
        assert "600s" not in response.content.decode()
    checks = detailed.json()["checks"]
    assert set(checks) == {
        "database",
        "cache",
        "celery_broker",
        "media_storage",
        "migrations",
        "worker_heartbeat",
    }
    assert checks["worker_heartbeat"]["ok"] is False
    assert "last delivery sweep 600s ago" in checks["worker_heartbeat"]["error"]
    assert checks["database"] == {
        "ok": True,
        "error": "",
        "milliseconds": pytest.approx(0, abs=5000),
    }


def test_unapplied_migrations_are_named(client, with_worker, monkeypatch):
    record_heartbeat(DELIVERY_SWEEP)
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        lambda self, targets: [("a migration", False)],
    )
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failing"] == ["migrations"]


def test_health_endpoints_are_never_rate_limited(client, with_worker):
    record_heartbeat(DELIVERY_SWEEP)
    statuses = {client.get(path).status_code for path in ["/health/ready", "/health/live"] * 30}
    assert statuses == {200}


def test_embedded_mode_needs_no_worker_heartbeat(client):
    assert client.get("/health/ready").status_code == 200


def test_the_delivery_sweep_records_the_heartbeat_with_the_worker_name():
    with time_machine.travel(NOW, tick=False):
        sweep_email_deliveries.apply()
    heartbeat = WorkerHeartbeat.objects.get(name=DELIVERY_SWEEP)
    assert heartbeat.beat_at == NOW
    assert timezone.is_aware(heartbeat.beat_at)


def test_production_probes_over_plain_http_are_not_redirected_to_https():
    """A load balancer probes the web process directly over HTTP; the https redirect would answer
    every probe with 301."""
    probe = (
        "from django.test import Client; c = Client(HTTP_HOST='www.clinic.example'); "
        "print(c.get('/health/live').status_code, c.get('/robots.txt').status_code)"
    )
    result = manage("shell", "--no-imports", "-c", probe, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["200", "301"]
