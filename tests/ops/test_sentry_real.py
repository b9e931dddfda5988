"""Error tracking: a real web-process error and a real task error reach a local Sentry-compatible
HTTP sink, tagged with the git commit, with none of the visitor's values in them."""

import gzip
import json
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import pytest
from django.conf import settings

from tests.leads.test_privacy import RECOGNISABLE
from tests.personal_data import assert_holds_none_of, printed_forms
from tests.real_stack import current_database_url, free_port, wait_until

pytestmark = [
    pytest.mark.real_services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class SentrySink(BaseHTTPRequestHandler):
    """Accepts Sentry envelopes (POST /api/<project>/envelope/) and keeps their decoded bodies."""

    received: list[bytes]

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":  # the SDK's choice when brotli is installed
            body = brotli.decompress(body)
        self.server.received.append(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_sink():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), SentrySink)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def events_in(bodies: list[bytes]) -> list[dict]:
    """The event items of the received envelopes (header line, then item header and payload)."""
    events = []
    for body in bodies:
        lines = body.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                events.append(json.loads(payload))
    return events


def test_view_and_task_errors_arrive_scrubbed_and_tagged_with_the_commit(
    require_postgres, sentry_sink, contact_page, contact_form_data
):
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True
    ).stdout.strip()
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "CELERY_", "SENTRY_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.real_services",
        DATABASE_URL=current_database_url(),
        CELERY_BROKER_URL=f"redis://127.0.0.1:{free_port()}/9",  # nothing is queued
        SMTP_PORT=str(free_port()),
        SENTRY_DSN=f"http://publickey@127.0.0.1:{sentry_sink.server_port}/42",
        SENTRY_ENVIRONMENT="test",
    )
    form = contact_form_data(**RECOGNISABLE)
    probe = subprocess.run(
        [sys.executable, "-m", "tests.ops.sentry_probe", json.dumps(form)],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stdout + probe.stderr
    assert "view answered 500" in probe.stdout and "task ended FAILURE" in probe.stdout

    wait_until(lambda: len(events_in(sentry_sink.received)) >= 2, 10, message="two events")
    events = events_in(sentry_sink.received)
    mechanisms = {event["exception"]["values"][-1]["mechanism"]["type"] for event in events}
    assert {"django", "celery"} <= mechanisms, mechanisms
    for event in events:
        assert event["release"] == commit
        assert event["environment"] == "test"
        assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    (view_event,) = [
        e for e in events if e["exception"]["values"][-1]["mechanism"]["type"] == "django"
    ]
    assert view_event["request"]["method"] == "POST", view_event["request"]
    assert view_event["request"]["url"] == "http://localhost" + contact_page.url
    assert not {"data", "cookies", "query_string"} & set(view_event["request"])
    everything = b"\n".join(sentry_sink.received).decode()
    assert "visitor-cookie" not in everything
    assert_holds_none_of(everything, printed_forms(**RECOGNISABLE), "the Sentry events")
