"""Error reports and alerts: the error emails to ADMINS carry no session or CSRF
cookie, no client address and no admin search terms; the "delivery failed" alert masks email
addresses; gunicorn's access log records no client address, query string, referrer or user agent,
however gunicorn is started from the project's directory (gunicorn.conf.py)."""

import contextlib
import json
import logging
import os
import shlex
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils.log import AdminEmailHandler

from leads.models import LeadEmailKind
from outbox.delivery import mark_failed
from outbox.models import EmailDelivery
from tests.factories import LeadFactory
from tests.personal_data import assert_holds_none_of
from tests.real_stack import free_port, port_open, wait_until

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SESSION_VALUE = "sessionvalue7c1e2b9d"
CSRF_VALUE = "csrfvalue4f8a0d3c6b"
CLIENT_ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.23"
SEARCH = "Jordan Rivera"


def fail_while_searching(search_term):
    # A local variable holding the search term, as a view's frame would.
    query = search_term
    raise ValueError(f"broke while searching for {query}")


def test_error_emails_hide_cookies_addresses_and_search_terms(settings):
    settings.ADMINS = [("Admin", "admin@clinic.example")]
    settings.DEBUG = False
    request = RequestFactory().get(
        "/admin/contact-requests/",
        {"q": SEARCH, "status": "new"},
        REMOTE_ADDR=CLIENT_ADDRESS,
        HTTP_X_FORWARDED_FOR=FORWARDED,
        HTTP_COOKIE=f"sessionid={SESSION_VALUE}; csrftoken={CSRF_VALUE}",
    )
    request.META["CSRF_COOKIE"] = CSRF_VALUE
    try:
        fail_while_searching(request.GET["q"])
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), exc_info
    )
    record.request = request
    record.status_code = 500
    handler = AdminEmailHandler(include_html=True)
    handler.emit(record)
    message = mail.outbox[-1]
    secrets = {SESSION_VALUE, CSRF_VALUE, CLIENT_ADDRESS, FORWARDED, SEARCH, "Jordan+Rivera"}
    assert_holds_none_of(message.subject, secrets, "the error email's subject")
    assert_holds_none_of(message.body, secrets, "the error email")
    assert_holds_none_of(message.alternatives[0][0], secrets, "the error email's HTML")
    # Still useful: the error, the path and the harmless filters are there.
    assert "ValueError" in message.body
    assert "/admin/contact-requests/" in message.body
    assert "status" in message.body


@pytest.mark.django_db
def test_the_delivery_failed_alert_masks_addresses_in_the_smtp_reply(settings):
    settings.ADMINS = [("Admin", "admin@clinic.example")]
    lead = LeadFactory(email="jordan.rivera@example.org")
    delivery = EmailDelivery.objects.create(
        about=lead, kind=LeadEmailKind.CONFIRMATION, recipient=lead.email
    )
    mark_failed(
        delivery,
        "550 5.1.1 <jordan.rivera@example.org>: Recipient address rejected; "
        "also cc JORDAN@Example.ORG",
    )
    alert = mail.outbox[-1]
    assert "550 5.1.1" in alert.body
    assert "jordan.rivera@example.org" not in alert.body.lower()
    assert "jordan@example.org" not in alert.body.lower()


def procfile_web_command() -> str:
    for line in (BASE_DIR / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError("Procfile has no web process")


def gunicorn_access_log(tmp_path, command: list[str], environment: dict) -> str:
    """Start gunicorn with `command` in the project directory, send it one request carrying a
    query string, a referrer, a user agent and a forwarded address, and return what it wrote to
    standard output (its access log)."""
    port = free_port()
    access_log = tmp_path / "stdout.log"
    with access_log.open("w") as output:
        process = subprocess.Popen(
            [part.replace("{port}", str(port)) for part in command],
            cwd=BASE_DIR,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "cms.settings.test",
                "WEB_CONCURRENCY": "1",
                "PORT": str(port),
                **environment,
            },
            stdout=output,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            wait_until(lambda: port_open(f"http://127.0.0.1:{port}", port), 30, message="web")
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/static/no-such-file.css?utm_campaign=secretcampaign",
                headers={
                    "Referer": "https://search.example/?q=secretsearch",
                    "User-Agent": "SecretAgent/1.0",
                    "X-Forwarded-For": FORWARDED,
                },
            )
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(request, timeout=10)
            wait_until(lambda: access_log.read_text().strip(), 10, message="access log line")
        finally:
            os.killpg(process.pid, 15)
            process.wait(15)
    return access_log.read_text()


def test_gunicorns_access_log_holds_no_client_address_and_no_query_string(tmp_path):
    line = gunicorn_access_log(
        tmp_path,
        ["bash", "-c", "exec " + procfile_web_command()],
        {
            "BIND_ADDRESS": "127.0.0.1",
            "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        },
    )
    assert "/static/no-such-file.css" in line
    for private in ("127.0.0.1", "secretcampaign", "secretsearch", "utm_campaign"):
        assert private not in line, f"the access log holds {private!r}: {shlex.quote(line)}"


PRIVATE_REQUEST_VALUES = (
    "secretcampaign",
    "utm_campaign",
    "secretsearch",
    FORWARDED,
    "127.0.0.1",
    "SecretAgent",
)


@pytest.mark.parametrize(
    ("extra_arguments", "log_format"),
    [
        pytest.param([], "plain", id="plain"),
        # What an operator adds to a systemd unit or a container's command to see requests.
        pytest.param(["--access-logfile", "-"], "plain", id="access-log-asked-for"),
        # For a log collector: the access lines are JSON like the application's.
        pytest.param([], "json", id="json"),
    ],
)
def test_gunicorn_started_the_plain_way_logs_no_address_query_referrer_or_user_agent(
    tmp_path, extra_arguments, log_format
):
    line = gunicorn_access_log(
        tmp_path,
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "cms.wsgi",
            "--bind",
            "127.0.0.1:{port}",
            *extra_arguments,
        ],
        {"LOG_FORMAT": log_format},
    )
    assert "/static/no-such-file.css" in line
    for private in PRIVATE_REQUEST_VALUES:
        assert private not in line, f"the access log holds {private!r}: {shlex.quote(line)}"
    if log_format == "json":
        (record,) = [json.loads(each) for each in line.splitlines() if "no-such-file" in each]
        assert record["logger"] == "gunicorn.access"
        assert "/static/no-such-file.css" in record["message"]
