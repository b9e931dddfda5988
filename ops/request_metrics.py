"""Requests and errors served, counted by the process that served them. Under gunicorn with several
workers set PROMETHEUS_MULTIPROC_DIR (prometheus-client's multiprocess mode) so a scrape adds up
every worker's counts."""

import os

from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

REQUESTS = Counter(
    "clinic_http_requests",
    "HTTP requests served, by method and status class.",
    ["method", "status"],
)
ERRORS = Counter(
    "clinic_http_errors",
    "HTTP requests that ended in a server error (5xx or an unhandled exception).",
)
KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def request_metrics_text() -> bytes:
    """The exposition text of the request counters, of every worker in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest()


class RequestMetricsMiddleware:
    """Counts each response by method and status class (2xx, 3xx, ...), and server errors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        method = request.method if request.method in KNOWN_METHODS else "other"
        try:
            response = self.get_response(request)
        except Exception:
            REQUESTS.labels(method, "5xx").inc()
            ERRORS.inc()
            raise
        REQUESTS.labels(method, f"{response.status_code // 100}xx").inc()
        if response.status_code >= 500:
            ERRORS.inc()
        return response
