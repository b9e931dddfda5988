"""Redis connections for the Django caches that give up quickly while Redis is unreachable.

The caches ignore Redis errors (IGNORE_EXCEPTIONS), so an outage already degrades to uncached
pages. What it still costs is time: a page asks the caches a dozen things (the page itself, site
settings, navigation, renditions, rate limits), and with Redis silent each question waits for the
socket timeout. These connections remember, per process and per server, that Redis just failed,
and for CACHE_RETRY_AFTER_SECONDS fail every call at once instead of waiting again; then one call
tries again, and when Redis is back the caches are used again.
"""

import threading
import time

from django.conf import settings
from redis.backoff import NoBackoff
from redis.connection import Connection, SSLConnection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

_lock = threading.Lock()
_unreachable_until: dict[tuple, float] = {}


def retry_after_seconds() -> float:
    return float(getattr(settings, "CACHE_RETRY_AFTER_SECONDS", 5.0))


def server_key(connection) -> tuple:
    return (connection.host, connection.port)


def mark_unreachable(connection) -> None:
    with _lock:
        _unreachable_until[server_key(connection)] = time.monotonic() + retry_after_seconds()


def is_marked_unreachable(connection) -> bool:
    with _lock:
        until = _unreachable_until.get(server_key(connection))
    return until is not None and time.monotonic() < until


def forget_unreachable_servers() -> None:
    """Try every server again on the next call (tests call this between scenarios)."""
    with _lock:
        _unreachable_until.clear()


class FailFastMixin:
    """Refuse to connect while the server is marked unreachable; mark it on a failed connect or a
    read that timed out."""

    def connect(self):
        if is_marked_unreachable(self):
            raise RedisConnectionError(
                f"Redis at {self.host}:{self.port} failed less than "
                f"{retry_after_seconds():g} s ago; not waiting on it again yet."
            )
        try:
            super().connect()
        except (RedisConnectionError, RedisTimeoutError, OSError):
            mark_unreachable(self)
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError):
            mark_unreachable(self)
            raise


class FailFastConnection(FailFastMixin, Connection):
    """A plain TCP connection (redis://) that fails fast during an outage."""


class FailFastSSLConnection(FailFastMixin, SSLConnection):
    """A TLS connection (rediss://) that fails fast during an outage."""


def connection_pool_kwargs(url: str) -> dict:
    """django-redis CONNECTION_POOL_KWARGS: fail-fast connections, and no retries inside a call
    (redis-py retries three times with backoff by default, which multiplies every timeout)."""
    connection_class = FailFastSSLConnection if url.startswith("rediss://") else FailFastConnection
    return {"connection_class": connection_class, "retry": Retry(NoBackoff(), 0)}
