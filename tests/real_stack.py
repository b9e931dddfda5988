"""The real-service layer, as a pytest plugin (loaded by `pytest_plugins` in tests/conftest.py):
a private Redis, a recording SMTP server, and Celery worker, beat and gunicorn processes, each a
real process on a free port of its own, around the test's PostgreSQL database. Every process is
ended by its own id."""

import asyncio
import contextlib
import email
import email.policy
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connections

from leads.contact_form import make_shown_at_token
from tests.services import port_open, require_service

REAL_REDIS_DB = 9  # a database number no other part of the project uses


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout: float, interval: float = 0.1, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")


def wait_while_progressing(count, target: int, stall: float, message: str, interval=0.25):
    """Wait until `count()` reaches `target`, for as long as it keeps growing: fail only when it
    stood still for `stall` seconds. For throughput (a burst of deliveries), where a fixed
    deadline measures the machine's load rather than whether the work gets done."""
    last, still_since = count(), time.monotonic()
    while last < target:
        time.sleep(interval)
        now = count()
        if now > last:
            last, still_since = now, time.monotonic()
        elif time.monotonic() - still_since > stall:
            raise AssertionError(f"{message}: stuck at {last} of {target} for {stall}s")


class PrivateRedis:
    """A redis-server of the test's own on a free port, without persistence (like the production
    worst case: a restart loses every queued message). Never the shared one on 6379."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/{REAL_REDIS_DB}"

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(
            lambda: port_open(f"redis://127.0.0.1:{self.port}", self.port), 10, message="redis"
        )

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


@pytest.fixture
def private_redis(tmp_path):
    require_service(shutil.which("redis-server") is not None, "redis-server is not installed")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


class RecordingSMTPHandler:
    """An aiosmtpd handler that records every message it accepts and can be told to misbehave:
    answer 4xx to the first N DATA commands per recipient, answer a fixed reply to RCPT, or stall in
    the first DATA (so a test can kill the sender mid-send)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = []
        self.data_attempts: dict[str, int] = {}
        self.temporary_failures_per_recipient = 0
        self.temporary_reply = "451 4.3.0 Mailbox busy, try again later"
        self.rcpt_reply = None
        self.stall_first_data_seconds = 0.0
        self.data_started = threading.Event()
        self.reply_delay_seconds = 0.0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        recipient = envelope.rcpt_tos[0]
        with self.lock:
            attempt = self.data_attempts.get(recipient, 0) + 1
            self.data_attempts[recipient] = attempt
            first_data = not self.data_started.is_set()
            self.data_started.set()
        if self.reply_delay_seconds:
            await asyncio.sleep(self.reply_delay_seconds)
        if first_data and self.stall_first_data_seconds:
            await asyncio.sleep(self.stall_first_data_seconds)
        if attempt <= self.temporary_failures_per_recipient:
            return self.temporary_reply
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(
                {"to": recipient, "subject": str(message["Subject"]), "message": message}
            )
        return "250 Message accepted"

    def received_for(self, recipient: str) -> list[dict]:
        with self.lock:
            return [item for item in self.received if item["to"] == recipient]

    def count(self) -> int:
        with self.lock:
            return len(self.received)


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on a free port; `.handler` records and misbehaves on demand."""
    handler = RecordingSMTPHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.handler_object = handler
    yield controller
    controller.stop()


def current_database_url() -> str:
    """The URL of the database this test process (xdist worker) is using, for subprocesses."""
    db = connections["default"].settings_dict
    user = db.get("USER") or "postgres"
    return (
        f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


class RealStack:
    """Environment and processes of the real layer; every process is ended by its own id."""

    def __init__(self, redis: PrivateRedis, smtp, directory: Path):
        self.redis = redis
        self.smtp = smtp
        self.directory = directory
        self.processes: dict[str, subprocess.Popen] = {}
        self.web_port = None

    def environment(self, **extra) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PYTEST_", "CELERY_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.real_services",
            DATABASE_URL=current_database_url(),
            CELERY_BROKER_URL=self.redis.url,
            SMTP_PORT=str(self.smtp.port),
            LEADS_SWEEP_INTERVAL_SECONDS="1",
            PYTHONUNBUFFERED="1",
        )
        env.update({key: str(value) for key, value in extra.items()})
        return env

    def spawn(self, name: str, command: list[str], **extra_env) -> subprocess.Popen:
        log = open(self.directory / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=self.environment(**extra_env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log_file = log
        self.processes[name] = process
        return process

    def kill(self, name: str) -> None:
        """SIGKILL a process this stack started, with its whole process group (a worker's pool)."""
        process = self.processes.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
        process.log_file.close()

    def log(self, name: str) -> str:
        return (self.directory / f"{name}.log").read_text(errors="replace")

    def start_worker(self, name: str = "worker", **extra_env) -> subprocess.Popen:
        """A Celery worker; `name` tells two apart (log file, node name), as on two machines."""
        process = self.spawn(
            name,
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cms",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
                "--hostname",
                f"{name}-{self.redis.port}@%h",
            ],
            **extra_env,
        )
        wait_until(lambda: " ready." in self.log(name), 60, message=f"the Celery {name}")
        return process

    def start_beat(self) -> subprocess.Popen:
        return self.spawn(
            "beat",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cms",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(self.directory / "beat-schedule"),
            ],
        )

    def start_web(self, workers: int = 1, **extra_env) -> str:
        self.web_port = free_port()
        self.spawn(
            "web",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi",
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
                "--no-control-socket",
            ],
            **extra_env,
        )
        wait_until(
            lambda: port_open(f"http://127.0.0.1:{self.web_port}", self.web_port),
            30,
            message="gunicorn",
        )
        return f"http://127.0.0.1:{self.web_port}"

    def worker_children(self) -> list[int]:
        """Pids of the worker's pool processes (the ones that run tasks)."""
        parent = self.processes["worker"].pid
        children = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                children.append(int(entry.name))
        return children

    def stop_all(self):
        """SIGTERM every process still running (its whole group), the last started first, then
        wait for each: they shut down side by side (a worker takes about 2 s, gunicorn 1 s, beat
        1 s), not one after the other. A process that does not stop within 15 s is killed."""
        stopping = []
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                    stopping.append(process)
        deadline = time.monotonic() + 15
        for process in stopping:
            try:
                process.wait(max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        for process in self.processes.values():
            process.log_file.close()


def wait_for_other_sessions_to_end(timeout: float = 10) -> None:
    """PostgreSQL ends a stopped process's session a moment after the process is gone; until then
    the test database cannot be flushed or dropped ("being accessed by other users"). Wait for
    that signal rather than race it; give up quietly after `timeout` (the flush then says why)."""
    deadline = time.monotonic() + timeout
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


@pytest.fixture
def real_stack(require_postgres, transactional_db, private_redis, smtp_server, tmp_path):
    """The real layer's processes around this test's PostgreSQL database. Requests
    transactional_db, so everything the test writes is committed where the processes see it, and
    is stopped before the database is flushed."""
    stack = RealStack(private_redis, smtp_server, tmp_path)
    yield stack
    stack.stop_all()
    wait_for_other_sessions_to_end()
    connections.close_all()


# What the real-service tests post, and where their emails go.
VISITOR = "jordan@example.org"
STAFF = "intake@clinic.example"


def post_contact_form(base_url: str, contact_page, session=None, **overrides):
    """GET the contact page and, as its script does, the visitor's tokens; then POST a valid form
    over HTTP (in `session`, a requests.Session, to go on as the same visitor). Returns the
    response and how long the POST took."""
    session = session or requests.Session()
    page_url = base_url + contact_page.url
    session.get(page_url, timeout=10).raise_for_status()
    tokens = session.get(base_url + "/contact-form/tokens/", timeout=10).json()
    data = {
        "csrfmiddlewaretoken": tokens["csrfmiddlewaretoken"],
        "full_name": "Jordan Rivera",
        "email": VISITOR,
        "phone": "(503) 555-0100",
        "preferred_contact_method": "phone",
        "best_time": "Mornings",
        "message": "Private words that never go into email.",
        "consent": "on",
        "website": "",
        "shown_at": make_shown_at_token(time.time() - 60),
        **overrides,
    }
    started = time.monotonic()
    response = session.post(page_url, data=data, allow_redirects=False, timeout=30)
    return response, time.monotonic() - started
