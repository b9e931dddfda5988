"""A web request that queues a task must never hang on the broker: publishing to a Redis that is
down, silent or unreachable gives up within about two seconds, with the project's own settings.

The proof is not a stopwatch (on a busy machine a fast path can still take seconds of CPU): each
test records every network wait the publish makes towards the broker, with the timeout it was
given, and checks that the worst case, every wait running to its timeout, stays within the limit.
A retry, or a wait without a timeout, breaks that bound whatever the machine's load."""

import socket
import threading

import pytest
import redis
from celery import Celery

LIMIT_SECONDS = 2.5


def publisher_for(broker_url: str) -> Celery:
    """A Celery app with this project's CELERY_* settings, pointed at `broker_url`."""
    app = Celery("broker-timeout-probe")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.broker_url = broker_url
    app.conf.task_always_eager = False
    return app


class BrokerWaits:
    """Every blocking socket call the publish makes towards one port, with its timeout."""

    def __init__(self, port: int):
        self.port = port
        self.waits: list[tuple[str, float | None]] = []

    def worst_case_seconds(self) -> float:
        assert self.waits, "the publish never tried the broker"
        assert all(timeout is not None for _, timeout in self.waits), (
            f"a wait without a timeout could hang forever: {self.waits}"
        )
        return sum(timeout for _, timeout in self.waits)


@pytest.fixture
def broker_waits(monkeypatch):
    """Spy on socket connects and reads to the broker's port (the calls that could hang)."""
    spies = []
    original_connect = socket.socket.connect
    original_recv_into = socket.socket.recv_into
    original_recv = socket.socket.recv

    def peer_port(sock) -> int | None:
        try:
            return sock.getpeername()[1]
        except OSError:
            return None

    def connect(sock, address):
        for spy in spies:
            if isinstance(address, tuple) and address[1] == spy.port:
                spy.waits.append(("connect", sock.gettimeout()))
        return original_connect(sock, address)

    def recording(original, name):
        def call(sock, *args, **kwargs):
            port = peer_port(sock)
            for spy in spies:
                if port == spy.port:
                    spy.waits.append((name, sock.gettimeout()))
            return original(sock, *args, **kwargs)

        return call

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "recv_into", recording(original_recv_into, "recv_into"))
    monkeypatch.setattr(socket.socket, "recv", recording(original_recv, "recv"))

    def spy_on(port: int) -> BrokerWaits:
        spy = BrokerWaits(port)
        spies.append(spy)
        return spy

    return spy_on


def publish(broker_url: str) -> Exception | None:
    app = publisher_for(broker_url)
    error = None
    try:
        app.send_task("probe.noop")
    except Exception as exc:
        error = exc
    finally:
        app.close()
    return error


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


def test_publish_to_a_stopped_redis_fails_fast(broker_waits):
    port = free_port()
    waits = broker_waits(port)
    error = publish(f"redis://127.0.0.1:{port}/0")
    assert error is not None, "publishing to a closed port must raise, not pretend to succeed"
    assert [kind for kind, _ in waits.waits] == ["connect"], "one attempt, no retry"
    assert waits.worst_case_seconds() < LIMIT_SECONDS


def test_publish_to_a_silent_redis_gives_up_within_two_seconds(silent_server, broker_waits):
    waits = broker_waits(silent_server)
    error = publish(f"redis://127.0.0.1:{silent_server}/0")
    assert error is not None
    assert waits.worst_case_seconds() < LIMIT_SECONDS, waits.waits


def test_publish_to_an_unreachable_redis_gives_up_within_two_seconds(black_hole_port, broker_waits):
    waits = broker_waits(black_hole_port)
    error = publish(f"redis://127.0.0.1:{black_hole_port}/0")
    assert error is not None
    assert waits.worst_case_seconds() < LIMIT_SECONDS, waits.waits


def test_publish_to_a_running_redis_succeeds(redis_url):
    """The same settings do reach a live Redis (on a database number of the tests' own)."""

    url = redis_url.rsplit("/", 1)[0] + "/13"
    assert publish(url) is None
    client = redis.Redis.from_url(url)
    try:
        assert client.llen("celery") >= 1
    finally:
        client.delete("celery")
        client.close()
