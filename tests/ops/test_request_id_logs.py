"""Request ids and JSON logs: every line a request writes carries its id, the id goes out in the
response and into the headers of the tasks the request queues, and no line holds what the visitor
typed."""

import io
import json
import logging
import logging.config
import types

import pytest
from django.conf import settings as django_settings

from leads.models import Lead
from ops.celery_signals import add_request_id_to_task_headers, use_request_id_of_task
from ops.request_id import TASK_HEADER, current_request_id
from tests.leads.test_privacy import RECOGNISABLE
from tests.personal_data import assert_holds_none_of, printed_forms

pytestmark = pytest.mark.django_db

PROXY_ID = "0f8e2b7c9d1a4e6f8a0b2c4d6e8f0a1b"


@pytest.fixture
def json_log_lines():
    """Every log record, formatted as LOG_FORMAT=json formats it (the project's own formatter and
    request-id filter from settings.LOGGING), into a buffer; yields a function returning the
    parsed lines so far."""
    config = django_settings.LOGGING
    configurator = logging.config.DictConfigurator(config)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(configurator.configure_formatter(dict(config["formatters"]["json"])))
    handler.addFilter(configurator.configure_filter(dict(config["filters"]["request_id"])))
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)  # production's level; Celery's DEBUG lines are import noise
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(previous_level)


def test_every_response_carries_a_new_request_id(client):
    first = client.get("/health/live")["X-Request-ID"]
    second = client.get("/health/live")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_visitors_own_request_id_is_not_believed_without_a_trusted_proxy(client):
    response = client.get("/health/live", headers={"X-Request-ID": PROXY_ID})
    assert response["X-Request-ID"] != PROXY_ID


def test_the_trusted_proxys_request_id_is_used(client, settings):
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    response = client.get("/health/live", headers={"X-Request-ID": PROXY_ID})
    assert response["X-Request-ID"] == PROXY_ID


def test_a_request_id_that_could_carry_text_is_replaced(client, settings):
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    for given in ["short", "has spaces in it, and more", "x" * 129, 'quote"inside-1234']:
        response = client.get("/health/live", headers={"X-Request-ID": given})
        assert response["X-Request-ID"] != given


# Committed for real, so the emails queued on commit run (inline) inside the request, as the
# worker runs them under the request's id.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_json_log_line_of_a_contact_request_carries_its_id_and_no_visitor_value(
    client, contact_page, contact_form_data, json_log_lines, settings
):
    settings.LEADS_NOTIFY_EMAILS = []  # also exercises the "nobody to notify" error log
    response = client.post(contact_page.url, contact_form_data(**RECOGNISABLE))
    assert response.status_code == 303
    request_id = response["X-Request-ID"]
    lead = Lead.objects.get()
    lines = json_log_lines()
    assert {line["request_id"] for line in lines} == {request_id}
    messages = [line["message"] for line in lines]
    assert f"POST {contact_page.url} 303" in " ".join(messages)
    assert any(f"about lead #{lead.pk})" in message for message in messages), messages
    assert any(line["level"] == "ERROR" for line in lines), "the nobody-to-notify error"
    assert {"time", "level", "logger", "process", "message"} <= set(lines[0])
    assert_holds_none_of(
        "\n".join(json.dumps(line) for line in lines), printed_forms(**RECOGNISABLE), "the log"
    )


def test_a_query_string_never_reaches_the_request_log_line(client, json_log_lines):
    client.get("/health/live?email=quentin.zebulon@example.org")
    (line,) = [line for line in json_log_lines() if line["logger"] == "ops.request"]
    assert line["message"].startswith("GET /health/live 200 ")
    assert "quentin" not in json.dumps(line)


def test_the_request_id_travels_in_task_headers_and_is_current_while_the_task_runs():
    headers = {}
    token = current_request_id.set(PROXY_ID)
    try:
        add_request_id_to_task_headers(headers=headers)
    finally:
        current_request_id.reset(token)
    assert headers == {TASK_HEADER: PROXY_ID}

    task = types.SimpleNamespace(
        request=types.SimpleNamespace(is_eager=False, **{TASK_HEADER: PROXY_ID})
    )
    use_request_id_of_task(task=task)
    try:
        assert current_request_id.get() == PROXY_ID
    finally:
        current_request_id.reset(task.request.ops_request_id_token)


@pytest.fixture
def redacted_log_lines(json_log_lines):
    """The JSON log lines with the secret-path filter of settings.LOGGING also applied, as the
    console handler applies it."""
    config = django_settings.LOGGING
    configurator = logging.config.DictConfigurator(config)
    handler = logging.getLogger().handlers[-1]
    secret_filter = configurator.configure_filter(dict(config["filters"]["secret_paths"]))
    handler.addFilter(secret_filter)
    yield json_log_lines
    handler.removeFilter(secret_filter)


@pytest.mark.parametrize(
    "path",
    [
        "/call/S3cretKeyOfAVisitor:1xaXNw:SignatureOfTheLink/",
        "/es/call/S3cretKeyOfAVisitor:1xaXNw:SignatureOfTheLink/cancel/",
        "/calls/feed/S3cretKeyOfAVisitor.ics",
    ],
)
def test_private_links_never_reach_the_logs(client, redacted_log_lines, path):
    """A visitor's booking link and a staff calendar feed are secrets: neither the request line
    nor Django's "Not Found" warning writes them."""
    client.get(path)
    lines = redacted_log_lines()
    assert any("…" in line["message"] for line in lines)
    assert not [line for line in lines if "S3cretKeyOfAVisitor" in json.dumps(line)], lines
