"""A web request that queues a task must never hang on the broker: publishing to a Redis that is
down, silent or unreachable gives up within about two seconds, with the project's own settings."""

import socket
import threading
import time

import pytest
from celery import Celery

LIMIT_SECONDS = 2.5


def publisher_for(broker_url: str) -> Celery:
    """A Celery app with this project's CELERY_* settings, pointed at `broker_url`."""
    app = Celery("broker-timeout-probe")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.broker_url = broker_url
    app.conf.task_always_eager = False
    return app


def time_publish(broker_url: str) -> tuple[float, Exception | None]:
    app = publisher_for(broker_url)
    started = time.monotonic()
    error = None
    try:
        app.send_task("probe.noop")
    except Exception as exc:
        error = exc
    finally:
        app.close()
    return time.monotonic() - started, error


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_server():
    """Accepts TCP connections and never answers: a hung Redis."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    accepted, stop = [], threading.Event()

    def accept_forever():
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_forever, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(1)
    for connection in accepted:
        connection.close()
    server.close()


@pytest.fixture
def black_hole_port():
    """A port whose listen backlog is full, so a new connection attempt never completes: on
    loopback, this behaves like a Redis host that drops packets."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    filler = socket.create_connection(("127.0.0.1", port), 1)
    yield port
    filler.close()
    server.close()


def test_publish_to_a_stopped_redis_fails_fast():
    elapsed, error = time_publish(f"redis://127.0.0.1:{free_port()}/0")
    assert error is not None, "publishing to a closed port must raise, not pretend to succeed"
    assert elapsed < LIMIT_SECONDS


def test_publish_to_a_silent_redis_gives_up_within_two_seconds(silent_server):
    elapsed, error = time_publish(f"redis://127.0.0.1:{silent_server}/0")
    assert error is not None
    assert elapsed < LIMIT_SECONDS


def test_publish_to_an_unreachable_redis_gives_up_within_two_seconds(black_hole_port):
    elapsed, error = time_publish(f"redis://127.0.0.1:{black_hole_port}/0")
    assert error is not None
    assert elapsed < LIMIT_SECONDS


def test_publish_to_a_running_redis_succeeds(redis_url):
    """The same settings do reach a live Redis (on a database number of the tests' own)."""
    import redis

    url = redis_url.rsplit("/", 1)[0] + "/13"
    _elapsed, error = time_publish(url)
    assert error is None
    client = redis.Redis.from_url(url)
    try:
        assert client.llen("celery") >= 1
    finally:
        client.delete("celery")
        client.close()
