"""Gates for tests that need a real service or a browser: skipped locally when it is missing,
failed in CI (CI=true), where every layer must run."""

import os
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django_ratelimit.core import _get_window, _split_rate

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = Path("/usr/bin/chromium")


def require_service(available: bool, reason: str) -> None:
    """Skip a test whose service is missing, except in CI, where a missing service is a failure."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI=true and {reason}: real-service tests must run in CI.")
    pytest.skip(reason)


def port_open(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def rate_window_end(key: str, rate: str) -> tuple[int, int]:
    """(when the current django-ratelimit window of `key` ends, in epoch seconds; its length).
    The library counts in fixed windows, each key with its own offset: requests that must be
    counted together have to fall in one window, so a test starts in a fresh one."""

    _, period = _split_rate(rate)
    return _get_window(key, period), period


def wait_for_a_rate_window(key: str, rate: str, seconds: float) -> None:
    """For a process whose clock a test cannot move (gunicorn): when the key's window ends within
    `seconds`, wait until the next one has begun (the clock is the signal)."""
    end, _ = rate_window_end(key, rate)
    remaining = end - time.time()
    if remaining < seconds:
        time.sleep(remaining + 1)
