"""Error tracking with Sentry (optional: SENTRY_DSN). Reports say where the code failed, never what
a visitor typed: no form data, cookies, query strings, log message text or local variables."""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration

from ops.request_id import secret_paths

FILTERED = "[Filtered]"
# Only these request headers are kept: the rest can carry cookies, tokens or the visitor's address.
KEPT_HEADERS = {"accept", "accept-language", "content-type", "content-length", "host", "user-agent"}


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Drop everything in an event that could hold a visitor's values."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        if isinstance(request.get("url"), str):
            # Without the query string, nor a private link's secret (ops.request_id).
            request["url"] = secret_paths().sub(r"\1…", request["url"].split("?", 1)[0])
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value for name, value in headers.items() if name.lower() in KEPT_HEADERS
            }
    # Log message text and exception messages can quote what was typed (e.g. a validation error).
    if "logentry" in event:
        event["logentry"] = {"message": FILTERED}
    if "message" in event:
        event["message"] = FILTERED
    for exception in (event.get("exception") or {}).get("values") or []:
        if exception.get("value"):
            exception["value"] = FILTERED
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    event.pop("extra", None)
    event.pop("user", None)
    breadcrumbs = event.get("breadcrumbs")
    if isinstance(breadcrumbs, dict):
        breadcrumbs["values"] = [
            {key: crumb[key] for key in ("timestamp", "type", "category", "level") if key in crumb}
            for crumb in breadcrumbs.get("values") or []
        ]
    return event


def init_sentry(dsn: str, environment: str, release: str | None, traces_sample_rate: float = 0.0):
    """Start the SDK in a web, worker or beat process. `release` defaults to what the SDK finds
    (SENTRY_RELEASE, or the git commit of the checkout)."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or sentry_sdk.utils.get_default_release(),
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        integrations=[
            DjangoIntegration(),
            CeleryIntegration(),
            LoggingIntegration(event_level=None),
        ],
    )
