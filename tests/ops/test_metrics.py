"""/metrics: Prometheus figures for the person on call, open only with a token or from a
configured network."""

import datetime

import pytest
import time_machine
from django.http import HttpResponseServerError
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from leads.models import LeadEmailKind
from ops.heartbeat import DELIVERY_SWEEP, record_heartbeat
from ops.request_metrics import RequestMetricsMiddleware
from outbox.models import DeliveryStatus, EmailDelivery
from tests.factories import LeadFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 15, 0, tzinfo=datetime.UTC)
TOKEN = "metrics-token-for-tests-1c9e4b"


def samples(response) -> dict:
    """{(name, labels as a sorted tuple): value} of an exposition text."""
    found = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_metrics_are_refused_without_a_token_or_an_allowed_network(client, settings):
    settings.OPS_METRICS_TOKEN = TOKEN
    settings.OPS_METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "no-store" in response["Cache-Control"] and not response.cookies


def test_metrics_are_open_to_a_configured_network_behind_the_trusted_proxy(client, settings):
    settings.OPS_METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    inside = client.get("/metrics", headers={"X-Forwarded-For": "10.20.3.4"})
    outside = client.get("/metrics", headers={"X-Forwarded-For": "10.21.3.4"})
    assert (inside.status_code, outside.status_code) == (200, 403)


def test_an_empty_token_setting_never_opens_the_metrics(client, settings):
    settings.OPS_METRICS_TOKEN = ""
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 403


def test_metrics_report_what_the_person_on_call_needs(client, settings):
    settings.OPS_METRICS_TOKEN = TOKEN
    with time_machine.travel(NOW, tick=False):
        first, second = LeadFactory(), LeadFactory()
        EmailDelivery.objects.create(
            about=first,
            kind=LeadEmailKind.CONFIRMATION,
            recipient="a@example.org",
            status=DeliveryStatus.SENT,
        )
        EmailDelivery.objects.create(
            about=first,
            kind=LeadEmailKind.ESCALATION,
            recipient="staff@clinic.example",
            status=DeliveryStatus.SENT,
        )
        EmailDelivery.objects.create(
            about=second,
            kind=LeadEmailKind.CONFIRMATION,
            recipient="b@example.org",
            status=DeliveryStatus.FAILED,
        )
        record_heartbeat(DELIVERY_SWEEP)
    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        EmailDelivery.objects.create(
            about=second, kind=LeadEmailKind.STAFF_NOTIFICATION, recipient="s@clinic.example"
        )
    with time_machine.travel(NOW + datetime.timedelta(minutes=12), tick=False):
        client.get("/health/live")
        response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    found = samples(response)
    assert found[("clinic_leads_received_total", ())] == 2
    assert found[("clinic_email_deliveries", (("status", "sent"),))] == 2
    assert found[("clinic_email_deliveries", (("status", "failed"),))] == 1
    assert found[("clinic_email_deliveries", (("status", "pending"),))] == 1
    assert found[("clinic_email_deliveries", (("status", "sending"),))] == 0
    assert found[("clinic_oldest_pending_delivery_age_seconds", ())] == 7 * 60
    assert found[("clinic_worker_heartbeat_age_seconds", ())] == 12 * 60
    assert found[("clinic_escalations_sent_total", ())] == 1
    ok_gets = found[("clinic_http_requests_total", (("method", "GET"), ("status", "2xx")))]
    assert ok_gets >= 1
    assert ("clinic_http_errors_total", ()) in found


def test_server_errors_and_unhandled_exceptions_are_counted(rf):
    def failing_view(request):
        raise RuntimeError("the view broke")

    def error_page(request):
        return HttpResponseServerError("Server error")

    before = REGISTRY.get_sample_value("clinic_http_errors_total")
    with pytest.raises(RuntimeError):
        RequestMetricsMiddleware(failing_view)(rf.get("/"))
    RequestMetricsMiddleware(error_page)(rf.post("/"))
    assert REGISTRY.get_sample_value("clinic_http_errors_total") == before + 2
    assert (
        REGISTRY.get_sample_value("clinic_http_requests_total", {"method": "POST", "status": "5xx"})
        >= 1
    )
