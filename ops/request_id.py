"""One id per web request, on every log line the request writes and on every Celery task it
queues, so one `grep` follows a contact request from the POST to the emails sent for it."""

import contextvars
import logging
import re
import time
import uuid

from django.conf import settings

from ops.conf import ops_setting

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "current_request_id", default=""
)
# The Celery message header that carries the id from the web process to the worker.
TASK_HEADER = "clinic_request_id"
RESPONSE_HEADER = "X-Request-ID"
# A proxy's id is believed only when it looks like one: nothing a log reader could mistake for
# another field, nothing long enough to carry a message.
ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

request_logger = logging.getLogger("ops.request")


def new_request_id() -> str:
    return uuid.uuid4().hex


def request_id_from(request) -> str:
    """The id a trusted proxy gave the request (X-Request-ID), else a new one. Without a trusted
    proxy (LEADS_TRUSTED_PROXY_COUNT=0) a visitor could choose their own id, so none is believed."""
    if getattr(settings, "LEADS_TRUSTED_PROXY_COUNT", 0) > 0:
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        if ACCEPTABLE_ID.match(given):
            return given
    return new_request_id()


class RequestIdMiddleware:
    """Gives the request its id, returns it in the response, and writes one log line per request
    (method, path without the query string, status, duration) carrying it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request)
        request.request_id = request_id
        token = current_request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[RESPONSE_HEADER] = request_id
            request_logger.info(
                "%s %s %s %.1fms",
                request.method,
                request.path,
                response.status_code,
                (time.monotonic() - started) * 1000,
            )
            return response
        finally:
            current_request_id.reset(token)


def secret_paths():
    """A pattern matching the secret part of OPS_SECRET_PATH_PREFIXES' addresses, with or without
    a language prefix (/es/call/…)."""
    prefixes = "|".join(re.escape(prefix) for prefix in ops_setting("OPS_SECRET_PATH_PREFIXES"))
    return re.compile(rf"((?:/[a-z]{{2}}(?:-[a-z]+)?)?(?:{prefixes}))[^/\s?\"']+")


class SecretPathLogFilter(logging.Filter):
    """Keeps secret links out of the logs: this app's one line per request and Django's own
    "Not Found: /call/…" warnings would otherwise write a visitor's private booking link, or a
    staff member's calendar address, into every log collector."""

    def filter(self, record):
        pattern = secret_paths()
        message = record.getMessage()
        redacted = pattern.sub(r"\1…", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        # Django's request warnings also carry the request, which a JSON log line prints; it is
        # replaced by its redacted text (this filter is the last to see the record: the console
        # handler is the root's, after the "django" logger's own).
        request = getattr(record, "request", None)
        if request is not None and pattern.search(str(request)):
            record.request = pattern.sub(r"\1…", str(request))
        return True


class RequestIdLogFilter(logging.Filter):
    """Adds `request_id` to every log record: the current request's or task's, or "-"."""

    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id.get() or "-"
        return True
