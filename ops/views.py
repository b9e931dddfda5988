"""/health/live, /health/ready and /metrics: for load balancers, orchestrators and Prometheus.

None of them is cached, rate-limited or opens a session; details (error texts, timings) only for a
caller with the token, since they can name hosts and versions."""

from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from ops.access import from_allowed_network, holds_token
from ops.health import run_readiness_checks
from ops.lead_metrics import LeadMetricsCollector
from ops.request_metrics import request_metrics_text


@never_cache
@require_safe
def live(request):
    """200 while the process serves requests; it checks nothing else on purpose, so a database
    outage does not make an orchestrator restart every web process."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request):
    """200 when every dependency answers, else 503 naming the failing checks."""
    outcomes = run_readiness_checks()
    failing = [outcome.name for outcome in outcomes if not outcome.ok]
    body = {"status": "unavailable" if failing else "ok", "failing": failing}
    if holds_token(request, "OPS_HEALTH_TOKEN"):
        body["checks"] = {
            outcome.name: {
                "ok": outcome.ok,
                "error": outcome.error,
                "milliseconds": round(outcome.seconds * 1000, 1),
            }
            for outcome in outcomes
        }
    return JsonResponse(body, status=503 if failing else 200)


@never_cache
@require_safe
def metrics(request):
    """Prometheus exposition: request counters and the contact-request figures."""
    if not (holds_token(request, "OPS_METRICS_TOKEN") or from_allowed_network(request)):
        return HttpResponseForbidden("Forbidden", content_type="text/plain")
    registry = CollectorRegistry()
    registry.register(LeadMetricsCollector())
    text = request_metrics_text() + generate_latest(registry)
    return HttpResponse(text, content_type=CONTENT_TYPE_LATEST)
